package org.anomalysearch.core.fit;

import java.io.Serializable;
import org.anomalysearch.core.InvalidConfigException;

/**
 * Settings of the binned Poisson fit.
 *
 * @param maxIterations  Newton/Levenberg-Marquardt iterations per start (default 200)
 * @param edmTolerance   convergence when the estimated distance to the minimum, g^T H^-1 g / 2 in units of
 *                       -ln L, is below this (default 1e-9)
 * @param restarts       extra starts from perturbed starting values, tried only when the regular starts fail
 *                       (default 4)
 * @param parameterLimit |p_k| for k &gt;= 1 above which a parameter counts as run away, i.e. at its bound
 *                       (default 1000)
 */
public record FitOptions(int maxIterations, double edmTolerance, int restarts, double parameterLimit)
        implements Serializable {

    public FitOptions {
        if (maxIterations < 1) {
            throw new InvalidConfigException("fit.maxIterations", "must be >= 1, got " + maxIterations, null);
        }
        if (!(edmTolerance > 0) || !Double.isFinite(edmTolerance)) {
            throw new InvalidConfigException("fit.edmTolerance", "must be a positive number, got " + edmTolerance, null);
        }
        if (restarts < 0) {
            throw new InvalidConfigException("fit.restarts", "must be >= 0, got " + restarts, null);
        }
        if (!(parameterLimit > 0)) {
            throw new InvalidConfigException("fit.parameterLimit", "must be positive, got " + parameterLimit, null);
        }
    }

    public static FitOptions defaults() {
        return new FitOptions(200, 1e-9, 4, 1000);
    }

    public FitOptions withMaxIterations(int n) {
        return new FitOptions(n, edmTolerance, restarts, parameterLimit);
    }

    public FitOptions withRestarts(int n) {
        return new FitOptions(maxIterations, edmTolerance, n, parameterLimit);
    }
}
