package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFitter;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.fit.Fixtures;
import org.anomalysearch.core.region.Region;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized calibration (the 1,000-toy version is jobs' BumpHuntCalibration benchmark): background-only toys
 * drawn from a fitted 4-parameter dijet function give uniform local p-values in two windows, and the fit's SR
 * prediction is unbiased (no sculpted bump) with pulls of unit width.
 */
class ToyCalibrationTest {

    @Test
    void backgroundOnlyLocalPValuesAreUniform() {
        BinnedSpectrum data = Fixtures.spectrum("smooth4");
        FitResult fit = DijetFitter.fit(data, 4);
        double[] truth = fit.expected();
        List<Region> windows = List.of(new Region(2500, 2875), new Region(3500, 4000));
        int nToys = 200;
        double[][] p = new double[windows.size()][nToys];
        double[] pullSum = new double[windows.size()];
        double[] pullSq = new double[windows.size()];
        int failed = 0;
        for (int i = 0; i < nToys; i++) {
            WindowScan.ToyScan t = WindowScan.toy(data, truth, truth, windows, 4, FitOptions.defaults(),
                    Significance.Constraint.GAUSSIAN, 12345, i);
            failed += t.nFailed();
            for (int w = 0; w < windows.size(); w++) {
                p[w][i] = t.pSigned(w);
                pullSum[w] += t.predictionPull()[w];
                pullSq[w] += t.predictionPull()[w] * t.predictionPull()[w];
            }
        }
        assertEquals(0, failed);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        for (int w = 0; w < windows.size(); w++) {
            double ksP = ks.kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p[w]);
            assertTrue(ksP > 0.01, "window " + windows.get(w) + ": KS p = " + ksP);
            double mean = pullSum[w] / nToys;
            double sd = Math.sqrt(pullSq[w] / nToys - mean * mean);
            // unbiased to 4 standard errors, unit width within 25 %
            assertEquals(0, mean, 4 / Math.sqrt(nToys), "mean prediction pull in " + windows.get(w));
            assertEquals(1, sd, 0.25, "prediction pull width in " + windows.get(w));
        }
    }
}
