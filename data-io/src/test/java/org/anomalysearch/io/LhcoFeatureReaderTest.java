package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LhcoFeatureReaderTest {

    static final String[] NAMES = {"pxj1", "pyj1", "pzj1", "mj1", "tau1j1", "tau2j1", "tau3j1",
        "pxj2", "pyj2", "pzj2", "mj2", "tau1j2", "tau2j2", "tau3j2", "label"};

    @TempDir
    Path tmp;

    @Test
    void readsTheSample() {
        Path p = TestData.features();
        assertEquals(InputFormat.LHCO_FEATURES_HDF5, Formats.detect(p));
        EventBatch b;
        try (EventSource s = EventSource.open(p, ReadOptions.DEFAULTS.withChunkSize(500))) {
            assertEquals(1300, s.rowCount());
            assertEquals(FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS, s.schema());
            assertEquals(InputFormat.LHCO_FEATURES_HDF5, s.format());
            assertEquals(500, s.next().size());
            assertEquals(500, s.next().size());
            assertEquals(300, s.next().size());
        }
        try (EventSource s = EventSource.open(p)) {
            b = s.readAll();
        }
        assertEquals(1300, b.size());
        assertEquals(200, Arrays.stream(b.labels()).sum());
        // Row 0 of the file: pxj1 -1686.500542840665, mj1 430.2808745, mj2 68.67640786, tau1j2 0.01657712169.
        assertEquals(0L, b.ids()[0]);
        assertEquals(-1686.500542840665, b.column("jet1_px")[0]);
        assertEquals(1178.0674399517193, b.column("jet2_px")[0]);
        assertEquals(0.01657712169, b.column("jet2_tau1")[0]);
        assertEquals(68.67640786, b.column("mj1")[0], 1e-8 * 68.7, "the lighter jet is j2 here");
        assertEquals(430.2808745 - 68.67640786, b.column("dmj")[0], 1e-8 * 430);
        assertEquals(0.06494093876 / 0.1590227963, b.column("tau21_j2")[0], 1e-15);
        assertEquals(1.0, b.weights()[0]);
        for (double mjj : b.column("mjj")) {
            assertTrue(mjj > 0 && Double.isFinite(mjj));
        }
    }

    @Test
    void readsAFileWrittenByJhdfNotPandas() {
        double[][] v = new double[3][15];
        for (int i = 0; i < 3; i++) {
            double[] r = {1000 + i, 200, -300, 80, 0.3, 0.2, 0.1, -900, -150, 400, 120, 0.4, 0.1, 0.05, i % 2};
            v[i] = r;
        }
        Path p = TestData.writePandas(tmp.resolve("f.h5"), NAMES, v);
        assertEquals(InputFormat.LHCO_FEATURES_HDF5, Formats.detect(p));
        EventBatch b;
        try (EventSource s = EventSource.open(p)) {
            b = s.readAll();
        }
        assertArrayEquals(new long[] {0, 1, 2}, b.ids());
        assertArrayEquals(new int[] {0, 1, 0}, b.labels());
        assertEquals(1002.0, b.column("jet1_px")[2]);
        assertEquals(0.05, b.column("jet2_tau3")[1]);
        assertEquals(80.0, b.column("mj1")[0], 1e-9);
        assertEquals(40.0, b.column("dmj")[0], 1e-9);
    }

    @Test
    void subleadingFirstIsReorderedByPt() {
        double[] r = {100, 0, 0, 10, 0.3, 0.2, 0.1, 900, 0, 0, 50, 0.4, 0.1, 0.05, 0};
        Path p = TestData.writePandas(tmp.resolve("swap.h5"), NAMES, new double[][] {r});
        try (EventSource s = EventSource.open(p)) {
            EventBatch b = s.next();
            assertEquals(900.0, b.column("jet1_px")[0]);
            assertEquals(100.0, b.column("jet2_px")[0]);
        }
    }

    @Test
    void missingColumnIsReported() {
        String[] names = Arrays.copyOf(NAMES, 15);
        names[4] = "tau1_j1";
        Path p = TestData.writePandas(tmp.resolve("names.h5"), names, new double[2][15]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("names.h5: df/axis0: missing column(s) tau1j1"), e.getMessage());
    }

    @Test
    void wrongColumnCountIsReported() {
        String[] names = Arrays.copyOf(NAMES, 12);
        Path p = TestData.writePandas(tmp.resolve("twelve.h5"), names, new double[2][12]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("twelve.h5: df/axis0: missing column(s) tau2j2, tau3j2")
                && e.getMessage().contains("found 12 columns"), e.getMessage());
    }

    @Test
    void nanIsReportedWithRowAndColumn() {
        double[][] v = new double[3][15];
        for (double[] r : v) {
            Arrays.fill(r, 1.0);
            r[14] = 0;
        }
        v[2][10] = Double.NaN;
        Path p = TestData.writePandas(tmp.resolve("nan.h5"), NAMES, v);
        try (EventSource s = EventSource.open(p)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, s::next);
            assertTrue(e.getMessage().contains("nan.h5: row 2, column mj2: value is NaN"), e.getMessage());
        }
    }

    @Test
    void truncatedFileIsReported() throws Exception {
        Path p = TestData.truncate(TestData.features(), tmp.resolve("trunc.h5"), 100_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("trunc.h5") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
