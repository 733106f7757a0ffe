package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    /** Features on very different scales, one heavy-tailed, one discrete-ish; mjj in GeV. */
    static SidebandData data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian() * 1e-3, Math.exp(2 * r.nextGaussian()) * 50, r.nextInt(5),
                r.nextDouble()};
            m[i] = 2500 + 2000 * r.nextDouble();
        }
        return SidebandData.of(List.of("tiny", "heavy", "discrete", "unit"), x, m);
    }

    @Test
    void roundTripIsExactToDoublePrecision() {
        SidebandData d = data(3000, 1);
        Preprocessor p = Preprocessor.fit(d, Preprocessor.DEFAULT_MARGIN);
        double[] width = new double[4];
        for (int c = 0; c < 4; c++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double[] row : d.x()) {
                lo = Math.min(lo, row[c]);
                hi = Math.max(hi, row[c]);
            }
            width[c] = hi - lo;
        }
        double worst = 0;
        for (double[] row : d.x()) {
            double[] back = p.inverse(p.forward(row));
            for (int c = 0; c < 4; c++) {
                worst = Math.max(worst, Math.abs(back[c] - row[c]) / width[c]);
            }
        }
        assertTrue(worst < 1e-13, "worst relative round-trip error " + worst);
        for (double mj : d.mjj()) {
            assertEquals(mj, p.inverseMjj(p.forwardMjj(mj)), 2000 * 1e-13);
        }
    }

    @Test
    void forwardIsStandardisedOnTheFitData() {
        SidebandData d = data(2000, 2);
        Preprocessor p = Preprocessor.fit(d, 0.01);
        double[] s = new double[5];
        double[] s2 = new double[5];
        for (int i = 0; i < d.size(); i++) {
            double[] f = p.forward(d.x()[i]);
            for (int c = 0; c < 4; c++) {
                s[c] += f[c];
                s2[c] += f[c] * f[c];
            }
            double fm = p.forwardMjj(d.mjj()[i]);
            s[4] += fm;
            s2[4] += fm * fm;
        }
        for (int c = 0; c < 5; c++) {
            assertEquals(0, s[c] / d.size(), 1e-9);
            assertEquals(1, s2[c] / d.size(), 1e-9);
        }
    }

    @Test
    void inverseStaysInsideTheBoxForAnyFiniteInputAndRejectsNaN() {
        SidebandData d = data(500, 3);
        Preprocessor p = Preprocessor.fit(d, 0.01);
        for (double s : new double[] {-1e300, -800, -40, 0, 40, 800, 1e300}) {
            double[] x = p.inverse(new double[] {s, s, s, s});
            for (double v : x) {
                assertTrue(Double.isFinite(v));
            }
            assertTrue(x[3] >= -0.0101 && x[3] <= 1.0101, "unit feature " + x[3]);
        }
        assertThrows(TrainingDivergedException.class, () -> p.inverse(new double[] {0, Double.NaN, 0, 0}));
    }

    @Test
    void forwardRejectsValuesOutsideTheBoxAndSamplingRejectsMjjOutsideTheSidebands() {
        SidebandData d = data(500, 4);
        Preprocessor p = Preprocessor.fit(d, 0.01);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> p.forward(new double[] {0, 1e9, 0, 0.5}));
        assertTrue(e.getMessage().contains("outside the fitted box"), e.getMessage());
        // inside the widened box but outside the data range: fine for forward, rejected for sampling
        double justAbove = p.mjjMax() + 1;
        p.forwardMjj(justAbove);
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> p.conditionForSampling(justAbove, 3));
        assertTrue(s.getMessage().contains("row 3") && s.getMessage().contains("outside the fitted range"),
                s.getMessage());
    }

    @Test
    void serialisesExactly() {
        SidebandData d = data(500, 5);
        Preprocessor p = Preprocessor.fit(d, 0.02);
        Map<String, String> m = new TreeMap<>();
        p.writeTo(m);
        Preprocessor q = Preprocessor.readFrom(m, "test");
        for (double[] row : d.x()) {
            double[] a = p.forward(row);
            double[] b = q.forward(row);
            for (int c = 0; c < 4; c++) {
                assertEquals(a[c], b[c], 0.0);
            }
        }
        assertEquals(p.mjjMin(), q.mjjMin(), 0.0);
        assertEquals(p.mjjMax(), q.mjjMax(), 0.0);
    }

    /**
     * logJacobian against a central-difference derivative of forward, column by column (the map is diagonal): on
     * features spanning nine orders of magnitude, at random points inside the box; relative step 1e-6 of the
     * column's width, agreement to 1e-6 in the log.
     */
    @Test
    void logJacobianMatchesNumericalDerivative() {
        SidebandData d = data(3000, 5);
        Preprocessor p = Preprocessor.fit(d, Preprocessor.DEFAULT_MARGIN);
        SplittableRandom r = new SplittableRandom(9);
        for (int t = 0; t < 200; t++) {
            double[] x = d.x()[r.nextInt(d.size())].clone();
            double numeric = 0;
            for (int c = 0; c < 4; c++) {
                double h = 1e-6 * Math.max(Math.abs(x[c]), width(d, c));
                double[] a = x.clone();
                double[] b = x.clone();
                a[c] += h;
                b[c] -= h;
                numeric += Math.log((p.forward(a)[c] - p.forward(b)[c]) / (2 * h));
            }
            assertTrue(p.inside(x));
            assertEquals(numeric, p.logJacobian(x), 1e-6, "row " + t);
        }
        assertTrue(!p.inside(new double[] {1.0, 50, 2, 0.5}), "a value far outside the box");
    }

    private static double width(SidebandData d, int c) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] row : d.x()) {
            lo = Math.min(lo, row[c]);
            hi = Math.max(hi, row[c]);
        }
        return hi - lo;
    }
}
