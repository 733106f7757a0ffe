package org.anomalysearch.core;

/** A configuration key or value that is unknown or out of range; names the key path. */
public class InvalidConfigException extends AnalysisException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public InvalidConfigException(String key, String problem, String hint) {
        super("config " + key + ": " + problem, hint);
        this.key = key;
    }

    /** The dotted key path, e.g. {@code selection.leadingJetPtMin}. */
    public String key() {
        return key;
    }
}
