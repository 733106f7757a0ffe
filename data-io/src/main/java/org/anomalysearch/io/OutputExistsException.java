package org.anomalysearch.io;

import org.anomalysearch.core.AnalysisException;

import java.nio.file.Path;

/** An output file exists already and overwriting was not asked for. */
public class OutputExistsException extends AnalysisException {
    private static final long serialVersionUID = 1L;
    private final String target;

    public OutputExistsException(Path target) {
        super("output " + target + " already exists; refusing to overwrite it",
                "pass --overwrite to replace it, or choose another output path");
        this.target = target.toString();
    }

    /** The output path that exists. */
    public String target() {
        return target;
    }
}
