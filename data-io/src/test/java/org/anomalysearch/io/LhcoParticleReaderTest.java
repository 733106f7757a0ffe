package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.hdf5.LhcoParticleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LhcoParticleReaderTest {

    @TempDir
    Path tmp;

    private static List<ParticleChunk> readAll(Path p, int chunk) {
        List<ParticleChunk> out = new ArrayList<>();
        try (ParticleSource s = ParticleSource.open(p, chunk)) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void readsTheSampleInChunks() {
        Path p = TestData.particles();
        try (ParticleSource s = ParticleSource.open(p, 128)) {
            assertEquals(1300, s.rowCount());
            assertEquals(700, s.maxParticles());
            assertTrue(s.hasLabels());
        }
        List<ParticleChunk> chunks = readAll(p, 128);
        assertEquals(11, chunks.size());
        assertEquals(1280, chunks.get(10).firstEvent());
        assertEquals(20, chunks.get(10).numEvents());
        int signal = 0;
        long events = 0;
        for (ParticleChunk c : chunks) {
            assertEquals(events, c.firstEvent());
            events += c.numEvents();
            for (int i = 0; i < c.numEvents(); i++) {
                signal += c.labels()[i];
                assertTrue(c.count(i) > 0 && c.count(i) <= 700);
            }
            for (double pt : c.pt()) {
                assertTrue(pt > 0);
            }
        }
        assertEquals(1300, events);
        assertEquals(200, signal, "the sample holds 200 signal events");
        // Event 0 begins (273.104, 0.539109, -2.73539), (235.454, -1.16378, -0.0449531) (checked with jHDF's
        // plain read of the pandas file, and numbers as pandas prints them).
        ParticleChunk c0 = chunks.get(0);
        assertEquals(273.104, c0.pt()[0], 1e-12);
        assertEquals(0.539109, c0.eta()[0], 1e-12);
        assertEquals(-2.73539, c0.phi()[0], 1e-12);
        assertEquals(235.454, c0.pt()[1], 1e-12);
        assertEquals(-0.0449531, c0.phi()[1], 1e-12);
    }

    @Test
    void chunkSizeDoesNotChangeTheContent() {
        Path p = TestData.particles();
        ParticleChunk whole = readAll(p, 1300).get(0);
        List<ParticleChunk> small = readAll(p, 97);
        int k = 0;
        int e = 0;
        for (ParticleChunk c : small) {
            for (int i = 0; i < c.numEvents(); i++, e++) {
                assertEquals(whole.count(e), c.count(i));
                assertEquals(whole.labels()[e], c.labels()[i]);
            }
            for (int j = 0; j < c.numParticles(); j++, k++) {
                assertEquals(whole.pt()[k], c.pt()[j]);
                assertEquals(whole.eta()[k], c.eta()[j]);
                assertEquals(whole.phi()[k], c.phi()[j]);
            }
        }
        assertEquals(whole.numParticles(), k);
    }

    @Test
    void readByRowRangeEqualsTheStreamedRows() {
        double[][] v = events(7, 4);
        for (int i = 0; i < 7; i++) {
            v[i][0] = 10 + i;
        }
        Path p = TestData.writePandas(tmp.resolve("range.h5"), null, v);
        try (LhcoParticleReader r = LhcoParticleReader.open(p, 100)) {
            ParticleChunk c = r.read(3, 2);
            assertEquals(3, c.firstEvent());
            assertArrayEquals(new int[] {4, 4}, c.counts());
            assertEquals(13, c.pt()[0]);
            assertEquals(14, c.pt()[4]);
            assertArrayEquals(new int[] {1, 0}, c.labels());
            assertEquals(0, r.read(7, 0).numEvents());
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(6, 2));
            assertTrue(r.hasNext(), "a range read does not move the stream");
        }
    }

    private static double[][] events(int n, int particles) {
        double[][] v = new double[n][3 * 700 + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < particles; j++) {
                v[i][3 * j] = 100.0 / (j + 1);
                v[i][3 * j + 1] = 0.1 * j;
                v[i][3 * j + 2] = -0.05 * j;
            }
            v[i][2100] = i % 2;
        }
        return v;
    }

    @Test
    void readsAFileWrittenByJhdf() {
        double[][] v = events(5, 3);
        Path p = TestData.writePandas(tmp.resolve("p.h5"), null, v);
        assertEquals(InputFormat.LHCO_PARTICLES_HDF5, Formats.detect(p));
        ParticleChunk c = readAll(p, 2).get(2);
        assertEquals(4, c.firstEvent());
        assertArrayEquals(new int[] {3}, c.counts());
        assertArrayEquals(new double[] {100, 50, 100.0 / 3}, c.pt());
        assertArrayEquals(new int[] {0}, c.labels());
    }

    @Test
    void fileWithoutLabelColumnGivesUnknownLabels() {
        double[][] v = events(2, 4);
        double[][] noLabel = Arrays.stream(v).map(r -> Arrays.copyOf(r, 2100)).toArray(double[][]::new);
        Path p = TestData.writePandas(tmp.resolve("nolabel.h5"), null, noLabel);
        try (ParticleSource s = ParticleSource.open(p, 10)) {
            assertFalse(s.hasLabels());
            assertArrayEquals(new int[] {-1, -1}, s.next().labels());
        }
    }

    private InvalidInputException failure(double[][] v, String name) {
        Path p = TestData.writePandas(tmp.resolve(name), null, v);
        return assertThrows(InvalidInputException.class, () -> readAll(p, 10));
    }

    @Test
    void wrongColumnCountIsReported() {
        double[][] v = Arrays.stream(events(2, 3)).map(r -> Arrays.copyOf(r, 2102)).toArray(double[][]::new);
        InvalidInputException e = failure(v, "cols.h5");
        assertTrue(e.getMessage().contains("cols.h5"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 3k+1 columns") && e.getMessage().contains("found 2102 columns"),
                e.getMessage());
    }

    @Test
    void nanIsReportedWithRowAndColumn() {
        double[][] v = events(4, 5);
        v[3][4] = Double.NaN;
        InvalidInputException e = failure(v, "nan.h5");
        assertTrue(e.getMessage().contains("nan.h5: row 3, column 4 (eta of particle 1): value is NaN"), e.getMessage());
    }

    @Test
    void infinityIsReported() {
        double[][] v = events(4, 5);
        v[1][6] = Double.POSITIVE_INFINITY;
        InvalidInputException e = failure(v, "inf.h5");
        assertTrue(e.getMessage().contains("row 1, column 6 (pT of particle 2): value is Infinity"), e.getMessage());
    }

    @Test
    void negativePtIsReported() {
        double[][] v = events(4, 5);
        v[2][9] = -3.5;
        InvalidInputException e = failure(v, "neg.h5");
        assertTrue(e.getMessage().contains("neg.h5: row 2, column 9 (pT of particle 3): negative pT -3.5 GeV"),
                e.getMessage());
    }

    @Test
    void eventWithoutParticlesIsReported() {
        double[][] v = events(4, 5);
        Arrays.fill(v[2], 0, 2100, 0.0);
        InvalidInputException e = failure(v, "empty_event.h5");
        assertTrue(e.getMessage().contains("empty_event.h5: row 2: event has no particles"), e.getMessage());
    }

    @Test
    void particleAfterPaddingIsReported() {
        double[][] v = events(2, 5);
        v[1][3 * 10] = 7.0;
        InvalidInputException e = failure(v, "gap.h5");
        assertTrue(e.getMessage().contains("row 1, column 30 (pT of particle 10): non-zero value 7.0 after the zero padding"),
                e.getMessage());
    }

    @Test
    void badLabelIsReported() {
        double[][] v = events(2, 5);
        v[1][2100] = 0.5;
        InvalidInputException e = failure(v, "label.h5");
        assertTrue(e.getMessage().contains("row 1, column 2100 (label): label is 0.5"), e.getMessage());
    }

    @Test
    void truncatedFileIsReportedBeforeReading() throws Exception {
        Path p = TestData.truncate(TestData.particles(), tmp.resolve("trunc.h5"), 5_000_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParticleSource.open(p, 10));
        // the superblock's end-of-file address gives it away before any dataset is looked at
        assertTrue(e.getMessage().contains("trunc.h5: file is truncated: its superblock says it ends at byte 21899608 "
                + "but the file has 5000000 bytes"), e.getMessage());
    }

    @Test
    void chunkSizeIsCappedBelowTwoGigabytesPerSlice() {
        try (LhcoParticleReader r = LhcoParticleReader.open(TestData.particles(), Integer.MAX_VALUE)) {
            assertEquals(Integer.MAX_VALUE / (8 * 2101), r.chunkSize());
        }
    }
}
