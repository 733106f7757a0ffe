package org.anomalysearch.io.npy;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.InputFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a CATHODE preprocessed {@code .npy} file: float64 little-endian, C order, shape (n, 6) with columns
 * mjj, mj1, dmj [TeV], tau21_j1, tau21_j2, label (j1 = lighter jet). Masses are converted to GeV (x 1000);
 * batches have {@link FeatureSchema#STANDARD}, ids are file rows and weights 1.
 */
public final class CathodeNpyReader implements EventSource {

    /** The column names of the CATHODE arrays, in order. */
    public static final List<String> COLUMNS = List.of("mjj", "mj1", "dmj", "tau21_j1", "tau21_j2", "label");
    /** TeV to GeV. */
    public static final double TEV = 1000.0;

    private final Path path;
    private final NpyHeader header;
    private final FileChannel channel;
    private final int chunkSize;
    private final long rows;
    private long next;

    private CathodeNpyReader(Path path, NpyHeader header, FileChannel channel, int chunkSize) {
        this.path = path;
        this.header = header;
        this.channel = channel;
        this.chunkSize = chunkSize;
        this.rows = header.shape()[0];
    }

    /** Opens {@code path} and validates its header (dtype, order, shape, size); reads no data. */
    public static CathodeNpyReader open(Path path, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        String src = path.toString();
        NpyHeader h = NpyHeader.read(path);
        if (!h.descr().equals(NpyHeader.FLOAT64_LE)) {
            throw new InvalidInputException(src, "dtype", "expected '<f8' (little-endian float64), found '"
                    + h.descr() + "'" + dtypeName(h.descr()),
                    "convert it with numpy: np.save(path, np.ascontiguousarray(a, dtype='<f8'))");
        }
        if (h.fortranOrder()) {
            throw new InvalidInputException(src, "fortran_order", "expected C (row-major) order, found Fortran order",
                    "convert it with numpy: np.save(path, np.ascontiguousarray(a))");
        }
        if (h.shape().length != 2 || h.shape()[1] != COLUMNS.size()) {
            throw new InvalidInputException(src, "shape", "expected shape (n, 6) with columns " + COLUMNS
                    + ", found " + h.shapeText(), "this is not a CATHODE preprocessed array");
        }
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            return new CathodeNpyReader(path, h, ch, chunkSize);
        } catch (IOException e) {
            throw new InvalidInputException(src, null, "cannot open the file: " + e.getMessage(), "", e);
        }
    }

    private static String dtypeName(String descr) {
        return switch (descr) {
            case "<f4", ">f4", "|f4" -> " (float32)";
            case ">f8" -> " (big-endian float64)";
            case "<f2" -> " (float16)";
            default -> descr.matches("[<>|=]?[iu]\\d+") ? " (integer)" : "";
        };
    }

    public NpyHeader header() {
        return header;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public InputFormat format() {
        return InputFormat.CATHODE_NPY;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public FeatureSchema schema() {
        return FeatureSchema.STANDARD;
    }

    @Override
    public boolean hasNext() {
        return next < rows;
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int cols = COLUMNS.size();
        int n = (int) Math.min(Math.min(chunkSize, rows - next), Integer.MAX_VALUE / (8 * cols));
        ByteBuffer buf = ByteBuffer.allocate(n * cols * 8).order(ByteOrder.LITTLE_ENDIAN);
        long pos = header.dataOffset() + next * cols * 8;
        try {
            while (buf.hasRemaining()) {
                int r = channel.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new InvalidInputException(path.toString(), "row " + (next + buf.position() / (8 * cols)),
                            "unexpected end of file", "the file was truncated while being read");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), "rows " + next + ".." + (next + n - 1),
                    "cannot read the data: " + e.getMessage(), "", e);
        }
        buf.flip();
        DoubleBuffer d = buf.asDoubleBuffer();
        long[] ids = new long[n];
        int[] labels = new int[n];
        double[] weights = new double[n];
        double[][] columns = new double[cols - 1][n];
        for (int i = 0; i < n; i++) {
            long row = next + i;
            ids[i] = row;
            weights[i] = 1.0;
            for (int c = 0; c < cols; c++) {
                double v = d.get(i * cols + c);
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(path.toString(), "row " + row + ", column " + c + " ("
                            + COLUMNS.get(c) + ")", "value is " + v + ", expected a finite number", "the file is corrupt");
                }
                if (c < 5 && v < -EventChecks.NEGATIVE_TOLERANCE / TEV) {
                    throw new InvalidInputException(path.toString(), "row " + row + ", column " + c + " ("
                            + COLUMNS.get(c) + ")", "value is " + v + ", expected >= 0",
                            "masses and tau ratios cannot be negative; the file is corrupt or its columns are mixed up");
                }
                if (c < 3) {
                    columns[c][i] = v * TEV;
                } else if (c < 5) {
                    columns[c][i] = v;
                } else {
                    if (v < -1 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                        throw new InvalidInputException(path.toString(), "row " + row + ", column 5 (label)",
                                "label is " + v + ", expected a whole number >= -1 (0 = background, 1 = signal,"
                                        + " -1 = unknown)", "");
                    }
                    labels[i] = (int) v;
                }
            }
        }
        next += n;
        return new EventBatch(FeatureSchema.STANDARD, ids, labels, weights, columns);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written; closing a read channel cannot lose data
        }
    }
}
