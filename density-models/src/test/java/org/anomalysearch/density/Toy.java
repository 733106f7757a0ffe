package org.anomalysearch.density;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The contract toy: x in 4-D, Gaussian with covariance {@link #COV} and mean {@code MU0 + c * SLOPE}, c (the
 * conditioning variable, standing in for mjj) uniform on [0, 0.4] U [0.6, 1] for training.
 */
final class Toy {

    static final double[] MU0 = {1.0, -0.5, 3.0, 0.0};
    static final double[] SLOPE = {2.0, -2.0, 1.0, 0.0};
    static final double[] SD = {1.0, 2.0, 0.5, 1.0};
    static final double[][] CORR = {
        {1.0, 0.6, -0.3, 0.0},
        {0.6, 1.0, 0.0, 0.2},
        {-0.3, 0.0, 1.0, 0.4},
        {0.0, 0.2, 0.4, 1.0}};
    static final double[][] COV = new double[4][4];
    static final double[][] CHOL;
    static final List<String> FEATURES = List.of("a", "b", "c", "d");

    static {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                COV[i][j] = CORR[i][j] * SD[i] * SD[j];
            }
        }
        CHOL = cholesky(COV);
    }

    private Toy() {
    }

    static double[] mean(double c) {
        double[] m = new double[4];
        for (int i = 0; i < 4; i++) {
            m[i] = MU0[i] + c * SLOPE[i];
        }
        return m;
    }

    static double[] draw(double c, SplittableRandom rng) {
        double[] e = new double[4];
        for (int i = 0; i < 4; i++) {
            e[i] = rng.nextGaussian();
        }
        double[] m = mean(c);
        double[] x = new double[4];
        for (int i = 0; i < 4; i++) {
            double s = m[i];
            for (int k = 0; k <= i; k++) {
                s += CHOL[i][k] * e[k];
            }
            x[i] = s;
        }
        return x;
    }

    /** n events with c uniform on [0, 0.4] U [0.6, 1]. */
    static SidebandData sidebands(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * 0.8;
            c[i] = u < 0.4 ? u : u + 0.2;
            x[i] = draw(c[i], rng);
        }
        return SidebandData.of(FEATURES, x, c);
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    static double[] sampleMean(double[][] x) {
        int d = x[0].length;
        double[] m = new double[d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) {
                m[i] += r[i] / x.length;
            }
        }
        return m;
    }

    static double[][] sampleCov(double[][] x) {
        int d = x[0].length;
        double[] m = sampleMean(x);
        double[][] c = new double[d][d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (r[i] - m[i]) * (r[j] - m[j]) / (x.length - 1);
                }
            }
        }
        return c;
    }
}
