package org.anomalysearch.core.fit;

import static org.junit.jupiter.api.Assertions.*;

import org.anomalysearch.core.region.Region;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Binned Poisson fits against SciPy (make_fixtures.py): same likelihood, quad integrals, independent minimiser. */
class DijetFitterTest {

    @ParameterizedTest
    @ValueSource(strings = {"smooth3", "smooth4", "smooth5", "sparse3", "masked4", "bump4"})
    void fitMatchesScipy(String name) {
        BinnedSpectrum s = Fixtures.spectrum(name);
        int k = (int) Fixtures.scalar(name, "nParams");
        FitResult r = DijetFitter.fit(s, k, Fixtures.mask(name), FitOptions.defaults());
        double[] p = Fixtures.get(name, "params");
        double[] cov = Fixtures.get(name, "covariance");
        double[][] c = r.covariance();
        for (int i = 0; i < k; i++) {
            // parameters to 1e-4 of their value or 1e-3 of their uncertainty, whichever is looser
            double tol = Math.max(1e-4 * Math.abs(p[i]), 1e-3 * Math.sqrt(cov[i * k + i]));
            assertEquals(p[i], r.params()[i], tol, name + " p" + i);
            for (int j = 0; j < k; j++) {
                double ref = cov[i * k + j];
                double scale = Math.sqrt(cov[i * k + i] * cov[j * k + j]);
                assertEquals(ref, c[i][j], 2e-3 * scale, name + " cov " + i + "," + j);
            }
        }
        assertEquals(Fixtures.scalar(name, "nll"), r.nll(), 1e-6, name + " -lnL");
        assertEquals(Fixtures.scalar(name, "deviance"), r.deviance(), 2e-6, name + " deviance");
        assertEquals(Fixtures.scalar(name, "pearsonChi2"), r.pearsonChi2(), 1e-4, name + " chi2");
        assertEquals((int) Fixtures.scalar(name, "ndf"), r.ndf());
        double[] mu = Fixtures.get(name, "expected");
        double[] err = Fixtures.get(name, "expectedErrors");
        for (int i = 0; i < mu.length; i++) {
            assertEquals(mu[i], r.expected()[i], 1e-4 * mu[i] + 1e-9, name + " mu " + i);
            assertEquals(err[i], r.expectedErrors()[i], 2e-3 * err[i] + 1e-12, name + " mu error " + i);
        }
        assertTrue(r.converged());
        assertTrue(r.edm() < 1e-9);
    }

    @Test
    void signalRegionPredictionMatchesScipy() {
        for (String name : new String[] {"masked4", "bump4"}) {
            BinnedSpectrum s = Fixtures.spectrum(name);
            FitResult r = DijetFitter.fit(s, 4, new Region(3250, 3750));
            double[] bins = Fixtures.get(name, "srBins");
            assertArrayEquals(new int[] {(int) bins[0], (int) bins[1]}, s.binsOf(new Region(3250, 3750)));
            double[] pred = Fixtures.get(name, "srPrediction");
            Prediction p = r.predict(new Region(3250, 3750));
            assertEquals(pred[0], p.value(), 1e-4 * pred[0], name);
            assertEquals(pred[1], p.error(), 2e-3 * pred[1], name);
        }
    }

    @Test
    void binExpectationsAreIntegralsOfTheFunction() {
        FitResult r = DijetFitter.fit(Fixtures.spectrum("smooth4"), 4);
        DijetFunction f = r.function();
        BinnedSpectrum s = r.spectrum();
        for (int i = 0; i < s.nBins(); i++) {
            double ref = f.integral(s.lowEdge(i), s.highEdge(i));
            assertEquals(ref, r.expected()[i], 1e-11 * ref);
            // and not the value at the centre times the width
            double centre = f.value(0.5 * (s.lowEdge(i) + s.highEdge(i))) * (s.highEdge(i) - s.lowEdge(i));
            assertNotEquals(centre, r.expected()[i], 1e-6 * ref);
        }
    }

    @Test
    void pullsAndMaskedBinsAreConsistent() {
        FitResult r = DijetFitter.fit(Fixtures.spectrum("bump4"), 4, new Region(3250, 3750));
        double[] pulls = r.pulls();
        boolean[] m = r.masked();
        assertEquals(4, countTrue(m));
        double chi2 = 0;
        for (int i = 0; i < pulls.length; i++) {
            if (!m[i]) {
                chi2 += pulls[i] * pulls[i];
            }
        }
        assertEquals(r.pearsonChi2(), chi2, 1e-9 * chi2);
        assertEquals(44 - 4 - 4, r.ndf());
        // the bump sits in the masked bins: their pulls are large and positive
        double srPull = 0;
        for (int i = 14; i <= 17; i++) {
            srPull += pulls[i];
        }
        assertTrue(srPull > 5, "sum of SR pulls " + srPull);
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
