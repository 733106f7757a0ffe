package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.parquet.EventTableParquet;
import org.anomalysearch.io.parquet.ParquetEventReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTest {

    @TempDir
    Path tmp;

    private static EventBatch readAll(Path p, int chunk) {
        try (EventSource s = EventSource.open(p, ReadOptions.DEFAULTS.withChunkSize(chunk))) {
            return s.readAll();
        }
    }

    private static void write(Path out, EventBatch b, WriteOptions o, int pieces) throws IOException {
        try (EventTableWriter w = EventTableWriter.open(out, b.schema(), o)) {
            // write in several batches to exercise appending
            int step = Math.max(1, (b.size() + pieces - 1) / pieces);
            for (int from = 0; from < b.size(); from += step) {
                w.write(slice(b, from, Math.min(b.size(), from + step)));
            }
            w.commit();
        }
    }

    static EventBatch slice(EventBatch b, int from, int to) {
        double[][] cols = new double[b.columns().length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = java.util.Arrays.copyOfRange(b.columns()[c], from, to);
        }
        return new EventBatch(b.schema(), java.util.Arrays.copyOfRange(b.ids(), from, to),
                java.util.Arrays.copyOfRange(b.labels(), from, to), java.util.Arrays.copyOfRange(b.weights(), from, to), cols);
    }

    @Test
    void cathodeNpyToParquetRoundTripsExactly() throws IOException {
        EventBatch in = readAll(TestData.shared("lhco_rnd_sr/innerdata_train.npy"), 65_536);
        Path out = tmp.resolve("train.parquet");
        write(out, in, WriteOptions.DEFAULTS.withMetadata(Map.of("provenance", "innerdata_train.npy sha256=test")), 3);
        assertEquals(InputFormat.EVENT_TABLE_PARQUET, Formats.detect(out));
        try (ParquetEventReader r = ParquetEventReader.open(out, 7_000)) {
            assertEquals(60_000, r.rowCount());
            assertEquals(FeatureSchema.STANDARD, r.schema());
            assertEquals("1", r.metadata().get(EventTableParquet.SCHEMA_VERSION_KEY));
            assertEquals("innerdata_train.npy sha256=test", r.metadata().get("provenance"));
            assertTrue(r.metadata().get(EventTableParquet.FEATURES_KEY).contains("{\"name\":\"mjj\",\"unit\":\"GeV\""));
            assertEquals(7_000, r.next().size());
        }
        assertTrue(readAll(out, 7_000).sameContent(in));
    }

    @Test
    void lhcoFeaturesToParquetRoundTripsExactlyWithEveryCodec() throws IOException {
        EventBatch in = readAll(TestData.features(), 500);
        for (Compression c : Compression.values()) {
            Path out = tmp.resolve("features_" + c + ".parquet");
            write(out, in, WriteOptions.DEFAULTS.withCompression(c), 2);
            EventBatch back = readAll(out, 333);
            assertTrue(back.sameContent(in), c + " must round-trip bit-identically");
        }
    }

    @Test
    void csvGzToParquetToCsvRoundTripsExactly() throws IOException {
        EventBatch in = readAll(TestData.shared("dijet_pythia/qcd_full_003.csv.gz"), 1_000);
        Path pq = tmp.resolve("qcd.parquet");
        try (EventSource s = EventSource.open(TestData.shared("dijet_pythia/qcd_full_003.csv.gz"),
                ReadOptions.DEFAULTS.withChunkSize(1_000))) {
            assertEquals(5_000, EventTableWriter.copy(s, pq, WriteOptions.DEFAULTS));
        }
        Path csv = tmp.resolve("qcd.csv");
        try (EventSource s = EventSource.open(pq)) {
            EventTableWriter.copy(s, csv, WriteOptions.DEFAULTS);
        }
        assertTrue(readAll(csv, 4_000).sameContent(in));
        assertTrue(readAll(pq, 4_000).sameContent(in));
    }

    @Test
    void integerFeaturesAreInt32AndUnknownLabelsSurvive() throws IOException {
        FeatureSchema schema = FeatureSchema.of(List.of("mjj", "jet1_nconst", "jet2_nconst"));
        EventBatch b = new EventBatch(schema, new long[] {5, Long.MAX_VALUE}, new int[] {-1, 1}, new double[] {1, 0.25},
                new double[][] {{3512.25, -0.0}, {12, 80}, {-1, 0}});
        Path out = tmp.resolve("ints.parquet");
        write(out, b, WriteOptions.DEFAULTS.withCompression(Compression.SNAPPY), 1);
        assertTrue(readAll(out, 10).sameContent(b));
    }

    @Test
    void emptyTableRoundTrips() throws IOException {
        EventBatch b = new EventBatch.Builder(FeatureSchema.STANDARD, 0).build();
        Path out = tmp.resolve("empty.parquet");
        write(out, b, WriteOptions.DEFAULTS, 1);
        try (EventSource s = EventSource.open(out)) {
            assertEquals(0, s.rowCount());
            assertEquals(FeatureSchema.STANDARD, s.schema());
        }
    }

    private Path writeForeign(String name, String schema, Map<String, String> meta, int rows) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Path p = tmp.resolve(name);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(p)).withType(type)
                .withExtraMetaData(meta).build()) {
            SimpleGroupFactory f = new SimpleGroupFactory(type);
            for (int i = 0; i < rows; i++) {
                Group g = f.newGroup();
                for (var field : type.getFields()) {
                    switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                        case INT64 -> g.add(field.getName(), (long) i);
                        case INT32 -> g.add(field.getName(), i % 2);
                        default -> g.add(field.getName(), 1000.0 + i);
                    }
                }
                w.write(g);
            }
        }
        return p;
    }

    private static final String FEATURES_JSON =
            "[{\"name\":\"mjj\",\"unit\":\"GeV\",\"integer\":false,\"description\":\"dijet invariant mass\"}]";

    @Test
    void unknownSchemaVersionIsRejected() throws IOException {
        Path p = writeForeign("v2.parquet", "message t { required int64 event_id; required int32 label; required double weight;"
                + " required double mjj; }", Map.of("anomalysearch.schema_version", "2", "anomalysearch.features", FEATURES_JSON), 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("v2.parquet: anomalysearch.schema_version: unknown event-table schema version '2';"
                + " this build reads version 1"), e.getMessage());
    }

    @Test
    void missingRequiredColumnIsRejected() throws IOException {
        Path p = writeForeign("noweight.parquet", "message t { required int64 event_id; required int32 label;"
                + " required double mjj; }", Map.of("anomalysearch.schema_version", "1", "anomalysearch.features", FEATURES_JSON), 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("noweight.parquet: missing required column(s) [weight]"), e.getMessage());
    }

    @Test
    void missingFeatureColumnIsRejected() throws IOException {
        Path p = writeForeign("nomjj.parquet", "message t { required int64 event_id; required int32 label;"
                + " required double weight; }", Map.of("anomalysearch.schema_version", "1", "anomalysearch.features", FEATURES_JSON), 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("nomjj.parquet: missing required column(s) [mjj]"), e.getMessage());
    }

    @Test
    void wrongColumnTypeIsRejected() throws IOException {
        Path p = writeForeign("type.parquet", "message t { required int64 event_id; required int32 label;"
                + " required double weight; required int64 mjj; }",
                Map.of("anomalysearch.schema_version", "1", "anomalysearch.features", FEATURES_JSON), 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("type.parquet: column mjj: expected a single DOUBLE value per row, found required int64 mjj"),
                e.getMessage());
    }

    @Test
    void fileWithoutFooterMetadataIsReadWhenColumnsArePredefined() throws IOException {
        Path p = writeForeign("spark.parquet", "message spark_schema { optional int64 event_id; optional int32 label;"
                + " optional double weight; optional double mjj; optional double other; }", Map.of(), 3);
        assertThrows(InvalidInputException.class, () -> EventSource.open(p), "'other' is not a predefined feature");
        Path q = writeForeign("spark2.parquet", "message spark_schema { optional int64 event_id; optional int32 label;"
                + " optional double weight; optional double mjj; }", Map.of(), 3);
        EventBatch b = readAll(q, 2);
        assertEquals(FeatureSchema.of(List.of("mjj")), b.schema());
        assertEquals(1002.0, b.column("mjj")[2]);
        assertEquals(2L, b.ids()[2]);
    }

    @Test
    void truncatedParquetIsRejected() throws IOException {
        Path good = tmp.resolve("good.parquet");
        write(good, readAll(TestData.features(), 1300), WriteOptions.DEFAULTS, 1);
        Path p = TestData.truncate(good, tmp.resolve("trunc.parquet"), Files.size(good) / 2);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("trunc.parquet: not a readable Parquet file"), e.getMessage());
    }

    @Test
    void corruptParquetIsRejected() throws IOException {
        Path good = tmp.resolve("good2.parquet");
        write(good, readAll(TestData.features(), 1300), WriteOptions.DEFAULTS.withCompression(Compression.UNCOMPRESSED), 1);
        byte[] b = Files.readAllBytes(good);
        // keep both magics and the footer, scramble the column chunks
        java.util.Random r = new java.util.Random(1);
        for (int i = 4; i < b.length / 2; i++) {
            b[i] = (byte) r.nextInt();
        }
        Path p = tmp.resolve("corrupt.parquet");
        Files.write(p, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(p, 1300));
        assertTrue(e.getMessage().contains("corrupt.parquet"), e.getMessage());
    }

    @Test
    void randomBytesNamedParquetAreRejected() throws IOException {
        Path p = tmp.resolve("random.parquet");
        byte[] b = new byte[1000];
        new java.util.Random(2).nextBytes(b);
        b[0] = 1;
        Files.write(p, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("random.parquet: is not a valid Parquet file: expected it to start with 50 41 52 31"),
                e.getMessage());
    }
}
