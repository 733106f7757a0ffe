package org.anomalysearch.core.fit;

import java.io.Serializable;
import org.anomalysearch.core.InvalidInputException;

/**
 * A binned Poisson maximum-likelihood fit of the dijet function plus a signal template with a free yield (which may
 * be negative): nu_i = B_i(theta) + mu s_i, where B_i is the function's integral over bin i and s_i the template's
 * fraction in it. A damped Newton method like {@link DijetFitter}'s, on the exact gradient and Hessian in
 * (ln p0, p1, ..., mu): ln f is linear in the parameters, so each bin integral (the fitter's own quadrature nodes,
 * {@link PoissonModel}) and its derivatives are sums of exponentials. The yield's uncertainty is from the inverse Hessian (the profile
 * likelihood's curvature). With the turn-on family the background is that of {@link FitFunction#DIJET_TURNON}, its
 * turn-on parameters fitted as well. Used by the spurious-signal test.
 */
public final class SignalBackgroundFit {

    private SignalBackgroundFit() {
    }

    /**
     * @param params      the background's parameters at the minimum (as {@link FitResult#params()})
     * @param signal      the fitted yield mu (events)
     * @param signalError its uncertainty (events)
     * @param nll         -ln L at the minimum (without constant terms)
     * @param iterations  Newton iterations
     */
    public record Result(double[] params, double signal, double signalError, double nll, int iterations)
            implements Serializable {
        public Result {
            params = params.clone();
        }

        @Override
        public double[] params() {
            return params.clone();
        }
    }

    /**
     * Fits {@code spectrum} (every bin) starting from the background-only fit {@code background} (same spectrum, no
     * mask; its family and number of parameters are used) with the signal template {@code template} (one fraction
     * per bin).
     *
     * @throws FitFailedException if the minimisation does not converge to a positive definite minimum
     */
    public static Result fit(BinnedSpectrum spectrum, FitResult background, double[] template) {
        int nb = spectrum.nBins();
        if (template.length != nb) {
            throw new InvalidInputException(spectrum.source(), "template", "the signal template has " + template.length
                    + " bins, the spectrum " + nb, null);
        }
        PoissonModel model = new PoissonModel(spectrum, null, background.nDijetParams(), background.family());
        int k = model.k;
        int d = k + 1;
        double[] counts = spectrum.counts();
        double[] p = background.params();
        double[] phi = java.util.Arrays.copyOf(model.theta(p), d);
        Eval e = eval(phi, model, template, counts, k);
        if (e == null) {
            throw new FitFailedException("the signal + background fit of " + spectrum.source() + " has no valid start",
                    "check the background fit", k, p, Double.NaN);
        }
        double lambda = 1e-3;
        int it = 0;
        for (; it < 500; it++) {
            double[][] h = new double[d][d];
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    h[r][c] = e.hess[r][c] + (r == c ? lambda * Math.abs(e.hess[r][r]) : 0);
                }
            }
            double[] scale = new double[d];
            double[][] l = Linalg.scaledCholesky(h, scale);
            if (l == null) {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
                continue;
            }
            double[] neg = new double[d];
            for (int r = 0; r < d; r++) {
                neg[r] = -e.grad[r];
            }
            double[] step = Linalg.solve(l, scale, neg);
            double edm = -0.5 * Linalg.dot(e.grad, step);
            double[] next = phi.clone();
            for (int r = 0; r < d; r++) {
                next[r] += step[r];
            }
            Eval n = eval(next, model, template, counts, k);
            if (n != null && n.nll <= e.nll + 1e-12) {
                phi = next;
                e = n;
                lambda = Math.max(lambda / 10, 1e-9);
                if (edm < 1e-8) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        double[] scale = new double[d];
        double[][] l = Linalg.scaledCholesky(e.hess, scale);
        if (l == null) {
            throw new FitFailedException("the signal + background fit of " + spectrum.source() + " ended where the "
                    + "Hessian is not positive definite", "try another mass or width", k, p, Double.NaN);
        }
        double[][] cov = Linalg.inverse(l, scale);
        double[] out = model.params(java.util.Arrays.copyOf(phi, k));
        return new Result(out, phi[k], Math.sqrt(cov[k][k]), e.nll, it);
    }

    /** NLL, gradient and Hessian at phi; null where an expectation is not positive. */
    private static Eval eval(double[] phi, PoissonModel model, double[] s, double[] n, int k) {
        int d = k + 1;
        double nll = 0;
        double[] grad = new double[d];
        double[][] hess = new double[d][d];
        double mu = phi[k];
        double[] dnu = new double[d];
        double[][] d2nu = new double[k][k];
        for (int i = 0; i < n.length; i++) {
            java.util.Arrays.fill(dnu, 0);
            for (double[] row : d2nu) {
                java.util.Arrays.fill(row, 0);
            }
            double b = model.bin(phi, i, dnu, d2nu);
            dnu[k] = s[i];
            double nu = b + mu * s[i];
            if (!(nu > 0) || !Double.isFinite(nu)) {
                return null;
            }
            nll += nu - n[i] * Math.log(nu);
            double r = 1 - n[i] / nu;
            double q = n[i] / (nu * nu);
            for (int a = 0; a < d; a++) {
                grad[a] += r * dnu[a];
                for (int c = 0; c <= a; c++) {
                    double v = q * dnu[a] * dnu[c] + (a < k && c < k ? r * d2nu[a][c] : 0);
                    hess[a][c] += v;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < a; c++) {
                hess[c][a] = hess[a][c];
            }
        }
        return new Eval(nll, grad, hess);
    }

    private record Eval(double nll, double[] grad, double[][] hess) {
    }
}
