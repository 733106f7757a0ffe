package org.anomalysearch.fpga.scan;

import java.util.Arrays;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.fixed.OverflowMode;
import org.anomalysearch.fpga.fixed.QuantMode;

/**
 * The grid and criteria of a precision scan. Every (W, I) with I < W is scanned as a model-wide
 * {@code ap_fixed<W, I, Q, O>}.
 *
 * @param widths             total bits W
 * @param integerBits        integer bits I (sign included)
 * @param quantization       Q of every type (hls4ml's default AP_TRN)
 * @param overflow           O of every type (hls4ml's default AP_WRAP)
 * @param relativeAucTarget  the target R (default 0.99): a chosen precision's relative AUC r = AUC_fixed / AUC_float
 *                           must satisfy |1 - r| &lt;= 1 - R, from either side (a fixed-point AUC above the float
 *                           one is a departure from the float model too, not a bonus)
 * @param workingPoint       fraction of events selected at the working point (highest scores; default 0.10)
 * @param reuseFactor        RF of the DSP estimate used to break ties between equal widths
 * @param output             which model output is the score (0 for a single-output classifier)
 * @param minSelectionOverlap a chosen precision's selection overlap with the float model at the working point must
 *                           be at least this (default {@value #DEFAULT_MIN_OVERLAP}; 0 turns the check off)
 * @param allowOverflows     whether a precision with overflows (an event with an overflowing assignment, or a weight
 *                           or bias that does not fit its type) may be chosen (default false)
 */
public record ScanConfig(int[] widths, int[] integerBits, QuantMode quantization, OverflowMode overflow,
        double relativeAucTarget, double workingPoint, int reuseFactor, int output, double minSelectionOverlap,
        boolean allowOverflows) {

    /** The default minimum selection overlap of a chosen precision. */
    public static final double DEFAULT_MIN_OVERLAP = 0.9;

    public ScanConfig {
        widths = widths.clone();
        integerBits = integerBits.clone();
        if (widths.length == 0 || integerBits.length == 0) {
            throw new InvalidConfigException("scan grid", "empty grid", "give at least one W and one I");
        }
        for (int w : widths) {
            if (w < 2 || w > 32) {
                throw new InvalidConfigException("scan widths", "W = " + w, "scan W in 2..32");
            }
        }
        for (int i : integerBits) {
            if (i < -8 || i > 32) {
                throw new InvalidConfigException("scan integer bits", "I = " + i, "scan I in -8..32");
            }
        }
        if (!(relativeAucTarget > 0 && relativeAucTarget <= 1)) {
            throw new InvalidConfigException("relative AUC target", String.valueOf(relativeAucTarget),
                    "a value in (0, 1], e.g. 0.99: the relative AUC must lie within 1 - target of 1");
        }
        if (!(minSelectionOverlap >= 0 && minSelectionOverlap <= 1)) {
            throw new InvalidConfigException("minimum selection overlap", String.valueOf(minSelectionOverlap),
                    "a fraction in [0, 1], e.g. 0.9 (0: no check)");
        }
        if (!(workingPoint > 0 && workingPoint < 1)) {
            throw new InvalidConfigException("working point", String.valueOf(workingPoint),
                    "a fraction of events in (0, 1), e.g. 0.1");
        }
        if (reuseFactor < 1 || output < 0) {
            throw new InvalidConfigException("scan", "reuse factor " + reuseFactor + ", output " + output,
                    "reuse factor >= 1, output >= 0");
        }
    }

    /** The grid and criteria with the default selection checks (overlap {@value #DEFAULT_MIN_OVERLAP}, no overflows). */
    public ScanConfig(int[] widths, int[] integerBits, QuantMode quantization, OverflowMode overflow,
            double relativeAucTarget, double workingPoint, int reuseFactor, int output) {
        this(widths, integerBits, quantization, overflow, relativeAucTarget, workingPoint, reuseFactor, output,
                DEFAULT_MIN_OVERLAP, false);
    }

    /**
     * W 6..18 step 2, I 2..8, AP_TRN / AP_WRAP, target 0.99, working point 10 %, RF 1, output 0, overlap at least
     * 0.9, no overflows.
     */
    public static ScanConfig defaults() {
        return new ScanConfig(range(6, 18, 2), range(2, 8, 1), QuantMode.AP_TRN, OverflowMode.AP_WRAP, 0.99, 0.10,
                1, 0);
    }

    /** The largest |1 - relative AUC| a chosen precision may have: 1 - target. */
    public double relativeAucTolerance() {
        return 1 - relativeAucTarget;
    }

    /** Whether a relative AUC r is within the target: |1 - r| &lt;= 1 - target (a tiny slack for rounding). */
    public boolean withinTarget(double relativeAuc) {
        return Math.abs(1 - relativeAuc) <= relativeAucTolerance() + 1e-12;
    }

    /** A copy with other selection checks. */
    public ScanConfig withSelectionChecks(double minOverlap, boolean allowOverflow) {
        return new ScanConfig(widths, integerBits, quantization, overflow, relativeAucTarget, workingPoint,
                reuseFactor, output, minOverlap, allowOverflow);
    }

    /** {from, from + step, ..., <= to}. */
    public static int[] range(int from, int to, int step) {
        if (step < 1 || to < from) {
            throw new InvalidConfigException("scan range", from + ".." + to + " step " + step,
                    "write FROM:TO[:STEP] with FROM <= TO and STEP >= 1");
        }
        return java.util.stream.IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public int[] integerBits() {
        return integerBits.clone();
    }

    @Override
    public String toString() {
        return "W " + Arrays.toString(widths) + " x I " + Arrays.toString(integerBits) + ", " + quantization + ", "
                + overflow + ", target |1 - relative AUC| <= " + (float) relativeAucTolerance() + ", working point "
                + workingPoint + ", overlap >= " + minSelectionOverlap + (allowOverflows ? ", overflows allowed"
                        : ", no overflows");
    }
}
