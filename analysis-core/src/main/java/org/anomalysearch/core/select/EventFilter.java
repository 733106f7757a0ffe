package org.anomalysearch.core.select;

import java.io.Serializable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.Region;

/**
 * The row filter of {@code convert --mjj-range --label}: events whose mjj lies in {@code mjj} ([lo, hi) GeV) and whose
 * truth label equals {@code label}; a null part keeps every event. A plain function of a batch, so the local
 * conversion and the Spark selection share it.
 *
 * @param mjj   the mjj range kept, or null
 * @param label the truth label kept, or null
 */
public record EventFilter(Region mjj, Integer label) implements Serializable {

    /** Keeps every event. */
    public static final EventFilter NONE = new EventFilter(null, null);

    /** True if the filter keeps every event. */
    public boolean none() {
        return mjj == null && label == null;
    }

    /**
     * The rows of {@code b} that pass; {@code source} names the data in the error for a table without an mjj column.
     */
    public EventBatch apply(EventBatch b, String source) {
        if (none()) {
            return b;
        }
        double[] m = null;
        if (mjj != null) {
            if (!b.schema().contains("mjj")) {
                throw new InvalidInputException(source, "mjj", "no mjj column to apply the mjj range " + mjj
                        + " GeV to; it has " + b.schema().names(), "drop --mjj-range, or give a file with mjj");
            }
            m = b.column("mjj");
        }
        EventBatch.Builder out = new EventBatch.Builder(b.schema(), Math.max(16, b.size() / 4));
        double[] row = new double[b.columns().length];
        for (int i = 0; i < b.size(); i++) {
            if ((m == null || mjj.contains(m[i])) && (label == null || b.labels()[i] == label)) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = b.columns()[c][i];
                }
                out.addRow(b.ids()[i], b.labels()[i], b.weights()[i], row);
            }
        }
        return out.build();
    }

    /** "mjj in [3300, 3700) GeV, label 1", for logs and file metadata. */
    public String describe() {
        if (none()) {
            return "none";
        }
        String s = mjj == null ? "" : "mjj in " + mjj + " GeV";
        return label == null ? s : (s.isEmpty() ? "" : s + ", ") + "label " + label;
    }
}
