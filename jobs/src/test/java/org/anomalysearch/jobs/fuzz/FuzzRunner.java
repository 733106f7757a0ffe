package org.anomalysearch.jobs.fuzz;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.anomalysearch.jobs.cli.AnomalySearch;

/**
 * Runs the cases of {@link FuzzCorpus} through the command line, one after another in this JVM (started by
 * {@link HostileInputsTest} with a small heap), each on its own thread with a time limit. Reads one case a line
 * (id, then the arguments, tab-separated) and writes one result a line: id, status (OK, HANG, OOM or THROWN:
 * class), exit code, milliseconds, and the error stream with newlines escaped.
 */
public final class FuzzRunner {

    /** Seconds a case may take before it counts as a hang. */
    static final int TIME_LIMIT = 60;

    private FuzzRunner() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                String[] f = line.split("\t");
                String id = f[0];
                String[] cmd = Arrays.copyOfRange(f, 1, f.length);
                StringWriter err = new StringWriter();
                int[] code = {-1};
                String[] status = {"OK"};
                Thread t = new Thread(() -> {
                    try (PrintWriter out = new PrintWriter(Writer.NULL); PrintWriter e = new PrintWriter(err)) {
                        code[0] = AnomalySearch.commandLine(out, e).execute(cmd);
                    } catch (OutOfMemoryError e) {
                        status[0] = "OOM";
                    } catch (Throwable e) {
                        status[0] = "THROWN:" + e;
                    }
                }, "case-" + id);
                t.setDaemon(true);
                long start = System.nanoTime();
                t.start();
                t.join(TIME_LIMIT * 1000L);
                if (t.isAlive()) {
                    status[0] = "HANG";
                    stop(t);
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                w.write(id + "\t" + status[0].replace('\t', ' ').replace('\n', ' ') + "\t" + code[0] + "\t" + ms + "\t"
                        + err.toString().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\n");
                w.flush();
            }
        }
        System.exit(0);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop(); // a hung case must not keep a core busy for the cases after it
        } catch (UnsupportedOperationException e) {
            // newer JVMs: the thread is a daemon and dies with this JVM
        }
    }

    /** A writer that drops everything (the command's standard output: results, not errors). */
    private static final class Writer extends java.io.Writer {
        static final Writer NULL = new Writer();

        @Override
        public void write(char[] cbuf, int off, int len) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
