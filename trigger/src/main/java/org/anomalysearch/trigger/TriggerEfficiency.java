package org.anomalysearch.trigger;

import java.util.Arrays;

/**
 * Trigger figures from scores (larger = more anomalous; an event passes when its score is strictly above the
 * threshold). The threshold for a target background acceptance a on N background events is the (k+1)-th largest
 * background score, k = floor(a N), so that k events pass when no scores tie; the acceptance actually reached
 * (passing / N, lower with ties) is reported beside it. With fewer than {@code minPassing} background events
 * expected to pass, the acceptance is not measurable on that sample and no threshold is given.
 */
public final class TriggerEfficiency {

    private TriggerEfficiency() {
    }

    /**
     * A threshold for one target acceptance.
     *
     * @param target     the requested background acceptance
     * @param expected   floor(target N), the background events meant to pass
     * @param measurable expected >= minPassing (otherwise threshold is NaN and passing 0)
     * @param threshold  the score an event must exceed
     * @param passing    background events above the threshold
     * @param acceptance passing / N
     */
    public record Threshold(double target, long expected, boolean measurable, double threshold, long passing,
                            double acceptance) {
    }

    /** The threshold at {@code target} acceptance of {@code background}. */
    public static Threshold threshold(double[] background, double target, int minPassing) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("acceptance " + target + " outside (0, 1]");
        }
        int n = background.length;
        long k = (long) Math.floor(target * n);
        if (k < Math.max(1, minPassing)) {
            return new Threshold(target, k, false, Double.NaN, 0, Double.NaN);
        }
        double[] s = background.clone();
        Arrays.sort(s);
        double t = k >= n ? Double.NEGATIVE_INFINITY : s[(int) (n - 1 - k)];
        long passing = passing(background, t);
        return new Threshold(target, k, true, t, passing, (double) passing / n);
    }

    /** Events strictly above {@code threshold}. */
    public static long passing(double[] scores, double threshold) {
        long c = 0;
        for (double v : scores) {
            if (v > threshold) {
                c++;
            }
        }
        return c;
    }

    /** Fraction of {@code scores} strictly above {@code threshold} (NaN for a NaN threshold or no events). */
    public static double efficiency(double[] scores, double threshold) {
        if (Double.isNaN(threshold) || scores.length == 0) {
            return Double.NaN;
        }
        return (double) passing(scores, threshold) / scores.length;
    }

    /**
     * The trigger ROC: background acceptance and signal efficiency at about {@code points} thresholds, log-spaced in
     * the number of background events passing from {@code minPassing} to all of them; rows {acceptance, efficiency},
     * acceptance decreasing.
     */
    public static double[][] roc(double[] background, double[] signal, int minPassing, int points) {
        int n = background.length;
        double[] b = background.clone();
        double[] s = signal.clone();
        Arrays.sort(b);
        Arrays.sort(s);
        int lo = Math.max(1, minPassing);
        if (n <= lo) {
            return new double[0][];
        }
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        long last = -1;
        for (int i = 0; i < points; i++) {
            long k = Math.round(Math.exp(Math.log(n) + (Math.log(lo) - Math.log(n)) * i / (points - 1.0)));
            k = Math.max(lo, Math.min(n - 1, k));
            if (k == last) {
                continue;
            }
            last = k;
            double t = b[(int) (n - 1 - k)];
            long bp = n - upperIndex(b, t);
            long sp = s.length - upperIndex(s, t);
            rows.add(new double[] {(double) bp / n, s.length == 0 ? Double.NaN : (double) sp / s.length});
        }
        return rows.toArray(new double[0][]);
    }

    /** The first index of sorted {@code a} whose value is above {@code t}. */
    private static int upperIndex(double[] a, double t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
