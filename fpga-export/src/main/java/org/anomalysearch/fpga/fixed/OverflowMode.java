package org.anomalysearch.fpga.fixed;

/** Overflow modes of Xilinx {@code ap_fixed}: what happens to a quantized value outside the target range. */
public enum OverflowMode {
    /** Keep the low W bits (two's complement wrap-around); the default. With N saturation bits, see {@link FixedType}. */
    AP_WRAP,
    /** Clamp to the largest or smallest representable value. */
    AP_SAT,
    /** Replace an out-of-range value by zero. */
    AP_SAT_ZERO,
    /** Clamp symmetrically to [-max, max] (signed types; the most negative value is not used). */
    AP_SAT_SYM;

    /** The hls4ml spelling, without the {@code AP_} prefix (e.g. {@code SAT}). */
    public String hls4mlName() {
        return name().substring(3);
    }
}
