package org.anomalysearch.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anomalysearch.core.AnalysisException;

/**
 * Where pseudo-experiments run: a toy is a pure function of its index, so any executor (a loop, local threads,
 * Spark tasks) gives the same numbers in index order.
 */
@FunctionalInterface
public interface ToyExecutor {

    /** One number per toy index; must be pure and serializable (it may be shipped to executors). */
    @FunctionalInterface
    interface Toy extends Serializable {
        double of(int index);
    }

    /** {@code toy} of indices {@code 0..nToys-1}, in index order. */
    double[] map(int nToys, Toy toy);

    /** In the calling thread. */
    static ToyExecutor sequential() {
        return (n, toy) -> {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = toy.of(i);
            }
            return t;
        };
    }

    /** On {@code threads} local threads (contiguous index ranges). */
    static ToyExecutor threads(int threads) {
        if (threads <= 1) {
            return sequential();
        }
        return (n, toy) -> {
            double[] t = new double[n];
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "toys");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<?>> parts = new ArrayList<>();
                int chunk = (n + threads - 1) / threads;
                for (int a = 0; a < n; a += chunk) {
                    int from = a;
                    int to = Math.min(n, a + chunk);
                    parts.add(pool.submit(() -> {
                        for (int i = from; i < to; i++) {
                            t[i] = toy.of(i);
                        }
                    }));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalysisException("interrupted while running pseudo-experiments", "", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            return t;
        };
    }
}
