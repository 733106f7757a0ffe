package org.anomalysearch.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    /** Gaussian scores: background N(0,1), signal N(d,1); AUC = Phi(d / sqrt 2). */
    static double[][] gaussians(int nS, int nB, double d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[nS + nB];
        double[] l = new double[nS + nB];
        for (int i = 0; i < s.length; i++) {
            boolean sig = i < nS;
            s[i] = gauss(r) + (sig ? d : 0);
            l[i] = sig ? 1 : 0;
        }
        return new double[][] {s, l};
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static int[] ints(double[] d) {
        int[] o = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            o[i] = (int) d[i];
        }
        return o;
    }

    @Test
    void aucOfPerfectRandomAndInvertedClassifiers() {
        int[] l = {0, 0, 1, 1};
        assertEquals(1.0, ClassifierMetrics.auc(new double[] {0, 1, 2, 3}, l), 0);
        assertEquals(0.0, ClassifierMetrics.auc(new double[] {3, 2, 1, 0}, l), 0);
        assertEquals(0.5, ClassifierMetrics.auc(new double[] {1, 1, 1, 1}, l), 0, "all tied -> 1/2");
        // one tie between a signal and a background event: 3 pairs won, 1 pair tied -> 3.5 / 4
        assertEquals(0.875, ClassifierMetrics.auc(new double[] {0, 2, 2, 3}, l), 0);
    }

    @Test
    void aucMatchesClosedFormOnGaussians() {
        double[][] g = gaussians(20000, 20000, 1.0, 7);
        double expected = 0.760249938; // Phi(1/sqrt 2)
        // standard error of AUC at n = 20k per class is ~0.0033
        assertEquals(expected, ClassifierMetrics.auc(g[0], ints(g[1])), 0.01);
    }

    @Test
    void maxSicOfGaussiansMatchesClosedForm() {
        // background N(0,1), signal N(2,1); SIC(t) = Q(t-2)/sqrt(Q(t)); the max with 25 background events of
        // 200k passing is near t = 3.1..3.3 where SIC ~ 5.6 (closed form evaluated on a grid below).
        double[][] g = gaussians(200000, 200000, 2.0, 11);
        WorkingPoint wp = ClassifierMetrics.maxSic(g[0], ints(g[1]), 25);
        double best = 0;
        org.apache.commons.math3.distribution.NormalDistribution nd =
                new org.apache.commons.math3.distribution.NormalDistribution();
        for (double t = 0; t < 6; t += 0.001) {
            double fpr = 1 - nd.cumulativeProbability(t);
            if (fpr * 200000 >= 25) {
                best = Math.max(best, (1 - nd.cumulativeProbability(t - 2)) / Math.sqrt(fpr));
            }
        }
        assertEquals(best, wp.sic(), 0.15 * best, "max SIC within its statistical scatter (25 events: 20 %)");
        assertTrue(wp.backgroundPassing() >= 25);
    }

    @Test
    void maxSicHonoursTheMinimumBackground() {
        double[] s = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        int[] l = {1, 1, 0, 1, 0, 0, 0, 0, 0, 0};
        RocCurve roc = RocCurve.of(s, l);
        // >= 1 background: best is threshold 7 (tpr 1, fpr 1/7): SIC = sqrt 7
        assertEquals(Math.sqrt(7), roc.maxSic(1).sic(), 1e-12);
        // >= 3 background: threshold 5: tpr 1, fpr 3/7
        assertEquals(1 / Math.sqrt(3.0 / 7), roc.maxSic(3).sic(), 1e-12);
        assertTrue(Double.isNaN(roc.maxSic(8).sic()), "no working point has 8 background events");
        assertThrows(IllegalArgumentException.class, () -> roc.maxSic(0));
    }

    @Test
    void rejectionAtFixedEfficiency() {
        double[] s = {4, 3, 2, 1};
        int[] l = {1, 0, 1, 0};
        RocCurve roc = RocCurve.of(s, l);
        // points (fpr, tpr): (0,0) (0,.5) (.5,.5) (.5,1) (1,1); TPR 0.75 first reached at (0.5, 1): interpolate
        // between (0.5, 0.5) and (0.5, 1) -> FPR 0.5
        assertEquals(2.0, roc.rejectionAt(0.75), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, roc.rejectionAt(0.25));
    }

    @Test
    void bootstrapIsSeededAndMatchesTheAnalyticSpread() {
        double[][] g = gaussians(2000, 2000, 1.0, 3);
        int[] l = ints(g[1]);
        ClassifierMetrics.BootstrapResult a = ClassifierMetrics.bootstrap(g[0], l, null, 25, 200, 42);
        ClassifierMetrics.BootstrapResult b = ClassifierMetrics.bootstrap(g[0], l, null, 25, 200, 42);
        ClassifierMetrics.BootstrapResult c = ClassifierMetrics.bootstrap(g[0], l, null, 25, 200, 43);
        assertEquals(a, b, "same seed, same bootstrap");
        assertNotEquals(a.auc().std(), c.auc().std());
        assertEquals(ClassifierMetrics.auc(g[0], l), a.auc().value(), 1e-12);
        // Hanley-McNeil standard error of the AUC
        double auc = a.auc().value();
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double se = Math.sqrt((auc * (1 - auc) + 1999 * (q1 - auc * auc) + 1999 * (q2 - auc * auc)) / (2000.0 * 2000));
        assertEquals(se, a.auc().std(), 0.25 * se);
        assertTrue(a.maxSic().std() > 0 && a.maxSic().q16() < a.maxSic().q84());
    }

    @Test
    void badInputsAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {1, 2}, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {1, Double.NaN}, new int[] {1, 0}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {1, 2}, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("expected 0 or 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {1}, new int[] {1, 0}));
    }

    @Test
    void topSelectionKeepsExactCountsOverallAndPerBin() {
        double[] s = {0.1, 0.9, 0.5, 0.5, 0.3, 0.8, 0.2, 0.7};
        TopSelection.Result all = TopSelection.top(s, 0.25);
        assertArrayEquals(new boolean[] {false, true, false, false, false, true, false, false}, all.selected());
        assertEquals(0.8, all.thresholds()[0]);
        // ties broken by the lower index: top 3 = 0.9, 0.8, 0.7; top 4 adds the first 0.5 (index 2)
        TopSelection.Result four = TopSelection.top(s, 0.5);
        assertTrue(four.selected()[2] && !four.selected()[3]);
        double[] mjj = {1, 1, 1, 1, 2, 2, 2, 5};
        TopSelection.Result pb = TopSelection.topPerBin(s, mjj, new double[] {0.5, 1.5, 2.5}, 0.5);
        // bin 0: {0.1, 0.9, 0.5, 0.5} keep 2 -> 0.9 and first 0.5; bin 1: {0.3, 0.8, 0.2} keep round(1.5)=2
        assertArrayEquals(new boolean[] {false, true, true, false, true, true, false, false}, pb.selected());
        assertArrayEquals(new int[] {4, 3}, pb.groupSize());
        assertArrayEquals(new int[] {2, 2}, pb.groupSelected());
        assertEquals(0.3, pb.thresholds()[1]);
    }
}
