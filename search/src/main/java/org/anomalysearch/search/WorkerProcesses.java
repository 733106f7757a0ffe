package org.anomalysearch.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A worker reads its serialised task from a temporary file and writes its result (or the exception that ended it)
 * to another; its log lines go to the parent's stderr. A worker whose parent dies (kill -9 included) stops at once.
 * Where the class path does not hold this class (a spark-submit application jar is loaded by Spark's own class
 * loader), {@link #of} falls back to local threads and says so.
 */
public final class WorkerProcesses {

    private WorkerProcesses() {
    }

    /**
     * Up to {@code n} worker JVMs at a time; one worker (or a class path workers could not load) runs the windows on
     * this JVM's threads instead, with the same results.
     */
    public static WindowExecutor of(int n) {
        if (n <= 1) {
            return WindowExecutor.threads(1);
        }
        if (!launchable()) {
            LoggerFactory.getLogger(WorkerProcesses.class).warn("windows run on this JVM's threads: its class "
                    + "path cannot start worker processes (spark-submit?); DJL trainings then use one core");
            return WindowExecutor.threads(n);
        }
        return (tasks, listener) -> WindowExecutor.runAll(tasks, n, WorkerProcesses::runInWorker, listener);
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

    /** {@code task} computed in a new worker JVM (its result, or its exception rethrown). */
    public static ScanWindow runInWorker(WindowTask task) throws IOException {
        Path dir = Files.createTempDirectory("anomaly-search-" + task.name() + "-");
        Path in = dir.resolve("task.bin");
        Path out = dir.resolve("result.bin");
        try {
            try (ObjectOutputStream o = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(in)))) {
                o.writeObject(task);
            }
            Process p = new ProcessBuilder(command(in, out))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            LIVE.add(p);
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AnalysisException("interrupted while " + task.name() + " was computed",
                        "rerun; --resume continues from the checkpoints");
            } finally {
                LIVE.remove(p);
            }
            if (!Files.exists(out)) {
                throw new AnalysisException(task.name() + " (SR " + task.window().signal() + "): its worker process "
                        + "ended with exit code " + code + " and no result", "see the worker's messages above; a "
                        + "killed worker (exit 137) usually ran out of memory: give the JVM less heap per worker "
                        + "(ANOMALY_SEARCH_JAVA_OPTS) or run fewer windows at once (--master local[1])");
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
            Files.deleteIfExists(dir);
        }
    }

    /** java, this JVM's options (no agents, no debugger), its class path, the worker entry point. */
    static List<String> command(Path in, Path out) {
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
        cmd.add(in.toString());
        cmd.add(out.toString());
        return cmd;
    }

    /** Worker entry point: {@code task-file result-file}. Exits 0 when a result or the task's exception was written. */
    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        WindowTask task;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])));
             ObjectInputStream o = new ObjectInputStream(in)) {
            task = (WindowTask) o.readObject();
        }
        Object result;
        try {
            result = task.run();
        } catch (RuntimeException | Error e) {
            result = e;
        }
        Path out = Path.of(args[1]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(tmp));
             ObjectOutputStream o = new ObjectOutputStream(f)) {
            o.writeObject(result);
        } catch (NotSerializableException e) {
            Throwable t = (Throwable) result;
            try (ObjectOutputStream o = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                o.writeObject(new AnalysisException(task.name() + ": " + t, "rerun with --debug for the trace"));
            }
        }
        Files.move(tmp, out);
        System.exit(0);
    }
}
