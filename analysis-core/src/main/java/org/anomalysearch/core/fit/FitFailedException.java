package org.anomalysearch.core.fit;

import java.util.Arrays;
import org.anomalysearch.core.AnalysisException;

/**
 * A binned fit that did not converge (estimated distance to the minimum above tolerance after the allowed
 * iterations and restarts, a parameter ran to its limit, or a singular Hessian). Carries the last state so the
 * caller can report it; never a silent NaN.
 */
public class FitFailedException extends AnalysisException {
    private static final long serialVersionUID = 1L;
    private final int nParams;
    private final double[] lastParams;
    private final double lastEdm;

    public FitFailedException(String message, String hint, int nParams, double[] lastParams, double lastEdm) {
        super(message, hint);
        this.nParams = nParams;
        this.lastParams = lastParams == null ? new double[0] : lastParams.clone();
        this.lastEdm = lastEdm;
    }

    public int nParams() {
        return nParams;
    }

    /** The dijet-function parameters (p0..) where the fit stopped; may be empty. */
    public double[] lastParams() {
        return lastParams.clone();
    }

    /** The estimated distance to the minimum where the fit stopped (NaN if it could not be computed). */
    public double lastEdm() {
        return lastEdm;
    }

    @Override
    public String toString() {
        return "FitFailedException[" + getMessage() + ", params=" + Arrays.toString(lastParams) + "]";
    }
}
