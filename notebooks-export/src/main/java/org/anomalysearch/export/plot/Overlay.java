package org.anomalysearch.export.plot;

import java.util.List;

/**
 * One distribution drawn as a step line in an overlay plot: bin edges (n + 1) and n bin values, already
 * normalised as the caller wants them (e.g. to unit area).
 */
public record Overlay(String label, double[] edges, double[] values) {

    public Overlay {
        if (edges.length != values.length + 1) {
            throw new IllegalArgumentException("need one more edge than values, got " + edges.length + " edges and "
                    + values.length + " values");
        }
    }

    /** A unit-area density histogram of {@code data} on {@code nBins} equal bins in [lo, hi). */
    public static Overlay density(String label, double[] data, double lo, double hi, int nBins) {
        double[] edges = new double[nBins + 1];
        for (int i = 0; i <= nBins; i++) {
            edges[i] = lo + (hi - lo) * i / nBins;
        }
        double[] counts = new double[nBins];
        double width = (hi - lo) / nBins;
        long inRange = 0;
        for (double x : data) {
            if (x >= lo && x < hi) {
                int b = Math.min(nBins - 1, (int) ((x - lo) / width));
                counts[b]++;
                inRange++;
            }
        }
        if (inRange > 0) {
            for (int i = 0; i < nBins; i++) {
                counts[i] /= inRange * width;
            }
        }
        return new Overlay(label, edges, counts);
    }

    /** The common range [min, max] of the 0.5 % and 99.5 % quantiles of several samples. */
    public static double[] robustRange(List<double[]> samples) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : samples) {
            if (s.length == 0) {
                continue;
            }
            double[] sorted = s.clone();
            java.util.Arrays.sort(sorted);
            lo = Math.min(lo, sorted[(int) (0.005 * (sorted.length - 1))]);
            hi = Math.max(hi, sorted[(int) Math.ceil(0.995 * (sorted.length - 1))]);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new double[] {lo, hi};
    }
}
