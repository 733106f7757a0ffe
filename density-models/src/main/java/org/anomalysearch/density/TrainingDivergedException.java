package org.anomalysearch.density;

import org.anomalysearch.core.AnalysisException;

/** Training produced a non-finite loss. */
public class TrainingDivergedException extends AnalysisException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message, String hint) {
        super(message, hint);
    }
}
