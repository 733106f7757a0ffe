package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    static final String HEADER = "pxj1,pyj1,pzj1,mj1,tau1j1,tau2j1,tau3j1,pxj2,pyj2,pzj2,mj2,tau1j2,tau2j2,tau3j2,mjj,label";
    static final String ROW1 = "1388.31,-1050.35,151.285,500.272,0.228344,0.0120927,0.0114458,-1240.61,893.847,50.8403,97.3936,"
            + "0.0416274,0.0193193,0.0124309,3337.62,1";

    @TempDir
    Path tmp;

    @Test
    void readsTheSignalSample() {
        Path p = TestData.shared("dijet_pythia/signal_3500_500_100_000.csv.gz");
        assertEquals(InputFormat.DIJET_CSV, Formats.detect(p));
        EventBatch b;
        try (EventSource s = EventSource.open(p, ReadOptions.DEFAULTS.withChunkSize(3000))) {
            assertEquals(FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS, s.schema());
            assertEquals(20_000, s.rowCount());
            EventBatch first = s.next();
            assertEquals(3000, first.size());
            b = s.readAll();
        }
        assertEquals(17_000, b.size());
        assertEquals(3000L, b.ids()[0]);
        assertTrue(Arrays.stream(b.labels()).allMatch(l -> l == 1));
        // The last line: -803.032,1439.87,...,mjj 3484.3
        int last = b.size() - 1;
        assertEquals(19_999L, b.ids()[last]);
        assertEquals(-803.032, b.column("jet1_px")[last]);
        assertEquals(0.0283678, b.column("jet2_tau3")[last]);
        assertEquals(3484.3, b.column("mjj")[last], 3484.3 * 1e-5);
        assertEquals(102.697, b.column("mj1")[last], 1e-6, "j1 is the lighter jet here");
    }

    @Test
    void countsTheQcdSample() {
        try (EventSource s = EventSource.open(TestData.shared("dijet_pythia/qcd_full_003.csv.gz"))) {
            assertEquals(5000, s.rowCount());
            EventBatch b = s.readAll();
            assertEquals(5000, b.size());
            assertTrue(Arrays.stream(b.labels()).allMatch(l -> l == 0));
        }
    }

    private Path csv(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private InvalidInputException failure(Path p) {
        return assertThrows(InvalidInputException.class, () -> {
            try (EventSource s = EventSource.open(p)) {
                s.readAll();
            }
        });
    }

    @Test
    void wrongColumnCountIsReported() throws IOException {
        Path p = csv("short.csv", HEADER, ROW1, ROW1.substring(0, ROW1.lastIndexOf(',')));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("short.csv: line 3: expected 16 comma-separated values (one per header column), found 15"),
                e.getMessage());
    }

    @Test
    void missingHeaderColumnIsReported() throws IOException {
        Path p = csv("header.csv", HEADER.replace("tau2j1", "t2"), ROW1);
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("header.csv: header: missing column(s) tau2j1"), e.getMessage());
    }

    @Test
    void nanIsReported() throws IOException {
        Path p = csv("nan.csv", HEADER, ROW1, ROW1.replace("97.3936", "NaN"));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("nan.csv: line 3, column mj2: value is NaN"), e.getMessage());
    }

    @Test
    void infinityIsReported() throws IOException {
        Path p = csv("inf.csv", HEADER, ROW1.replace("151.285", "Infinity"));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("inf.csv: line 2, column pzj1: value is Infinity"), e.getMessage());
    }

    @Test
    void textInANumberColumnIsReported() throws IOException {
        Path p = csv("text.csv", HEADER, ROW1.replace("0.228344", "abc"));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("text.csv: line 2, column tau1j1: expected a number, found 'abc'"), e.getMessage());
    }

    @Test
    void mjjThatDisagreesWithTheJetsIsReported() throws IOException {
        Path p = csv("mjj.csv", HEADER, ROW1.replace("3337.62", "3437.62"));
        InvalidInputException e = failure(p);
        assertTrue(e.getMessage().contains("mjj.csv: line 2, column mjj: mjj in the file is 3437.62 GeV but the two jets give"),
                e.getMessage());
    }

    @Test
    void unknownLayoutIsReported() throws IOException {
        Path p = csv("other.csv", "a,b,c", "1,2,3");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(p));
        assertTrue(e.getMessage().contains("other.csv: header: unknown CSV layout"), e.getMessage());
    }

    @Test
    void eventTableCsvRoundTripsExactly() throws IOException {
        EventBatch in;
        try (EventSource s = EventSource.open(TestData.shared("dijet_pythia/qcd_full_003.csv.gz"))) {
            in = s.readAll();
        }
        for (String name : new String[] {"t.csv", "t.csv.gz"}) {
            Path out = tmp.resolve(name);
            try (EventTableWriter w = EventTableWriter.open(out, in.schema(), WriteOptions.DEFAULTS)) {
                w.write(in);
                w.commit();
            }
            assertEquals(InputFormat.EVENT_TABLE_CSV, Formats.detect(out));
            try (EventSource s = EventSource.open(out, ReadOptions.DEFAULTS.withChunkSize(999))) {
                assertEquals(in.size(), s.rowCount());
                EventBatch back = s.readAll();
                assertTrue(back.sameContent(in), name + " must round-trip bit-identically");
            }
        }
    }

    @Test
    void eventTableCsvKeepsIntegerColumnsAndUnknownLabels() throws IOException {
        FeatureSchema schema = FeatureSchema.of(java.util.List.of("mjj", "jet1_nconst"));
        EventBatch b = new EventBatch(schema, new long[] {7, 1L << 60}, new int[] {-1, 1}, new double[] {0.5, 2},
                new double[][] {{3500.000000000001, -0.0}, {42, 3}});
        Path out = tmp.resolve("ints.csv");
        try (EventTableWriter w = EventTableWriter.open(out, schema, WriteOptions.DEFAULTS)) {
            w.write(b);
            w.commit();
        }
        String text = Files.readString(out);
        assertTrue(text.startsWith("event_id,label,weight,mjj,jet1_nconst\n7,-1,0.5,3500.000000000001,42\n"), text);
        try (EventSource s = EventSource.open(out)) {
            assertTrue(s.readAll().sameContent(b));
        }
        assertFalse(Files.exists(tmp.resolve(".ints.csv.tmp")));
    }
}
