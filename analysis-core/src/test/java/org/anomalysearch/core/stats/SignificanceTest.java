package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.Fixtures;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void closedFormsMatchScipy() {
        int checked = 0;
        for (Map.Entry<String, double[]> e : Fixtures.all().entrySet()) {
            if (!e.getKey().startsWith("zcases,")) {
                continue;
            }
            double[] v = e.getValue(); // n, b, sigma, z0, zCowan, zGauss (numerical profile in SciPy)
            assertEquals(v[3], Significance.z0(v[0], v[1]), 1e-12, e.getKey());
            assertEquals(v[4], Significance.zCowan(v[0], v[1], v[2]), 1e-12, e.getKey());
            assertEquals(v[5], Significance.zGaussian(v[0], v[1], v[2]), 1e-7, e.getKey());
            checked++;
        }
        assertEquals(5, checked);
    }

    @Test
    void z0ByHand() {
        // n = 2b: sqrt(2 (2b ln 2 - b))
        assertEquals(Math.sqrt(2 * (200 * Math.log(2) - 100)), Significance.z0(200, 100), 1e-12);
        assertEquals(0, Significance.z0(90, 100));
        assertEquals(0, Significance.z0(100, 100));
        assertEquals(0, Significance.z0(0, 3));
    }

    @Test
    void vanishingUncertaintyGivesZ0() {
        double[][] cases = {{130, 100}, {15, 5}, {1200, 1000}, {3, 0.4}};
        for (double[] c : cases) {
            double z0 = Significance.z0(c[0], c[1]);
            assertEquals(z0, Significance.zCowan(c[0], c[1], 0), 0);
            assertEquals(z0, Significance.zGaussian(c[0], c[1], 0), 0);
            assertEquals(z0, Significance.zCowan(c[0], c[1], 1e-4 * c[1]), 1e-5 * z0);
            assertEquals(z0, Significance.zGaussian(c[0], c[1], 1e-4 * c[1]), 1e-5 * z0);
        }
    }

    @Test
    void largeCountsApproachGaussianLimit() {
        double b = 1e7;
        double s = 2e3;
        double n = b + 3 * Math.sqrt(b + s * s);
        double approx = (n - b) / Math.sqrt(b + s * s);
        assertEquals(3.0, approx, 1e-12);
        assertEquals(approx, Significance.zCowan(n, b, s), 2e-3 * approx);
        assertEquals(approx, Significance.zGaussian(n, b, s), 2e-3 * approx);
        assertEquals(3.0, Significance.z0(b + 3 * Math.sqrt(b), b), 2e-3);
    }

    /** -ln L profiled numerically over b at zero signal; the unconditional maximum has s = n - b0 (n &gt; b0). */
    private static double numericalZ(double n, double b0, double sigma, boolean gaussian) {
        double tau = b0 / (sigma * sigma);
        double m = tau * b0;
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(b -> gaussian
                ? b - n * Math.log(b) + (b - b0) * (b - b0) / (2 * sigma * sigma)
                : b - n * Math.log(b) + tau * b - m * Math.log(tau * b));
        BrentOptimizer opt = new BrentOptimizer(1e-14, 1e-300);
        double bh = opt.optimize(new MaxEval(10_000), f, GoalType.MINIMIZE,
                new SearchInterval(1e-6 * b0, 10 * (n + b0))).getPoint();
        double conditional = f.getObjectiveFunction().value(bh);
        double unconditional = gaussian ? n - n * Math.log(n) : n - n * Math.log(n) + m - m * Math.log(m);
        return Math.sqrt(2 * (conditional - unconditional));
    }

    @Test
    void closedFormsEqualNumericalProfiles() {
        double[][] cases = {{130, 100, 5}, {130, 100, 20}, {15, 5, 1}, {1200, 1000, 40}, {8, 2.5, 1.5}, {400, 50, 30}};
        for (double[] c : cases) {
            assertEquals(numericalZ(c[0], c[1], c[2], false), Significance.zCowan(c[0], c[1], c[2]), 1e-6,
                    "Poisson auxiliary " + java.util.Arrays.toString(c));
            assertEquals(numericalZ(c[0], c[1], c[2], true), Significance.zGaussian(c[0], c[1], c[2]), 1e-6,
                    "Gaussian " + java.util.Arrays.toString(c));
            // the uncertainty always lowers Z
            assertTrue(Significance.zGaussian(c[0], c[1], c[2]) < Significance.z0(c[0], c[1]));
        }
    }

    @Test
    void poissonTailsAndZMatchScipy() {
        int checked = 0;
        for (Map.Entry<String, double[]> e : Fixtures.all().entrySet()) {
            if (!e.getKey().startsWith("poisson,")) {
                continue;
            }
            double[] v = e.getValue(); // n, b, P(N >= n), norm.isf(p)
            double p = Significance.poissonUpperTail(v[0], v[1]);
            assertEquals(v[2], p, 1e-12 * v[2] + 1e-300, e.getKey());
            if (Double.isInfinite(v[3])) {
                assertEquals(v[3], Significance.zFromP(p));
            } else {
                assertEquals(v[3], Significance.zFromP(p), 1e-9, e.getKey());
            }
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void pAndZRoundTrip() {
        for (double z : new double[] {-2, 0, 0.5, 1, 3, 5, 8, 20}) {
            assertEquals(z, Significance.zFromP(Significance.pFromZ(z)), 1e-9 * Math.max(1, Math.abs(z)));
        }
        assertEquals(0.5, Significance.pFromZ(0), 0);
        assertEquals(2.866515718791939e-7, Significance.pFromZ(5), 1e-20); // 5 sigma, one-sided
    }

    @Test
    void signedZ() {
        assertEquals(Significance.zGaussian(130, 100, 5), Significance.zSigned(130, 100, 5, Significance.Constraint.GAUSSIAN), 0);
        double zs = Significance.zSigned(80, 100, 5, Significance.Constraint.GAUSSIAN);
        assertTrue(zs < -1.5 && zs > -2.5, "deficit " + zs);
        assertEquals(-Math.sqrt(2 * 7.0), Significance.zSigned(0, 7, 0, Significance.Constraint.GAUSSIAN), 1e-12);
        LocalSignificance l = Significance.local(80, 100, 5, Significance.Constraint.GAUSSIAN);
        assertEquals(0, l.z());
        assertEquals(0.5, l.pValue());
        assertTrue(l.pSigned() > 0.9);
    }

    @Test
    void poissonTailEdgeCases() {
        assertEquals(1, Significance.poissonUpperTail(0, 3.5));
        assertEquals(1, Significance.poissonUpperTail(0, 0));
        assertEquals(1 - Math.exp(-2.5), Significance.poissonUpperTail(1, 2.5), 1e-15);
        assertEquals(Gamma.regularizedGammaP(7, 3.0), Significance.poissonUpperTail(7, 3.0), 1e-15);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Significance.poissonUpperTail(3, 0));
        assertTrue(e.getMessage().contains("exactly 0"), e.getMessage());
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(InvalidInputException.class, () -> Significance.z0(10, 0));
        assertThrows(InvalidInputException.class, () -> Significance.z0(10, -1));
        assertThrows(InvalidInputException.class, () -> Significance.z0(-1, 5));
        assertThrows(InvalidInputException.class, () -> Significance.z0(Double.NaN, 5));
        assertThrows(InvalidInputException.class, () -> Significance.z0(10, Double.NaN));
        assertThrows(InvalidInputException.class, () -> Significance.z0(10, Double.POSITIVE_INFINITY));
        assertThrows(InvalidInputException.class, () -> Significance.zCowan(10, 5, -1));
        assertThrows(InvalidInputException.class, () -> Significance.zGaussian(10, 5, Double.NaN));
        assertThrows(InvalidInputException.class, () -> Significance.poissonUpperTail(Double.NaN, 1));
        assertThrows(InvalidInputException.class, () -> Significance.zFromP(0));
        assertThrows(InvalidInputException.class, () -> Significance.zFromP(1.5));
        assertThrows(InvalidInputException.class, () -> Significance.zFromP(Double.NaN));
    }
}
