package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.LhcoJetColumns;

import java.nio.file.Path;

/**
 * Streams a jet-level CSV(.gz) of the dijet_pythia layout (header pxj1 pyj1 pzj1 mj1 tau1j1 tau2j1 tau3j1 pxj2
 * .. tau3j2 mjj label, GeV; mjj and label optional) as {@link FeatureSchema#EVENT_TABLE_NO_CONSTITUENTS} batches.
 * Event ids are 0-based data rows. A file mjj that disagrees with the mjj of the two jets by more than
 * {@link #MJJ_TOLERANCE} (relative) means mixed-up columns and is an error.
 */
public final class DijetCsvReader extends CsvEventSource {

    /** Relative tolerance of the file's mjj against the jets' (the files print 6 significant digits). */
    public static final double MJJ_TOLERANCE = 1e-4;

    private final int[] idx;
    private final int mjjIndex;

    private DijetCsvReader(Path path, CsvLines lines, int chunkSize, int[] idx, int mjjIndex) {
        super(path, lines, chunkSize);
        this.idx = idx;
        this.mjjIndex = mjjIndex;
    }

    /** Opens the file and checks its header (and that the first data line parses). */
    public static DijetCsvReader open(Path path, int chunkSize) {
        checkChunkSize(chunkSize);
        CsvLines lines = CsvLines.open(path);
        int[] idx;
        try {
            idx = LhcoJetColumns.locate(path.toString(), "header", lines.header());
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
        return validated(new DijetCsvReader(path, lines, chunkSize, idx, lines.header().indexOf("mjj")));
    }

    @Override
    public InputFormat format() {
        return InputFormat.DIJET_CSV;
    }

    @Override
    public FeatureSchema schema() {
        return FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS;
    }

    @Override
    void addRow(EventBatch.Builder b, long row, String where) {
        String src = path.toString();
        DijetEvent e = LhcoJetColumns.event(src, where, row, values, idx, lines.header());
        if (mjjIndex >= 0) {
            double file = values[mjjIndex];
            double mjj = e.mjj();
            if (!(Math.abs(file - mjj) <= MJJ_TOLERANCE * Math.abs(mjj) + 1e-3)) {
                throw new InvalidInputException(src, where + ", column mjj", "mjj in the file is " + file
                        + " GeV but the two jets give " + mjj + " GeV", "the columns are not in the expected order");
            }
        }
        b.add(e);
    }
}
