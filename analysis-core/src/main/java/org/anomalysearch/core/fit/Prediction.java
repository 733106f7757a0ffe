package org.anomalysearch.core.fit;

import java.io.Serializable;

/**
 * An expected count with its one-standard-deviation uncertainty (from the fit covariance, or another estimate).
 *
 * @param value expected count, finite and &gt;= 0
 * @param error uncertainty, finite and &gt;= 0
 */
public record Prediction(double value, double error) implements Serializable {

    public Prediction {
        if (!Double.isFinite(value) || value < 0 || !Double.isFinite(error) || error < 0) {
            throw new IllegalArgumentException("a prediction needs a finite value >= 0 and error >= 0, got " + value
                    + " +- " + error);
        }
    }

    /** Relative uncertainty error / value (0 when both are 0). */
    public double relativeError() {
        return value == 0 ? 0 : error / value;
    }
}
