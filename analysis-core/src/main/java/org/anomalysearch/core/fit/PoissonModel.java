package org.anomalysearch.core.fit;

import org.apache.commons.math3.special.Gamma;

/**
 * The binned Poisson likelihood of a dijet function, in the internal parameters
 * theta = (ln p0, p1, ..., p_{k-1}) where ln f = theta . phi(x) with phi = (1, ln(1-x), -ln x, -ln^2 x, -ln^3 x).
 * Bin expectations are integrals of f over the bin in mjj (GeV) by Gauss-Legendre quadrature on sub-intervals
 * of at most {@link #MAX_LOG_STEP} in ln(mjj), precomputed once per binning.
 *
 * <p>With the turn-on term ({@link FitFunction#DIJET_TURNON}) f is multiplied by E(m) = (1 + erf((m - a) / b)) / 2
 * and theta gains two entries, a [GeV] and ln b (so b &gt; 0 everywhere); ln f is then no longer linear in them, and
 * the gradient and the exact Hessian carry E's first and second derivatives.
 */
final class PoissonModel {
    static final double MAX_LOG_STEP = 0.05;
    private static final double[] GL_X = {
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] GL_W = {
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    final int k; // all parameters
    final int kd; // the dijet function's (3-5)
    final boolean turnOn;
    final int nBins;
    final double[] n;
    final boolean[] used;
    final int[] start; // node range of bin i: [start[i], start[i+1])
    final double[] w; // quadrature weight incl. the Jacobian d mjj = mjj d ln mjj
    final double[][] phi; // [node][kd]
    final double[] mass; // [node] mjj, GeV
    final double constant; // sum over used bins of n - n ln n + ln n!

    PoissonModel(BinnedSpectrum s, boolean[] masked, int k) {
        this(s, masked, k, FitFunction.DIJET);
    }

    /** The model of {@code function} with {@code kd} dijet parameters. */
    PoissonModel(BinnedSpectrum s, boolean[] masked, int kd, FitFunction function) {
        this.kd = kd;
        this.turnOn = function.turnOn();
        this.k = kd + function.extraParams();
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
        phi = new double[total][kd];
        mass = new double[total];
        for (int i = 0; i < nBins; i++) {
            double la = Math.log(edges[i]);
            double h = (Math.log(edges[i + 1]) - la) / nSub[i];
            int p = start[i];
            for (int sub = 0; sub < nSub[i]; sub++) {
                double c = la + (sub + 0.5) * h;
                for (int j = 0; j < GL_X.length; j++, p++) {
                    double m = Math.exp(c + 0.5 * h * GL_X[j]);
                    w[p] = GL_W[j] * 0.5 * h * m;
                    mass[p] = m;
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

    /** theta from this model's parameters (p0, ..., a, b): ln p0 and, with the turn-on, ln b. */
    double[] theta(double[] p) {
        double[] t = toTheta(p);
        if (turnOn) {
            t[k - 1] = Math.log(p[k - 1]);
        }
        return t;
    }

    /** This model's parameters (p0, ..., a, b) from theta. */
    double[] params(double[] theta) {
        double[] p = toParams(theta);
        if (turnOn) {
            p[k - 1] = Math.exp(theta[k - 1]);
        }
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
                s += w[p] * Math.exp(dot(theta, phi[p])) * efficiency(theta, p);
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
                s += w[p] * Math.exp(e) * efficiency(theta, p);
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
            s = bin(theta, i, g, used[i] ? d2 : null);
            if (s == Double.POSITIVE_INFINITY) {
                ev.deviance = Double.POSITIVE_INFINITY;
                return ev;
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

    /**
     * Bin i's expectation, its gradient in theta added to {@code g} and, if {@code d2} is not null, its second
     * derivatives added to d2's lower triangle; +infinity where an exponent overflows.
     */
    double bin(double[] theta, int i, double[] g, double[][] d2) {
        double s = 0;
        double a0 = turnOn ? theta[kd] : 0;
        double b0 = turnOn ? Math.exp(theta[kd + 1]) : 1;
        for (int p = start[i]; p < start[i + 1]; p++) {
            double e = dot(theta, phi[p]);
            if (e > 700) {
                return Double.POSITIVE_INFINITY;
            }
            double we = w[p] * Math.exp(e);
            double base = we;
            double u = 0;
            double ph = 0;
            if (turnOn) {
                u = (mass[p] - a0) / b0;
                ph = Math.exp(-u * u) / SQRT_PI; // dE/du
                we *= 0.5 * FitFunction.erfc(-u);
            }
            s += we;
            double[] f = phi[p];
            for (int a = 0; a < kd; a++) {
                double wa = we * f[a];
                g[a] += wa;
                if (d2 != null) {
                    for (int b = 0; b <= a; b++) {
                        d2[a][b] += wa * f[b];
                    }
                }
            }
            if (turnOn) {
                // derivatives of E in (a, ln b): dE/da = -ph / b, dE/dln b = -u ph, and the second ones
                double ea = -ph / b0;
                double es = -u * ph;
                g[kd] += base * ea;
                g[kd + 1] += base * es;
                if (d2 != null) {
                    for (int b = 0; b < kd; b++) {
                        d2[kd][b] += base * ea * f[b];
                        d2[kd + 1][b] += base * es * f[b];
                    }
                    double c = 1 - 2 * u * u;
                    d2[kd][kd] += base * (-2 * u * ph / (b0 * b0));
                    d2[kd + 1][kd] += base * ph * c / b0;
                    d2[kd + 1][kd + 1] += base * u * c * ph;
                }
            }
        }
        return s;
    }

    /** The turn-on efficiency at node p (1 without the turn-on term). */
    private double efficiency(double[] theta, int p) {
        return turnOn ? FitFunction.efficiency(mass[p], theta[kd], Math.exp(theta[kd + 1])) : 1;
    }

    /** theta . phi over the dijet part (phi's length). */
    static double dot(double[] t, double[] f) {
        double s = 0;
        for (int a = 0; a < f.length; a++) {
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
