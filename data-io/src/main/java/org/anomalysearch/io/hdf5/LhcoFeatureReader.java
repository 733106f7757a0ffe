package org.anomalysearch.io.hdf5;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.LhcoJetColumns;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams an LHCO jet-feature HDF5 file ({@code events_anomalydetection_v2.features.h5} layout: pandas
 * 'fixed', columns pxj1 pyj1 pzj1 mj1 tau1j1 tau2j1 tau3j1 pxj2 .. tau3j2 and optionally label, found by name in
 * {@code df/axis0}) as {@link FeatureSchema#EVENT_TABLE_NO_CONSTITUENTS} batches. Event ids are file rows.
 */
public final class LhcoFeatureReader implements EventSource {

    private final PandasFrame frame;
    private final int chunkSize;
    private final List<String> names;
    private final int[] idx;
    private long next;

    private LhcoFeatureReader(PandasFrame frame, int chunkSize, List<String> names, int[] idx) {
        this.frame = frame;
        this.chunkSize = chunkSize;
        this.names = names;
        this.idx = idx;
    }

    /** Opens and validates the layout and the column names; reads no values. */
    public static LhcoFeatureReader open(Path path, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        PandasFrame frame = PandasFrame.open(path);
        try {
            String[] n = frame.columnNames();
            if (n == null) {
                throw new InvalidInputException(path.toString(), PandasFrame.COLUMNS,
                        "expected the 15 named columns of an LHCO feature file, found " + frame.columns()
                                + " integer-named columns (a particle-level file?)",
                        "particle-level files need jet clustering: use ParticleSource.open");
            }
            List<String> names = List.of(n);
            int[] idx = LhcoJetColumns.locate(path.toString(), PandasFrame.COLUMNS, names);
            long maxChunk = Integer.MAX_VALUE / (8L * frame.columns());
            return new LhcoFeatureReader(frame, (int) Math.min(chunkSize, Math.max(1, maxChunk)), names, idx);
        } catch (RuntimeException e) {
            frame.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return frame.path();
    }

    @Override
    public InputFormat format() {
        return InputFormat.LHCO_FEATURES_HDF5;
    }

    @Override
    public long rowCount() {
        return frame.rows();
    }

    @Override
    public FeatureSchema schema() {
        return FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS;
    }

    @Override
    public boolean hasNext() {
        return next < frame.rows();
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = (int) Math.min(chunkSize, frame.rows() - next);
        double[][] rows = frame.readRows(next, n);
        EventBatch.Builder b = new EventBatch.Builder(schema(), n);
        String src = path().toString();
        for (int i = 0; i < n; i++) {
            long row = next + i;
            b.add(LhcoJetColumns.event(src, "row " + row, row, rows[i], idx, names));
        }
        next += n;
        return b.build();
    }

    @Override
    public void close() {
        frame.close();
    }
}
