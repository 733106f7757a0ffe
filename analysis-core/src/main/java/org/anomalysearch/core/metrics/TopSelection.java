package org.anomalysearch.core.metrics;

import java.util.Arrays;

/**
 * Selection of the top fraction of events by classifier score, overall or separately in each mjj bin (so the
 * selected mjj spectrum keeps the shape of the inclusive one when the score is mjj-independent).
 *
 * <p>Within a group of {@code n} events, exactly {@code round(fraction * n)} events are kept (at least 1 when
 * the fraction is positive and the group non-empty): those with the highest scores, ties broken by the lower
 * event index, so the count is exact and the result deterministic.
 */
public final class TopSelection {

    private TopSelection() {
    }

    /** The selection result: a mask over the input events and, per group, the lowest selected score. */
    public record Result(boolean[] selected, double[] thresholds, int[] groupSize, int[] groupSelected) {
        /** Number of selected events. */
        public int count() {
            int c = 0;
            for (boolean b : selected) {
                if (b) {
                    c++;
                }
            }
            return c;
        }
    }

    /** Keeps the top {@code fraction} (in [0, 1]) of all events by score. */
    public static Result top(double[] scores, double fraction) {
        int[] group = new int[scores.length];
        return select(scores, group, 1, fraction);
    }

    /**
     * Keeps the top {@code fraction} of events in each bin of {@code mjj} given by ascending {@code edges}
     * (bin i = [edges[i], edges[i+1]); the last bin includes its upper edge). Events outside every bin are not
     * selected.
     */
    public static Result topPerBin(double[] scores, double[] mjj, double[] edges, double fraction) {
        if (mjj.length != scores.length) {
            throw new IllegalArgumentException("scores and mjj differ in length: " + scores.length + " vs "
                    + mjj.length);
        }
        if (edges.length < 2) {
            throw new IllegalArgumentException("need at least 2 bin edges, got " + edges.length);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("bin edges must increase strictly, got " + Arrays.toString(edges));
            }
        }
        int nb = edges.length - 1;
        int[] group = new int[scores.length];
        for (int i = 0; i < mjj.length; i++) {
            group[i] = binOf(mjj[i], edges);
        }
        return select(scores, group, nb, fraction);
    }

    /**
     * The bin of {@code m} under ascending {@code edges} as in {@link #topPerBin}: i for [edges[i], edges[i+1]),
     * the last bin including its upper edge; -1 outside every bin (and for NaN).
     */
    public static int binOf(double m, double[] edges) {
        int nb = edges.length - 1;
        if (m == edges[nb]) {
            return nb - 1;
        }
        int b = Arrays.binarySearch(edges, m);
        b = b >= 0 ? b : -b - 2;
        return b >= nb || Double.isNaN(m) ? -1 : b;
    }

    private static Result select(double[] scores, int[] group, int nGroups, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        int[] order = MetricInputs.descendingOrder(scores);
        int[] size = new int[nGroups];
        for (int g : group) {
            if (g >= 0) {
                size[g]++;
            }
        }
        int[] keep = new int[nGroups];
        for (int g = 0; g < nGroups; g++) {
            keep[g] = (int) Math.round(fraction * size[g]);
            if (fraction > 0 && size[g] > 0 && keep[g] == 0) {
                keep[g] = 1;
            }
        }
        boolean[] sel = new boolean[scores.length];
        int[] taken = new int[nGroups];
        double[] thr = new double[nGroups];
        Arrays.fill(thr, Double.NaN);
        for (int i : order) {
            int g = group[i];
            if (g >= 0 && taken[g] < keep[g]) {
                sel[i] = true;
                taken[g]++;
                thr[g] = scores[i];
            }
        }
        return new Result(sel, thr, size, taken);
    }
}
