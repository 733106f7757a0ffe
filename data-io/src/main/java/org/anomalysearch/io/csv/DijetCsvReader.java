package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.LhcoJetColumns;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a jet-level CSV(.gz) of the dijet_pythia layout (header pxj1 pyj1 pzj1 mj1 tau1j1 tau2j1 tau3j1 pxj2
 * .. tau3j2 mjj label, GeV; mjj and label optional) as {@link FeatureSchema#EVENT_TABLE_NO_CONSTITUENTS} batches.
 * Event ids are 0-based data rows. A file mjj that disagrees with the mjj of the two jets by more than
 * {@link #MJJ_TOLERANCE} (relative) means mixed-up columns and is an error.
 */
public final class DijetCsvReader implements EventSource {

    /** Relative tolerance of the file's mjj against the jets' (the files print 6 significant digits). */
    public static final double MJJ_TOLERANCE = 1e-4;

    private final Path path;
    private final CsvLines lines;
    private final int chunkSize;
    private final int[] idx;
    private final int mjjIndex;
    private final double[] values;
    private String pending;
    private long row;
    private long rowCount = -1;

    private DijetCsvReader(Path path, CsvLines lines, int chunkSize, int[] idx, int mjjIndex) {
        this.path = path;
        this.lines = lines;
        this.chunkSize = chunkSize;
        this.idx = idx;
        this.mjjIndex = mjjIndex;
        this.values = new double[lines.header().size()];
        this.pending = lines.nextLine();
    }

    /** Opens the file and checks its header (and that the first data line parses). */
    public static DijetCsvReader open(Path path, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        CsvLines lines = CsvLines.open(path);
        try {
            List<String> h = lines.header();
            int[] idx = LhcoJetColumns.locate(path.toString(), "header", h);
            DijetCsvReader r = new DijetCsvReader(path, lines, chunkSize, idx, h.indexOf("mjj"));
            if (r.pending != null) {
                lines.parse(r.pending, r.values);
            }
            return r;
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public InputFormat format() {
        return InputFormat.DIJET_CSV;
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
    public FeatureSchema schema() {
        return FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS;
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
        String src = path.toString();
        List<String> names = lines.header();
        while (pending != null && b.size() < chunkSize) {
            lines.parse(pending, values);
            String where = "line " + lines.lineNumber();
            DijetEvent e = LhcoJetColumns.event(src, where, row, values, idx, names);
            if (mjjIndex >= 0) {
                double file = values[mjjIndex];
                double mjj = e.mjj();
                if (!(Math.abs(file - mjj) <= MJJ_TOLERANCE * Math.abs(mjj) + 1e-3)) {
                    throw new InvalidInputException(src, where + ", column mjj", "mjj in the file is " + file
                            + " GeV but the two jets give " + mjj + " GeV", "the columns are not in the expected order");
                }
            }
            b.add(e);
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
