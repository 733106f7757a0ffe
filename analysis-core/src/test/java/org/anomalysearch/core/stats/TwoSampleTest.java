package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoSampleTest {

    @Test
    void identicalSamplesAreAtDistanceZero() {
        double[] a = {3, 1, 2, 2, 5};
        assertEquals(0, TwoSample.ks(a, a.clone()), 0);
        assertEquals(0, TwoSample.wasserstein1(a, new double[] {5, 2, 1, 3, 2}), 0);
    }

    @Test
    void shiftedSampleMovesByTheShift() {
        // W1 of a sample and its translate by c is |c|; KS of disjoint samples is 1
        double[] a = new double[100];
        double[] b = new double[100];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
            b[i] = a[i] + 2.5;
        }
        assertEquals(2.5, TwoSample.wasserstein1(a, b), 1e-12);
        assertEquals(2.5, TwoSample.wasserstein1(b, a), 1e-12);
        assertEquals(1.0, TwoSample.ks(a, b), 0);
    }

    @Test
    void handComputedSmallCases() {
        // F_a: 1/2 at 0, 1 at 1; F_b: 1 at 0.5. |F_a - F_b| = 1/2 on [0, 0.5), 1/2 on [0.5, 1): W1 = 0.5
        assertEquals(0.5, TwoSample.wasserstein1(new double[] {0, 1}, new double[] {0.5}), 1e-15);
        assertEquals(0.5, TwoSample.ks(new double[] {0, 1}, new double[] {0.5}), 1e-15);
        // ties across samples: a = {1, 2, 2}, b = {2, 3}: after x = 1: |1/3 - 0|; after 2: |1 - 1/2| = 1/2
        assertEquals(0.5, TwoSample.ks(new double[] {1, 2, 2}, new double[] {2, 3}), 1e-15);
        // W1 = 1/3 * 1 (on [1,2)) + 1/2 * 1 (on [2,3)) = 5/6
        assertEquals(5.0 / 6, TwoSample.wasserstein1(new double[] {1, 2, 2}, new double[] {2, 3}), 1e-15);
        // point masses: W1 = distance, KS = 1
        assertEquals(4, TwoSample.wasserstein1(new double[] {-1}, new double[] {3}), 0);
    }

    @Test
    void agreesWithScipy() {
        // scipy 1.17.1: stats.ks_2samp(a, b).statistic, stats.wasserstein_distance(a, b)
        double[] a = {0.61, 2.3, -1.2, 0.0, 1.7, 0.61, 3.4, -0.5, 2.2, 0.9};
        double[] b = {1.1, 0.61, -2.0, 4.5, 2.2, 0.3, 1.9};
        assertEquals(0.17142857142857143, TwoSample.ks(a, b), 1e-14);
        assertEquals(0.5365714285714287, TwoSample.wasserstein1(a, b), 1e-13);
        double[] x = {2.041, -2.556, 0.418, -0.568, -0.453, -0.216, -2.02, -0.232, -0.865, 3.323, 0.226, -0.353,
            -0.281, -0.668, -1.055, -0.391, 0.482, -0.239, 0.958, -0.2, 0.024, 1.546, 0.545, -0.505, -0.183, 0.541,
            1.935, -0.27, -0.244, 1.002, -0.886, -0.292, 0.883, 0.58, 0.092, 0.67, -2.828, 1.021, -0.96, -1.669};
        double[] y = {0.915, 1.551, -0.167, -1.115, 0.539, 0.421, 2.608, 1.621, 0.791, 2.167, 0.192, -0.889, 1.376,
            1.374, 0.178, -0.674, 0.844, -3.241, 1.535, 1.237, -1.958, 0.592, -0.946, 1.636, -2.551};
        assertEquals(0.305, TwoSample.ks(x, y), 1e-14);
        assertEquals(0.5748549999999999, TwoSample.wasserstein1(x, y), 1e-13);
        assertEquals(TwoSample.ks(x, y), TwoSample.ks(y, x), 0);
    }

    @Test
    void rejectsEmptyAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> TwoSample.ks(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> TwoSample.wasserstein1(new double[] {1, Double.NaN},
                new double[] {1}));
    }
}
