package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.Fixtures;
import org.anomalysearch.core.fit.Prediction;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.SlidingWindows;
import org.junit.jupiter.api.Test;

class SidebandAndTemplateTest {

    @Test
    void sidebandFitSignificanceMatchesScipy() {
        for (String name : new String[] {"bump4", "masked4"}) {
            BinnedSpectrum s = Fixtures.spectrum(name);
            SidebandFit.Result g = SidebandFit.evaluate(s, new Region(3250, 3750), 4);
            assertEquals(Fixtures.scalar(name, "srObserved"), g.observed(), 0);
            double[] pred = Fixtures.get(name, "srPrediction");
            assertEquals(pred[0], g.background().value(), 1e-4 * pred[0]);
            assertEquals(pred[1], g.background().error(), 2e-3 * pred[1]);
            // Z depends on the prediction, which agrees to ~1e-5 relative: tolerances follow from that
            assertEquals(Fixtures.scalar(name, "srZGauss"), g.local().z(), 2e-3, name);
            assertEquals(Fixtures.scalar(name, "srZ0"), g.local().z0(), 2e-3, name);
            double pg = Fixtures.scalar(name, "srPGauss");
            assertEquals(pg, g.local().pValue(), 1e-2 * pg, name);
            SidebandFit.Result c = SidebandFit.evaluate(s, new Region(3250, 3750), 4, FitOptions.defaults(),
                    Significance.Constraint.POISSON_AUXILIARY);
            assertEquals(Fixtures.scalar(name, "srZCowan"), c.local().z(), 2e-3, name);
        }
    }

    @Test
    void scanFindsTheBumpWhereItWasInjected() {
        BinnedSpectrum s = Fixtures.spectrum("bump4");
        // 4-bin windows (500 GeV) every 2 bins, 4 bins kept free at each end
        var windows = WindowScan.binWindows(s, 4, 2, 4);
        WindowScan.Result r = WindowScan.scan(s, windows, 4, FitOptions.defaults(), Significance.Constraint.GAUSSIAN);
        assertEquals(windows.size(), r.windows().size());
        SidebandFit.Result best = r.mostSignificant();
        assertTrue(best.signalRegion().contains(3500) || best.signalRegion().hi() == 3500, best.signalRegion().toString());
        assertTrue(best.local().z() > 3.5, "Z " + best.local().z());
        // the scan also accepts SlidingWindows' region sets aligned with the 125 GeV bins
        var sets = SlidingWindows.linear(1500, 7000, 500, 250, 500);
        WindowScan.Result r2 = WindowScan.scan(s, WindowScan.signalRegions(sets), 4, FitOptions.defaults(),
                Significance.Constraint.GAUSSIAN);
        assertEquals(3250, r2.mostSignificant().signalRegion().lo(), 1e-9);
    }

    @Test
    void templateMethodPropagatesBothUncertainties() {
        Prediction eff = TemplateMethod.efficiency(250, 10_000);
        assertEquals(0.025, eff.value(), 1e-15);
        assertEquals(Math.sqrt(0.025 * 0.975 / 10_000), eff.error(), 1e-15);
        Prediction before = TemplateMethod.observedCount(40_000);
        Prediction b = TemplateMethod.background(before, 250, 10_000);
        assertEquals(1000, b.value(), 1e-9);
        double expectedErr = Math.hypot(0.025 * 200, 40_000 * eff.error());
        assertEquals(expectedErr, b.error(), 1e-9);
        LocalSignificance l = TemplateMethod.evaluate(1150, before, 250, 10_000, Significance.Constraint.GAUSSIAN);
        assertEquals(Significance.zGaussian(1150, 1000, expectedErr), l.z(), 1e-12);
        // the fit's prediction may stand in for the count before the cut
        Prediction fitted = new Prediction(39_500, 150);
        assertEquals(39_500 * 0.025, TemplateMethod.background(fitted, 250, 10_000).value(), 1e-9);
    }

    @Test
    void templateMethodRejectsBadEfficiencies() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TemplateMethod.background(new Prediction(100, 10), 0, 5000));
        assertTrue(e.getMessage().contains("none of the 5000"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> TemplateMethod.efficiency(10, 5));
        assertThrows(InvalidInputException.class, () -> TemplateMethod.efficiency(-1, 5));
        assertThrows(InvalidInputException.class, () -> TemplateMethod.efficiency(0, 0));
        assertThrows(InvalidInputException.class, () -> TemplateMethod.observedCount(Double.NaN));
    }
}
