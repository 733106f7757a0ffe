package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.InputFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the project's event table from CSV(.gz) as written by {@link EventTableCsvWriter}: header
 * {@code event_id,label,weight} then predefined feature names (see {@link FeatureSchema#EVENT_TABLE}).
 */
public final class EventTableCsvReader extends CsvEventSource {

    private final FeatureSchema schema;
    private final double[] row;
    private final EventChecks checks;

    private EventTableCsvReader(Path path, CsvLines lines, FeatureSchema schema, int chunkSize) {
        super(path, lines, chunkSize);
        this.schema = schema;
        this.row = new double[schema.size()];
        this.checks = new EventChecks(path.toString(), schema, true);
    }

    /** Opens the file, checks the header names and that the first data line parses. */
    public static EventTableCsvReader open(Path path, int chunkSize) {
        checkChunkSize(chunkSize);
        CsvLines lines = CsvLines.open(path);
        try {
            List<String> h = lines.header();
            if (h.size() < 3 || !h.subList(0, 3).equals(CsvLayouts.EVENT_TABLE_KEYS)) {
                throw new InvalidInputException(path.toString(), "header", "expected the header to start with "
                        + String.join(",", CsvLayouts.EVENT_TABLE_KEYS) + ", found " + h, "");
            }
            List<String> names = h.subList(3, h.size());
            List<String> unknown = new ArrayList<>();
            for (String n : names) {
                if (!FeatureSchema.EVENT_TABLE.contains(n)) {
                    unknown.add(n);
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(path.toString(), "header", "unknown feature column(s) " + unknown
                        + "; known: " + FeatureSchema.EVENT_TABLE.names(), "");
            }
            FeatureSchema schema;
            try {
                schema = FeatureSchema.of(names);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(path.toString(), "header", e.getMessage(), "");
            }
            return validated(new EventTableCsvReader(path, lines, schema, chunkSize));
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    public InputFormat format() {
        return InputFormat.EVENT_TABLE_CSV;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    void addRow(EventBatch.Builder b, long r, String where) {
        String src = path.toString();
        double label = values[1];
        int comma = pending.indexOf(',');
        long id;
        try {
            id = Long.parseLong(pending.substring(0, comma).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(src, where + ", column event_id",
                    "expected a whole number, found '" + pending.substring(0, comma) + "'", "");
        }
        int l = label(src, where, label);
        System.arraycopy(values, 3, row, 0, row.length);
        checks.row("line", lines.lineNumber(), id, values[2], row);
        b.addRow(id, l, values[2], row);
    }
}
