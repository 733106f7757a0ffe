package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.InputFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a feature CSV(.gz) as analyses keep them (a pandas DataFrame written with {@code to_csv}): the CATHODE
 * feature columns mj1, dmj, tau21_j1, tau21_j2 in GeV (any order), optionally mjj and a truth label column, and
 * optionally a leading unnamed index column (header {@code ""} or {@code "Unnamed: 0"}), which is ignored. Batches hold
 * mjj (when present) and the four features in {@link FeatureSchema#STANDARD} order; event ids are 0-based data rows,
 * weights 1, labels -1 (unknown) without a label column.
 */
public final class FeatureCsvReader extends CsvEventSource {

    /** The feature columns a feature CSV must have. */
    public static final List<String> REQUIRED = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");
    /** The optional columns. */
    public static final List<String> OPTIONAL = List.of("mjj", "label");

    private final FeatureSchema schema;
    /** Header index of each schema column. */
    private final int[] idx;
    private final int labelIndex;
    private final double[] row;
    private final EventChecks checks;

    private FeatureCsvReader(Path path, CsvLines lines, int chunkSize, FeatureSchema schema, int[] idx, int labelIndex) {
        super(path, lines, chunkSize);
        this.schema = schema;
        this.idx = idx;
        this.labelIndex = labelIndex;
        this.row = new double[schema.size()];
        this.checks = new EventChecks(path.toString(), schema, false);
    }

    /** Opens the file, checks its header (known columns only) and that the first data line parses. */
    public static FeatureCsvReader open(Path path, int chunkSize) {
        checkChunkSize(chunkSize);
        CsvLines lines = CsvLines.open(path);
        try {
            List<String> h = lines.header();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                String n = h.get(i);
                boolean index = i == 0 && (n.isEmpty() || n.equals("Unnamed: 0"));
                if (!index && !REQUIRED.contains(n) && !OPTIONAL.contains(n)) {
                    unknown.add(n);
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(path.toString(), "header", "unknown column(s) " + unknown
                        + " in a feature CSV; known: " + String.join(",", REQUIRED) + " and optionally mjj, label "
                        + "(and a leading unnamed index column)", "drop or rename those columns");
            }
            List<String> names = new ArrayList<>();
            if (h.contains("mjj")) {
                names.add("mjj");
            }
            names.addAll(REQUIRED);
            int[] idx = names.stream().mapToInt(h::indexOf).toArray();
            return validated(new FeatureCsvReader(path, lines, chunkSize, FeatureSchema.of(names), idx,
                    h.indexOf("label")));
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    public InputFormat format() {
        return InputFormat.FEATURE_CSV;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    void addRow(EventBatch.Builder b, long r, String where) {
        int label = labelIndex < 0 ? DijetEvent.NO_LABEL : label(path.toString(), where, values[labelIndex]);
        for (int c = 0; c < row.length; c++) {
            row[c] = values[idx[c]];
        }
        checks.row("line", lines.lineNumber(), r, 1.0, row);
        b.addRow(r, label, 1.0, row);
    }
}
