package org.anomalysearch.cwola;

import org.anomalysearch.core.AnalysisException;

/** A saved classifier of the wrong kind or format version, or a damaged one. */
public class ModelFormatException extends AnalysisException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message, String hint) {
        super(message, hint);
    }
}
