package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.anomalysearch.results.ResultsCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's notebook, validated by nbformat and executed by nbconvert with a real Python kernel: no cell may
 * fail. Runs only where python3 has nbformat, nbconvert, ipykernel, matplotlib and pandas (Debian:
 * python3-nbformat python3-nbconvert python3-ipykernel python3-matplotlib python3-pandas); the interpreter is
 * the system property {@code anomalysearch.python}, else the first of /usr/bin/python3 and python3 that has them.
 * With the environment variable {@code ANOMALYSEARCH_REQUIRE_JUPYTER=1} (for CI) a missing module fails the test
 * instead of skipping it.
 */
@EnabledIf(value = "pythonWithJupyter", disabledReason = "needs python3 with nbformat, nbconvert, ipykernel, "
        + "matplotlib and pandas (apt-get install python3-nbformat python3-nbconvert python3-ipykernel "
        + "python3-matplotlib python3-pandas)")
class NotebookExecutionTest {

    private static final List<String> MODULES = List.of("nbformat", "nbconvert", "ipykernel", "matplotlib", "pandas");
    private static String python;
    private static Boolean available;

    @TempDir
    Path tmp;

    /** Enabled when a python with the modules is found, or when CI requires it (and the test then fails). */
    static synchronized boolean pythonWithJupyter() {
        return findPython() || "1".equals(System.getenv("ANOMALYSEARCH_REQUIRE_JUPYTER"));
    }

    @org.junit.jupiter.api.BeforeEach
    void requirePython() {
        assertTrue(findPython(), "ANOMALYSEARCH_REQUIRE_JUPYTER=1 but no python3 imports " + MODULES
                + " (apt-get install python3-nbformat python3-nbconvert python3-ipykernel python3-matplotlib "
                + "python3-pandas)");
    }

    private static synchronized boolean findPython() {
        if (available == null) {
            available = false;
            List<String> candidates = new ArrayList<>();
            String configured = System.getProperty("anomalysearch.python");
            if (configured != null && !configured.isBlank()) {
                candidates.add(configured);
            } else {
                candidates.add("/usr/bin/python3");
                candidates.add("python3");
            }
            for (String c : candidates) {
                try {
                    if (run(List.of(c, "-c", "import " + String.join(", ", MODULES)), null, 60).exitCode == 0) {
                        python = c;
                        available = true;
                        break;
                    }
                } catch (IOException | InterruptedException e) {
                    // not this one
                }
            }
        }
        return available;
    }

    @Test
    void demoNotebookValidatesAndExecutesWithoutErrors() throws Exception {
        Cli demo = Cli.run("demo", "--no-search", "--runs", tmp.resolve("runs").toString(), "--background", "2000", "--signal", "200",
                "--name", "nb");
        assertEquals(0, demo.exitCode(), demo.err());
        Path runDir = tmp.resolve("runs/nb");
        Map<String, Object> executed = execute(runDir.resolve("report.ipynb"), tmp.resolve("executed.ipynb"));
        // the two saved PNGs, and the two redrawn figures
        assertTrue(imageOutputs(executed) >= 4, "images in the executed notebook: " + imageOutputs(executed));
        assertTrue(streamText(executed).contains("2200 events; background: 2000, signal: 200"),
                streamText(executed));
    }

    @Test
    void unlabelledRunExportedElsewhereExecutesWithoutErrors() throws Exception {
        Cli demo = Cli.run("demo", "--no-search", "--runs", tmp.resolve("runs").toString(), "--background", "1500", "--signal", "0",
                "--name", "data");
        assertEquals(0, demo.exitCode(), demo.err());
        Path runDir = tmp.resolve("runs/data");
        unlabel(runDir.resolve("events.csv.gz"));
        Path out = Files.createDirectories(tmp.resolve("elsewhere"));
        Cli export = Cli.run("export", "notebook", runDir.toString(), "-o", out.resolve("data.ipynb").toString());
        assertEquals(0, export.exitCode(), export.err());
        Map<String, Object> executed = execute(out.resolve("data.ipynb"), tmp.resolve("executed-data.ipynb"));
        assertTrue(streamText(executed).contains("1500 events; no truth label: 1500"), streamText(executed));
        assertTrue(imageOutputs(executed) >= 4);
    }

    /** nbformat.validate on each notebook (as nbformat 4). */
    private static void validate(Path... notebooks) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", "import sys, nbformat\n"
                + "for p in sys.argv[1:]:\n"
                + "    nbformat.validate(nbformat.read(p, 4))\n"
                + "    print('valid', p)\n"));
        for (Path nb : notebooks) {
            cmd.add(nb.toString());
        }
        Result r = run(cmd, null, 60);
        assertEquals(0, r.exitCode, r.output);
        assertEquals(notebooks.length, r.output.lines().filter(l -> l.startsWith("valid ")).count(), r.output);
    }

    /**
     * Validates the notebook, executes it with nbconvert (the kernel runs in the notebook's directory) and
     * validates the result; returns the executed notebook.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> execute(Path nb, Path executed) throws Exception {
        Result r = run(List.of(python, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=60", "--ExecutePreprocessor.kernel_name=python3",
                "--output-dir", executed.getParent().toString(), "--output", executed.getFileName().toString(),
                nb.toString()), nb.getParent(), 180);
        assertEquals(0, r.exitCode, "nbconvert failed:\n" + r.output);
        validate(nb, executed);
        Map<String, Object> doc = ResultsCodec.parseObject(Files.readString(executed), executed.toString());
        for (Object o : (List<Object>) doc.get("cells")) {
            Map<String, Object> cell = (Map<String, Object>) o;
            if (!"code".equals(cell.get("cell_type"))) {
                continue;
            }
            assertNotNull(cell.get("execution_count"), "every code cell ran: " + cell.get("id"));
            for (Object out : (List<Object>) cell.get("outputs")) {
                Map<String, Object> m = (Map<String, Object>) out;
                assertTrue(!"error".equals(m.get("output_type")), "error output in " + cell.get("id") + ": " + m);
                if ("stream".equals(m.get("output_type")) && "stderr".equals(m.get("name"))) {
                    String text = String.join("", (List<String>) m.get("text"));
                    assertTrue(!text.contains("Traceback") && !text.contains("Error"), cell.get("id") + ": " + text);
                }
            }
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static int imageOutputs(Map<String, Object> nb) {
        int n = 0;
        for (Object o : (List<Object>) nb.get("cells")) {
            for (Object out : (List<Object>) ((Map<String, Object>) o).getOrDefault("outputs", List.of())) {
                Object data = ((Map<String, Object>) out).get("data");
                if (data instanceof Map<?, ?> d && d.containsKey("image/png")) {
                    n++;
                }
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static String streamText(Map<String, Object> nb) {
        StringBuilder sb = new StringBuilder();
        for (Object o : (List<Object>) nb.get("cells")) {
            for (Object out : (List<Object>) ((Map<String, Object>) o).getOrDefault("outputs", List.of())) {
                Map<String, Object> m = (Map<String, Object>) out;
                if ("stream".equals(m.get("output_type"))) {
                    sb.append(String.join("", (List<String>) m.get("text")));
                }
            }
        }
        return sb.toString();
    }

    /** Rewrites the label column (the second) of a gzipped event table to -1: a run without truth labels. */
    private static void unlabel(Path gz) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            lines.add(r.readLine());
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", 3);
                lines.add(f[0] + ",-1," + f[2]);
            }
        }
        try (PrintWriter w = new PrintWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)),
                StandardCharsets.UTF_8))) {
            lines.forEach(w::println);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().put("JUPYTER_PLATFORM_DIRS", "1");
        pb.environment().put("MPLBACKEND", "Agg");
        Path log = Files.createTempFile("nbtest", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + cmd + "\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
