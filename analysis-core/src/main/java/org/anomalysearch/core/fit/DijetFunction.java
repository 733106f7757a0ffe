package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The dijet fit function of resonance searches, with x = mjj / sqrt(s) and sqrt(s) = 13 TeV:
 * <ul>
 *   <li>3 parameters: f = p0 (1-x)^p1 x^(-p2)</li>
 *   <li>4 parameters: f = p0 (1-x)^p1 x^(-(p2 + p3 ln x))</li>
 *   <li>5 parameters: f = p0 (1-x)^p1 x^(-(p2 + p3 ln x + p4 (ln x)^2))</li>
 * </ul>
 * {@link #value(double)} takes mjj in GeV and returns f (a density in x, up to p0). Integrals are in mjj
 * (GeV), computed by composite 8-point Gauss-Legendre quadrature on ln(mjj) sub-intervals (relative accuracy
 * ~1e-12 for smooth, falling spectra).
 */
public final class DijetFunction implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Centre-of-mass energy, GeV. */
    public static final double SQRT_S = 13000.0;

    private final double[] p;

    private DijetFunction(double[] p) {
        this.p = p;
    }

    /** From 3, 4 or 5 parameters p0..p4. */
    public static DijetFunction of(double... params) {
        if (params == null || params.length < 3 || params.length > 5) {
            throw new IllegalArgumentException("the dijet function takes 3, 4 or 5 parameters, got "
                    + (params == null ? 0 : params.length));
        }
        for (double v : params) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("dijet function parameters must be finite, got " + Arrays.toString(params));
            }
        }
        return new DijetFunction(params.clone());
    }

    public static DijetFunction threeParam(double p0, double p1, double p2) {
        return of(p0, p1, p2);
    }

    public static DijetFunction fourParam(double p0, double p1, double p2, double p3) {
        return of(p0, p1, p2, p3);
    }

    public static DijetFunction fiveParam(double p0, double p1, double p2, double p3, double p4) {
        return of(p0, p1, p2, p3, p4);
    }

    /** Number of parameters (3, 4 or 5). */
    public int nParams() {
        return p.length;
    }

    public double[] params() {
        return p.clone();
    }

    /** f at x = mjj / 13000 (mjj in GeV); 0 outside 0 &lt; x &lt; 1. */
    public double value(double mjj) {
        return valueAtX(mjj / SQRT_S);
    }

    /** f at x. */
    public double valueAtX(double x) {
        if (!(x > 0) || !(x < 1)) {
            return 0.0;
        }
        return p[0] * Math.exp(logShape(x));
    }

    /** ln(f / p0) at x: p1 ln(1-x) - (p2 + p3 ln x + p4 ln^2 x) ln x. */
    double logShape(double x) {
        double lx = Math.log(x);
        double e = p[2];
        if (p.length > 3) {
            e += p[3] * lx;
        }
        if (p.length > 4) {
            e += p[4] * lx * lx;
        }
        return p[1] * Math.log1p(-x) - e * lx;
    }

    private static final double[] GL_X = {
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] GL_W = {
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    /** Integral of f(mjj / 13000) d mjj from a to b (GeV, 0 &lt; a &lt;= b &lt; 13000). */
    public double integral(double a, double b) {
        checkRange(a, b);
        if (a == b) {
            return 0;
        }
        int n = 64;
        double la = Math.log(a);
        double h = (Math.log(b) - la) / n;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double c = la + (k + 0.5) * h;
            for (int j = 0; j < GL_X.length; j++) {
                double m = Math.exp(c + 0.5 * h * GL_X[j]);
                sum += GL_W[j] * value(m) * m; // d mjj = mjj d ln mjj
            }
        }
        return sum * 0.5 * h;
    }

    /** The normalised cumulative distribution on [lo, hi] at mjj: integral(lo, mjj) / integral(lo, hi). */
    public double cdf(double mjj, double lo, double hi) {
        checkRange(lo, hi);
        if (mjj <= lo) {
            return 0;
        }
        if (mjj >= hi) {
            return 1;
        }
        return integral(lo, mjj) / integral(lo, hi);
    }

    /** The normalised density on [lo, hi] at mjj (per GeV). */
    public double pdf(double mjj, double lo, double hi) {
        if (mjj < lo || mjj > hi) {
            return 0;
        }
        return value(mjj) / integral(lo, hi);
    }

    private static void checkRange(double a, double b) {
        if (!(a > 0) || !(b < SQRT_S) || !(a <= b)) {
            throw new IllegalArgumentException("the dijet function needs 0 < lo <= hi < 13000 GeV, got [" + a + ", " + b + "]");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DijetFunction d && Arrays.equals(p, d.p);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p);
    }

    @Override
    public String toString() {
        return "DijetFunction" + Arrays.toString(p);
    }
}
