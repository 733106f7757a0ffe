package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.ModelSelection;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.SidebandFit;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * {@code search.fit.params: auto}: each selected spectrum's masked fit takes the F-test's choice among 3, 4 and 5
 * dijet parameters, the same rule for the data and (through {@link CwolaWindowStage#gatedFit}) for the scan's toys.
 */
class SelectedFitAutoTest {

    static BinnedSpectrum draw(DijetFunction f, double total, long seed) {
        double[] edges = new double[40];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = 3100 + 100 * i;
        }
        double[] mu = new double[edges.length - 1];
        double sum = 0;
        for (int i = 0; i < mu.length; i++) {
            mu[i] = f.value(0.5 * (edges[i] + edges[i + 1]));
            sum += mu[i];
        }
        MersenneTwister rng = new MersenneTwister(seed);
        double[] counts = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            double m = mu[i] * total / sum;
            counts[i] = m > 0 ? new PoissonDistribution(rng, m, PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample() : 0;
        }
        return new BinnedSpectrum("draw", edges, counts);
    }

    @Test
    void autoIsTheFTestsChoiceForDataAndToysAlike() {
        Region sr = new Region(3600, 4000);
        double gate = 0.01;
        // a 4-parameter truth with the Pythia pool's shape (TurnOnWindowsTest), 40,000 and 2,000 events
        DijetFunction truth = DijetFunction.fourParam(1, 6.29, 7.53, 1.85);
        for (double total : new double[] {40_000, 2_000}) {
            BinnedSpectrum spec = draw(truth, total, 7);
            int chosen = ModelSelection.choose(spec, spec.mask(sr), FitOptions.defaults(), FitQuality.CHOICE_LEVEL)
                    .chosen().nParams();
            SidebandFit.Result auto = CwolaWindowStage.gatedFit(spec, sr, FitFunction.DIJET, 0, gate);
            SidebandFit.Result fixed = CwolaWindowStage.gatedFit(spec, sr, FitFunction.DIJET, chosen, gate);
            assertEquals(chosen, auto.fit().nParams());
            assertEquals(fixed.local().z(), auto.local().z(), 0, "auto is the fit with the chosen count");
            assertEquals(fixed.background().value(), auto.background().value(), 0);
        }
    }

    @Test
    void autoTakesMoreParametersWhereThreeFailTheGate() {
        Region sr = new Region(3600, 4000);
        // the pool's 4-parameter shape with 3 million events: its p3 term is beyond a 3-parameter fit
        DijetFunction truth = DijetFunction.fourParam(1, 6.29, 7.53, 1.85);
        BinnedSpectrum spec = draw(truth, 3_000_000, 11);
        SidebandFit.Result three = CwolaWindowStage.gatedFit(spec, sr, FitFunction.DIJET, 3, 0.01);
        SidebandFit.Result auto = CwolaWindowStage.gatedFit(spec, sr, FitFunction.DIJET, 0, 0.01);
        assertFalse(three.fit().devianceProbability() >= 0.01, "this curvature is beyond 3 parameters: p = "
                + three.fit().devianceProbability());
        assertTrue(auto.fit().nParams() > 3, "auto chose " + auto.fit().nParams());
        assertTrue(auto.fit().devianceProbability() >= 0.01, "p = " + auto.fit().devianceProbability());
    }

    @Test
    void theStageNamesAuto() {
        SearchConfig s = new SearchConfig(List.of("mj1"), "flow", 0, 4, "hgb", 0, 5, 1, List.of(0.2), 0, 4, 10, true,
                2);
        CwolaWindowStage stage = new CwolaWindowStage(s, FitConfig.defaults());
        assertTrue(stage.name().contains("fit=dijetauto:4"), stage.name());
    }
}
