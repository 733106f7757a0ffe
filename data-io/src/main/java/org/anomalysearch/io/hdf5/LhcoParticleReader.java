package org.anomalysearch.io.hdf5;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.io.ParticleChunk;
import org.anomalysearch.io.ParticleSource;

import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * Streams an LHCO particle-level HDF5 file ({@code events_anomalydetection_v2.h5} layout): pandas 'fixed'
 * {@code df/block0_values} of k x (pT [GeV], eta, phi) columns, zero-padded after the last particle, then the
 * label (3k+1 columns, 2101 in LHCO; 3k columns means no label). Reads {@code chunkSize} rows at a time with
 * jHDF's sliced read, so memory is bounded by the chunk, not the file.
 *
 * <p>Every value is checked as it is read: NaN/Inf, negative pT, a particle after the zero padding, an event
 * without particles and a label that is not a whole number &ge; 0 are {@link InvalidInputException}s naming
 * the file, row and column.
 */
public final class LhcoParticleReader implements ParticleSource {

    /** Particle slots per event in the LHCO files. */
    public static final int LHCO_MAX_PARTICLES = 700;

    private final PandasFrame frame;
    private final int chunkSize;
    private final int maxParticles;
    private final boolean labelled;
    private long next;

    private LhcoParticleReader(PandasFrame frame, int chunkSize, int maxParticles, boolean labelled) {
        this.frame = frame;
        this.chunkSize = chunkSize;
        this.maxParticles = maxParticles;
        this.labelled = labelled;
    }

    /** Opens and validates the layout; reads no values. */
    public static LhcoParticleReader open(Path path, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        PandasFrame frame = PandasFrame.open(path);
        try {
            String src = path.toString();
            if (frame.columnNames() != null) {
                throw new InvalidInputException(src, PandasFrame.COLUMNS,
                        "expected integer column names (a particle-level file), found names like '"
                                + frame.columnNames()[0] + "'",
                        "this looks like a feature file; open it with EventSource.open");
            }
            int c = frame.columns();
            if (c < 3 || c % 3 == 2) {
                throw new InvalidInputException(src, PandasFrame.VALUES,
                        "expected 3k+1 columns (k particles x (pT, eta, phi), then the label; 2101 in LHCO) or 3k"
                                + " without label, found " + c + " columns",
                        "this is not an LHCO particle-level file");
            }
            boolean labelled = c % 3 == 1;
            // One chunk's slice is read into one buffer: its byte count must fit an int.
            long maxChunk = Integer.MAX_VALUE / (8L * c);
            int chunk = (int) Math.min(chunkSize, Math.max(1, maxChunk));
            return new LhcoParticleReader(frame, chunk, c / 3, labelled);
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
    public long rowCount() {
        return frame.rows();
    }

    @Override
    public int maxParticles() {
        return maxParticles;
    }

    @Override
    public boolean hasLabels() {
        return labelled;
    }

    /** Events per chunk actually used (the requested size, capped so one slice stays below 2 GB). */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean hasNext() {
        return next < frame.rows();
    }

    @Override
    public ParticleChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = (int) Math.min(chunkSize, frame.rows() - next);
        long first = next;
        double[][] rows = frame.readRows(first, n);
        next += n;
        return parse(first, rows);
    }

    /**
     * Reads and validates rows {@code [first, first + n)} of the file as one chunk, independently of the
     * streaming position (for callers that split the file into row ranges, e.g. one Spark task per range).
     * The rows are read in one slice: keep {@code n} at most {@link #chunkSize()}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the file
     */
    public ParticleChunk read(long first, int n) {
        if (first < 0 || n < 0 || first + n > frame.rows()) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + n) + ") are not inside the file's "
                    + frame.rows() + " rows");
        }
        if (n == 0) {
            return ParticleChunk.of(first, new int[0], new double[0], new double[0], new double[0], new int[0]);
        }
        return parse(first, frame.readRows(first, n));
    }

    private ParticleChunk parse(long first, double[][] rows) {
        int n = rows.length;
        int[] counts = new int[n];
        int[] labels = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = count(first + i, rows[i]);
            labels[i] = labelled ? label(first + i, rows[i][3 * maxParticles]) : DijetEvent.NO_LABEL;
            total += counts[i];
        }
        double[] pt = new double[total];
        double[] eta = new double[total];
        double[] phi = new double[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            for (int j = 0; j < counts[i]; j++, k++) {
                pt[k] = r[3 * j];
                eta[k] = r[3 * j + 1];
                phi[k] = r[3 * j + 2];
            }
        }
        return ParticleChunk.of(first, counts, pt, eta, phi, labels);
    }

    /** Validates one row and returns its number of particles. */
    private int count(long row, double[] r) {
        int count = -1;
        for (int j = 0; j < maxParticles; j++) {
            double pt = r[3 * j];
            double eta = r[3 * j + 1];
            double phi = r[3 * j + 2];
            if (!Double.isFinite(pt) || !Double.isFinite(eta) || !Double.isFinite(phi)) {
                int off = !Double.isFinite(pt) ? 0 : !Double.isFinite(eta) ? 1 : 2;
                throw bad(row, 3 * j + off, "value is " + r[3 * j + off] + ", expected a finite number",
                        "the file is corrupt or was not written by the LHCO tools");
            }
            if (pt < 0) {
                throw bad(row, 3 * j, "negative pT " + pt + " GeV", "pT must be >= 0 (0 marks padding)");
            }
            if (count < 0) {
                if (pt == 0) {
                    count = j;
                }
            } else if (pt != 0 || eta != 0 || phi != 0) {
                int off = pt != 0 ? 0 : eta != 0 ? 1 : 2;
                throw bad(row, 3 * j + off, "non-zero value " + r[3 * j + off] + " after the zero padding that starts at particle "
                        + count, "particles must be stored first, followed by zeros");
            }
        }
        if (count < 0) {
            count = maxParticles;
        }
        if (count == 0) {
            throw new InvalidInputException(path().toString(), "row " + row,
                    "event has no particles (pT of particle 0 is 0)", "remove empty events from the file");
        }
        return count;
    }

    private int label(long row, double v) {
        if (!Double.isFinite(v) || v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw bad(row, 3 * maxParticles, "label is " + v + ", expected a whole number >= 0 (0 = background, 1 = signal)",
                    "the last column must be the truth label");
        }
        return (int) v;
    }

    private InvalidInputException bad(long row, int column, String problem, String hint) {
        return new InvalidInputException(path().toString(), "row " + row + ", column " + column + " ("
                + columnName(column) + ")", problem, hint);
    }

    private String columnName(int column) {
        if (column == 3 * maxParticles) {
            return "label";
        }
        String[] q = {"pT", "eta", "phi"};
        return q[column % 3] + " of particle " + column / 3;
    }

    @Override
    public void close() {
        frame.close();
    }
}
