package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.ScanConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.SidebandFit;
import org.junit.jupiter.api.Test;

/**
 * With {@code fit.function: dijet-turnon} the run's fit range starts at the spectrum's peak, so the scan computes the
 * windows whose SR starts two fit bins above it (SR 2.8-3.2 TeV, which holds a 3.0 TeV resonance reconstructed near
 * 2.9 TeV) where the default lists them as not computable; their masked fit, with two bins below the SR, converges
 * and passes the gate. The events are drawn from a dijet function times an error-function turn-on shaped like the
 * Pythia pool's (no signal).
 */
class TurnOnWindowsTest {

    /**
     * {@code n} mjj values from dijet(1, 6.29, 7.53, 1.85) x (1 + erf((m - 2326) / 509)) / 2 on [1500, 7000) GeV: the
     * turn-on fit of the shared Pythia QCD pool (qcd_full) from 2600 GeV, which peaks at 2.65 TeV.
     */
    static double[] draw(int n, long seed) {
        DijetFunction f = DijetFunction.fourParam(1, 6.29, 7.53, 1.85);
        double step = 2;
        int g = (int) ((7000 - 1500) / step);
        double[] cdf = new double[g + 1];
        for (int i = 0; i < g; i++) {
            double m = 1500 + (i + 0.5) * step;
            cdf[i + 1] = cdf[i] + f.value(m) * FitFunction.efficiency(m, 2326, 509);
        }
        Random rnd = new Random(seed);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double u = rnd.nextDouble() * cdf[g];
            int lo = 0;
            int hi = g;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] <= u) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out[k] = 1500 + step * (lo + (u - cdf[lo]) / (cdf[lo + 1] - cdf[lo]));
        }
        return out;
    }

    static EventBatch batch(double[] mjj) {
        EventBatch.Builder b = new EventBatch.Builder(new FeatureSchema(List.of(FeatureSchema.MJJ)), mjj.length);
        for (int i = 0; i < mjj.length; i++) {
            b.addRow(i, 0, 1, new double[] {mjj[i]});
        }
        return b.build();
    }

    @Test
    void theTurnOnFitMakesTheWindowsFrom2800GeVComputable() {
        double[] mjj = draw(300_000, 15);
        EventBatch events = batch(mjj);
        List<RegionSet> windows = ScanConfig.defaults().regionSets();
        RegionSet low = windows.stream().filter(w -> w.signal().lo() == 2800).findFirst().orElseThrow();

        FitConfig plain = FitConfig.defaults();
        FitRange plainRange = FitRange.resolve("draw", mjj, plain, 3300);
        FitConfig turnOn = plain.withFunction(FitFunction.DIJET_TURNON);
        FitRange turnOnRange = FitRange.resolve("draw", mjj, turnOn, 3300);
        assertTrue(turnOnRange.passed() && turnOnRange.lo() <= turnOnRange.peak()
                        && turnOnRange.lo() > turnOnRange.peak() - plain.binWidth(),
                "the turn-on fit starts at the bin edge at or below the peak: " + turnOnRange.describe());
        assertTrue(plainRange.lo() >= plainRange.peak() + plain.turnOnMargin(), plainRange.describe());
        assertEquals(2600, turnOnRange.lo(), 1e-9, "this spectrum peaks in [2600, 2700) GeV: "
                + turnOnRange.describe());

        CwolaWindowStage def = new CwolaWindowStage(SearchConfig.defaults(), plain).prepare(events, windows,
                plainRange.lo());
        CwolaWindowStage ton = new CwolaWindowStage(SearchConfig.defaults(), turnOn).prepare(events, windows,
                turnOnRange.lo());
        assertNotNull(def.skipReason(low, events), "the default fit starts above the SR 2800-3200 GeV");
        assertNull(ton.skipReason(low, events), "with the turn-on fit the SR 2800-3200 GeV is computed");
        assertNotNull(ton.skipReason(windows.get(0), events), "SR " + windows.get(0).signal() + " leaves no two fit "
                + "bins below it");
        assertTrue(ton.name().contains("fit=dijet-turnon4"), ton.name());
        assertTrue(def.name().contains("fit=dijet4:"), def.name());

        // the window's masked fit (the unselected spectrum: efficiency 1) on its fit bins, two of them below the SR
        double[] edges = ton.binning(low);
        assertEquals(2600, edges[0], 1e-9);
        double[] counts = new double[edges.length - 1];
        for (double m : mjj) {
            int i = (int) Math.floor((m - edges[0]) / (edges[1] - edges[0]));
            if (m >= edges[0] && i < counts.length) {
                counts[i]++;
            }
        }
        SidebandFit.Result r = CwolaWindowStage.gatedFit(new BinnedSpectrum("window", edges, counts), low.signal(),
                FitFunction.DIJET_TURNON, SearchConfig.defaults().fitParams(), turnOn.gate());
        assertEquals(FitFunction.DIJET_TURNON, r.fit().family());
        assertTrue(r.fit().devianceProbability() >= turnOn.gate(), r.fit().toString());
        assertTrue(Math.abs(r.pull()) < 3, "no signal drawn, the SR count agrees with the masked fit: pull "
                + r.pull() + ", " + r.observed() + " vs " + r.background());
    }
}
