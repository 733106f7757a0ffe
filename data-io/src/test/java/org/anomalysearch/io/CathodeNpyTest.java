package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.npy.NpyHeader;
import org.anomalysearch.io.npy.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CathodeNpyTest {

    @TempDir
    Path tmp;

    private static EventBatch read(Path p) {
        try (EventSource s = EventSource.open(p, ReadOptions.DEFAULTS.withChunkSize(7_000))) {
            return s.readAll();
        }
    }

    @Test
    void readsTheThreeSamples() {
        // Counts and values from numpy.load of the same files.
        Object[][] expect = {
            {"innerdata_train.npy", 60_000, 395, 3.606919638054378, 0.5396240665844403},
            {"innerdata_test.npy", 62_124, 377, 3.43289368033679, 0.4100769451531649},
            {"innerdata_extrasig.npy", 74_527, 74_527, 3.47969464990789, 0.4423095745152072},
        };
        for (Object[] e : expect) {
            Path p = TestData.shared("lhco_rnd_sr/" + e[0]);
            assertEquals(InputFormat.CATHODE_NPY, Formats.detect(p));
            EventBatch b = read(p);
            assertEquals(FeatureSchema.STANDARD, b.schema());
            assertEquals((int) e[1], b.size(), (String) e[0]);
            assertEquals((int) e[2], Arrays.stream(b.labels()).sum(), (String) e[0]);
            assertEquals((double) e[3] * 1000, b.column("mjj")[0], 0.0);
            assertEquals((double) e[4], b.column("tau21_j2")[0], 0.0);
            assertEquals(b.size() - 1, b.ids()[b.size() - 1]);
            for (double mjj : b.column("mjj")) {
                assertTrue(mjj > 3300 && mjj < 3700, "all events are in the signal region");
            }
        }
        EventBatch train = read(TestData.shared("lhco_rnd_sr/innerdata_train.npy"));
        assertEquals(0.19282200622558593 * 1000, train.column("mj1")[0]);
        assertEquals(0.18393299865722657 * 1000, train.column("dmj")[0]);
        assertEquals(0.41913235731092474, train.column("tau21_j1")[0]);
    }

    @Test
    void writerAndReaderAgree() throws IOException {
        double[][] cols = {{3.5, 3.4}, {0.1, 0.2}, {0.05, 0.3}, {0.4, 0.5}, {0.6, 0.7}, {1, 0}};
        Path p = tmp.resolve("w.npy");
        NpyWriter.write(p, cols, false);
        assertEquals(128 + 2 * 6 * 8, Files.size(p));
        NpyHeader h = NpyHeader.read(p);
        assertEquals("<f8", h.descr());
        assertArrayEquals(new long[] {2, 6}, h.shape());
        EventBatch b = read(p);
        assertArrayEquals(new double[] {3500, 3400}, b.column("mjj"));
        assertArrayEquals(new double[] {0.6, 0.7}, b.column("tau21_j2"));
        assertArrayEquals(new int[] {1, 0}, b.labels());
    }

    /** A hand-made npy file: header dict text and raw data bytes. */
    private Path npy(String name, int major, String dict, byte[] data) throws IOException {
        byte[] text = (dict + " ".repeat(64) ).substring(0, Math.max(dict.length() + 1, 0)).getBytes(StandardCharsets.US_ASCII);
        int prefix = major == 1 ? 10 : 12;
        int total = ((prefix + text.length + 1 + 63) / 64) * 64;
        int hlen = total - prefix;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) hlen);
        } else {
            b.putInt(hlen);
        }
        byte[] padded = new byte[hlen];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(text, 0, padded, 0, text.length);
        padded[hlen - 1] = '\n';
        b.put(padded).put(data);
        Path p = tmp.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static final double[] ROW = {3.5, 0.1, 0.05, 0.4, 0.6, 1};

    @Test
    void readsVersions2And3() throws IOException {
        for (int major : new int[] {2, 3}) {
            Path p = npy("v" + major + ".npy", major, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 6), }",
                    doubles(ROW));
            assertEquals(3500.0, read(p).column("mjj")[0]);
        }
    }

    private InvalidInputException failure(Path p) {
        return assertThrows(InvalidInputException.class, () -> read(p));
    }

    @Test
    void float32IsRejected() throws IOException {
        Path p = npy("f4.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 6), }", new byte[24]);
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("f4.npy: dtype: expected '<f8' (little-endian float64), found '<f4' (float32)"),
                e.getMessage());
    }

    @Test
    void bigEndianIsRejected() throws IOException {
        Path p = npy("be.npy", 1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 6), }", new byte[48]);
        assertTrue(failure(p).getMessage().contains("found '>f8' (big-endian float64)"));
    }

    @Test
    void fortranOrderIsRejected() throws IOException {
        Path p = npy("fortran.npy", 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 6), }", doubles(ROW));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("fortran.npy: fortran_order: expected C (row-major) order, found Fortran order"),
                e.getMessage());
    }

    @Test
    void wrongColumnCountIsRejected() throws IOException {
        Path p = npy("five.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 5), }", doubles(1, 2, 3, 4, 5));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("five.npy: shape: expected shape (n, 6)") && e.getMessage().contains("found (1, 5)"),
                e.getMessage());
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        Path src = TestData.shared("lhco_rnd_sr/innerdata_train.npy");
        Path p = TestData.truncate(src, tmp.resolve("trunc.npy"), Files.size(src) - 100);
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("trunc.npy: data: file is truncated: shape (60000, 6) of <f8 needs 2880128 bytes"
                + " but the file has 2880028"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() throws IOException {
        Path p = TestData.truncate(TestData.shared("lhco_rnd_sr/innerdata_train.npy"), tmp.resolve("head.npy"), 40);
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("head.npy: header: file is truncated"), e.getMessage());
    }

    @Test
    void nanIsReportedWithRowAndColumn() throws IOException {
        double[] two = new double[12];
        System.arraycopy(ROW, 0, two, 0, 6);
        System.arraycopy(ROW, 0, two, 6, 6);
        two[6 + 3] = Double.NaN;
        Path p = npy("nan.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 6), }", doubles(two));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("nan.npy: row 1, column 3 (tau21_j1): value is NaN"), e.getMessage());
    }

    @Test
    void malformedHeaderIsRejected() throws IOException {
        Path p = npy("dict.npy", 1, "{'descr': '<f8', 'shape': (1, 6), }", doubles(ROW));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("dict.npy: header: malformed npy header"), e.getMessage());
    }
}
