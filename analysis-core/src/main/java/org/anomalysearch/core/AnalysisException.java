package org.anomalysearch.core;

/**
 * The one unchecked root of every error anomaly-search reports to a user.
 *
 * <p>A message says what was expected and what was found; {@link #hint()} says what to do about it. The
 * command line prints {@code message} and {@code hint} as one line and exits non-zero; the stack trace is
 * shown only with {@code --debug}.
 */
public class AnalysisException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public AnalysisException(String message, String hint) {
        this(message, hint, null);
    }

    public AnalysisException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint == null ? "" : hint;
    }

    /** What the user can do about it; may be empty. */
    public String hint() {
        return hint;
    }

    /** The message and the hint on one line, as the command line prints it. */
    public String userMessage() {
        return hint.isEmpty() ? getMessage() : getMessage() + " (hint: " + hint + ")";
    }
}
