package org.anomalysearch.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.stats.SpuriousSignal;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The dijet function times an error-function turn-on ({@link FitFunction#DIJET_TURNON}): spectra drawn from the
 * function are fitted back. The truth resembles the shared Pythia QCD pool from its peak (a 4-parameter dijet shape,
 * turn-on midpoint 2330 GeV, width 510 GeV, fit from 2600 GeV, about 200,000 events); the bin expectations of the truth
 * are integrated here by Simpson's rule, independently of the fitter's quadrature.
 */
class TurnOnFitTest {

    static final double[] DIJET = {1, 10, 5, 0.1};
    static final double A = 2330;
    static final double B = 510;

    static double[] edges() {
        double[] e = new double[45];
        for (int i = 0; i < e.length; i++) {
            e[i] = 2600 + 100 * i;
        }
        return e;
    }

    /** Expected counts per bin of the truth, normalised to {@code total} events. */
    static double[] truth(double total) {
        return truth(total, DIJET, A, B);
    }

    /** Expected counts per bin of dijet({@code dijet}) x turn-on(a, b), normalised to {@code total} events. */
    static double[] truth(double total, double[] dijet, double a, double b) {
        DijetFunction f = DijetFunction.of(dijet);
        double[] e = edges();
        double[] mu = new double[e.length - 1];
        double sum = 0;
        for (int i = 0; i < mu.length; i++) {
            int n = 200;
            double h = (e[i + 1] - e[i]) / n;
            double s = 0;
            for (int j = 0; j <= n; j++) {
                double m = e[i] + j * h;
                double v = f.value(m) * 0.5 * Erf.erfc(-(m - a) / b); // commons-math's, not the fitter's
                s += v * (j == 0 || j == n ? 1 : j % 2 == 1 ? 4 : 2);
            }
            mu[i] = s * h / 3;
            sum += mu[i];
        }
        for (int i = 0; i < mu.length; i++) {
            mu[i] *= total / sum;
        }
        return mu;
    }

    @Test
    void theAsimovSpectrumGivesBackTheTruth() {
        BinnedSpectrum asimov = new BinnedSpectrum("asimov", edges(), truth(200_000));
        FitResult r = DijetFitter.fit(asimov, FitFunction.DIJET_TURNON, 4, null, FitOptions.defaults());
        assertEquals(FitFunction.DIJET_TURNON, r.family());
        assertEquals(6, r.nParams());
        assertEquals(4, r.nDijetParams());
        assertEquals(asimov.nBins() - 6, r.ndf());
        double[] p = r.params();
        double[] err = r.parameterErrors();
        assertTrue(r.deviance() < 1e-3, "the truth is in the family: deviance " + r.deviance());
        // shape parameters and the turn-on to a small fraction of their statistical errors
        double[] want = {Double.NaN, DIJET[1], DIJET[2], DIJET[3], A, B};
        for (int i = 1; i < 6; i++) {
            assertEquals(want[i], p[i], 0.02 * err[i], "parameter " + i + ": " + Arrays.toString(p) + " +- "
                    + Arrays.toString(err));
        }
        assertTrue(err[4] > 1 && err[4] < 200 && err[5] > 1 && err[5] < 300, "the turn-on is measured: "
                + Arrays.toString(err));
        // the F-test chooses the dijet part's parameters (4 or 5) under the same turn-on term; the steps count all
        ModelSelection.Choice c = ModelSelection.choose(asimov, FitFunction.DIJET_TURNON, null, FitOptions.defaults(),
                0.05);
        assertEquals(FitFunction.DIJET_TURNON, c.chosen().family());
        assertEquals(1, c.comparisons().size(), c.comparisons().toString());
        assertEquals(6, c.comparisons().get(0).simplerParams(), c.comparisons().toString());
        assertEquals(7, c.comparisons().get(0).richerParams(), c.comparisons().toString());
        // no spurious signal in the turn-on itself, where the plain function fails
        for (double m : new double[] {2900, 3300}) {
            SpuriousSignal.Point s = SpuriousSignal.fit(asimov, r, m, 0.07 * m);
            assertTrue(Math.abs(s.pull()) < 0.05, "m = " + m + ": " + s);
        }
    }

    /**
     * Pulls (fitted - true) / error of the turn-on's a and b and of the dijet shape over 40 Poisson spectra: each
     * within 4.5, their means within 4 standard errors of 0 and their spreads between 0.6 and 1.5 (the inverse Hessian
     * is the uncertainty).
     */
    @Test
    void poissonSpectraGivePullsOfUnitWidth() {
        double[] mu = truth(200_000);
        double[] want = {Double.NaN, DIJET[1], DIJET[2], DIJET[3], A, B};
        int toys = 40;
        double[][] pulls = new double[6][toys];
        Well19937c rng = new Well19937c(15_4L);
        for (int t = 0; t < toys; t++) {
            double[] n = new double[mu.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = new PoissonDistribution(rng, mu[i], PoissonDistribution.DEFAULT_EPSILON,
                        PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
            }
            FitResult r = DijetFitter.fit(new BinnedSpectrum("toy " + t, edges(), n), FitFunction.DIJET_TURNON, 4,
                    null, FitOptions.defaults());
            double[] p = r.params();
            double[] e = r.parameterErrors();
            for (int i = 1; i < 6; i++) {
                pulls[i][t] = (p[i] - want[i]) / e[i];
                assertTrue(Math.abs(pulls[i][t]) < 4.5, "toy " + t + " parameter " + i + ": pull " + pulls[i][t]);
            }
        }
        for (int i = 1; i < 6; i++) {
            double mean = Arrays.stream(pulls[i]).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(pulls[i]).map(x -> (x - mean) * (x - mean)).sum() / (toys - 1));
            assertTrue(Math.abs(mean) < 4 / Math.sqrt(toys), "parameter " + i + ": mean pull " + mean);
            assertTrue(sd > 0.6 && sd < 1.5, "parameter " + i + ": pull spread " + sd);
        }
    }

    /** The model's gradient and exact Hessian against central differences of the deviance and of the gradient. */
    @Test
    void theGradientAndHessianAreThoseOfTheLikelihood() {
        double[] mu = truth(50_000);
        double[] n = new double[mu.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.round(mu[i] * (1 + 0.05 * Math.sin(i))); // off the minimum, so the gradient is not 0
        }
        boolean[] mask = new boolean[n.length];
        mask[5] = true;
        mask[6] = true;
        PoissonModel m = new PoissonModel(new BinnedSpectrum("fd", edges(), n), mask, 4, FitFunction.DIJET_TURNON);
        double[] theta = {Math.log(DIJET[0]) + 3, DIJET[1], DIJET[2], DIJET[3], A + 40, Math.log(B) - 0.1};
        m.profileNormalisation(theta);
        PoissonModel.Eval ev = m.evaluate(theta);
        // steps and comparisons in units of each parameter's curvature (1 / sqrt(H_aa): its statistical error)
        for (int a = 0; a < theta.length; a++) {
            double sa = Math.sqrt(ev.hess[a][a]);
            double h = 1e-2 / sa;
            double[] up = theta.clone();
            double[] dn = theta.clone();
            up[a] += h;
            dn[a] -= h;
            double g = (m.deviance(up) - m.deviance(dn)) / (4 * h); // d(-ln L) = d(deviance) / 2
            assertEquals(g / sa, ev.grad[a] / sa, 1e-5, "gradient " + a);
            double[] gu = m.evaluate(up).grad;
            double[] gd = m.evaluate(dn).grad;
            for (int b = 0; b < theta.length; b++) {
                double fd = (gu[b] - gd[b]) / (2 * h);
                double sab = sa * Math.sqrt(ev.hess[b][b]);
                assertEquals(fd / sab, ev.hess[b][a] / sab, 1e-5, "Hessian " + b + "," + a);
            }
        }
    }

    /**
     * The lowest window the turn-on fit opens, SR 2800-3200 GeV with two fit bins below it, on background-only Poisson
     * spectra drawn from the Pythia pool's turn-on fit (qcd_full: dijet 0.92, 6.29, 7.53, 1.85; a 2326, b 509 GeV) of
     * 150,000 events (a pool half at a loose cut): the masked fit converges, the SR count's pull
     * (n - b) / sqrt(b + sigma_b^2) has mean 0 and spread 1 within 4 standard errors, and no local p-value is below
     * 1e-4 (the extrapolation without bins below the SR gave 1e-25, docs/fit-range.md). Sparser spectra show a bias
     * of the SR prediction (docs/fit-range.md, "Limits"), which this test does not cover.
     */
    @Test
    void theLowestWindowIsCalibratedOnBackgroundToys() {
        double[] dijet = {0.92, 6.29, 7.53, 1.85};
        org.anomalysearch.core.region.Region sr = new org.anomalysearch.core.region.Region(2800, 3200);
        Well19937c rng = new Well19937c(2800);
        for (double total : new double[] {150_000}) {
            double[] mu = truth(total, dijet, 2326, 509);
            int toys = 100;
            double[] pulls = new double[toys];
            double minP = 1;
            for (int t = 0; t < toys; t++) {
                double[] n = new double[mu.length];
                for (int i = 0; i < n.length; i++) {
                    n[i] = new PoissonDistribution(rng, mu[i], PoissonDistribution.DEFAULT_EPSILON,
                            PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
                }
                org.anomalysearch.core.stats.SidebandFit.Result r = org.anomalysearch.core.stats.SidebandFit.evaluate(
                        new BinnedSpectrum("toy", edges(), n), sr, sr, FitFunction.DIJET_TURNON, 4,
                        FitOptions.defaults(), org.anomalysearch.core.stats.Significance.Constraint.GAUSSIAN);
                pulls[t] = r.pull();
                minP = Math.min(minP, r.local().pValue());
            }
            double mean = Arrays.stream(pulls).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(pulls).map(x -> (x - mean) * (x - mean)).sum() / (toys - 1));
            String what = total + " events: mean pull " + mean + ", spread " + sd + ", smallest local p " + minP;
            System.out.println("SR 2800-3200 GeV, " + what);
            assertTrue(Math.abs(mean) < 4 / Math.sqrt(toys), what);
            assertTrue(sd > 1 - 4 / Math.sqrt(2.0 * toys) && sd < 1 + 4 / Math.sqrt(2.0 * toys), what);
            assertTrue(minP > 1e-4, what);
        }
    }

    @Test
    void theFastErfcAgreesWithCommonsMath() {
        double worst = 0;
        for (int i = 0; i <= 16_000; i++) {
            double x = -8 + i * 1e-3;
            worst = Math.max(worst, Math.abs(FitFunction.erfc(x) / Erf.erfc(x) - 1));
        }
        assertTrue(worst < 1e-13, "largest relative difference " + worst);
    }

    @Test
    void theTurnOnNeedsTwoMoreBinsAndTheDefaultIsUnchanged() {
        double[] mu = truth(200_000);
        BinnedSpectrum few = new BinnedSpectrum("six bins", Arrays.copyOf(edges(), 7), Arrays.copyOf(mu, 6));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(few, FitFunction.DIJET_TURNON, 4, null, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("6-parameter"), e.getMessage());
        BinnedSpectrum s = new BinnedSpectrum("asimov", edges(), mu);
        FitResult plain = DijetFitter.fit(s, 4);
        assertEquals(FitFunction.DIJET, plain.family());
        assertEquals(plain, DijetFitter.fit(s, FitFunction.DIJET, 4, null, FitOptions.defaults()),
                "the dijet family is the plain fit");
        // on the Asimov spectrum (deviance 0 for a function that describes it) the mismodelling alone adds a deviance
        // comparable to ndf: on a Poisson spectrum the plain fit from 2600 GeV would fail a gate at p = 0.01
        assertTrue(plain.deviance() > 30, "the plain function cannot follow the turn-on: " + plain.deviance() + " / "
                + plain.ndf());
    }
}
