/** Boosted decision trees for the FPGA hand-off: conifer's JSON model format. */
package org.anomalysearch.fpga.trees;
