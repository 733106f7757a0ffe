package org.anomalysearch.core.fit;

import org.apache.commons.math3.special.Gamma;

/**
 * The binned Poisson likelihood of a dijet function, in the internal parameters
 * theta = (ln p0, p1, ..., p_{k-1}) where ln f = theta . phi(x) with phi = (1, ln(1-x), -ln x, -ln^2 x, -ln^3 x).
 * Bin expectations are integrals of f over the bin in mjj (GeV) by Gauss-Legendre quadrature on sub-intervals
 * of at most {@link #MAX_LOG_STEP} in ln(mjj), precomputed once per binning.
 */
final class PoissonModel {
    static final double MAX_LOG_STEP = 0.05;
    private static final double[] GL_X = {
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] GL_W = {
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    final int k;
    final int nBins;
    final double[] n;
    final boolean[] used;
    final int[] start; // node range of bin i: [start[i], start[i+1])
    final double[] w; // quadrature weight incl. the Jacobian d mjj = mjj d ln mjj
    final double[][] phi; // [node][k]
    final double constant; // sum over used bins of n - n ln n + ln n!

    PoissonModel(BinnedSpectrum s, boolean[] masked, int k) {
        this.k = k;
        this.nBins = s.nBins();
        this.n = s.counts();
        this.used = new boolean[nBins];
        double[] edges = s.edges();
        start = new int[nBins + 1];
        int total = 0;
        int[] nSub = new int[nBins];
        for (int i = 0; i < nBins; i++) {
            used[i] = masked == null || !masked[i];
            double dl = Math.log(edges[i + 1] / edges[i]);
            nSub[i] = Math.max(1, (int) Math.ceil(dl / MAX_LOG_STEP));
            start[i] = total;
            total += nSub[i] * GL_X.length;
        }
        start[nBins] = total;
        w = new double[total];
        phi = new double[total][k];
        for (int i = 0; i < nBins; i++) {
            double la = Math.log(edges[i]);
            double h = (Math.log(edges[i + 1]) - la) / nSub[i];
            int p = start[i];
            for (int sub = 0; sub < nSub[i]; sub++) {
                double c = la + (sub + 0.5) * h;
                for (int j = 0; j < GL_X.length; j++, p++) {
                    double m = Math.exp(c + 0.5 * h * GL_X[j]);
                    w[p] = GL_W[j] * 0.5 * h * m;
                    basis(m / DijetFunction.SQRT_S, phi[p]);
                }
            }
        }
        double c = 0;
        for (int i = 0; i < nBins; i++) {
            if (used[i]) {
                c += n[i] - xlogx(n[i]) + Gamma.logGamma(n[i] + 1);
            }
        }
        constant = c;
    }

    /** phi(x) into out (length k). */
    static void basis(double x, double[] out) {
        double lx = Math.log(x);
        out[0] = 1;
        out[1] = Math.log1p(-x);
        out[2] = -lx;
        if (out.length > 3) {
            out[3] = -lx * lx;
        }
        if (out.length > 4) {
            out[4] = -lx * lx * lx;
        }
    }

    static double xlogx(double x) {
        return x > 0 ? x * Math.log(x) : 0;
    }

    /** theta from dijet-function parameters. */
    static double[] toTheta(double[] p) {
        double[] t = p.clone();
        t[0] = Math.log(p[0]);
        return t;
    }

    static double[] toParams(double[] theta) {
        double[] p = theta.clone();
        p[0] = Math.exp(theta[0]);
        return p;
    }

    /** Result of one evaluation. */
    static final class Eval {
        double deviance; // 2 sum over used bins (mu - n + n ln(n/mu))
        double[] mu;
        double[][] dmu; // [bin][k], d mu / d theta
        double[] grad; // of -ln L
        double[][] hess; // of -ln L (exact)

        double nll(PoissonModel m) {
            return m.constant + 0.5 * deviance;
        }

        boolean finite() {
            return Double.isFinite(deviance);
        }
    }

    /** Bin expectations only, all bins. */
    double[] expectations(double[] theta) {
        double[] mu = new double[nBins];
        for (int i = 0; i < nBins; i++) {
            double s = 0;
            for (int p = start[i]; p < start[i + 1]; p++) {
                s += w[p] * Math.exp(dot(theta, phi[p]));
            }
            mu[i] = s;
        }
        return mu;
    }

    /** Deviance only (for line searches). */
    double deviance(double[] theta) {
        double dev = 0;
        for (int i = 0; i < nBins; i++) {
            if (!used[i]) {
                continue;
            }
            double s = 0;
            for (int p = start[i]; p < start[i + 1]; p++) {
                double e = dot(theta, phi[p]);
                if (e > 700) {
                    return Double.POSITIVE_INFINITY;
                }
                s += w[p] * Math.exp(e);
            }
            dev += devianceTerm(n[i], s);
        }
        return 2 * dev;
    }

    static double devianceTerm(double n, double mu) {
        if (!(mu > 0)) {
            return n > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return n > 0 ? mu - n + n * Math.log(n / mu) : mu;
    }

    /** Full evaluation with gradient and Hessian (and d mu / d theta for every bin, used or not). */
    Eval evaluate(double[] theta) {
        Eval ev = new Eval();
        ev.mu = new double[nBins];
        ev.dmu = new double[nBins][k];
        ev.grad = new double[k];
        ev.hess = new double[k][k];
        double dev = 0;
        double[][] d2 = new double[k][k];
        for (int i = 0; i < nBins; i++) {
            double s = 0;
            double[] g = ev.dmu[i];
            for (int a = 0; a < k; a++) {
                java.util.Arrays.fill(d2[a], 0);
            }
            for (int p = start[i]; p < start[i + 1]; p++) {
                double e = dot(theta, phi[p]);
                if (e > 700) {
                    ev.deviance = Double.POSITIVE_INFINITY;
                    return ev;
                }
                double we = w[p] * Math.exp(e);
                s += we;
                double[] f = phi[p];
                for (int a = 0; a < k; a++) {
                    double wa = we * f[a];
                    g[a] += wa;
                    if (used[i]) {
                        for (int b = 0; b <= a; b++) {
                            d2[a][b] += wa * f[b];
                        }
                    }
                }
            }
            ev.mu[i] = s;
            if (!used[i]) {
                continue;
            }
            if (!(s > 0)) {
                ev.deviance = Double.POSITIVE_INFINITY;
                return ev;
            }
            dev += devianceTerm(n[i], s);
            double r = 1 - n[i] / s;
            double q = n[i] / (s * s);
            for (int a = 0; a < k; a++) {
                ev.grad[a] += r * g[a];
                for (int b = 0; b <= a; b++) {
                    ev.hess[a][b] += r * d2[a][b] + q * g[a] * g[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                ev.hess[b][a] = ev.hess[a][b];
            }
        }
        ev.deviance = 2 * dev;
        return ev;
    }

    static double dot(double[] t, double[] f) {
        double s = 0;
        for (int a = 0; a < t.length; a++) {
            s += t[a] * f[a];
        }
        return s;
    }

    /** Sets theta[0] to its conditional maximum-likelihood value: ln(sum n / sum mu(theta0 = 0)) over used bins. */
    void profileNormalisation(double[] theta) {
        double t0 = theta[0];
        theta[0] = 0;
        double[] mu = expectations(theta);
        double sn = 0;
        double sm = 0;
        for (int i = 0; i < nBins; i++) {
            if (used[i]) {
                sn += n[i];
                sm += mu[i];
            }
        }
        theta[0] = sm > 0 && Double.isFinite(sm) && sn > 0 ? Math.log(sn / sm) : t0;
    }
}
