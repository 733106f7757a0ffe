package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

/**
 * The scan's global significance without Spark: background-only toys from a smooth spectrum give calibrated local
 * p-values (one window, one efficiency: P(p &lt;= 0.05) = 0.05), the effective number of tests of independent
 * windows is their number, and nested efficiencies count as fewer tests than independent ones.
 */
class ScanSignificanceTest {

    /** A window SR [3300, 3700) in 100 GeV bins on [2800, 6000) with a smooth background of ~{@code total} events. */
    /** An efficiency's test with an accepted fit of expectation {@code mu} per bin. */
    private static ScanWindow.Efficiency test(double e, double localP, double zSigned, double[] mu) {
        return new ScanWindow.Efficiency(e, 0, 0, 0, null, 0, 0, 0, localP, zSigned, false,
                new ScanWindow.SelectedFit(false, 0, 0, 0, 1, false, mu), null, new double[0]);
    }

    private static ScanWindow window(RegionSet rs, double[] edges, List<ScanWindow.Efficiency> effs) {
        return new ScanWindow(ScanWindow.range(rs.lowSideband()), ScanWindow.range(rs.signal()),
                ScanWindow.range(rs.highSideband()), 0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, Double.NaN, edges, null,
                effs);
    }

    private static ScanWindow window(double total, double... effs) {
        double[] edges = new double[33];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = 2800 + 100 * i;
        }
        DijetFunction f = GeneratorSettings.defaults().dijetFunction();
        double norm = total / f.integral(edges[0], edges[edges.length - 1]);
        List<ScanWindow.Efficiency> tests = new ArrayList<>();
        for (double e : effs) {
            double[] mu = new double[edges.length - 1];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = e * norm * f.integral(edges[i], edges[i + 1]);
            }
            tests.add(test(e, 0.01, 0, mu));
        }
        return window(RegionSet.around(3300, 3700, 400, 400), edges, tests);
    }

    private static double fractionBelow(double[] p, double x) {
        return java.util.Arrays.stream(p).filter(v -> v <= x).count() / (double) p.length;
    }

    @Test
    void oneTestIsCalibratedAndToysAreReproducible() {
        List<ScanWindow> w = List.of(window(50_000, 0.1));
        ScanSignificance.Plan plan = ScanSignificance.plan(w, List.of(0.1), 4, 0, 42);
        double[] p = toys(plan, 400, 2);
        // 400 toys: binomial sd of the fraction at 0.05 is 0.011
        assertEquals(0.05, fractionBelow(p, 0.05), 0.035, "P(p <= 0.05) for one background-only test");
        assertEquals(0.5, fractionBelow(p, 0.4999), 0.08, "excesses (p < 0.5) in half the toys");
        assertArrayEquals(p, toys(plan, 400, 1), "same toys on any number of threads");
        ScanSignificance.Result r = ScanSignificance.of(w, List.of(0.1), p);
        assertEquals(0.01, r.minLocalP());
        assertEquals(1.0, r.trialsFactor(), 0.8, "one test");
        assertEquals(0.01, r.global().pValue(), 0.02, "one test: global p = local p");
    }

    @Test
    void independentWindowsCountAsTestsNestedEfficienciesAsFewer() {
        List<ScanWindow> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(window(50_000, 0.1));
        }
        double[] p3 = toys(ScanSignificance.plan(three, List.of(0.1), 4, 0, 7), 300, 2);
        ScanSignificance.Result r3 = ScanSignificance.of(three, List.of(0.1), p3);
        assertEquals(3.0, r3.trialsFactor(), 1.2, "three independent windows");
        assertTrue(r3.global().pValue() > 0.01, "the global p exceeds the local one");

        List<ScanWindow> nested = List.of(window(50_000, 0.5, 0.45, 0.4));
        double[] pn = toys(ScanSignificance.plan(nested, List.of(0.5, 0.45, 0.4), 4, 0, 7), 300, 2);
        ScanSignificance.Result rn = ScanSignificance.of(nested, List.of(0.5, 0.45, 0.4), pn);
        assertTrue(rn.trialsFactor() < r3.trialsFactor() - 0.5, "nested cuts keeping 40-50 % are strongly correlated: "
                + rn.trialsFactor() + " vs " + r3.trialsFactor());
    }

    /**
     * The empirical null standardises the scan's own signed local Z: a scan whose 30 tests are shifted by +0.6 and
     * widened by 1.3 (what the cuts' sculpting does on background) gets a larger smallest p than the raw one, its
     * location and spread are recovered, and a scan already at N(0, 1) is left as it is (location and spread are only
     * ever used to make the result more conservative).
     */
    @Test
    void empiricalNullUndoesAShiftAndAWidening() {
        java.util.Random rnd = new java.util.Random(3);
        List<ScanWindow> shifted = new ArrayList<>();
        List<ScanWindow> standard = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            List<ScanWindow.Efficiency> a = new ArrayList<>();
            List<ScanWindow.Efficiency> b = new ArrayList<>();
            for (double e : new double[] {0.2, 0.05, 0.01}) {
                double g = rnd.nextGaussian();
                a.add(test(e, Significance.pFromZ(0.6 + 1.3 * g), 0.6 + 1.3 * g, new double[0]));
                b.add(test(e, Significance.pFromZ(g), g, new double[0]));
            }
            RegionSet rs = RegionSet.around(3300 + 200 * w, 3700 + 200 * w, 400, 400);
            shifted.add(window(rs, new double[0], a));
            standard.add(window(rs, new double[0], b));
        }
        double[] toyT = new double[200];
        for (int i = 0; i < toyT.length; i++) {
            toyT[i] = -Math.log(Math.pow((i + 0.5) / toyT.length, 30)); // the smallest of 30 uniform p, by quantile
        }
        List<Double> effs = List.of(0.2, 0.05, 0.01);
        ScanSignificance.Result s = ScanSignificance.of(shifted, effs, java.util.Arrays.stream(toyT)
                .map(t -> Math.exp(-t)).toArray());
        ScanSignificance.EmpiricalNull n = s.empiricalNull();
        assertEquals(30, n.tests());
        assertEquals(0.6, n.median(), 0.5);
        assertEquals(1.3, n.sigma(), 0.5);
        assertTrue(n.minLocalP() > s.minLocalP(), "standardised, the smallest p grows: " + n + " vs " + s.minLocalP());
        assertTrue(n.global().pValue() >= s.global().pValue());
        ScanSignificance.Result u = ScanSignificance.of(standard, effs, java.util.Arrays.stream(toyT)
                .map(t -> Math.exp(-t)).toArray());
        if (u.empiricalNull().median() <= 0 && u.empiricalNull().sigma() <= 1) {
            assertEquals(u.minLocalP(), u.empiricalNull().minLocalP(), 1e-12, "N(0, 1) tests are left as they are");
        }
        assertTrue(u.empiricalNull().minLocalP() >= u.minLocalP() - 1e-15, "never less conservative");
    }

    /** The shared-fluctuation Poisson sampler of the trainings' toys is Poisson: its quantiles are Commons Math's. */
    @Test
    void poissonQuantileIsThePoissonInverseCdf() {
        java.util.Random rnd = new java.util.Random(11);
        for (double mean : new double[] {0.02, 0.7, 4, 37.5, 812.3, 4100}) {
            org.apache.commons.math3.distribution.PoissonDistribution d =
                    new org.apache.commons.math3.distribution.PoissonDistribution(mean);
            for (int i = 0; i < 60; i++) {
                double u = i < 2 ? (i == 0 ? 1e-9 : 1 - 1e-9) : rnd.nextDouble();
                assertEquals(d.inverseCumulativeProbability(u), ScanSignificance.poissonQuantile(u, mean),
                        "mean " + mean + ", u " + u);
            }
        }
        assertEquals(0, ScanSignificance.poissonQuantile(0.7, 0));
        assertTrue(ScanSignificance.poissonQuantile(0.5, 100) <= ScanSignificance.poissonQuantile(0.5, 101),
                "monotone in the mean");
    }

    /**
     * The toys of several trainings share their fluctuations: trainings with the same fits give, toy by toy, exactly
     * the toys of one training, and one background-only test stays calibrated.
     */
    @Test
    void toysOfIdenticalTrainingsAreThoseOfOne() {
        List<ScanWindow> one = List.of(window(50_000, 0.1, 0.05), window(20_000, 0.1, 0.05));
        List<Double> effs = List.of(0.1, 0.05);
        ScanSignificance.CombinedPlan p1 = ScanSignificance.combinedPlan(List.of(one), effs, 4, 0, 5);
        ScanSignificance.CombinedPlan p3 = ScanSignificance.combinedPlan(List.of(one, one, one), effs, 4, 0, 5);
        for (int i = 0; i < 40; i++) {
            assertEquals(ScanSignificance.combinedToy(p1, i), ScanSignificance.combinedToy(p3, i), "toy " + i);
        }
        ScanSignificance.CombinedPlan single = ScanSignificance.combinedPlan(List.of(List.of(window(50_000, 0.1))),
                List.of(0.1), 4, 0, 9);
        double[] p = org.anomalysearch.core.stats.ToyExecutor.threads(2).map(400,
                i -> ScanSignificance.combinedToy(single, i));
        assertEquals(0.05, fractionBelow(p, 0.05), 0.035, "P(p <= 0.05) for one background-only test");
        assertEquals(0.5, fractionBelow(p, 0.4999), 0.08, "excesses (p < 0.5) in half the toys");
    }

    private static double[] toys(ScanSignificance.Plan plan, int n, int threads) {
        return org.anomalysearch.core.stats.ToyExecutor.threads(threads).map(n, i -> ScanSignificance.toy(plan, i));
    }
}
