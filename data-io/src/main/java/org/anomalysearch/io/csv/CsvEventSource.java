package org.anomalysearch.io.csv;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.io.EventSource;

/**
 * What the CSV readers share: the line reader, one line of look-ahead (so the first data line is parsed, and so
 * validated, at open), batching by {@code chunkSize}, and a row count taken by a separate pass on first use.
 * Subclasses turn one parsed line into one row.
 */
abstract class CsvEventSource implements EventSource {

    final Path path;
    final CsvLines lines;
    private final int chunkSize;
    /** The parsed values of the current line, in header order. */
    final double[] values;
    /** The current line's raw text (for columns that are not numbers). */
    String pending;
    private long row;
    private long rowCount = -1;

    CsvEventSource(Path path, CsvLines lines, int chunkSize) {
        this.path = path;
        this.lines = lines;
        this.chunkSize = chunkSize;
        this.values = new double[lines.header().size()];
        this.pending = lines.nextLine();
    }

    static void checkChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
    }

    /** A label column's value as a label: whole, -1 (unknown), 0 (background) or 1.. (signal). */
    static int label(String src, String where, double label) {
        if (label != Math.rint(label) || label < DijetEvent.NO_LABEL || label > Integer.MAX_VALUE) {
            throw new InvalidInputException(src, where + ", column label",
                    "expected -1 (unknown), 0 (background) or 1.. (signal), found " + label, "");
        }
        return (int) label;
    }

    /** Parses the first data line, so a bad file fails at open; closes the lines on failure. */
    static <T extends CsvEventSource> T validated(T source) {
        try {
            if (source.pending != null) {
                source.lines.parse(source.pending, source.values);
            }
            return source;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Adds the row of the current line ({@link #values}, {@link #pending}) at data row {@code row}. */
    abstract void addRow(EventBatch.Builder batch, long row, String where);

    @Override
    public Path path() {
        return path;
    }

    /** Counts the data lines with a separate pass over the file on first call. */
    @Override
    public long rowCount() {
        if (rowCount < 0) {
            try (CsvLines c = CsvLines.open(path)) {
                rowCount = c.countRemaining();
            }
        }
        return rowCount;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventBatch.Builder b = new EventBatch.Builder(schema(), Math.min(chunkSize, 8192));
        while (pending != null && b.size() < chunkSize) {
            lines.parse(pending, values);
            addRow(b, row, "line " + lines.lineNumber());
            row++;
            pending = lines.nextLine();
        }
        return b.build();
    }

    @Override
    public void close() {
        lines.close();
    }
}
