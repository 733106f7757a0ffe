package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.region.SlidingWindows;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.search.EventBatches;
import org.anomalysearch.search.ScanRunner;
import org.anomalysearch.search.WindowExecutor;
import org.anomalysearch.search.WorkerProcesses;

/**
 * The scan's speed-up from worker JVMs (issue 16, item 4): the same windows of the Pythia QCD pool through the one
 * {@link ScanRunner}, first one window at a time on this JVM (what local[1] does), then in two worker JVMs (what
 * local[2] does), with the wall time of every window and of each scan, the speed-up, and a check that both gave the
 * same results. Prints the machine and its load before and after, since a busy machine has no second core to give.
 */
public final class ScanSpeedup {

    private ScanSpeedup() {
    }

    /**
     * @param dataDir  dijet_pythia
     * @param files    qcd_full files to read (1-4)
     * @param windows  how many computable windows, from the fit range's start upwards
     * @param workers  worker JVMs of the parallel pass
     */
    public static String run(Path dataDir, int files, int windows, int workers, SearchConfig settings, FitConfig fit,
                             long seed, PrintWriter log) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), BenchMachine.loadAverage()));
        InjectedData data = InjectedData.load(dataDir, files, 0, new Region(3300, 3700), seed);
        CwolaWindowStage stage = new CwolaWindowStage(settings, fit);
        EventBatch spec = EventBatches.project(data.events(), stage.columns());
        FitRange range = FitRange.resolve("bench scan-speedup", spec.column("mjj"), fit, 3300);
        List<RegionSet> all = SlidingWindows.linear(range.lo(), fit.hi(), 400, 200, 400);
        stage = stage.prepare(spec, all, range.lo());
        List<RegionSet> plan = new ArrayList<>();
        for (RegionSet w : all) {
            if (plan.size() < windows && stage.skipReason(w, spec) == null) {
                plan.add(w);
            }
        }
        if (plan.size() < windows) {
            throw new AnalysisException("only " + plan.size() + " computable windows", "use fewer --windows");
        }
        out.append(String.format(Locale.ROOT, "%,d QCD events (%d files), %d windows from %s, stage %s%n",
                spec.size(), files, plan.size(), plan.get(0).signal(), stage.name()));
        log.print(out);
        log.flush();
        final CwolaWindowStage st = stage;
        Map<Integer, Double> serial = new ConcurrentHashMap<>();
        Map<Integer, Double> parallel = new ConcurrentHashMap<>();
        Map<Integer, String> serialResults = new TreeMap<>();
        Map<Integer, String> parallelResults = new TreeMap<>();
        long t0 = System.nanoTime();
        scan(st, plan, spec, seed, (tasks, listener) -> WindowExecutor.runAll(tasks, 1, timed(serial, t -> t.run()),
                listener), serialResults, log);
        double tSerial = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        scan(st, plan, spec, seed, WorkerProcesses.of(workers, (task, s) -> parallel.put(task.index(), s)),
                parallelResults, log);
        double tParallel = (System.nanoTime() - t0) / 1e9;
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-16s %14s %14s%n", "window SR [GeV]", "1 at a time [s]",
                workers + " workers [s]"));
        for (int i = 0; i < plan.size(); i++) {
            table.append(String.format(Locale.ROOT, "%-16s %14.1f %14.1f%n", plan.get(i).signal(), serial.get(i),
                    parallel.get(i)));
        }
        table.append(String.format(Locale.ROOT, "scan wall time: %.1f s one window at a time (local[1]), %.1f s in %d "
                + "worker JVMs (local[%d]): speed-up %.2fx; results identical: %s%n", tSerial, tParallel, workers,
                workers, tSerial / tParallel, serialResults.equals(parallelResults)));
        table.append("load average after: ").append(BenchMachine.loadAverage()).append('\n');
        return out.append(table).toString();
    }

    private static void scan(CwolaWindowStage stage, List<RegionSet> plan, EventBatch spec, long seed,
                             WindowExecutor executor, Map<Integer, String> results, PrintWriter log)
            throws IOException {
        ScanRunner.Pass pass = ScanRunner.run(stage, plan, spec, seed, "", (i, s) -> "", ScanRunner.Checkpoints.none(),
                -1, executor, log);
        for (int i = 0; i < pass.results().size(); i++) {
            results.put(i, ResultsCodec.write(pass.results().get(i)));
        }
    }

    private static WindowExecutor.Compute timed(Map<Integer, Double> seconds, WindowExecutor.Compute compute) {
        return task -> {
            long t = System.nanoTime();
            var r = compute.apply(task);
            seconds.put(task.index(), (System.nanoTime() - t) / 1e9);
            return r;
        };
    }
}
