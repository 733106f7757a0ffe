package org.anomalysearch.core.stats;

import java.util.Arrays;

/**
 * Distances between two one-dimensional samples, from their empirical CDFs F_a and F_b:
 * <ul>
 *   <li>{@link #ks}: the Kolmogorov-Smirnov statistic sup_x |F_a(x) - F_b(x)| (as scipy.stats.ks_2samp's
 *       statistic);</li>
 *   <li>{@link #wasserstein1}: the first Wasserstein (earth mover's) distance, the integral of
 *       |F_a(x) - F_b(x)| dx (as scipy.stats.wasserstein_distance), in the unit of the data.</li>
 * </ul>
 * Both sort copies of the inputs: O((n + m) log(n + m)). The inputs are not modified.
 */
public final class TwoSample {

    private TwoSample() {
    }

    /** Kolmogorov-Smirnov two-sample statistic in [0, 1]; ties are handled exactly. */
    public static double ks(double[] a, double[] b) {
        double[] x = sorted(a, "a");
        double[] y = sorted(b, "b");
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** First Wasserstein distance of the two empirical distributions (equal weights per point). */
    public static double wasserstein1(double[] a, double[] b) {
        double[] x = sorted(a, "a");
        double[] y = sorted(b, "b");
        int i = 0;
        int j = 0;
        double prev = Math.min(x[0], y[0]);
        double sum = 0;
        while (i < x.length || j < y.length) {
            double v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            // between prev and v both CDFs are constant
            sum += Math.abs((double) i / x.length - (double) j / y.length) * (v - prev);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            prev = v;
        }
        return sum;
    }

    private static double[] sorted(double[] v, String name) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException("sample " + name + " must hold at least one value, got "
                    + (v == null ? "null" : "none"));
        }
        double[] c = v.clone();
        for (double x : c) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("sample " + name + " holds a non-finite value " + x
                        + "; filter NaN and infinities first");
            }
        }
        Arrays.sort(c);
        return c;
    }
}
