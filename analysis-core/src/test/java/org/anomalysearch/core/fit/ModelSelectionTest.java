package org.anomalysearch.core.fit;

import static org.junit.jupiter.api.Assertions.*;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    @Test
    void nestedComparisonsMatchScipy() {
        BinnedSpectrum s = Fixtures.spectrum("smooth4");
        FitResult f3 = DijetFitter.fit(s, 3);
        FitResult f4 = DijetFitter.fit(s, 4);
        FitResult f5 = DijetFitter.fit(s, 5);
        check(ModelSelection.compare(f3, f4), Fixtures.get("ftest", "3_4"));
        check(ModelSelection.compare(f4, f5), Fixtures.get("ftest", "4_5"));
        // the spectrum was drawn from a 4-parameter function with p3 = 0.1 but 2e5 events cannot resolve it
        ModelSelection.Choice c = ModelSelection.choose(s, null, FitOptions.defaults(), 0.05);
        assertEquals(3, c.chosen().nParams());
        assertEquals(1, c.comparisons().size());
        assertThrows(InvalidInputException.class, () -> ModelSelection.compare(f4, f3));
        assertThrows(InvalidInputException.class, () -> ModelSelection.choose(s, null, FitOptions.defaults(), 0));
    }

    private static void check(ModelSelection.Comparison c, double[] ref) {
        // the statistics are differences of nearly equal deviances (~4e-3): absolute tolerances
        assertEquals(ref[0], c.fStatistic(), 1e-5);
        assertEquals(ref[1], c.fPValue(), 1e-4);
        assertEquals(ref[2], c.lrStatistic(), 1e-5);
        assertEquals(ref[3], c.lrPValue(), 1e-4);
    }

    @Test
    void richerModelIsChosenWhenTheDataNeedIt() {
        // a large sample from a strongly curved 4-parameter function: the 3-parameter form cannot follow it
        double[] edges = org.anomalysearch.core.hist.Binning.uniform(44, 1500, 7000).edges();
        DijetFunction truth = DijetFunction.fourParam(1, 8, 5.5, 1.5);
        double[] mu = new double[44];
        double tot = 0;
        for (int i = 0; i < 44; i++) {
            mu[i] = truth.integral(edges[i], edges[i + 1]);
            tot += mu[i];
        }
        for (int i = 0; i < 44; i++) {
            mu[i] *= 2e6 / tot;
        }
        double[] counts = org.anomalysearch.core.stats.Toys.generate(mu, 3, 0);
        ModelSelection.Choice c = ModelSelection.choose(BinnedSpectrum.of(edges, counts), null, FitOptions.defaults(), 0.05);
        assertTrue(c.chosen().nParams() >= 4, "chose " + c.chosen().nParams() + ": " + c.comparisons());
        assertTrue(c.comparisons().get(0).fPValue() < 1e-6);
        assertTrue(Math.abs(ModelSelection.waldZ(c.chosen(), 3)) > 5);
        assertTrue(ModelSelection.waldPValue(c.chosen(), 3) < 1e-6);
    }
}
