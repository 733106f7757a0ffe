package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.region.SlidingWindows;
import org.anomalysearch.core.stats.ToyExecutor;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.export.formats.SampleLabel;
import org.anomalysearch.export.run.Headline;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.search.EventBatches;
import org.anomalysearch.search.ScanRunner;
import org.anomalysearch.search.ScanSignificance;
import org.anomalysearch.search.SearchPlots;
import org.anomalysearch.search.ScanCoverage;
import org.anomalysearch.search.WindowDetails;
import org.anomalysearch.search.WorkerProcesses;

/**
 * The demo's ML scan: {@link CwolaWindowStage} over the windows in worker JVMs ({@link WorkerProcesses}: no Spark; the same per-window
 * computation as {@code run}), then the global significance from local toys.
 */
final class DemoSearch {

    /** The demo's small settings when the config has no search section. */
    static final SearchConfig SMALL = SearchConfig.defaults().withDensity("vae-classic", 10, 4).withClassifier("hgb", 0, 3, 1)
            .withToys(200);

    private DemoSearch() {
    }

    /**
     * The demo's scan.
     *
     * @param scan    results.json's scan entry, the same structure as run's (null when the scan could not run)
     * @param plots   the files it drew, relative to the run directory
     * @param summary one line on the scan (also in {@code scan})
     */
    record Result(Scan scan, List<String> plots, String summary) {
        static Result notRun(String why) {
            return new Result(null, List.of(), why);
        }
    }

    /** Runs the scan on the event table {@code table}. */
    static Result run(AnalysisConfig config, Path table, double fitLo, PrintWriter out) throws Exception {
        SearchConfig settings = config.search() != null ? config.search() : SMALL;
        List<RegionSet> windows = config.regions().isScan() ? config.regions().regionSets()
                : SlidingWindows.linear(3100, 4300, 400, 200, 400);
        EventBatch all;
        try (EventSource s = EventSource.open(table)) {
            all = s.readAll();
        }
        CwolaWindowStage stage;
        EventBatch spec;
        List<Scan.AddedWindow> added = new ArrayList<>();
        try {
            stage = new CwolaWindowStage(settings, config.fit());
            spec = EventBatches.project(all, stage.columns());
            stage = stage.prepare(spec, windows, fitLo);
            windows = ScanCoverage.withLowestWindow(stage, windows, spec, added, out);
        } catch (AnalysisException e) {
            out.println("warning: the ML scan cannot run on this data set: " + e.userMessage());
            return Result.notRun("not run: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%s; fit range [%.0f, %.0f) GeV%n", stage.name(), stage.fitLo(), config.fit().hi());
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        // the same scan as run's (ScanRunner), its windows in worker JVMs and without checkpoints
        ScanRunner.Pass pass;
        try {
            pass = ScanRunner.run(stage, windows, spec, config.seed(), "", (i, s) -> "", ScanRunner.Checkpoints.none(),
                    -1, WorkerProcesses.of(threads), out);
        } catch (AnalysisException a) {
            out.println("warning: the ML scan failed on this data set: " + a.userMessage());
            return Result.notRun("failed: " + a.getMessage());
        }
        List<ScanWindow> results = pass.results();
        if (results.isEmpty()) {
            String why = "no window could be computed (see skippedWindows)";
            return new Result(Scan.of(stage.name(), results, windows.size(), pass.skipped(), added, null).with(null, why),
                    List.of(), why);
        }
        out.printf("  global significance: %d toys...%n", settings.toys());
        out.flush();
        ScanSignificance.Plan plan = ScanSignificance.plan(results, settings.efficiencies(), config.fit().function(),
                settings.fitParams(), config.fit().gate(),
                Seeds.derive(config.seed(), "scan.global"));
        ScanSignificance.Result g = ScanSignificance.of(results, settings.efficiencies(),
                ToyExecutor.threads(threads).map(settings.toys(), i -> ScanSignificance.toy(plan, i)));
        Scan.Global global = g.toRecord();
        Path plotDir = table.toAbsolutePath().getParent().resolve("plots");
        List<String> plots = new ArrayList<>();
        for (String f : SearchPlots.scan(plotDir, results, settings.efficiencies(),
                OptionalDouble.of(g.global().z()), g.global().zIsLowerBound(), null, pass.skipped())) {
            plots.add("plots/" + f);
        }
        for (String f : SearchPlots.selected(plotDir, results, SampleLabel.forInput(null).text())) {
            plots.add("plots/" + f);
        }
        String summary;
        Scan.Chosen chosen = null;
        if (g.window() < 0) {
            summary = "no selected-spectrum fit converged";
        } else {
            out.println("  chosen window: training it once more to keep its models and plots...");
            out.flush();
            chosen = WindowDetails.keepChosen(stage, windows, spec, config.seed(), results, g.window(),
                    table.toAbsolutePath().getParent());
            plots.addAll(chosen.plots());
            ScanWindow best = results.get(g.window());
            summary = String.format(Locale.ROOT, "bump in SR %s GeV: %d selected on %.1f +- %.1f expected at "
                    + "efficiency %s, local Z = %.2f (local p = %s); global Z %s%.2f from %d toys (cross-check, "
                    + "not for quoting: %.2f from the trials factor %.1f)", best.window().signal(),
                    best.selectedEvents(), best.expectedBackground(), best.at(g.efficiency()).expectedError(),
                    g.efficiency(), g.localZ(), Headline.p(g.minLocalP()), g.global().zIsLowerBound() ? ">= " : "= ",
                    g.global().z(), g.global().nToys(), g.globalZTrials(), g.trialsFactor());
        }
        return new Result(Scan.of(stage.name(), results, windows.size(), pass.skipped(), added, global).with(null, summary)
                .withChosen(chosen), plots, summary);
    }
}
