package org.anomalysearch.fpga.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param withinTarget       |1 - relativeAuc| within the scan's tolerance ({@link ScanConfig#withinTarget})
 * @param rejections         why this precision may not be chosen (relative AUC off target, overflows, selection
 *                           overlap below the minimum); empty when it may
 */
public record ScanPoint(FixedType type, double auc, double relativeAuc, double selectedFraction,
        double selectionOverlap, Map<String, Long> overflows, Map<String, Long> parameterOverflows,
        long eventsWithOverflow, long dspHls4ml, long dsp27x18, boolean withinTarget, List<String> rejections) {

    public ScanPoint {
        overflows = Collections.unmodifiableMap(new LinkedHashMap<>(overflows));
        parameterOverflows = Collections.unmodifiableMap(new LinkedHashMap<>(parameterOverflows));
        rejections = List.copyOf(rejections);
    }

    /** Whether this precision may be chosen: no rejection. */
    public boolean eligible() {
        return rejections.isEmpty();
    }

    /** |1 - relative AUC|. */
    public double aucDeparture() {
        return Math.abs(1 - relativeAuc);
    }

    /** Weights and biases that do not fit their types, summed over layers. */
    public long totalParameterOverflows() {
        return parameterOverflows.values().stream().mapToLong(Long::longValue).sum();
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
