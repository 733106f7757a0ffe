package org.anomalysearch.core;

/**
 * An input file, column or value that is not what anomaly-search expects. Carries the source (usually a
 * file path) and, where known, the field (column, dataset, row) that was wrong.
 */
public class InvalidInputException extends AnalysisException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String field;

    public InvalidInputException(String source, String field, String problem, String hint) {
        this(source, field, problem, hint, null);
    }

    public InvalidInputException(String source, String field, String problem, String hint, Throwable cause) {
        super(format(source, field, problem), hint, cause);
        this.source = source;
        this.field = field;
    }

    private static String format(String source, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            sb.append(source).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file or stream the problem was found in; may be null. */
    public String source() {
        return source;
    }

    /** The column, dataset, key or row; may be null. */
    public String field() {
        return field;
    }
}
