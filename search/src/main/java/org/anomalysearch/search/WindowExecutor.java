package org.anomalysearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.results.ScanWindow;

/**
 * Where a scan's windows run: local threads ({@link #threads}) or Spark tasks ({@code SparkWindowExecutor}). The
 * results do not depend on it: every window is a pure {@link WindowTask}.
 */
@FunctionalInterface
public interface WindowExecutor {

    /** Called once per finished window, from any thread, one call at a time. */
    @FunctionalInterface
    interface Listener {
        void finished(WindowTask task, ScanWindow result) throws IOException;
    }

    /** Runs every task and reports each result to {@code listener} as it finishes; returns when all have. */
    void execute(List<WindowTask> tasks, Listener listener) throws IOException;

    /** On {@code n} local threads. */
    static WindowExecutor threads(int n) {
        return (tasks, listener) -> runAll(tasks, n, WindowTask::run, listener);
    }

    /** How one task is computed, for {@link #runAll}. */
    @FunctionalInterface
    interface Compute {
        ScanWindow apply(WindowTask task) throws IOException;
    }

    /** Runs {@code compute} on every task from a pool of {@code n} threads, serialising the listener's calls. */
    static void runAll(List<WindowTask> tasks, int n, Compute compute, Listener listener) throws IOException {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(n, tasks.size())), r -> {
            Thread t = new Thread(r, "window-jobs");
            t.setDaemon(true);
            return t;
        });
        Object lock = new Object();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (WindowTask task : tasks) {
                futures.add(pool.submit(() -> {
                    ScanWindow r = compute.apply(task);
                    synchronized (lock) {
                        listener.finished(task, r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AnalysisException("interrupted while scanning windows", "", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
