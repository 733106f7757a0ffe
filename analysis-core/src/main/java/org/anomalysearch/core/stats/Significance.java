package org.anomalysearch.core.stats;

import org.anomalysearch.core.InvalidInputException;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Discovery significances of a counting experiment: n observed on an expected background b, with or without an
 * uncertainty sigma_b on b. All one-sided (excesses only): a deficit gives Z = 0 and p = 0.5. Inputs are validated
 * (n &gt;= 0, b &gt; 0, sigma_b &gt;= 0, all finite); nothing returns NaN.
 *
 * <ul>
 *   <li>{@link #z0}: no uncertainty, Z0 = sqrt(2 (n ln(n/b) - (n - b))).</li>
 *   <li>{@link #zCowan}: the closed form of Cowan et al. for b known to +-sigma_b,
 *       Z = sqrt(2 (n ln(n (b + s^2) / (b^2 + n s^2)) - b^2/s^2 ln(1 + s^2 (n - b) / (b (b + s^2))))). It is the exact
 *       profile likelihood ratio of the model n ~ Pois(mu + b), m ~ Pois(tau b) with tau = b / sigma_b^2 and the
 *       auxiliary count m set to tau b (arXiv:1007.1727; Cowan, "Discovery sensitivity for a counting experiment
 *       with background uncertainty", 2012).</li>
 *   <li>{@link #zGaussian}: the exact profile likelihood ratio of n ~ Pois(s + b) with a Gaussian constraint
 *       b0 ~ N(b, sigma_b^2) on the background, in closed form (the conditional b is the root of a quadratic).</li>
 * </ul>
 * Both reduce to Z0 as sigma_b &rarr; 0 and to (n - b) / sqrt(b + sigma_b^2) for large n; p = 1 - Phi(Z) (Wilks,
 * half-chi2 with one degree of freedom).
 */
public final class Significance {

    /** How the background uncertainty enters the likelihood. */
    public enum Constraint {
        /** b0 ~ Normal(b, sigma_b): {@link #zGaussian}. */
        GAUSSIAN,
        /** Poisson auxiliary measurement with tau = b / sigma_b^2: {@link #zCowan}. */
        POISSON_AUXILIARY
    }

    private Significance() {
    }

    /** Z0 = sqrt(2 (n ln(n/b) - (n - b))) for n &gt; b, else 0. */
    public static double z0(double n, double b) {
        check(n, b, 0);
        if (!(n > b)) {
            return 0;
        }
        return Math.sqrt(2 * (n * Math.log(n / b) - (n - b)));
    }

    /** Cowan et al.'s closed form for b +- sigmaB (see the class comment); z0 when sigmaB = 0. */
    public static double zCowan(double n, double b, double sigmaB) {
        check(n, b, sigmaB);
        if (!(n > b)) {
            return 0;
        }
        if (sigmaB == 0) {
            return z0(n, b);
        }
        double s2 = sigmaB * sigmaB;
        double t1 = n * Math.log(n * (b + s2) / (b * b + n * s2));
        double t2 = b * b / s2 * Math.log1p(s2 * (n - b) / (b * (b + s2)));
        return Math.sqrt(Math.max(0, 2 * (t1 - t2)));
    }

    /** The profile likelihood ratio Z with a Gaussian constraint on b (see the class comment); z0 when sigmaB = 0. */
    public static double zGaussian(double n, double b0, double sigmaB) {
        check(n, b0, sigmaB);
        if (!(n > b0)) {
            return 0;
        }
        if (sigmaB == 0) {
            return z0(n, b0);
        }
        double bh = conditionalBackground(n, b0, sigmaB);
        double d = bh - b0;
        double q0 = 2 * (n * Math.log(n / bh) - (n - bh)) + d * d / (sigmaB * sigmaB);
        return Math.sqrt(Math.max(0, q0));
    }

    /**
     * The background that maximises Pois(n | b) N(b0 | b, sigma^2) at zero signal: the positive root of
     * b^2 + (sigma^2 - b0) b - n sigma^2 = 0, computed without cancellation.
     */
    public static double conditionalBackground(double n, double b0, double sigmaB) {
        check(n, b0, sigmaB);
        double s2 = sigmaB * sigmaB;
        double bb = b0 - s2;
        double root = Math.sqrt(bb * bb + 4 * n * s2);
        if (bb >= 0) {
            return 0.5 * (bb + root);
        }
        return root - bb == 0 ? 0 : 2 * n * s2 / (root - bb);
    }

    /** The significance of n on b +- sigmaB under the given constraint. */
    public static double z(double n, double b, double sigmaB, Constraint constraint) {
        return constraint == Constraint.GAUSSIAN ? zGaussian(n, b, sigmaB) : zCowan(n, b, sigmaB);
    }

    /** The local result of n on b +- sigmaB: Z, p and Z0 for comparison. */
    public static LocalSignificance local(double n, double b, double sigmaB, Constraint constraint) {
        double z = z(n, b, sigmaB, constraint);
        return new LocalSignificance(n, b, sigmaB, z, pFromZ(z), z0(n, b), constraint);
    }

    /** One-sided p = 1 - Phi(z), accurate in the far tail. */
    public static double pFromZ(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("Z is NaN");
        }
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /**
     * Z = Phi^-1(1 - p) for 0 &lt; p &lt;= 1 (p = 1 gives -infinity, p = 0.5 gives 0).
     *
     * @throws InvalidInputException if p is not in (0, 1]
     */
    public static double zFromP(double p) {
        if (!(p > 0) || !(p <= 1)) {
            throw new InvalidInputException("significance", "p-value", "a p-value must be in (0, 1] to convert to Z, got "
                    + p, p == 0 ? "a p-value of exactly 0 has no finite Z; report a bound instead" : null);
        }
        if (p == 1) {
            return Double.NEGATIVE_INFINITY;
        }
        // Phi^-1(1-p) = sqrt(2) erfcInv(2p), accurate for small p
        return Math.sqrt(2) * Erf.erfcInv(2 * p);
    }

    /**
     * P(N &gt;= n | b) for N ~ Poisson(b), via the regularized lower incomplete gamma function P(n, b); n may be
     * non-integer (weighted counts), where this is the continuous extension. n = 0 gives 1.
     *
     * @throws InvalidInputException if b = 0 while n &gt; 0 (no background where events are seen: the p-value would
     *                               be 0 and Z infinite), or for invalid inputs
     */
    public static double poissonUpperTail(double n, double b) {
        if (!(n >= 0) || !Double.isFinite(n)) {
            throw new InvalidInputException("significance", "n", "the observed count must be finite and >= 0, got " + n, null);
        }
        if (!(b >= 0) || !Double.isFinite(b)) {
            throw new InvalidInputException("significance", "b", "the expected background must be finite and >= 0, got "
                    + b, null);
        }
        if (n == 0) {
            return 1;
        }
        if (b == 0) {
            throw new InvalidInputException("significance", "b", n + " events observed where the expected background is "
                    + "exactly 0: the p-value would be 0", "the background model must be positive wherever data are tested");
        }
        return Gamma.regularizedGammaP(n, b, 1e-15, Integer.MAX_VALUE);
    }

    static void check(double n, double b, double sigmaB) {
        if (!(n >= 0) || !Double.isFinite(n)) {
            throw new InvalidInputException("significance", "n", "the observed count must be finite and >= 0, got " + n, null);
        }
        if (!(b > 0) || !Double.isFinite(b)) {
            throw new InvalidInputException("significance", "b", "the expected background must be finite and > 0, got " + b,
                    "a significance needs a positive background prediction");
        }
        if (!(sigmaB >= 0) || !Double.isFinite(sigmaB)) {
            throw new InvalidInputException("significance", "sigma_b", "the background uncertainty must be finite and "
                    + ">= 0, got " + sigmaB, null);
        }
    }
}
