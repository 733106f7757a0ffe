/**
 * Resource and latency ESTIMATES of an hls4ml MLP before synthesis: valid reuse factors, multipliers, DSPs and
 * cycles ({@link org.anomalysearch.fpga.cost.CostEstimate}, {@link org.anomalysearch.fpga.cost.ReuseFactors}).
 */
package org.anomalysearch.fpga.cost;
