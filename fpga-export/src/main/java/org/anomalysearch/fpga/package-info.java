/**
 * FPGA hand-off: bit-accurate fixed-point emulation of hls4ml models.
 *
 * <ul>
 *   <li>{@link org.anomalysearch.fpga.fixed} — Xilinx {@code ap_fixed} types and exact arithmetic.</li>
 *   <li>{@link org.anomalysearch.fpga.onnx} — reading feed-forward ONNX models (MatMul + Add, activations).</li>
 *   <li>{@link org.anomalysearch.fpga.emulate} — running such a model exactly as hls4ml's C simulation.</li>
 * </ul>
 */
package org.anomalysearch.fpga;
