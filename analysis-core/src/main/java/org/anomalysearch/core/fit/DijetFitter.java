package org.anomalysearch.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;

/**
 * Binned Poisson maximum-likelihood fits of the 3-, 4- and 5-parameter {@link DijetFunction} to a
 * {@link BinnedSpectrum}, optionally with masked bins (a signal region) left out of the likelihood.
 *
 * <p>Each bin's expectation is the integral of f over the bin. The minimiser is a Levenberg-Marquardt-damped
 * Newton method on the exact Hessian in (ln p0, p1, ...), where ln f is linear in the parameters. Starting values:
 * a weighted log-linear least-squares fit of ln(n / width) at the bin centres, and for 4 and 5 parameters also
 * the converged fit with one parameter fewer (extended by a zero); the best converged start wins. Only when these
 * all fail, {@link FitOptions#restarts()} deterministically perturbed starts are tried. Convergence needs the
 * estimated distance to the minimum below {@link FitOptions#edmTolerance()} with a positive definite Hessian and
 * every shape parameter inside {@link FitOptions#parameterLimit()}; anything else throws
 * {@link FitFailedException}. Pure and thread-safe.
 *
 * <p>With {@link FitFunction#DIJET_TURNON} the function is the dijet function times (1 + erf((m - a) / b)) / 2. The
 * same damped Newton method runs on all parameters at once, with the exact Hessian of the turn-on term as well
 * (second derivatives of the error function are cheap and exact, so Fisher scoring's approximation buys nothing);
 * b is fitted as ln b, so it stays positive. The likelihood is not convex in (a, b), so the starts are a grid of
 * turn-on midpoints a = (0.8, 0.9, 1.0) x the fit's first edge and widths b = (0.05, 0.1, 0.2, 0.4) x that edge
 * (a factor-2 ladder from a sharp to a slow turn-on), the dijet part of each from the weighted least-squares fit of
 * ln(n / width) - ln E(a, b) at the bin centres; the three grid points of smallest starting deviance are minimised,
 * and the converged fit with one dijet parameter fewer is a further start; the best converged start wins. When none
 * converges, the {@link FitOptions#restarts()} go on from the unconverged attempt of smallest deviance (the valleys in
 * (a, b) are long; measured: 17 of 300 toys failed after 200 iterations without this). A fit
 * whose turn-on the data do not determine (a spectrum on its plateau: E = 1 for any a far enough below) ends where the
 * Hessian is singular and fails like any other.
 */
public final class DijetFitter {

    private DijetFitter() {
    }

    /** Fit of all bins. */
    public static FitResult fit(BinnedSpectrum spectrum, int nParams) {
        return fit(spectrum, nParams, null, FitOptions.defaults());
    }

    /** Fit with the bins of {@code signalRegion} (aligned with bin edges, inside the range) masked. */
    public static FitResult fit(BinnedSpectrum spectrum, int nParams, Region signalRegion) {
        return fit(spectrum, nParams, signalRegion == null ? null : spectrum.mask(signalRegion), FitOptions.defaults());
    }

    /**
     * Fit with the bins where {@code masked[i]} is true left out of the likelihood (null: none masked).
     *
     * @throws InvalidInputException for an empty or all-zero spectrum, no events outside the mask, or fewer
     *                               unmasked bins than parameters + 1 (ndf &lt;= 0)
     * @throws FitFailedException    if no start converges
     */
    public static FitResult fit(BinnedSpectrum spectrum, int nParams, boolean[] masked, FitOptions options) {
        return fit(spectrum, FitFunction.DIJET, nParams, masked, options);
    }

    /**
     * Fit of {@code function} with {@code nParams} dijet parameters (3-5; the turn-on term adds its two), the bins
     * where {@code masked[i]} is true left out (null: none).
     *
     * @throws InvalidInputException for an empty or all-zero spectrum, no events outside the mask, or fewer
     *                               unmasked bins than parameters + 1 (ndf &lt;= 0)
     * @throws FitFailedException    if no start converges
     */
    public static FitResult fit(BinnedSpectrum spectrum, FitFunction function, int nParams, boolean[] masked,
                                FitOptions options) {
        if (nParams < 3 || nParams > 5) {
            throw new InvalidInputException(spectrum.source(), "nParams", "the dijet function has 3, 4 or 5 parameters, got "
                    + nParams, null);
        }
        boolean[] mask = masked == null ? new boolean[spectrum.nBins()] : masked.clone();
        if (mask.length != spectrum.nBins()) {
            throw new InvalidInputException(spectrum.source(), "mask", "the mask has " + mask.length + " entries but the "
                    + "spectrum has " + spectrum.nBins() + " bins", null);
        }
        if (spectrum.total() == 0) {
            throw new InvalidInputException(spectrum.source(), "counts", "the spectrum is empty: all " + spectrum.nBins()
                    + " bins are zero", "check the selection and the mjj range");
        }
        int nUsed = 0;
        double usedTotal = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                nUsed++;
                usedTotal += spectrum.count(i);
            }
        }
        int total = nParams + function.extraParams();
        if (nUsed - total <= 0) {
            throw new InvalidInputException(spectrum.source(), "bins", "too few bins for the " + total
                    + "-parameter fit: " + nUsed + " unmasked bins leave ndf = " + (nUsed - total) + " (needs > 0)",
                    "use more, narrower bins or a narrower signal region, or fewer parameters");
        }
        if (usedTotal == 0) {
            throw new InvalidInputException(spectrum.source(), "counts", "no events outside the masked signal region ("
                    + nUsed + " unmasked bins, all zero)", "widen the fit range into the sidebands");
        }
        return fitChecked(spectrum, function, nParams, mask, options);
    }

    static FitResult fitChecked(BinnedSpectrum spectrum, int k, boolean[] mask, FitOptions options) {
        return fitChecked(spectrum, FitFunction.DIJET, k, mask, options);
    }

    /** The turn-on starts' midpoints and widths, in units of the fit's first bin edge (see the class comment). */
    private static final double[] TURN_ON_A = {0.8, 0.9, 1.0};
    private static final double[] TURN_ON_B = {0.05, 0.1, 0.2, 0.4};
    /** The grid points minimised from: those of smallest starting deviance. */
    private static final int TURN_ON_STARTS = 3;

    static FitResult fitChecked(BinnedSpectrum spectrum, FitFunction function, int kd, boolean[] mask,
                                FitOptions options) {
        PoissonModel model = new PoissonModel(spectrum, mask, kd, function);
        int k = model.k;
        List<double[]> starts = new ArrayList<>();
        double[] ls;
        if (!function.turnOn()) {
            ls = leastSquaresStart(spectrum, mask, kd, options);
            starts.add(ls);
        } else {
            List<double[]> grid = new ArrayList<>();
            for (double fa : TURN_ON_A) {
                for (double fb : TURN_ON_B) {
                    double a = fa * spectrum.lo();
                    double b = fb * spectrum.lo();
                    double[] t = java.util.Arrays.copyOf(leastSquaresStart(spectrum, mask, kd, options, a, b), k);
                    t[kd] = a;
                    t[kd + 1] = Math.log(b);
                    model.profileNormalisation(t);
                    grid.add(t);
                }
            }
            // minimise from the grid points that start closest (deviance), not from all: each costs a full fit
            grid.sort(java.util.Comparator.comparingDouble(model::deviance));
            starts.addAll(grid.subList(0, TURN_ON_STARTS));
            ls = grid.get(0);
        }
        if (kd > 3) {
            try {
                FitResult lower = fitChecked(spectrum, function, kd - 1, mask, options);
                double[] t = new double[k];
                double[] lt = new PoissonModel(spectrum, mask, kd - 1, function).theta(lower.params());
                System.arraycopy(lt, 0, t, 0, kd - 1);
                System.arraycopy(lt, kd - 1, t, kd, function.extraParams());
                starts.add(t);
            } catch (FitFailedException e) {
                // the nested start is a help, not a requirement
            }
        }
        Attempt best = null;
        Attempt lastFailed = null;
        Attempt closest = null; // the unconverged attempt of smallest deviance
        for (double[] s : starts) {
            Attempt a = minimise(model, s, options);
            if (a.converged && (best == null || a.deviance < best.deviance)) {
                best = a;
            } else if (!a.converged) {
                lastFailed = a;
                closest = closer(closest, a);
            }
        }
        if (best == null) {
            Random rnd = new Random(0x5eed_f17L + k);
            for (int r = 0; r < options.restarts() && best == null; r++) {
                if (function.turnOn() && closest != null) {
                    // the turn-on's valleys are long: go on from where the closest attempt stopped
                    Attempt a = minimise(model, closest.theta, options);
                    if (a.converged) {
                        best = a;
                    } else {
                        lastFailed = a;
                        closest = closer(closest, a);
                    }
                    continue;
                }
                double[] s = ls.clone();
                double scale = 1 + r;
                s[1] += scale * 3 * (2 * rnd.nextDouble() - 1);
                s[2] += scale * 1.5 * (2 * rnd.nextDouble() - 1);
                for (int a = 3; a < kd; a++) {
                    s[a] = scale * 0.3 * (2 * rnd.nextDouble() - 1);
                }
                Attempt a = minimise(model, s, options);
                if (a.converged) {
                    best = a;
                } else {
                    lastFailed = a;
                }
            }
        }
        if (best == null) {
            String why = lastFailed == null ? "no start could be evaluated" : lastFailed.failure;
            throw new FitFailedException("the " + k + "-parameter " + function.key() + " fit of " + spectrum.source()
                    + " did not converge: " + why, "check the spectrum for empty regions or steps, try fewer parameters"
                    + " or another mjj range", k, lastFailed == null ? null : safeParams(lastFailed.theta),
                    lastFailed == null ? Double.NaN
                    : lastFailed.edm);
        }
        return result(spectrum, mask, model, best, function);
    }

    /** Of two unconverged attempts (the first may be null) the one of smaller finite deviance. */
    private static Attempt closer(Attempt c, Attempt a) {
        return Double.isFinite(a.deviance) && (c == null || a.deviance < c.deviance) ? a : c;
    }

    private static double[] safeParams(double[] theta) {
        double[] p = PoissonModel.toParams(theta);
        return Double.isFinite(p[0]) ? p : theta;
    }

    /** One minimisation from one start. */
    static final class Attempt {
        double[] theta;
        double deviance;
        double edm = Double.NaN;
        int iterations;
        boolean converged;
        String failure;
    }

    static Attempt minimise(PoissonModel model, double[] start, FitOptions options) {
        int k = model.k;
        Attempt at = new Attempt();
        double[] theta = start.clone();
        model.profileNormalisation(theta);
        at.theta = theta;
        PoissonModel.Eval ev = model.evaluate(theta);
        if (!ev.finite()) {
            at.deviance = Double.POSITIVE_INFINITY;
            at.failure = "the likelihood is not finite at the starting values " + java.util.Arrays.toString(theta);
            return at;
        }
        double lambda = 1e-3;
        double[] scale = new double[k];
        for (int it = 0; it <= options.maxIterations(); it++) {
            at.iterations = it;
            double[][] l = Linalg.scaledCholesky(ev.hess, scale);
            if (l != null) {
                double[] step = Linalg.solve(l, scale, ev.grad);
                at.edm = 0.5 * Linalg.dot(ev.grad, step);
                if (at.edm < options.edmTolerance()) {
                    break;
                }
            } else {
                at.edm = Double.POSITIVE_INFINITY;
            }
            if (it == options.maxIterations()) {
                break;
            }
            boolean moved = false;
            while (lambda < 1e16) {
                double[][] a = new double[k][k];
                for (int i = 0; i < k; i++) {
                    a[i] = ev.hess[i].clone();
                    a[i][i] += lambda * Math.max(Math.abs(ev.hess[i][i]), 1e-300);
                }
                double[] sc = new double[k];
                double[][] la = Linalg.scaledCholesky(a, sc);
                if (la == null) {
                    lambda *= 10;
                    continue;
                }
                double[] d = Linalg.solve(la, sc, ev.grad);
                double[] trial = new double[k];
                for (int i = 0; i < k; i++) {
                    trial[i] = theta[i] - d[i];
                }
                double dev = model.deviance(trial);
                if (Double.isFinite(dev) && dev <= ev.deviance + 1e-13 * Math.max(1, Math.abs(ev.deviance))) {
                    theta = trial;
                    ev = model.evaluate(theta);
                    lambda = Math.max(lambda * 0.1, 1e-12);
                    moved = true;
                    break;
                }
                lambda *= 10;
            }
            if (!moved) {
                break; // no step decreases -ln L: stalled; judged by the EDM below
            }
        }
        at.theta = theta;
        at.deviance = ev.deviance;
        double[] sc = new double[k];
        double[][] l = Linalg.scaledCholesky(ev.hess, sc);
        if (l == null) {
            at.failure = "the Hessian of -ln L is not positive definite at the end (parameters "
                    + java.util.Arrays.toString(safeParams(theta)) + ")";
            return at;
        }
        at.edm = 0.5 * Linalg.dot(ev.grad, Linalg.solve(l, sc, ev.grad));
        if (!(at.edm < options.edmTolerance())) {
            at.failure = "the estimated distance to the minimum is " + at.edm + " (tolerance " + options.edmTolerance()
                    + ") after " + at.iterations + " iterations";
            return at;
        }
        for (int i = 1; i < model.kd; i++) {
            if (!(Math.abs(theta[i]) < options.parameterLimit())) {
                at.failure = "parameter p" + i + " = " + theta[i] + " ran to its limit +-" + options.parameterLimit();
                return at;
            }
        }
        if (model.turnOn) {
            double a = theta[model.kd];
            double b = Math.exp(theta[model.kd + 1]);
            if (!(a > 0 && a < DijetFunction.SQRT_S && b > 0 && b < DijetFunction.SQRT_S)) {
                at.failure = "the turn-on ran out of (0, 13000) GeV: a = " + a + ", b = " + b + " GeV";
                return at;
            }
        }
        at.converged = true;
        return at;
    }

    /** Weighted least squares of ln(n / width) on phi(x_centre), weights n; a fixed guess if that is impossible. */
    static double[] leastSquaresStart(BinnedSpectrum s, boolean[] mask, int k, FitOptions options) {
        return leastSquaresStart(s, mask, k, options, Double.NaN, Double.NaN);
    }

    /** As above, of ln(n / width) - ln E(centre; a, b) for the turn-on term (a NaN: none). */
    static double[] leastSquaresStart(BinnedSpectrum s, boolean[] mask, int k, FitOptions options, double ta,
                                      double tb) {
        double[][] a = new double[k][k];
        double[] b = new double[k];
        double[] f = new double[k];
        int nonZero = 0;
        for (int i = 0; i < s.nBins(); i++) {
            double n = s.count(i);
            if (mask[i] || !(n > 0)) {
                continue;
            }
            nonZero++;
            double lo = s.lowEdge(i);
            double hi = s.highEdge(i);
            double xc = Math.sqrt(lo * hi) / DijetFunction.SQRT_S;
            PoissonModel.basis(xc, f);
            double y = Math.log(n / (hi - lo));
            if (!Double.isNaN(ta)) {
                y -= Math.log(Math.max(FitFunction.efficiency(Math.sqrt(lo * hi), ta, tb), 1e-300));
            }
            for (int p = 0; p < k; p++) {
                b[p] += n * f[p] * y;
                for (int q = 0; q < k; q++) {
                    a[p][q] += n * f[p] * f[q];
                }
            }
        }
        double[] fallback = new double[k];
        fallback[1] = 10;
        fallback[2] = 5;
        if (nonZero < k) {
            return fallback;
        }
        double[] sc = new double[k];
        double[][] l = Linalg.scaledCholesky(a, sc);
        if (l == null) {
            return fallback;
        }
        double[] t = Linalg.solve(l, sc, b);
        for (int i = 1; i < k; i++) {
            if (!Double.isFinite(t[i]) || Math.abs(t[i]) > options.parameterLimit() / 2) {
                return fallback;
            }
        }
        return t;
    }

    private static FitResult result(BinnedSpectrum s, boolean[] mask, PoissonModel model, Attempt best,
                                    FitFunction function) {
        int k = model.k;
        PoissonModel.Eval ev = model.evaluate(best.theta);
        double[] sc = new double[k];
        double[][] l = Linalg.scaledCholesky(ev.hess, sc);
        double[][] covTheta = Linalg.inverse(l, sc);
        double[] p = model.params(best.theta);
        // covariance in (p0, p1, ..., a, b): J = diag(p0, 1, ..., 1, b) (theta holds ln p0 and ln b)
        double[] jd = new double[k];
        java.util.Arrays.fill(jd, 1);
        jd[0] = p[0];
        if (model.turnOn) {
            jd[k - 1] = p[k - 1];
        }
        double[][] cov = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cov[i][j] = covTheta[i][j] * jd[i] * jd[j];
            }
        }
        int nBins = s.nBins();
        double[][] jac = new double[nBins][k];
        double[] err = new double[nBins];
        double chi2 = 0;
        int nUsed = 0;
        for (int i = 0; i < nBins; i++) {
            for (int a = 0; a < k; a++) {
                jac[i][a] = jd[a] == 1 ? ev.dmu[i][a] : ev.dmu[i][a] / jd[a];
            }
            err[i] = Math.sqrt(Math.max(0, Linalg.quad(ev.dmu[i], covTheta, ev.dmu[i])));
            if (!mask[i]) {
                nUsed++;
                double r = s.count(i) - ev.mu[i];
                chi2 += r * r / ev.mu[i];
            }
        }
        return new FitResult(s, mask, function, p, cov, ev.nll(model), ev.deviance, chi2, nUsed - k, true,
                best.iterations, best.edm, ev.mu, err, jac);
    }
}
