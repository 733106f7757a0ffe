package org.anomalysearch.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.results.ScanWindow;
import org.slf4j.LoggerFactory;

/**
 * Windows in worker JVMs on this machine, {@code n} at a time: the local way to use every core for the trainings.
 *
 * <p>Why processes: DJL's PyTorch engine lets one gradient collector record at a time per JVM, so within one JVM the
 * density-model and MLP trainings of all windows run one after another ({@link CwolaWindowStage}'s training thread),
 * and a scan on local threads or local Spark tasks trains on one core. A worker JVM has its own engine: {@code n}
 * workers train {@code n} windows at once. Each worker computes exactly what {@link WindowTask#run} computes in the
 * parent (the same seed gives the same result whichever process or order: the scan's tests compare them), and it
 * starts with the parent's JVM options and class path, so it loads the same classes and native library.
 *
 * <p>A scan starts up to {@code n} workers and each takes window after window (one JVM and PyTorch start per worker,
 * not per window). A task goes to a worker as a serialised file; the worker answers on its standard output with one
 * protocol line when the result (or the exception that ended the task) is in the result file; its log lines go to the
 * parent's stderr. The workers stop when the scan ends, and at once when the parent dies (kill -9 included). Where
 * the class path does not hold this class (a spark-submit application jar is loaded by Spark's own class loader),
 * {@link #of} falls back to local threads and says so.
 */
public final class WorkerProcesses {

    private WorkerProcesses() {
    }

    /** The worker's answer when the result file is complete. */
    private static final String DONE = "@@anomaly-search-worker done";

    /**
     * Up to {@code n} worker JVMs at a time; one worker (or a class path workers could not load) runs the windows on
     * this JVM's threads instead, with the same results.
     */
    public static WindowExecutor of(int n) {
        return of(n, null);
    }

    /** What a window took in a worker, wall time in seconds (benchmarks). */
    @FunctionalInterface
    public interface Timing {
        void took(WindowTask task, double seconds);
    }

    /** As {@link #of(int)}, reporting each window's wall time in its worker to {@code timing} (null: none). */
    public static WindowExecutor of(int n, Timing timing) {
        if (n <= 1) {
            return WindowExecutor.threads(1);
        }
        if (!launchable()) {
            LoggerFactory.getLogger(WorkerProcesses.class).warn("windows run on this JVM's threads: its class "
                    + "path cannot start worker processes (spark-submit?); DJL trainings then use one core");
            return WindowExecutor.threads(n);
        }
        return (tasks, listener) -> {
            try (Pool pool = new Pool(Math.min(n, tasks.size()))) {
                WindowExecutor.runAll(tasks, n, task -> {
                    long t0 = System.nanoTime();
                    ScanWindow r = pool.run(task);
                    if (timing != null) {
                        timing.took(task, (System.nanoTime() - t0) / 1e9);
                    }
                    return r;
                }, listener);
            }
        };
    }

    /** Whether a worker started with this JVM's class path finds this class (false under spark-submit's loader). */
    static boolean launchable() {
        try {
            return Class.forName(WorkerProcesses.class.getName(), false, ClassLoader.getSystemClassLoader())
                    == WorkerProcesses.class;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "anomaly-search-workers-stop"));
    }

    /** Up to {@code size} workers, started when first needed, each lent to one task at a time. */
    private static final class Pool implements AutoCloseable {
        private final LinkedBlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
        private final List<Worker> all = new ArrayList<>();
        private final int size;

        Pool(int size) {
            this.size = Math.max(1, size);
        }

        ScanWindow run(WindowTask task) throws IOException {
            Worker w = take();
            boolean healthy = false;
            try {
                ScanWindow r = w.run(task);
                healthy = true;
                return r;
            } catch (RuntimeException | Error e) {
                healthy = w.alive(); // the task failed in a live worker: it can take the next one
                throw e;
            } finally {
                if (healthy) {
                    idle.add(w);
                } else {
                    w.close();
                    synchronized (all) {
                        all.remove(w);
                    }
                }
            }
        }

        private Worker take() throws IOException {
            Worker w = idle.poll();
            if (w != null) {
                return w;
            }
            synchronized (all) {
                if (all.size() < size) {
                    Worker started = new Worker();
                    all.add(started);
                    return started;
                }
            }
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalysisException("interrupted while waiting for a worker", "rerun; --resume continues "
                        + "from the checkpoints");
            }
        }

        @Override
        public void close() {
            synchronized (all) {
                all.forEach(Worker::close);
                all.clear();
            }
        }
    }

    /** One worker JVM taking tasks one after another. */
    private static final class Worker implements AutoCloseable {
        private final Process process;
        private final Writer toWorker;
        private final BufferedReader fromWorker;
        private final Path dir;

        Worker() throws IOException {
            dir = Files.createTempDirectory("anomaly-search-worker-");
            process = new ProcessBuilder(command())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            LIVE.add(process);
            toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            fromWorker = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        boolean alive() {
            return process.isAlive();
        }

        ScanWindow run(WindowTask task) throws IOException {
            Path in = dir.resolve(task.name() + ".task");
            Path out = dir.resolve(task.name() + ".result");
            try {
                try (ObjectOutputStream o = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(in)))) {
                    o.writeObject(task);
                }
                String answer;
                try {
                    toWorker.write(in + "\t" + out + "\n");
                    toWorker.flush();
                    answer = fromWorker.readLine();
                    while (answer != null && !answer.equals(DONE)) {
                        System.out.println(answer); // something the task printed: pass it on
                        answer = fromWorker.readLine();
                    }
                } catch (IOException e) {
                    answer = null;
                }
                if (answer == null || !Files.exists(out)) {
                    int code = exitCode();
                    throw new AnalysisException(task.name() + " (SR " + task.window().signal() + "): its worker "
                            + "process ended" + (code >= 0 ? " with exit code " + code : "") + " and no result",
                            "see the worker's messages above; a killed worker (exit 137) usually ran out of memory: "
                                    + "give the JVM less heap (ANOMALY_SEARCH_JAVA_OPTS) or run fewer windows at once "
                                    + "(--master local[1])");
                }
                Object r;
                try (ObjectInputStream i = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(out)))) {
                    r = i.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("worker result of an unknown class", e);
                }
                if (r instanceof ScanWindow w) {
                    return w;
                }
                if (r instanceof RuntimeException e) {
                    throw e;
                }
                if (r instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("worker of " + task.name() + " returned " + r);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        }

        private int exitCode() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            try {
                toWorker.close(); // end of input: the worker exits
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            LIVE.remove(process);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    /** java, this JVM's options (no agents, no debugger), its class path, the worker entry point. */
    static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerProcesses.class.getName());
        return cmd;
    }

    /**
     * Worker entry point: reads "task-file TAB result-file" lines from standard input, computes each task and writes
     * its result (or the task's exception) to the result file, then answers {@link #DONE} on standard output; exits
     * at the end of its input. Anything else the tasks print goes to standard error.
     */
    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        PrintStream protocol = new PrintStream(new BufferedOutputStream(System.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] files = line.split("\t");
            WindowTask task;
            try (ObjectInputStream o = new ObjectInputStream(new BufferedInputStream(
                    Files.newInputStream(Path.of(files[0]))))) {
                task = (WindowTask) o.readObject();
            }
            Object result;
            try {
                result = task.run();
            } catch (RuntimeException | Error e) {
                result = e;
            }
            Path out = Path.of(files[1]);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(tmp));
                 ObjectOutputStream o = new ObjectOutputStream(f)) {
                o.writeObject(result);
            } catch (NotSerializableException e) {
                Throwable t = (Throwable) result;
                try (ObjectOutputStream o = new ObjectOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(tmp)))) {
                    o.writeObject(new AnalysisException(task.name() + ": " + t, "rerun with --debug for the trace"));
                }
            }
            Files.move(tmp, out);
            protocol.println(DONE);
            protocol.flush();
        }
        System.exit(0);
    }
}
