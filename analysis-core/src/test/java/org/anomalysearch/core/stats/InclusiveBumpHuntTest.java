package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitRange;
import org.junit.jupiter.api.Test;

/**
 * The fit-range policy, the quality gate and the refitted toys on spectra with a trigger turn-on: a dijet function
 * times an error-function efficiency (50 % at 2500 GeV, width 150 GeV), as a leading-jet pT threshold makes.
 */
class InclusiveBumpHuntTest {

    static final DijetFunction SHAPE = DijetFunction.fourParam(1, 10, 5, 0.1);

    /** The cumulative distribution of dijet function x turn-on on a 1 GeV grid over [1500, 7000). */
    private static final double[] CDF = cdf();

    private static double[] cdf() {
        double[] c = new double[5501];
        for (int i = 0; i < 5500; i++) {
            double m = 1500.5 + i;
            double eff = 0.5 * (1 + org.apache.commons.math3.special.Erf.erf((m - 2500) / (150 * Math.sqrt(2))));
            c[i + 1] = c[i] + SHAPE.value(m) * eff;
        }
        for (int i = 0; i <= 5500; i++) {
            c[i] /= c[5500];
        }
        return c;
    }

    /**
     * {@code n} events: mjj from the dijet function on [1500, 7000) times the turn-on (inverse of the tabulated
     * cumulative distribution, linear within 1 GeV), plus {@code bumpEvents} from a Gaussian of 5 % width.
     */
    static double[] events(int n, long seed, double bumpMass, int bumpEvents) {
        RandomGenerator r = new Well19937c(seed);
        double[] out = new double[n + bumpEvents];
        for (int k = 0; k < n; k++) {
            double u = r.nextDouble();
            int i = java.util.Arrays.binarySearch(CDF, u);
            i = i >= 0 ? Math.min(i, 5499) : -i - 2;
            double f = (u - CDF[i]) / (CDF[i + 1] - CDF[i]);
            out[k] = 1500 + i + f;
        }
        for (int i = 0; i < bumpEvents; i++) {
            out[n + i] = bumpMass + 0.05 * bumpMass * r.nextGaussian();
        }
        return out;
    }

    @Test
    void autoRangeStartsAboveTheTurnOnWhereTheFitPasses() {
        double[] mjj = events(150_000, 1, 0, 0);
        FitConfig fit = FitConfig.defaults().withFunction(FitFunction.DIJET).withGate(0.05); // the plateau rule
        FitRange range = FitRange.resolve("toy", mjj, fit, 3300);
        double peak = FitRange.spectrumPeak(mjj);
        assertTrue(peak > 2500 && peak < 2900, "the spectrum peaks at the end of the turn-on: " + peak);
        assertTrue(range.auto() && range.passed(), range.describe());
        assertTrue(range.lo() >= peak + 100, range.describe());
        assertEquals(0, Math.IEEEremainder(range.lo() - 3300, 100), 1e-9, "on the SR-aligned bin edges");
        FitRange.Start chosen = range.tried().get(range.tried().size() - 1);
        assertEquals(range.lo(), chosen.lo());
        assertTrue(chosen.passed() && chosen.pValue() >= 0.05, chosen.toString());
        for (FitRange.Start s : range.tried().subList(0, range.tried().size() - 1)) {
            assertFalse(s.passed(), "earlier starts failed the gate: " + s);
        }
        FitRange configured = FitRange.resolve("toy", mjj, fit.withRange(2650, 7000), 3300);
        assertEquals(2700, configured.lo(), 1e-9, "a configured start is rounded up to a bin edge");
        assertFalse(configured.auto());
    }

    @Test
    void fitInsideTheTurnOnIsRejectedAndReportsNoExcess() {
        double[] mjj = events(150_000, 2, 0, 0);
        FitConfig fit = FitConfig.defaults().withFunction(FitFunction.DIJET).withRange(2300, 7000).withParams(4);
        FitRange range = FitRange.resolve("toy", mjj, fit, 3300);
        InclusiveBumpHunt.Result r = InclusiveBumpHunt.run("toy", mjj, range, fit, new InclusiveBumpHunt.Settings(4,
                50), 7, ToyExecutor.sequential());
        assertTrue(r.rejected(), "a 4-parameter fit through the turn-on must fail the gate");
        assertNull(r.bumpHunter(), "no BumpHunter result from a rejected fit");
        assertTrue(Double.isNaN(r.localZ()) && Double.isNaN(r.globalZ()), "no significance from a rejected fit");
        assertFalse(r.background().quality().passed());
        assertTrue(r.background().quality().pValue() < 0.01, r.background().quality().describe());
        assertTrue(r.rejection().contains("quality gate"), r.rejection());
    }

    @Test
    void refittedToysAreTheSameOnAnyExecutorAndFindAnInjectedBump() {
        double[] bkg = events(120_000, 3, 0, 0);
        FitConfig fit = FitConfig.defaults().withParams(4);
        FitRange range = FitRange.resolve("toy", bkg, fit, 3300);
        InclusiveBumpHunt.Settings s = new InclusiveBumpHunt.Settings(4, 60);
        InclusiveBumpHunt.Result a = InclusiveBumpHunt.run("toy", bkg, range, fit, s, 11, ToyExecutor.sequential());
        InclusiveBumpHunt.Result b = InclusiveBumpHunt.run("toy", bkg, range, fit, s, 11, ToyExecutor.threads(2));
        assertFalse(a.rejected(), String.valueOf(a.rejection()));
        assertEquals(a.bumpHunter().global(), b.bumpHunter().global(), "same toys on one or two threads");
        assertTrue(a.localZ() < 3.5, "background only: local Z " + a.localZ());

        double[] withBump = events(120_000, 3, 4000, 900);
        InclusiveBumpHunt.Result c = InclusiveBumpHunt.run("toy", withBump, range, fit, s, 11, ToyExecutor.sequential());
        assertFalse(c.rejected(), String.valueOf(c.rejection()));
        assertTrue(c.windowLo() <= 4000 && c.windowHi() >= 4000, "the window holds the bump: [" + c.windowLo() + ", "
                + c.windowHi() + ")");
        assertTrue(c.localZ() > a.localZ() + 2, "local Z with the bump " + c.localZ() + " vs " + a.localZ());
    }

    /**
     * Calibration of the refitted toys: on 30 background-only data sets drawn from the fitted function, the global
     * p-values are not piled up at small values (at most 8 below 0.1, binomial(30, 0.1) exceeds 7 with probability
     * 0.3 %), and not piled at 1 either (at most 20 above 0.5).
     */
    @Test
    void globalPValuesOfBackgroundOnlyDataAreNotSmall() {
        double[] bkg = events(60_000, 4, 0, 0);
        FitConfig fit = FitConfig.defaults().withParams(4);
        FitRange range = FitRange.resolve("toy", bkg, fit, 3300);
        InclusiveBumpHunt.Result ref = InclusiveBumpHunt.run("toy", bkg, range, fit, new InclusiveBumpHunt.Settings(4, 1),
                1, ToyExecutor.sequential());
        double[] expected = ref.background().fit().expected();
        int small = 0;
        int large = 0;
        for (int d = 0; d < 30; d++) {
            double[] counts = Toys.generate(expected, 99, d);
            InclusiveBumpHunt.Result r = InclusiveBumpHunt.run(ref.spectrum().withCounts(counts), range, fit,
                    new InclusiveBumpHunt.Settings(4, 60), 500 + d, ToyExecutor.threads(2));
            if (r.rejected()) {
                continue;
            }
            double p = r.bumpHunter().global().pValue();
            small += p < 0.1 ? 1 : 0;
            large += p > 0.5 ? 1 : 0;
        }
        assertTrue(small <= 8, small + " of 30 global p-values below 0.1");
        assertTrue(large <= 20, large + " of 30 global p-values above 0.5");
        assertArrayEquals(Toys.generate(expected, 99, 0), Toys.generate(expected, 99, 0), "toys are reproducible");
    }
}
