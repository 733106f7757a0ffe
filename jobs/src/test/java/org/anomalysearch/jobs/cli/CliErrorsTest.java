package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.anomalysearch.io.TestData;
import org.anomalysearch.io.npy.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of user mistake the foundation issue lists, through the command line: one clear line on stderr that
 * names the file, key or value, exit code 1, no stack trace, and no output file left behind.
 */
class CliErrorsTest {

    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out.parquet");
    }

    /** Runs convert on {@code input} and checks the common contract; returns the one error line. */
    private String convertFails(Path input, String... extra) throws IOException {
        List<String> before = listing();
        String[] args = Stream.concat(Stream.of("convert", input.toString(), "-o", out().toString()),
                Arrays.stream(extra)).toArray(String[]::new);
        Cli r = Cli.run(args);
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), () -> "exit code; stderr: " + r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), () -> "exactly one error line, got: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("anomaly-search: error: "), line);
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
        assertFalse(Files.exists(out()), "no output file");
        assertEquals(before, listing(), "no partial or temporary file left");
        return line;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path sample(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    @Test
    void missingFile() throws IOException {
        String line = convertFails(dir.resolve("nope.h5"));
        assertTrue(line.contains("nope.h5"), line);
    }

    @Test
    void emptyFile() throws IOException {
        for (String name : List.of("empty.h5", "empty.parquet", "empty.npy", "empty.csv")) {
            Path p = Files.createFile(dir.resolve(name));
            String line = convertFails(p);
            assertTrue(line.contains(name) && line.contains("empty"), line);
            Files.delete(p);
        }
    }

    @Test
    void truncatedHdf5() throws IOException {
        Path src = TestData.particles();
        Path cut = TestData.truncate(src, dir.resolve("cut.h5"), Files.size(src) / 2);
        String line = convertFails(cut);
        assertTrue(line.contains("cut.h5") && line.contains("truncated"), line);
    }

    @Test
    void corruptHdf5() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Path p = Files.write(dir.resolve("junk.h5"), junk);
        String line = convertFails(p);
        assertTrue(line.contains("junk.h5") && line.contains("HDF5"), line);
    }

    @Test
    void truncatedAndCorruptParquet() throws IOException {
        Path good = dir.resolve("good.parquet");
        Cli gen = Cli.run("generate", "-o", good.toString(), "--background", "2000");
        assertEquals(0, gen.exitCode(), gen.err());
        Path cut = TestData.truncate(good, dir.resolve("cut.parquet"), Files.size(good) - 100);
        String line = convertFails(cut);
        assertTrue(line.contains("cut.parquet"), line);
        byte[] bytes = Files.readAllBytes(good);
        for (int i = 4; i < bytes.length / 2; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.parquet"), bytes);
        line = convertFails(corrupt);
        assertTrue(line.contains("corrupt.parquet"), line);
    }

    @Test
    void truncatedNpyAndWrongDtype() throws IOException {
        Path npy = dir.resolve("ok.npy");
        NpyWriter.write(npy, new double[][] {{3.4, 3.5}, {0.1, 0.2}, {0.05, 0.3}, {0.5, 0.6}, {0.4, 0.7}, {0, 1}}, false);
        Path cut = TestData.truncate(npy, dir.resolve("cut.npy"), Files.size(npy) - 8);
        String line = convertFails(cut);
        assertTrue(line.contains("cut.npy"), line);
        // the same header with a float32 dtype, followed by 2 x 6 float32 values: a valid npy of the wrong dtype
        byte[] b = Files.readAllBytes(npy);
        String header = new String(b, 0, 128, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<f4'");
        byte[] f4bytes = Arrays.copyOf(header.getBytes(StandardCharsets.ISO_8859_1), 128 + 2 * 6 * 4);
        Path f4 = Files.write(dir.resolve("f4.npy"), f4bytes);
        line = convertFails(f4);
        assertTrue(line.contains("f4.npy") && line.contains("<f4"), line);
    }

    @Test
    void wrongColumnCount() throws IOException {
        Path p = sample("three.csv", "pxj1,pyj1,pzj1\n1,2,3\n");
        String line = convertFails(p);
        assertTrue(line.contains("three.csv"), line);
        Path npy = dir.resolve("cols.npy");
        NpyWriter.write(npy, new double[][] {{1}, {2}, {3}}, false);
        line = convertFails(npy);
        assertTrue(line.contains("cols.npy") && line.contains("6"), line);
    }

    @Test
    void nanAndInfinity() throws IOException {
        String header = "pxj1,pyj1,pzj1,mj1,tau1j1,tau2j1,tau3j1,pxj2,pyj2,pzj2,mj2,tau1j2,tau2j2,tau3j2,mjj,label\n";
        String row = "396.829,-1199.22,510.324,455.909,0.24143,0.0678602,0.0363978,-439.78,1175.97,-3077.07,"
                + "199.639,0.140416,0.046873,0.0341631,4015.46,0\n";
        Path nan = sample("nan.csv", header + row + row.replace("455.909", "NaN"));
        String line = convertFails(nan);
        assertTrue(line.contains("nan.csv") && line.contains("mj1"), line);
        Path inf = sample("inf.csv", header + row.replace("0.24143", "Infinity"));
        line = convertFails(inf);
        assertTrue(line.contains("inf.csv") && line.contains("tau1j1"), line);
    }

    @Test
    void negativePt() throws IOException {
        double[][] values = new double[2][2101];
        for (double[] ev : values) {
            ev[0] = 1500;
            ev[1] = 0.1;
            ev[2] = 0.2;
            ev[3] = 1400;
            ev[4] = -0.3;
            ev[5] = 3.0;
        }
        values[1][3] = -5;
        Path p = TestData.writePandas(dir.resolve("negpt.h5"), null, values);
        String line = convertFails(p);
        assertTrue(line.contains("negpt.h5") && line.toLowerCase().contains("negative"), line);
    }

    @Test
    void unknownConfigKey() throws IOException {
        Path cfg = sample("bad.yaml", "schemaVersion: 1\nselection:\n  leadingJetPtMinn: 1000\n");
        Path csv = sample("x.csv", "pxj1\n");
        String line = convertFails(csv, "--config", cfg.toString());
        assertTrue(line.contains("bad.yaml") && line.contains("selection.leadingJetPtMinn")
                && line.contains("leadingJetPtMin"), line);
    }

    @Test
    void signalRegionOutsideTheDataRange() throws IOException {
        Path table = dir.resolve("t.parquet");
        assertEquals(0, Cli.run("generate", "-o", table.toString(), "--background", "3000").exitCode());
        Path cfg = sample("sr.yaml", "regions:\n  signalLo: 9000\n  signalHi: 9400\n");
        Cli r = Cli.run("inspect", table.toString(), "--check-regions", "--config", cfg.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("9000") && lines.get(0).contains("outside the data"), lines.get(0));
    }

    @Test
    void existingOutputIsKeptWithoutOverwrite() throws IOException {
        Path csv = dir.resolve("in.csv.gz");
        assertEquals(0, Cli.run("generate", "-o", csv.toString(), "--background", "500").exitCode());
        Files.writeString(out(), "precious");
        Cli r = Cli.run("convert", csv.toString(), "-o", out().toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertTrue(r.errorLines().get(0).contains("--overwrite"), r.err());
        assertEquals("precious", Files.readString(out()));
        Cli ok = Cli.run("convert", csv.toString(), "-o", out().toString(), "--overwrite");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli r = Cli.run("convert", dir.resolve("nope.h5").toString(), "-o", out().toString(), "--debug");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli r = Cli.run("convert", "--bogus");
        assertEquals(AnomalySearch.EXIT_USAGE, r.exitCode());
        assertEquals(1, r.errorLines().size(), r.err());
    }

    /** A mistyped command or option: one usage line with picocli's nearest names. */
    @Test
    void typosGetADidYouMean() {
        Cli cmd = Cli.run("bumphnut");
        assertEquals(AnomalySearch.EXIT_USAGE, cmd.exitCode());
        assertEquals(1, cmd.errorLines().size(), cmd.err());
        assertTrue(cmd.err().contains("'bumphnut'; did you mean bumphunt?"), cmd.err());
        Cli opt = Cli.run("classify", "train", "--mode", "cwola", "--data", "a", "--background", "b", "-o",
                dir.resolve("m").toString(), "--epoch", "3");
        assertEquals(AnomalySearch.EXIT_USAGE, opt.exitCode());
        assertTrue(opt.err().contains("did you mean --epochs?"), opt.err());
        Cli none = Cli.run("zzzzzz");
        assertFalse(none.err().contains("did you mean"), "no suggestion when nothing is near: " + none.err());
    }
}
