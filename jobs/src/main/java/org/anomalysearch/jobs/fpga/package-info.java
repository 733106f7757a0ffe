/**
 * The hand-off from trained cwola classifiers to the FPGA export ({@code fpga-export}): it lives in {@code jobs},
 * the one module that depends on both, so that fpga-export stays free of DJL and cwola free of fixed-point code.
 */
package org.anomalysearch.jobs.fpga;
