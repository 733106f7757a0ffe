package org.anomalysearch.fpga.onnx;

import java.util.List;

import org.anomalysearch.core.InvalidInputException;

/**
 * A model that cannot be read or emulated: carries every problem found (all unsupported layers and activations
 * at once), so that a user can fix them in one go. Thrown before any work is done.
 */
public final class UnsupportedModelException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public UnsupportedModelException(String source, List<String> problems, String hint) {
        super(source, null, problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " make this model unsupported: " + String.join("; ", problems), hint);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one entry per node or tensor, in graph order. */
    public List<String> problems() {
        return problems;
    }
}
