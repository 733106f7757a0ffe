package org.anomalysearch.jobs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.anomalysearch.jobs.fuzz.FuzzCorpus.Case;
import org.anomalysearch.jobs.fuzz.FuzzCorpus.Expect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18: every case of the hostile-input corpus ({@link FuzzCorpus}) through the command line, in a JVM with a
 * 256 MB heap ({@link FuzzRunner}): it ends in one clean error line naming the file and exit code 1 (a usage error:
 * exit code 2), or is valid input and exits 0; no case hangs, runs out of memory, crashes, or leaves output behind.
 */
class HostileInputsTest {

    /** Heap of the JVM that runs the cases: a declared size trusted anywhere would exhaust it. */
    static final String HEAP = "-Xmx256m";

    record Result(String status, int exit, long millis, String err) {
    }

    private static final AtomicInteger CLEAN = new AtomicInteger();
    private static int tried;
    private static Path corpus;

    static synchronized Stream<Arguments> cases() throws Exception {
        corpus = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hostile-inputs-");
        List<Case> cases = FuzzCorpus.write(corpus);
        Path list = corpus.resolve("cases.tsv");
        List<String> lines = new ArrayList<>();
        for (Case c : cases) {
            lines.add(c.id() + "\t" + String.join("\t", c.args()));
        }
        Files.write(list, lines, StandardCharsets.UTF_8);
        Path results = corpus.resolve("results.tsv");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(HEAP);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        // Spark refuses a heap below 450 MB unless told how much it may assume; the cases' data are tiny
        cmd.add("-Dspark.testing.memory=536870912");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dai.djl") || a.startsWith("-Djava.io.tmpdir")
                    || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FuzzRunner.class.getName());
        cmd.add(list.toString());
        cmd.add(results.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(corpus.resolve("runner.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the corpus runner did not finish in 20 minutes; see " + corpus.resolve("runner.log"));
        }
        Map<String, Result> byId = new LinkedHashMap<>();
        if (Files.isRegularFile(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 5);
                byId.put(f[0], new Result(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), unescape(f[4])));
            }
        }
        tried = cases.size();
        return cases.stream().map(c -> Arguments.of(c.id(), c, byId.get(c.id())));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInOneCleanErrorOrIsValid(String id, Case c, Result r) throws IOException {
        String cmd = String.join(" ", c.args());
        if (r == null) {
            fail(id + ": no result (the runner died before it; see " + corpus.resolve("runner.log") + "): " + cmd);
        }
        assertEquals("OK", r.status(), id + " (" + r.millis() + " ms): " + cmd);
        assertFalse(r.err().contains("OutOfMemoryError"), r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace without --debug: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank())
                .filter(l -> !l.matches("^\\w+: [\\d,]+ / [\\d,]+ .*")).toList();
        boolean valid = r.exit() == 0;
        switch (c.expect()) {
            case VALID -> assertEquals(0, r.exit(), id + ": valid input refused: " + r.err());
            case ERROR -> assertEquals(1, r.exit(), id + ": expected a clean error, got exit " + r.exit() + ": "
                    + r.err() + " (" + cmd + ")");
            case USAGE -> assertEquals(2, r.exit(), id + ": expected a usage error: " + r.err());
            case EITHER -> assertTrue(r.exit() == 0 || r.exit() == 1, id + ": exit " + r.exit() + ": " + r.err());
            default -> fail("unknown expectation");
        }
        if (!valid) {
            assertEquals(1, lines.size(), id + ": expected one error line, got " + lines);
            String line = lines.get(0);
            assertTrue(line.startsWith("anomaly-search: "), line);
            assertTrue(line.contains(c.names()), id + ": the error does not name '" + c.names() + "': " + line);
            assertFalse(line.contains("internal error"), line);
            Path out = corpus.resolve("out").resolve(id);
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.walk(out)) {
                    List<Path> left = s.filter(Files::isRegularFile).toList();
                    assertTrue(left.isEmpty(), id + ": a failed command left output behind: " + left);
                }
            }
        }
        CLEAN.incrementAndGet();
    }

    @AfterAll
    static void report() {
        System.out.println("hostile inputs: " + tried + " cases tried, " + CLEAN.get() + " handled cleanly"
                + (corpus == null ? "" : " (corpus in " + corpus + ")"));
    }
}
