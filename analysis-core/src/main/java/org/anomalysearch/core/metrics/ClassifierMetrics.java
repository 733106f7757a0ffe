package org.anomalysearch.core.metrics;

import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.Seeds;

/**
 * The numbers a classifier is judged by: exact AUC, max SIC with a minimum background count, background
 * rejection at a fixed signal efficiency, and seeded bootstrap uncertainties of AUC and max SIC.
 *
 * <p>Labels are 1 (signal) and 0 (background); scores are higher for more signal-like events.
 */
public final class ClassifierMetrics {

    /** The default minimum number of background events passing a working point for max SIC (rel. error 20 %). */
    public static final long DEFAULT_MIN_BACKGROUND = 25;

    private ClassifierMetrics() {
    }

    /**
     * The exact area under the ROC curve: the Mann-Whitney statistic P(s_sig > s_bkg) + P(s_sig = s_bkg) / 2,
     * computed from mid-ranks (O(n log n)), weighted when {@code weights} is not null.
     */
    public static double auc(double[] scores, int[] labels, double[] weights) {
        MetricInputs.check(scores, labels, weights);
        int[] order = MetricInputs.descendingOrder(scores);
        // Walk tied groups from the highest score down: each signal weight in a group earns the background
        // weight strictly below it plus half the background weight tied with it.
        double totalB = 0;
        double totalS = 0;
        for (int i = 0; i < scores.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (labels[i] == 1) {
                totalS += w;
            } else {
                totalB += w;
            }
        }
        double bAbove = 0;
        double u = 0;
        int k = 0;
        int n = order.length;
        while (k < n) {
            double s = scores[order[k]];
            double gS = 0;
            double gB = 0;
            while (k < n && scores[order[k]] == s) {
                int i = order[k];
                double w = weights == null ? 1.0 : weights[i];
                if (labels[i] == 1) {
                    gS += w;
                } else {
                    gB += w;
                }
                k++;
            }
            double bBelow = totalB - bAbove - gB;
            u += gS * (bBelow + gB / 2);
            bAbove += gB;
        }
        return u / (totalS * totalB);
    }

    /** Unweighted {@link #auc(double[], int[], double[])}. */
    public static double auc(double[] scores, int[] labels) {
        return auc(scores, labels, null);
    }

    /** Max SIC over working points with at least {@code minBackground} background events passing. */
    public static WorkingPoint maxSic(double[] scores, int[] labels, long minBackground) {
        return RocCurve.of(scores, labels).maxSic(minBackground);
    }

    /**
     * Bootstrap of AUC and max SIC: {@code nResamples} resamples of all events with replacement (the class
     * sizes fluctuate, as in a new experiment of the same size), each seeded from
     * {@code Seeds.derive(seed, "metrics.bootstrap", r)}, so the result depends only on the inputs and the
     * seed. The curve is sorted once; resamples reuse that order with multiplicities.
     */
    public static BootstrapResult bootstrap(double[] scores, int[] labels, double[] weights, long minBackground,
                                            int nResamples, long seed) {
        if (nResamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, got " + nResamples);
        }
        MetricInputs.check(scores, labels, weights);
        int[] order = MetricInputs.descendingOrder(scores);
        RocCurve nominal = RocCurve.fromSorted(scores, labels, weights, null, order);
        int n = scores.length;
        double[] aucs = new double[nResamples];
        double[] sics = new double[nResamples];
        int[] mult = new int[n];
        for (int r = 0; r < nResamples; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "metrics.bootstrap", r));
            java.util.Arrays.fill(mult, 0);
            for (int j = 0; j < n; j++) {
                mult[rng.nextInt(n)]++;
            }
            RocCurve c = RocCurve.fromSorted(scores, labels, weights, mult, order);
            aucs[r] = c.auc();
            sics[r] = c.maxSic(minBackground).sic();
        }
        return new BootstrapResult(Estimate.of(nominal.auc(), aucs),
                Estimate.of(nominal.maxSic(minBackground).sic(), sics), nResamples, seed);
    }

    /** A value with its bootstrap spread. */
    public record Estimate(double value, double mean, double std, double q16, double q84) {
        static Estimate of(double value, double[] samples) {
            double[] s = java.util.Arrays.stream(samples).filter(Double::isFinite).sorted().toArray();
            if (s.length < 2) {
                return new Estimate(value, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = 0;
            for (double v : s) {
                mean += v;
            }
            mean /= s.length;
            double var = 0;
            for (double v : s) {
                var += (v - mean) * (v - mean);
            }
            return new Estimate(value, mean, Math.sqrt(var / (s.length - 1)), quantile(s, 0.16), quantile(s, 0.84));
        }

        /** Linear-interpolated quantile of sorted values (numpy's default). */
        static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.4g +- %.2g", value, std);
        }
    }

    /**
     * AUC and max SIC of the full sample with their bootstrap spreads.
     *
     * @param auc        AUC (value = on the full sample)
     * @param maxSic     max SIC (value = on the full sample)
     * @param nResamples number of resamples
     * @param seed       bootstrap seed
     */
    public record BootstrapResult(Estimate auc, Estimate maxSic, int nResamples, long seed) {
    }
}
