package org.anomalysearch.core.metrics;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve: one point per distinct score threshold, in decreasing order of
 * threshold, starting at (0, 0) with threshold {@code +inf} (as scikit-learn >= 1.3 does with
 * {@code drop_intermediate=False}). An event passes a threshold {@code t} when its score is {@code >= t}.
 *
 * <p>Tied scores form one point, so ties never produce an order-dependent curve.
 *
 * @param thresholds       decreasing thresholds; {@code thresholds[0] = +inf}
 * @param tpr              signal efficiency (weighted true-positive rate) at each threshold
 * @param fpr              background efficiency (weighted false-positive rate) at each threshold
 * @param backgroundPassing number of background events (unweighted count) passing each threshold
 * @param signalPassing    number of signal events (unweighted count) passing each threshold
 * @param signalTotal      summed weight of signal events
 * @param backgroundTotal  summed weight of background events
 */
public record RocCurve(double[] thresholds, double[] tpr, double[] fpr, long[] backgroundPassing,
                       long[] signalPassing, double signalTotal, double backgroundTotal) {

    public RocCurve {
        int n = thresholds.length;
        if (tpr.length != n || fpr.length != n || backgroundPassing.length != n || signalPassing.length != n) {
            throw new IllegalArgumentException("ROC arrays must have the same length, got " + n + ", " + tpr.length
                    + ", " + fpr.length + ", " + backgroundPassing.length + ", " + signalPassing.length);
        }
    }

    /** The ROC curve of unweighted events; {@code labels} are 1 (signal) or 0 (background). */
    public static RocCurve of(double[] scores, int[] labels) {
        return of(scores, labels, null);
    }

    /**
     * The ROC curve of weighted events.
     *
     * @param scores  classifier scores, higher = more signal-like; no NaN
     * @param labels  1 (signal) or 0 (background)
     * @param weights event weights ({@code >= 0}, finite), or null for unit weights
     */
    public static RocCurve of(double[] scores, int[] labels, double[] weights) {
        MetricInputs.check(scores, labels, weights);
        int[] order = MetricInputs.descendingOrder(scores);
        return fromSorted(scores, labels, weights, null, order);
    }

    /**
     * The curve over events in {@code order} (descending score), each counted {@code multiplicity[i]} times
     * (null = once). Used by the bootstrap, which resamples without re-sorting.
     */
    static RocCurve fromSorted(double[] scores, int[] labels, double[] weights, int[] multiplicity, int[] order) {
        int n = order.length;
        double[] th = new double[n + 1];
        double[] tp = new double[n + 1];
        double[] fp = new double[n + 1];
        long[] nb = new long[n + 1];
        long[] ns = new long[n + 1];
        th[0] = Double.POSITIVE_INFINITY;
        int m = 1;
        double sumTp = 0;
        double sumFp = 0;
        long cntB = 0;
        long cntS = 0;
        int k = 0;
        while (k < n) {
            double s = scores[order[k]];
            boolean any = false;
            while (k < n && scores[order[k]] == s) {
                int i = order[k];
                int mult = multiplicity == null ? 1 : multiplicity[i];
                if (mult != 0) {
                    any = true;
                    double w = (weights == null ? 1.0 : weights[i]) * mult;
                    if (labels[i] == 1) {
                        sumTp += w;
                        cntS += mult;
                    } else {
                        sumFp += w;
                        cntB += mult;
                    }
                }
                k++;
            }
            if (any) {
                th[m] = s;
                tp[m] = sumTp;
                fp[m] = sumFp;
                nb[m] = cntB;
                ns[m] = cntS;
                m++;
            }
        }
        double[] tpr = new double[m];
        double[] fpr = new double[m];
        for (int j = 0; j < m; j++) {
            tpr[j] = sumTp > 0 ? tp[j] / sumTp : Double.NaN;
            fpr[j] = sumFp > 0 ? fp[j] / sumFp : Double.NaN;
        }
        return new RocCurve(Arrays.copyOf(th, m), tpr, fpr, Arrays.copyOf(nb, m), Arrays.copyOf(ns, m), sumTp,
                sumFp);
    }

    /** Number of points (distinct thresholds + the (0, 0) point). */
    public int size() {
        return thresholds.length;
    }

    /** The area under the curve by the trapezoidal rule, equal to the Mann-Whitney AUC with ties counted 1/2. */
    public double auc() {
        double a = 0;
        for (int j = 1; j < size(); j++) {
            a += (fpr[j] - fpr[j - 1]) * (tpr[j] + tpr[j - 1]) / 2;
        }
        return a;
    }

    /**
     * The SIC curve TPR / sqrt(FPR) at each point; NaN where FPR = 0.
     */
    public double[] sic() {
        double[] sic = new double[size()];
        for (int j = 0; j < sic.length; j++) {
            sic[j] = fpr[j] > 0 ? tpr[j] / Math.sqrt(fpr[j]) : Double.NaN;
        }
        return sic;
    }

    /**
     * The best working point by SIC among those with at least {@code minBackground} background events passing
     * (unweighted count). Returns a {@link WorkingPoint} with NaN SIC when no point qualifies.
     */
    public WorkingPoint maxSic(long minBackground) {
        if (minBackground < 1) {
            throw new IllegalArgumentException("minBackground must be >= 1 (FPR = 0 has no SIC), got "
                    + minBackground);
        }
        int best = -1;
        double bestSic = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size(); j++) {
            if (backgroundPassing[j] >= minBackground && fpr[j] > 0) {
                double s = tpr[j] / Math.sqrt(fpr[j]);
                if (s > bestSic) {
                    bestSic = s;
                    best = j;
                }
            }
        }
        if (best < 0) {
            return new WorkingPoint(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        return new WorkingPoint(thresholds[best], tpr[best], fpr[best], bestSic, backgroundPassing[best],
                signalPassing[best]);
    }

    /**
     * The background rejection 1 / FPR at signal efficiency {@code signalEfficiency}, with FPR interpolated
     * linearly in TPR between the two neighbouring points of the curve (as {@code numpy.interp(eff, tpr, fpr)}).
     * Infinite when the interpolated FPR is 0.
     */
    public double rejectionAt(double signalEfficiency) {
        return 1.0 / fprAt(signalEfficiency);
    }

    /** FPR at signal efficiency {@code signalEfficiency} in (0, 1], interpolated linearly in TPR. */
    public double fprAt(double signalEfficiency) {
        if (!(signalEfficiency > 0 && signalEfficiency <= 1)) {
            throw new IllegalArgumentException("signal efficiency must be in (0, 1], got " + signalEfficiency);
        }
        // tpr is non-decreasing; find the first j with tpr[j] >= eff.
        for (int j = 1; j < size(); j++) {
            if (tpr[j] >= signalEfficiency) {
                // numpy.interp with repeated x values uses the right-most of equal x on the left side;
                // take the last point before j whose tpr < eff.
                double t0 = tpr[j - 1];
                double t1 = tpr[j];
                if (t1 == t0) {
                    return fpr[j];
                }
                return fpr[j - 1] + (fpr[j] - fpr[j - 1]) * (signalEfficiency - t0) / (t1 - t0);
            }
        }
        return Double.NaN;
    }
}
