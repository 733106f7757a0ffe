package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.csv.EventTableCsvWriter;
import org.anomalysearch.io.npy.CathodeNpyWriter;
import org.anomalysearch.io.parquet.ParquetEventWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the event table (event_id, label, weight, then one column per feature) to one file, atomically: rows go
 * to a temporary file beside the target, {@link #commit()} moves it into place, and {@link #close()} without a
 * commit deletes it, so a failure leaves no partial output. Use as
 * <pre>{@code
 * try (EventTableWriter w = EventTableWriter.open(out, schema, options)) {
 *     for (EventBatch b : batches) w.write(b);
 *     w.commit();
 * }
 * }</pre>
 */
public interface EventTableWriter extends AutoCloseable {

    /** The final output path. */
    Path target();

    FeatureSchema schema();

    /** Appends a batch; its schema must equal {@link #schema()}. */
    void write(EventBatch batch) throws IOException;

    /**
     * Stores a key-value entry known only at the end of writing (the cut-flow, say) where the format can: in the
     * Parquet footer. CSV and npy outputs have no place for it and ignore it.
     */
    default void putMetadata(String key, String value) {
    }

    /** Rows written so far. */
    long rowsWritten();

    /** Finishes the file and moves it onto the target. */
    void commit() throws IOException;

    /** Deletes the temporary file unless committed; never throws. */
    @Override
    void close();

    /**
     * Opens a writer chosen by the target's extension: {@code .parquet} (the default table format),
     * {@code .csv} / {@code .csv.gz}, or {@code .npy} (CATHODE layout, needs the standard features).
     */
    static EventTableWriter open(Path target, FeatureSchema schema, WriteOptions options) throws IOException {
        String n = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".pq")) {
            return ParquetEventWriter.open(target, schema, options);
        }
        if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
            return EventTableCsvWriter.open(target, schema, options.overwrite());
        }
        if (n.endsWith(".npy")) {
            return CathodeNpyWriter.open(target, schema, options.overwrite());
        }
        throw new InvalidInputException(target.toString(), null, "unsupported output extension",
                "end the output name with .parquet, .csv, .csv.gz or .npy");
    }

    /** Copies every remaining batch of {@code source} to {@code target}; returns the rows written. */
    static long copy(EventSource source, Path target, WriteOptions options) throws IOException {
        try (EventTableWriter w = open(target, source.schema(), options)) {
            while (source.hasNext()) {
                w.write(source.next());
            }
            w.commit();
            return w.rowsWritten();
        }
    }
}
