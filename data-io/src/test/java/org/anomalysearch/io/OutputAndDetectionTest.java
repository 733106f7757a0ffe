package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputAndDetectionTest {

    @TempDir
    Path tmp;

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static EventBatch small() {
        return new EventBatch(FeatureSchema.STANDARD, new long[] {1, 2}, new int[] {0, 1}, new double[] {1, 1},
                new double[][] {{3400, 3500}, {100, 200}, {10, 20}, {0.5, 0.6}, {0.7, 0.8}});
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutTheFlag() throws IOException {
        for (String name : new String[] {"out.parquet", "out.csv", "out.csv.gz", "out.npy"}) {
            Path out = tmp.resolve(name);
            Files.writeString(out, "precious");
            OutputExistsException e = assertThrows(OutputExistsException.class,
                    () -> EventTableWriter.open(out, FeatureSchema.STANDARD, WriteOptions.DEFAULTS));
            assertTrue(e.getMessage().contains(name + " already exists; refusing to overwrite it"), e.getMessage());
            assertTrue(e.userMessage().contains("--overwrite"), e.userMessage());
            assertEquals("precious", Files.readString(out));
        }
    }

    @Test
    void overwriteFlagReplacesTheOutput() throws IOException {
        Path out = tmp.resolve("out.parquet");
        Files.writeString(out, "old");
        try (EventTableWriter w = EventTableWriter.open(out, FeatureSchema.STANDARD, WriteOptions.DEFAULTS.withOverwrite(true))) {
            w.write(small());
            assertEquals("old", Files.readString(out), "the target is untouched until commit");
            w.commit();
        }
        try (EventSource s = EventSource.open(out)) {
            assertTrue(s.readAll().sameContent(small()));
        }
        assertEquals(List.of("out.parquet"), dirListing());
    }

    @Test
    void failureBeforeCommitLeavesNoPartialOutput() throws IOException {
        for (String name : new String[] {"a.parquet", "a.csv.gz", "a.npy"}) {
            Path out = tmp.resolve(name);
            assertThrows(IllegalStateException.class, () -> {
                try (EventTableWriter w = EventTableWriter.open(out, FeatureSchema.STANDARD, WriteOptions.DEFAULTS)) {
                    w.write(small());
                    throw new IllegalStateException("simulated failure in the middle of writing");
                }
            });
        }
        assertEquals(List.of(), dirListing(), "neither the outputs nor their temporary files may remain");
    }

    @Test
    void failingBodyOfAtomicWriteLeavesNothing() {
        Path out = tmp.resolve("x.bin");
        assertThrows(IOException.class, () -> AtomicOutput.write(out, false, p -> {
            Files.writeString(p, "half");
            throw new IOException("disk full");
        }));
        assertTrue(!Files.exists(out));
    }

    @Test
    void atomicWriteCommits() throws IOException {
        Path out = tmp.resolve("x.bin");
        AtomicOutput.write(out, false, p -> Files.writeString(p, "all"));
        assertEquals("all", Files.readString(out));
        assertEquals(List.of("x.bin"), dirListing());
    }

    @Test
    void missingOutputDirectoryIsReported() {
        Path out = tmp.resolve("no/such/dir/out.parquet");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EventTableWriter.open(out, FeatureSchema.STANDARD, WriteOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("the output directory") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void detectsEverySample() {
        assertEquals(InputFormat.LHCO_PARTICLES_HDF5, Formats.detect(TestData.particles()));
        assertEquals(InputFormat.LHCO_FEATURES_HDF5, Formats.detect(TestData.features()));
        assertEquals(InputFormat.CATHODE_NPY, Formats.detect(TestData.shared("lhco_rnd_sr/innerdata_test.npy")));
        assertEquals(InputFormat.DIJET_CSV, Formats.detect(TestData.shared("dijet_pythia/qcd_inner_000.csv.gz")));
    }

    @Test
    void inspectReportsKindRowsAndSchema() {
        InputInfo p = EventSource.inspect(TestData.particles());
        assertEquals(InputFormat.LHCO_PARTICLES_HDF5, p.format());
        assertEquals(1300, p.rows());
        InputInfo f = EventSource.inspect(TestData.features());
        assertEquals(1300, f.rows());
        assertEquals(FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS, f.schema());
        InputInfo n = EventSource.inspect(TestData.shared("lhco_rnd_sr/innerdata_extrasig.npy"));
        assertEquals(74_527, n.rows());
        assertEquals(FeatureSchema.STANDARD, n.schema());
    }

    @Test
    void missingFileIsReported() {
        Path p = tmp.resolve("nope.h5");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().endsWith("nope.h5: file not found"), e.getMessage());
    }

    @Test
    void emptyFileIsReported() throws IOException {
        for (String name : new String[] {"empty.h5", "empty.npy", "empty.parquet", "empty.csv.gz"}) {
            Path p = Files.createFile(tmp.resolve(name));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
            assertTrue(e.getMessage().endsWith(name + ": file is empty (0 bytes)"), e.getMessage());
        }
    }

    @Test
    void directoryIsReported() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(tmp));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void corruptHdf5IsReported() throws IOException {
        Path p = tmp.resolve("random.h5");
        byte[] b = new byte[4096];
        new Random(3).nextBytes(b);
        Files.write(p, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("random.h5: is not a valid HDF5 file: expected it to start with 89 48 44 46 0d 0a 1a 0a"),
                e.getMessage());
    }

    @Test
    void hdf5WithCorruptMetadataIsReported() throws IOException {
        byte[] b = Files.readAllBytes(TestData.features());
        Random r = new Random(4);
        for (int i = 8; i < 2048; i++) {
            b[i] = (byte) r.nextInt();
        }
        Path p = tmp.resolve("scrambled.h5");
        Files.write(p, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("scrambled.h5: not a readable HDF5 file"), e.getMessage());
    }

    @Test
    void hdf5CutInsideItsMetadataIsReported() throws IOException {
        Path p = TestData.truncate(TestData.features(), tmp.resolve("cut.h5"), 600);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("cut.h5: file is truncated: its superblock says it ends at byte 173640 but "
                + "the file has 600 bytes"), e.getMessage());
    }

    @Test
    void hdf5WithoutPandasLayoutIsReported() {
        Path p = tmp.resolve("plain.h5");
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(p)) {
            f.putDataset("data", new double[][] {{1, 2}, {3, 4}});
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("plain.h5: df: expected a pandas DataFrame under key 'df' (group /df), found top-level"
                + " entries [data]"), e.getMessage());
    }

    @Test
    void unsupportedExtensionIsReported() throws IOException {
        Path p = Files.writeString(tmp.resolve("notes.txt"), "hello");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("notes.txt: unsupported input"), e.getMessage());
    }

    @Test
    void particleFileNeedsAProcessor() {
        Path particles = TestData.particles(); // skips (not fails) without the shared data
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(particles));
        assertTrue(e.getMessage().contains("is a particle-level LHCO file"), e.getMessage());
        ParticleProcessor leadingParticle = new ParticleProcessor() {
            final FeatureSchema schema = FeatureSchema.of(List.of("pt_j1"));

            @Override
            public FeatureSchema schema() {
                return schema;
            }

            @Override
            public EventBatch process(ParticleChunk c) {
                EventBatch.Builder b = new EventBatch.Builder(schema, c.numEvents());
                for (int i = 0; i < c.numEvents(); i++) {
                    b.addRow(c.eventId(i), c.labels()[i], 1.0, new double[] {c.pt()[c.index(i, 0)]});
                }
                return b.build();
            }
        };
        try (EventSource s = EventSource.open(TestData.particles(),
                ReadOptions.DEFAULTS.withParticleChunkSize(500).withParticleProcessor(leadingParticle))) {
            assertEquals(1300, s.rowCount());
            EventBatch b = s.readAll();
            assertEquals(1300, b.size());
            assertEquals(273.104, b.columns()[0][0]);
        }
    }
}
