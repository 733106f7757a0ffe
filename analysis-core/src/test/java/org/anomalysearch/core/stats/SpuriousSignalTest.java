package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFitter;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.fit.FitResult;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The S + B fit on Asimov spectra: no signal where there is none, the injected yield where there is one. */
class SpuriousSignalTest {

    static BinnedSpectrum asimov(double bumpMass, double bumpYield) {
        DijetFunction f = DijetFunction.fourParam(1, 10, 5, 0.1);
        int n = 42;
        double[] edges = new double[n + 1];
        double[] counts = new double[n];
        for (int i = 0; i <= n; i++) {
            edges[i] = 2800 + 100 * i;
        }
        double norm = 300_000 / f.integral(2800, 7000);
        NormalDistribution g = new NormalDistribution(null, Math.max(bumpMass, 1), Math.max(0.07 * bumpMass, 1));
        for (int i = 0; i < n; i++) {
            counts[i] = norm * f.integral(edges[i], edges[i + 1]);
            if (bumpYield > 0) {
                counts[i] += bumpYield * (g.cumulativeProbability(edges[i + 1]) - g.cumulativeProbability(edges[i]));
            }
        }
        return new BinnedSpectrum("asimov", edges, counts);
    }

    @Test
    void noSignalOnTheBackgroundFunctionAndTheInjectedYieldOtherwise() {
        BinnedSpectrum bkg = asimov(0, 0);
        FitResult b = DijetFitter.fit(bkg, 4);
        for (double m : new double[] {3200, 4000, 5000}) {
            SpuriousSignal.Point p = SpuriousSignal.fit(bkg, b, m, 0.07 * m);
            assertTrue(Math.abs(p.pull()) < 0.05, "m = " + m + ": " + p);
            // sigma_S ~ sqrt(B under the peak) within a factor 3 (the fit's freedom widens it)
            assertTrue(p.signalError() > Math.sqrt(p.background()) && p.signalError() < 3 * Math.sqrt(p.background()),
                    p.toString());
        }
        BinnedSpectrum sig = asimov(4000, 800);
        FitResult bs = DijetFitter.fit(sig, 4);
        SpuriousSignal.Point p = SpuriousSignal.fit(sig, bs, 4000, 280);
        assertEquals(800, p.signal(), 0.1 * 800 + 0.2 * p.signalError(), p.toString());
    }
}
