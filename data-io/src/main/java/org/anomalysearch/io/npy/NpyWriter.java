package org.anomalysearch.io.npy;

import org.anomalysearch.io.AtomicOutput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 2-d little-endian float64 {@code .npy} file (format 1.0, C order) row by row, atomically through
 * {@link AtomicOutput}: the row count is patched into the fixed-size header by {@link #commit()}, and
 * {@link #close()} without a commit leaves nothing behind.
 */
public final class NpyWriter implements AutoCloseable {

    /** Header bytes including magic, version and length: one 128-byte block, room for any shape. */
    static final int HEADER_SIZE = 128;

    private final AtomicOutput out;
    private final int columns;
    private final OutputStream stream;
    private final ByteBuffer row;
    private long rows;

    private NpyWriter(AtomicOutput out, int columns) throws IOException {
        this.out = out;
        this.columns = columns;
        this.stream = new BufferedOutputStream(Files.newOutputStream(out.tempFile()), 1 << 16);
        this.stream.write(header(0, columns));
        this.row = ByteBuffer.allocate(8 * columns).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Starts writing a {@code (rows, columns)} array to {@code target}. */
    public static NpyWriter open(Path target, int columns, boolean overwrite) throws IOException {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1");
        }
        AtomicOutput out = AtomicOutput.create(target, overwrite);
        try {
            return new NpyWriter(out, columns);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Writes {@code columns[c][r]} as a {@code (rows, columns.length)} array in one go. */
    public static void write(Path target, double[][] columns, boolean overwrite) throws IOException {
        try (NpyWriter w = open(target, columns.length, overwrite)) {
            int n = columns.length == 0 ? 0 : columns[0].length;
            double[] r = new double[columns.length];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < columns.length; c++) {
                    r[c] = columns[c][i];
                }
                w.writeRow(r);
            }
            w.commit();
        }
    }

    /** The 128-byte npy 1.0 header of a {@code (rows, columns)} little-endian float64 C-order array. */
    public static byte[] header(long rows, int columns) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < HEADER_SIZE - 10 - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length).put(text);
        return b.array();
    }

    public void writeRow(double... values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        row.clear();
        for (double v : values) {
            row.putDouble(v);
        }
        stream.write(row.array(), 0, row.position());
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Finishes the header and moves the file into place. */
    public void commit() throws IOException {
        stream.close();
        try (RandomAccessFile f = new RandomAccessFile(out.tempFile().toFile(), "rw")) {
            f.write(header(rows, columns));
        }
        out.commit();
    }

    /** Aborts unless committed: the temporary file is deleted. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // the temporary file is deleted below anyway
        }
        out.close();
    }
}
