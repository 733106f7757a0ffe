package org.anomalysearch.fpga.scan;

import java.util.Map;

import org.anomalysearch.fpga.fixed.FixedType;

/**
 * One precision of a scan.
 *
 * @param type               the model-wide type
 * @param auc                AUC of the emulated (fixed-point) output
 * @param relativeAuc        auc / AUC of the float model
 * @param selectedFraction   fraction of events the fixed-point cut at the working point keeps (ties at the cut
 *                           are all kept, so it can exceed the working point when outputs are coarse)
 * @param selectionOverlap   |A and B| / |A or B| of the float (A) and fixed-point (B) selections at the working
 *                           point (1 = the same events)
 * @param overflows          per hls4ml layer, overflowing assignments summed over all events
 * @param parameterOverflows per layer, weights and biases that do not fit their types
 * @param eventsWithOverflow events with at least one overflow anywhere
 * @param dspHls4ml          DSP estimate, hls4ml's rule, at the scan's RF
 * @param dsp27x18           DSP estimate, DSP48E2 rule
 * @param meetsTarget        relativeAuc >= the target
 */
public record ScanPoint(FixedType type, double auc, double relativeAuc, double selectedFraction,
        double selectionOverlap, Map<String, Long> overflows, Map<String, Long> parameterOverflows,
        long eventsWithOverflow, long dspHls4ml, long dsp27x18, boolean meetsTarget) {

    public ScanPoint {
        overflows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overflows));
        parameterOverflows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterOverflows));
    }

    /** Total bits W. */
    public int width() {
        return type.width();
    }

    /** Integer bits I. */
    public int integerBits() {
        return type.integerBits();
    }

    /** Overflowing assignments summed over layers. */
    public long totalOverflows() {
        return overflows.values().stream().mapToLong(Long::longValue).sum();
    }
}
