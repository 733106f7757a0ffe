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
        return n > b ? Math.sqrt(q0Poisson(n, b)) : 0;
    }

    /** 2 (n ln(n/b) - (n - b)), with 0 ln 0 = 0; valid for any n &gt;= 0. */
    static double q0Poisson(double n, double b) {
        double t = n > 0 ? n * Math.log(n / b) : 0;
        return Math.max(0, 2 * (t - (n - b)));
    }

    /**
     * The signed significance: +Z for an excess and -sqrt(q) for a deficit, where q is the same likelihood ratio
     * with the signal allowed negative. Under the background-only hypothesis 1 - Phi(zSigned) is uniform
     * (asymptotically), which is what calibration checks test; the discovery Z is max(zSigned, 0).
     */
    public static double zSigned(double n, double b, double sigmaB, Constraint constraint) {
        check(n, b, sigmaB);
        double q;
        if (sigmaB == 0) {
            q = q0Poisson(n, b);
        } else if (constraint == Constraint.GAUSSIAN) {
            q = q0Gaussian(n, b, sigmaB);
        } else {
            q = q0Cowan(n, b, sigmaB);
        }
        return n >= b ? Math.sqrt(q) : -Math.sqrt(q);
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
        return Math.sqrt(q0Cowan(n, b, sigmaB));
    }

    static double q0Cowan(double n, double b, double sigmaB) {
        double s2 = sigmaB * sigmaB;
        double t1 = n > 0 ? n * Math.log(n * (b + s2) / (b * b + n * s2)) : 0;
        double t2 = b * b / s2 * Math.log1p(s2 * (n - b) / (b * (b + s2)));
        return Math.max(0, 2 * (t1 - t2));
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
        return Math.sqrt(q0Gaussian(n, b0, sigmaB));
    }

    static double q0Gaussian(double n, double b0, double sigmaB) {
        double bh = conditionalBackground(n, b0, sigmaB);
        double d = bh - b0;
        return Math.max(0, q0Poisson(n, bh) + d * d / (sigmaB * sigmaB));
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
        double zs = zSigned(n, b, sigmaB, constraint);
        double z = Math.max(0, zs);
        return new LocalSignificance(n, b, sigmaB, z, pFromZ(z), z0(n, b), zs, constraint);
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
        if (p > 0.5) {
            return -upperQuantile(1 - p);
        }
        return upperQuantile(p);
    }

    /**
     * z with 1 - Phi(z) = p for 0 &lt; p &lt;= 0.5: Acklam's rational approximation, then Newton steps on
     * ln(1 - Phi(z)) = ln p with Commons Math's erfc (relative accuracy ~1e-14 down to p ~ 1e-300; Commons Math's
     * erfcInv is off by 1e-3 at 8 sigma).
     */
    private static double upperQuantile(double p) {
        double z = -acklam(p);
        double lp = Math.log(p);
        for (int i = 0; i < 8; i++) {
            double q = pFromZ(z);
            if (!(q > 0)) {
                break;
            }
            double dens = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double step = (Math.log(q) - lp) * q / dens; // d ln q / dz = -dens / q
            z += step;
            if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) {
                break;
            }
        }
        return z;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    /** Acklam's approximation of Phi^-1(p) (relative error ~1e-9), p in (0, 0.5]. */
    private static double acklam(double p) {
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
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
