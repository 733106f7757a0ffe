package org.anomalysearch.fpga.fixed;

/**
 * Quantization modes of Xilinx {@code ap_fixed}: what happens to the bits below the least significant bit of
 * the target type. "Half" means exactly half a step.
 */
public enum QuantMode {
    /** Truncate toward minus infinity (floor); the default. */
    AP_TRN,
    /** Truncate toward zero. */
    AP_TRN_ZERO,
    /** Round to nearest, half toward plus infinity. */
    AP_RND,
    /** Round to nearest, half toward zero. */
    AP_RND_ZERO,
    /** Round to nearest, half toward minus infinity. */
    AP_RND_MIN_INF,
    /** Round to nearest, half away from zero. */
    AP_RND_INF,
    /** Round to nearest, half to even (convergent rounding). */
    AP_RND_CONV;

    /** The hls4ml spelling, without the {@code AP_} prefix (e.g. {@code RND}). */
    public String hls4mlName() {
        return name().substring(3);
    }

    /**
     * Whether to add one step to the floor {@code t} of a value, given the first dropped bit {@code qb}, whether
     * any lower dropped bit is set ({@code r}) and whether the value is negative ({@code neg}).
     */
    boolean roundUp(boolean qb, boolean r, boolean neg, boolean floorIsOdd) {
        switch (this) {
            case AP_TRN:
                return false;
            case AP_TRN_ZERO:
                return neg && (qb || r);
            case AP_RND:
                return qb;
            case AP_RND_ZERO:
                return qb && (neg || r);
            case AP_RND_MIN_INF:
                return qb && r;
            case AP_RND_INF:
                return qb && (!neg || r);
            case AP_RND_CONV:
                return qb && (floorIsOdd || r);
            default:
                throw new AssertionError(this);
        }
    }
}
