/**
 * Precision scans: relative AUC of the bit-exact emulation over a grid of fixed-point types, selection agreement,
 * overflow counts, and the cheapest precision meeting a target ({@link org.anomalysearch.fpga.scan.PrecisionScan}).
 */
package org.anomalysearch.fpga.scan;
