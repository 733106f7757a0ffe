package org.anomalysearch.io.csv;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.Formats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the event table as CSV (gzip-compressed when the name ends in {@code .gz}): header
 * {@code event_id,label,weight,<feature names>}, doubles as {@link Double#toString} (exact round trip),
 * integer features as whole numbers. Atomic through {@link AtomicOutput}.
 */
public final class EventTableCsvWriter implements EventTableWriter {

    private final AtomicOutput out;
    private final FeatureSchema schema;
    private final Writer writer;
    private final boolean[] integer;
    private final StringBuilder line = new StringBuilder(512);
    private long rows;

    private EventTableCsvWriter(AtomicOutput out, FeatureSchema schema, Writer writer) {
        this.out = out;
        this.schema = schema;
        this.writer = writer;
        this.integer = new boolean[schema.size()];
        for (int c = 0; c < integer.length; c++) {
            integer[c] = schema.get(c).integer();
        }
    }

    public static EventTableCsvWriter open(Path target, FeatureSchema schema, boolean overwrite) throws IOException {
        AtomicOutput out = AtomicOutput.create(target, overwrite);
        try {
            OutputStream os = Files.newOutputStream(out.tempFile());
            if (Formats.gzipped(target)) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write(String.join(",", CsvLayouts.EVENT_TABLE_KEYS));
            for (String name : schema.names()) {
                w.write(',');
                w.write(name);
            }
            w.write('\n');
            return new EventTableCsvWriter(out, schema, w);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public Path target() {
        return out.target();
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch has " + batch.schema() + ", writer expects " + schema);
        }
        double[][] cols = batch.columns();
        for (int r = 0; r < batch.size(); r++) {
            line.setLength(0);
            line.append(batch.ids()[r]).append(',').append(batch.labels()[r]).append(',').append(batch.weights()[r]);
            for (int c = 0; c < cols.length; c++) {
                line.append(',');
                double v = cols[c][r];
                if (integer[c] && v == Math.rint(v) && Math.abs(v) < 1e15) {
                    line.append((long) v);
                } else {
                    line.append(v);
                }
            }
            line.append('\n');
            writer.append(line);
            rows++;
        }
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    @Override
    public void commit() throws IOException {
        writer.close();
        out.commit();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // the temporary file is deleted below anyway
        }
        out.close();
    }
}
