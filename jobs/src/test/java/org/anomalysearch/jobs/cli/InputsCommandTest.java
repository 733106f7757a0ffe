package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.io.EventSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as analyses have them (issue 20, item 1): several files and glob patterns, feature CSVs with the LHCO column
 * names, the mjj-range and label filters of convert, and signal injection at a chosen strength.
 */
class InputsCommandTest {

    @TempDir
    Path dir;

    /** One row of a feature CSV: mjj, mj1, dmj, tau21_j1, tau21_j2, label. */
    record Row(double mjj, double mj1, double dmj, double t1, double t2, int label) {
    }

    private static List<Row> rows(int n, double mjjLo, double mjjHi, int label, long seed) {
        Random r = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double mjj = Math.rint((mjjLo + (mjjHi - mjjLo) * r.nextDouble()) * 100) / 100;
            out.add(new Row(mjj, Math.rint(r.nextDouble() * 50000) / 100, Math.rint(r.nextDouble() * 50000) / 100,
                    Math.rint(r.nextDouble() * 1000) / 1000, Math.rint(r.nextDouble() * 1000) / 1000, label));
        }
        return out;
    }

    /** A pandas-style feature CSV (unnamed index column, mjj, features, label). */
    private Path write(String name, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(",mjj,mj1,dmj,tau21_j1,tau21_j2,label\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%d%n", i, r.mjj(), r.mj1(), r.dmj(), r.t1(), r.t2(),
                    r.label()));
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static EventBatch readAll(Path p) {
        try (EventSource s = EventSource.open(p)) {
            return s.readAll();
        }
    }

    @Test
    void convertReadsAGlobOfFeatureCsvsAndKeepsTheMjjRangeAndLabel() throws IOException {
        List<Row> a = new ArrayList<>(rows(300, 2000, 5000, 0, 1));
        a.addAll(rows(100, 3000, 4000, 1, 2));
        List<Row> b = rows(200, 2000, 5000, 0, 3);
        write("part_1.csv", a);
        write("part_2.csv", b);
        Path out = dir.resolve("sr.csv");
        Cli r = Cli.run("convert", dir.resolve("part_*.csv").toString(), "-o", out.toString(), "--mjj-range",
                "3300,3700", "--label", "0");
        assertEquals(0, r.exitCode(), r.err());
        // independently: the rows of both files in order, ids continuing across the files, kept by the cut
        List<Long> ids = new ArrayList<>();
        List<Double> mj1 = new ArrayList<>();
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        for (int i = 0; i < all.size(); i++) {
            Row x = all.get(i);
            if (x.mjj() >= 3300 && x.mjj() < 3700 && x.label() == 0) {
                ids.add((long) i);
                mj1.add(x.mj1());
            }
        }
        EventBatch got = readAll(out);
        assertArrayEquals(ids.stream().mapToLong(Long::longValue).toArray(), got.ids());
        assertArrayEquals(mj1.stream().mapToDouble(Double::doubleValue).toArray(), got.column("mj1"));
        assertTrue(r.out().contains("kept " + ids.size() + " of 600 selected events"), r.out());
        // and both files named on the command line give the same table
        Path out2 = dir.resolve("sr2.csv");
        assertEquals(0, Cli.run("convert", dir.resolve("part_1.csv").toString(), dir.resolve("part_2.csv").toString(),
                "-o", out2.toString(), "--mjj-range", "3300,3700", "--label", "0").exitCode());
        assertArrayEquals(got.ids(), readAll(out2).ids());
    }

    @Test
    void aPatternThatMatchesNothingIsNamed() {
        String pattern = dir.resolve("qcd_full_*.csv.gz").toString();
        Cli r = Cli.run("convert", pattern, "-o", dir.resolve("x.parquet").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertEquals(List.of("anomaly-search: error: " + pattern + ": the pattern given to INPUT matches no file "
                + "(hint: check the directory and the pattern (* matches within one path part, e.g. "
                + "'data/qcd_full_*.csv.gz'))"), r.errorLines());
        assertFalse(Files.exists(dir.resolve("x.parquet")));
    }

    @Test
    void runExpandsTheConfigsInputPattern() throws IOException {
        String pattern = dir.resolve("qcd_full_*.csv.gz").toString();
        Path cfg = Files.writeString(dir.resolve("a.yaml"), "schemaVersion: 1\ninput:\n  path: " + pattern + "\n");
        Cli r = Cli.run("run", "--config", cfg.toString(), "--runs", dir.resolve("runs").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.err().contains(pattern + ": the pattern given to input.path matches no file"), r.err());
        assertFalse(Files.exists(dir.resolve("runs")), "no run directory left after the failure");
    }

    @Test
    void badRangeOrLabelIsAUsageErrorBeforeAnyRead() throws IOException {
        Path in = write("f.csv", rows(10, 2000, 5000, 0, 1));
        Cli r = Cli.run("convert", in.toString(), "-o", dir.resolve("o.parquet").toString(), "--mjj-range", "3700,3300");
        assertEquals(AnomalySearch.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("--mjj-range needs LO,HI in GeV with 0 <= LO < HI, got [3700.0, 3300.0]"), r.err());
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void injectMixesAtTheRequestedStrengthReproduciblyAndRecordsIt() throws Exception {
        List<Row> bgRows = rows(4000, 2000, 5000, 0, 11);
        List<Row> sigRows = rows(1500, 3100, 3900, 1, 12);
        Path bg = write("bg.csv", bgRows);
        Path sig = write("sig.csv", sigRows);
        Path out = dir.resolve("mixed.parquet");
        Cli r = Cli.run("inject", "--background", bg.toString(), "--signal", sig.toString(), "--window", "3300,3700",
                "--s-over-b", "0.25", "--seed", "7", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        long b = bgRows.stream().filter(x -> x.mjj() >= 3300 && x.mjj() < 3700).count();
        long sigIn = sigRows.stream().filter(x -> x.mjj() >= 3300 && x.mjj() < 3700).count();
        long s = Math.round(0.25 * b);
        long outside = Math.round((double) s * (sigRows.size() - sigIn) / sigIn);
        EventBatch mixed = readAll(out);
        assertEquals(bgRows.size() + s + outside, mixed.size());
        long mixedS = 0;
        long mixedB = 0;
        double[] mjj = mixed.column("mjj");
        for (int i = 0; i < mixed.size(); i++) {
            if (mjj[i] >= 3300 && mjj[i] < 3700) {
                mixedS += mixed.labels()[i] == 1 ? 1 : 0;
                mixedB += mixed.labels()[i] == 0 ? 1 : 0;
            }
        }
        assertEquals(s, mixedS);
        assertEquals(b, mixedB);
        assertEquals(mixed.size(), java.util.Arrays.stream(mixed.ids()).distinct().count(), "unique event ids");

        JsonNode rec = new ObjectMapper().readTree(dir.resolve("mixed.inject.json").toFile());
        assertEquals(0.25, rec.at("/requested/sOverB").asDouble());
        assertEquals(s, rec.at("/achieved/S").asLong());
        assertEquals(b, rec.at("/achieved/B").asLong());
        assertEquals((double) s / b, rec.at("/achieved/sOverB").asDouble(), 1e-12);
        assertEquals(s / Math.sqrt(b), rec.at("/achieved/sOverSqrtB").asDouble(), 1e-12);
        assertEquals(3300.0, rec.at("/window/lo").asDouble());
        assertEquals(7, rec.at("/seed").asLong());
        assertEquals(org.anomalysearch.core.provenance.Seeds.derive(7, "inject.signal.window"),
                rec.at("/seeds/inject.signal.window").asLong());
        assertEquals(sha256(bg), rec.at("/background/0/sha256").asText());
        assertEquals(sha256(sig), rec.at("/signal/0/sha256").asText());

        // the same seed gives the same mixture; another seed another one; S/sqrt(B) too
        Path again = dir.resolve("again.parquet");
        assertEquals(0, Cli.run("inject", "--background", bg.toString(), "--signal", sig.toString(), "--window",
                "3300,3700", "--s-over-b", "0.25", "--seed", "7", "-o", again.toString()).exitCode());
        assertArrayEquals(mixed.ids(), readAll(again).ids());
        Path other = dir.resolve("other.parquet");
        assertEquals(0, Cli.run("inject", "--background", bg.toString(), "--signal", sig.toString(), "--window",
                "3300,3700", "--s-over-sqrt-b", "5", "--seed", "8", "-o", other.toString()).exitCode());
        EventBatch o = readAll(other);
        long s2 = Math.round(5 * Math.sqrt(b));
        assertEquals(s2, java.util.stream.IntStream.range(0, o.size())
                .filter(i -> o.labels()[i] == 1 && o.column("mjj")[i] >= 3300 && o.column("mjj")[i] < 3700).count());
        assertNotEquals(java.util.Arrays.toString(mixed.ids()), java.util.Arrays.toString(o.ids()));
        // an existing output is not replaced
        Cli exists = Cli.run("inject", "--background", bg.toString(), "--signal", sig.toString(), "--window",
                "3300,3700", "--s-over-b", "0.25", "-o", out.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, exists.exitCode());
    }

    @Test
    void injectRefusesTooLittleSignalAndSignalInTheBackground() throws IOException {
        Path bg = write("bg.csv", rows(2000, 2000, 5000, 0, 21));
        Path sig = write("sig.csv", rows(20, 3300, 3700, 1, 22));
        Cli few = Cli.run("inject", "--background", bg.toString(), "--signal", sig.toString(), "--window", "3300,3700",
                "--s-over-b", "1", "-o", dir.resolve("m.parquet").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, few.exitCode());
        assertEquals(1, few.errorLines().size(), few.err());
        assertTrue(few.err().contains("but the signal holds only 20 there"), few.err());
        List<Row> dirty = new ArrayList<>(rows(100, 2000, 5000, 0, 23));
        dirty.addAll(rows(5, 3300, 3700, 1, 24));
        Path dirtyBg = write("dirty.csv", dirty);
        Cli labelled = Cli.run("inject", "--background", dirtyBg.toString(), "--signal", sig.toString(), "--window",
                "3300,3700", "--s-over-b", "0.01", "-o", dir.resolve("m.parquet").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, labelled.exitCode());
        assertTrue(labelled.err().contains("the background holds 5 events labelled as signal"), labelled.err());
        assertTrue(labelled.err().contains("--label 0"), labelled.err());
        assertFalse(Files.exists(dir.resolve("m.parquet")));
    }
}
