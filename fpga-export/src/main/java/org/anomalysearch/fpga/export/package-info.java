/**
 * The hand-off to hls4ml: {@link org.anomalysearch.fpga.export.FpgaExport} writes model.onnx, the hls4ml YAML
 * configuration ({@link org.anomalysearch.fpga.export.Hls4mlConfig}) and the test-bench data into a new
 * directory, all or nothing.
 */
package org.anomalysearch.fpga.export;
