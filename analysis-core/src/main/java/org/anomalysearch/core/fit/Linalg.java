package org.anomalysearch.core.fit;

/** Small dense symmetric linear algebra for the fitter (k &lt;= 5): Jacobi-scaled Cholesky. */
final class Linalg {

    private Linalg() {
    }

    /**
     * Lower Cholesky factor of the Jacobi-scaled matrix S A S with S = diag(1/sqrt(|A_ii|)), or null if A is not
     * positive definite. {@code scale} receives S's diagonal.
     */
    static double[][] scaledCholesky(double[][] a, double[] scale) {
        int k = a.length;
        for (int i = 0; i < k; i++) {
            if (!(a[i][i] > 0) || !Double.isFinite(a[i][i])) {
                return null;
            }
            scale[i] = 1 / Math.sqrt(a[i][i]);
        }
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] * scale[i] * scale[j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (!(s > 1e-14)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves A x = b given the scaled Cholesky factor of A. */
    static double[] solve(double[][] l, double[] scale, double[] b) {
        int k = b.length;
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i] * scale[i];
            for (int m = 0; m < i; m++) {
                s -= l[i][m] * y[m];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < k; m++) {
                s -= l[m][i] * x[m];
            }
            x[i] = s / l[i][i];
        }
        for (int i = 0; i < k; i++) {
            x[i] *= scale[i];
        }
        return x;
    }

    /** The inverse of A from its scaled Cholesky factor. */
    static double[][] inverse(double[][] l, double[] scale) {
        int k = scale.length;
        double[][] inv = new double[k][k];
        for (int c = 0; c < k; c++) {
            double[] e = new double[k];
            e[c] = 1;
            double[] col = solve(l, scale, e);
            for (int r = 0; r < k; r++) {
                inv[r][c] = col[r];
            }
        }
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < r; c++) {
                double m = 0.5 * (inv[r][c] + inv[c][r]);
                inv[r][c] = m;
                inv[c][r] = m;
            }
        }
        return inv;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** a^T M b. */
    static double quad(double[] a, double[][] m, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double r = 0;
            for (int j = 0; j < b.length; j++) {
                r += m[i][j] * b[j];
            }
            s += a[i] * r;
        }
        return s;
    }
}
