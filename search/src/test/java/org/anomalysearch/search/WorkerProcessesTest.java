package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

/**
 * Windows computed in worker JVMs give what the same tasks give on this JVM's threads, and a task's failure reaches
 * the caller as the task's own exception.
 */
class WorkerProcessesTest {

    /** A pure stage: its result depends on the window, the events and the seed only; its process id is not in it. */
    static final class Counting implements WindowStage {
        private static final long serialVersionUID = 1L;

        @Override
        public ScanWindow run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed) {
            if (window.signal().lo() < 0) {
                throw new AnalysisException("window " + window.signal() + " refused by the test stage", "a hint");
            }
            double sum = 0;
            for (double m : signalRegion.column("mjj")) {
                sum += m;
            }
            return ScanWindow.counts(window, sidebands.size(), signalRegion.size(), seed % 97, sum / 1e6,
                    new SplittableRandom(seed).nextDouble());
        }
    }

    private static EventBatch events(int n, double lo) {
        FeatureSchema schema = new FeatureSchema(List.of(FeatureSchema.MJJ));
        long[] ids = new long[n];
        double[] mjj = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            mjj[i] = lo + i;
        }
        return new EventBatch(schema, ids, new int[n], new double[n], new double[][] {mjj});
    }

    private static List<WindowTask> tasks(double firstLo) {
        List<WindowTask> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RegionSet w = RegionSet.around(firstLo + 200 * i, firstLo + 200 * i + 400, 200, 200);
            EventBatch sr = events(50 + i, w.signal().lo());
            tasks.add(new WindowTask(i, "window-00" + i, w, events(20, w.signal().lo() - 200), sr, sr, 1000L * i + 7,
                    new Counting()));
        }
        return tasks;
    }

    private static Map<Integer, String> run(WindowExecutor executor, List<WindowTask> tasks) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        executor.execute(tasks, (task, r) -> out.put(task.index(), ResultsCodec.write(r)));
        return out;
    }

    @Test
    void workersGiveTheThreadsResults() throws Exception {
        assertTrue(WorkerProcesses.launchable(), "the test JVM's class path holds the worker");
        List<WindowTask> tasks = tasks(3000);
        Map<Integer, String> threads = run(WindowExecutor.threads(1), tasks);
        Map<Integer, String> workers = run(WorkerProcesses.of(2), tasks);
        assertEquals(3, workers.size());
        assertEquals(threads, workers);
    }

    @Test
    void aWorkersFailureIsTheTasksException() {
        List<WindowTask> tasks = tasks(-1000);
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(WorkerProcesses.of(2), tasks));
        assertTrue(e.getMessage().contains("refused by the test stage"), e.getMessage());
        assertEquals("a hint", e.hint());
    }
}
