package org.anomalysearch.trigger;

import org.anomalysearch.core.AnalysisException;

/** A saved trigger model of the wrong kind or format version, or a damaged one. */
public class TriggerModelFormatException extends AnalysisException {
    private static final long serialVersionUID = 1L;

    public TriggerModelFormatException(String message, String hint) {
        super(message, hint);
    }
}
