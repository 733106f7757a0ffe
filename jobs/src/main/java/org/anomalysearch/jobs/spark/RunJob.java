package org.anomalysearch.jobs.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.Hashing;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.select.EventFilter;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
import org.anomalysearch.export.formats.SampleLabel;
import org.anomalysearch.export.run.Headline;
import org.anomalysearch.io.Compression;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.config.ConfigWriter;
import org.anomalysearch.jobs.cli.AnomalySearch;
import org.anomalysearch.jobs.cli.Common;
import org.anomalysearch.jobs.cli.Inputs;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.Checkpoint;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.search.BumpHuntResults;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.search.EventBatches;
import org.anomalysearch.search.RunDirectory;
import org.anomalysearch.search.ScanBand;
import org.anomalysearch.search.ScanCombination;
import org.anomalysearch.search.ScanRunner;
import org.anomalysearch.search.ScanSignificance;
import org.anomalysearch.search.SearchPlots;
import org.anomalysearch.search.ScanCoverage;
import org.anomalysearch.search.WindowDetails;
import org.anomalysearch.search.WindowStage;
import org.apache.spark.sql.SparkSession;

/**
 * The whole chain, {@code anomaly-search run --config analysis.yaml}: select -&gt; bumphunt -&gt; scan windows,
 * checkpointed in a {@link RunDirectory}. Each stage (and each window of the scan) is skipped on {@code --resume}
 * when its marker records the same inputs; a rerun with the same seed reproduces {@code results.json}, which holds
 * no timestamps or paths of temporary files (those are in {@code provenance.json}).
 *
 * <p>The scan stage calls a {@link WindowStage} for every window of {@code regions} (the configured signal region,
 * or every window of {@code regions.scan}), one Spark job per window submitted from a small driver pool, so each
 * window is checkpointed as soon as it finishes. Before the scan the stage is {@link WindowStage#prepare prepared}
 * with every event (e.g. the fit range chosen from the data) and each task receives the window's events plus the
 * whole spectrum projected to the stage's {@link WindowStage#columns() columns}. With the density-model + CWoLa stage
 * ({@link CwolaWindowStage}) the scan ends with its global significance ({@link ScanSignificance}: background-only
 * toys on Spark, checkpointed as {@code scan-global}); without a window stage the chain ends after the bump hunt.
 */
public final class RunJob {

    /** Stage version: bump to invalidate old checkpoints when a stage's computation changes. */
    static final String VERSION = "1";

    private RunJob() {
    }

    /**
     * @param runDir          the run directory ({@code runs/<name>})
     * @param resume          continue an existing run directory, skipping finished stages and windows
     * @param toys            BumpHunter pseudo-experiments
         * @param windowBins      widest BumpHunter window in bins
     * @param partitions      Spark tasks of the selection and the toys (0: automatic)
     * @param stopAfterWindows stop the scan after this many newly computed windows (-1: all); simulates a kill in tests
     * @param seeds           scans with independent seeds of every stochastic part (density model, classifiers,
     *                        toys): the first is the run's own, the others give the median and 68 % band
     */
    public record Options(Path runDir, boolean resume, int toys, int windowBins, int partitions,
                          int stopAfterWindows, int seeds) {
        /** 1000 toys, windows up to 4 bins (the binning and range are the config's fit section), one scan. */
        public static Options of(Path runDir) {
            return new Options(runDir, false, 1000, 4, 0, -1, 1);
        }

        public Options withResume(boolean r) {
            return new Options(runDir, r, toys, windowBins, partitions, stopAfterWindows, seeds);
        }

        public Options withToys(int n) {
            return new Options(runDir, resume, n, windowBins, partitions, stopAfterWindows, seeds);
        }

        public Options withStopAfterWindows(int n) {
            return new Options(runDir, resume, toys, windowBins, partitions, n, seeds);
        }

        /** The scan repeated with {@code n} seeds (the first is the run's): median and 68 % band in results.json. */
        public Options withSeeds(int n) {
            return new Options(runDir, resume, toys, windowBins, partitions, stopAfterWindows, n);
        }
    }

    /** A validated run, holding the run directory's lock until {@link #run} ends (or {@link #close}). */
    public record Plan(AnalysisConfig config, Options options, SelectJob.Plan select, List<RegionSet> windows,
                       String[] args, RunDirectory.Lock lock) implements AutoCloseable {
        /** Releases the run directory's lock (also done by {@link RunJob#run}). */
        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * The run's outcome.
     *
     * @param results     results.json
     * @param stagesRun   stages (and windows) computed in this invocation
     * @param stagesSkipped stages (and windows) taken from checkpoints
     * @param complete    false when the scan stopped early (stopAfterWindows)
     */
    public record Result(Path results, List<String> stagesRun, List<String> stagesSkipped, boolean complete,
                         RunResults summary) {
    }

    /**
     * The select stage's checkpoint.
     *
     * @param select        results.json's select entry
     * @param eventsSha256  the event table's SHA-256 (an input of every later stage's hash)
     */
    public record Selected(RunResults.Select select, String eventsSha256) {
    }

    /** spark-submit entry point: {@code anomaly-search run} with the same options. */
    public static void main(String[] args) {
        String[] a = new String[args.length + 1];
        a[0] = "run";
        System.arraycopy(args, 0, a, 1, args.length);
        System.exit(AnomalySearch.execute(a));
    }

    /** Validates config, input, options and the run directory without Spark. */
    public static Plan prepare(AnalysisConfig config, Options o, String[] args) throws IOException {
        if (config.input() == null) {
            throw new InvalidConfigException("input", "is required by 'run'",
                    "add input: {path: data/events.h5} to the config");
        }
        if (o.toys() < 1 || o.windowBins() < 1 || o.seeds() < 1) {
            throw new AnalysisException("run: needs toys >= 1, window bins >= 1 and seeds >= 1, got " + o.toys() + ", "
                    + o.windowBins() + " and " + o.seeds(), "check the command-line options");
        }
        Path root = o.runDir();
        // a run that fails its checks leaves no run directory behind (one that existed is kept)
        try (Common.OutputDir dir = Common.OutputDir.create(root)) {
            RunDirectory.Lock lock = RunDirectory.lock(root);
            try {
                Plan plan = prepare(config, o, args, lock);
                dir.commit();
                return plan;
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }

    private static Plan prepare(AnalysisConfig config, Options o, String[] args, RunDirectory.Lock lock)
            throws IOException {
        Path root = o.runDir();
        if (!o.resume()) {
            try (var s = Files.list(root)) {
                if (s.anyMatch(f -> !f.getFileName().toString().equals(RunDirectory.LOCK))) {
                    throw new AnalysisException("run directory " + root + " already exists",
                            "pass --resume to continue it, or choose another --name");
                }
            }
        }
        // input.path may be a glob pattern ('data/qcd_full_*.csv.gz'): its files are read in order as one input
        List<Path> inputs = Inputs.expand(List.of(config.input().path()), "input.path").stream()
                .map(Path::toAbsolutePath).toList();
        SelectJob.Plan select = SelectJob.prepare(config,
                new SelectJob.Options(inputs, EventFilter.NONE, root.resolve("data/events.parquet"), true,
                        o.partitions(), 1000, true, Compression.ZSTD), args);
        List<RegionSet> windows = config.regions().regionSets();
        return new Plan(config, o, select, windows, args == null ? new String[0] : args.clone(), lock);
    }

    /** Runs the chain without a scan stage. */
    public static Result run(Plan plan, SparkSession spark, PrintWriter log) throws IOException {
        return run(plan, spark, null, log);
    }

    /** Runs the chain; {@code stage} null ends it after the bump hunt. */
    public static Result run(Plan plan, SparkSession spark, WindowStage stage, PrintWriter log) throws IOException {
        try (plan) {
            return runLocked(plan, spark, stage, log);
        }
    }

    private static Result runLocked(Plan plan, SparkSession spark, WindowStage stage, PrintWriter log)
            throws IOException {
        AnalysisConfig config = plan.config();
        Options o = plan.options();
        RunDirectory dir = RunDirectory.open(o.runDir());
        if (o.resume()) {
            int stale = dir.removeStaleTemporaries();
            if (stale > 0) {
                log.println("resume: removed " + stale + " temporary file(s) left by an interrupted run");
            }
        }
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        dir.write("config.yaml", ConfigWriter.toYaml(config));
        dir.write("provenance.json", Json.write(Common.provenance(config, List.of("bumphunt", "window"), List.of(),
                plan.args()).toMap()));

        // select
        Path events = dir.resolve("data/events.parquet");
        List<String> key = new ArrayList<>(List.of("select", VERSION));
        for (Path input : plan.select().options().inputs()) {
            key.addAll(List.of(input.toAbsolutePath().toString(), Long.toString(Files.size(input)),
                    Files.getLastModifiedTime(input).toString()));
        }
        key.addAll(List.of(Json.write(config.selection().toMap()), Json.write(config.jets().toMap())));
        String selectHash = Hashing.sha256(String.join("|", key));
        Optional<Checkpoint<Selected>> sel = dir.done("select", selectHash, Selected.class)
                .filter(c -> Files.isRegularFile(events));
        Selected selected;
        if (sel.isPresent()) {
            selected = sel.get().value();
            skipped.add("select");
            log.println("select: done (checkpoint), " + selected.select().eventsOut() + " events");
        } else {
            List<Path> inputs = plan.select().options().inputs();
            log.println("select: " + (inputs.size() == 1 ? inputs.get(0) : inputs.size() + " files") + " -> " + events);
            log.flush();
            SelectJob.Result r = SelectJob.run(plan.select(), spark);
            RunResults.CutFlow flow = null;
            if (r.cutFlow() != null) {
                List<RunResults.Cut> cuts = new ArrayList<>();
                for (int i = 0; i < r.cutFlow().names().size(); i++) {
                    cuts.add(new RunResults.Cut(r.cutFlow().names().get(i), r.cutFlow().passed(i)));
                }
                flow = new RunResults.CutFlow(r.cutFlow().total(), cuts);
            }
            selected = dir.markDone("select", selectHash, new Selected(new RunResults.Select(r.eventsIn(),
                    r.eventsOut(), flow), Hashing.sha256(events))).value();
            ran.add("select");
            log.printf("select: %,d of %,d events%n", r.eventsOut(), r.eventsIn());
        }
        String eventsSha = selected.eventsSha256();

        // bumphunt: the fit range is resolved here, once, and used by every fit of the run
        long bhSeed = Seeds.derive(config.seed(), "bumphunt");
        String bhHash = Hashing.sha256(String.join("|", "bumphunt", VERSION, eventsSha, Long.toString(bhSeed),
                Integer.toString(o.toys()), Integer.toString(o.windowBins()), Json.write(config.fit().toMap()),
                Json.write(config.regions().toMap())));
        Optional<Checkpoint<Void>> bhc = dir.done("bumphunt", bhHash, Void.class)
                .filter(c -> Files.isRegularFile(dir.resolve("bumphunt.json")));
        BumpHunt bumpHunt;
        double fitLo;
        EventBatch all = null;
        if (bhc.isPresent()) {
            bumpHunt = ResultsCodec.read(dir.resolve("bumphunt.json"), BumpHunt.File.class).bumpHunt();
            fitLo = bumpHunt.fitRange().lo();
            skipped.add("bumphunt");
            log.println("bumphunt: done (checkpoint)");
        } else {
            all = readAll(events);
            double[] mjj = all.column("mjj");
            FitRange range = FitRange.resolve(events.toString(), mjj, config.fit(), config.regions().signalLo());
            log.println("bumphunt: " + range.describe(config.fit().function()));
            log.flush();
            InclusiveBumpHunt.Result r = InclusiveBumpHunt.run(events.toString(), mjj, range, config.fit(),
                    new InclusiveBumpHunt.Settings(o.windowBins(), o.toys()), bhSeed,
                    SparkToys.executor(spark, o.partitions()));
            bumpHunt = BumpHuntResults.toRecord(r);
            fitLo = range.lo();
            SearchPlots.inclusive(dir.resolve("plots"), "inclusive_spectrum", r,
                    SampleLabel.forInput(config.input().path()).text());
            dir.write("bumphunt.json", ResultsCodec.write(new BumpHunt.File("data/events.parquet", config.seed(),
                    bumpHunt, null, null)));
            dir.markDone("bumphunt", bhHash, null);
            ran.add("bumphunt");
            log.println("bumphunt: " + BumpHuntResults.summary(r));
        }

        // scan
        List<ScanWindow> results = new ArrayList<>();
        List<Scan.SkippedWindow> skippedWindows = new ArrayList<>();
        List<Scan.AddedWindow> addedWindows = new ArrayList<>();
        int plannedWindows = plan.windows().size();
        List<ScanPass> repeats = List.of();
        boolean complete = true;
        Scan.Global global = null;
        Scan.Chosen chosen = null;
        if (stage != null) {
            if (all == null) {
                all = readAll(events);
            }
            EventBatch spec = EventBatches.project(all, stage.columns());
            stage = stage.prepare(spec, plan.windows(), fitLo);
            List<RegionSet> windows = ScanCoverage.withLowestWindow(stage, plan.windows(), spec, addedWindows, log);
            plannedWindows = windows.size();
            List<ScanPass> passes = new ArrayList<>();
            for (int rep = 0; rep < o.seeds() && complete; rep++) {
                ScanPass pass = scanPass(spark, stage, windows, spec, eventsSha, config, rep, o, dir, ran, skipped,
                        rep == 0 ? skippedWindows : new ArrayList<>(), log);
                passes.add(pass);
                complete = pass.complete();
            }
            if (complete) {
                repeats = passes;
                ScanPass chosenPass = passes.get(0);
                if (passes.size() == 1 || !(stage instanceof CwolaWindowStage)) {
                    results.addAll(passes.get(0).results());
                    global = passes.get(0).global();
                } else {
                    CwolaWindowStage cw = (CwolaWindowStage) stage;
                    List<Double> effs = cw.settings().efficiencies();
                    List<List<ScanWindow>> trained = passes.stream().map(ScanPass::results).toList();
                    results.addAll(ScanCombination.combine(trained, effs));
                    global = combinedGlobal(spark, cw, trained, results, passes, config.seed(), o.partitions(), dir, ran,
                            skipped, log);
                    if (global.window() >= 0) {
                        int[][] pick = ScanCombination.medianPasses(trained, effs);
                        chosenPass = passes.get(pick[global.window()][effs.indexOf(global.efficiency())]);
                    }
                }
                if (global != null && global.window() >= 0 && stage instanceof CwolaWindowStage cw) {
                    chosen = keepChosen(cw, windows, spec, chosenPass, global.window(), dir, ran, skipped, log);
                }
            }
        }
        List<String> plots = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("plots/inclusive_spectrum.png"))) {
            plots.addAll(List.of("plots/inclusive_spectrum.png", "plots/inclusive_spectrum.svg"));
        }
        if (complete && stage instanceof CwolaWindowStage cw && !results.isEmpty()) {
            Path plotDir = dir.resolve("plots");
            OptionalDouble gz = global == null ? OptionalDouble.empty()
                    : OptionalDouble.of(global.globalZ());
            double[][] band = null;
            if (repeats.size() > 1) {
                band = new double[results.size()][];
                for (int w = 0; w < results.size(); w++) {
                    double[] z = new double[repeats.size()];
                    for (int r = 0; r < z.length; r++) {
                        z[r] = repeats.get(r).results().get(w).localZ();
                    }
                    band[w] = ScanBand.band(z);
                }
            }
            for (String f : SearchPlots.scan(plotDir, results, cw.settings().efficiencies(), gz,
                    global != null && global.globalZIsLowerBound(), band, skippedWindows)) {
                plots.add("plots/" + f);
            }
            for (String f : SearchPlots.selected(plotDir, results, SampleLabel.forInput(config.input().path()).text())) {
                plots.add("plots/" + f);
            }
        }
        Scan.SeedBand band = repeats.size() < 2 ? null : ScanBand.of(repeats.stream().map(ScanPass::results).toList(),
                repeats.stream().map(ScanPass::global).toList(), repeats.stream().map(ScanPass::seed).toList());
        if (chosen != null) {
            plots.addAll(chosen.plots());
        }
        Scan scan = stage == null ? null : Scan.of(stage.name(), results, plannedWindows, skippedWindows,
                addedWindows, global).with(band, null).withChosen(chosen);
        // no run name: the same seed gives the same bytes in any run directory (readers use the directory's name)
        RunResults summary = new RunResults(RunResults.SCHEMA_VERSION, null,
                config.seed(), ConfigWriter.sha256(config), config.input().path(), null, selected.select(), bumpHunt,
                null, null, scan, plots, null);
        Path json = dir.resolve("results.json");
        if (complete) {
            dir.write("results.json", ResultsCodec.write(summary));
            log.println("wrote " + json);
            Headline headline = Headline.of(summary);
            if (headline != null) {
                log.println(headline.line());
            }
        } else {
            log.println("scan stopped early: results.json not written (continue with --resume)");
        }
        log.flush();
        return new Result(json, ran, skipped, complete, summary);
    }

    /** One scan of every computable window with one seed, and its global significance. */
    record ScanPass(long seed, List<ScanWindow> results, List<String> hashes, Scan.Global global, boolean complete) {
    }

    /**
     * The chosen (most significant) window's models and plots ({@link WindowDetails}), once per run: checkpointed as
     * {@code chosen-window} with the window's inputs hash.
     */
    private static Scan.Chosen keepChosen(CwolaWindowStage stage, List<RegionSet> windows, EventBatch spec,
                                          ScanPass pass, int chosen, RunDirectory dir, List<String> ran,
                                          List<String> skipped, PrintWriter log) throws IOException {
        String hash = Hashing.sha256("chosen-window|" + pass.hashes().get(chosen));
        Optional<Checkpoint<Scan.Chosen>> done = dir.done("chosen-window", hash, Scan.Chosen.class);
        if (done.isPresent()) {
            skipped.add("chosen-window");
            return done.get().value();
        }
        log.println("chosen window SR " + pass.results().get(chosen).window().signal() + ": training it once more to "
                + "keep its models and plots");
        log.flush();
        Scan.Chosen kept = WindowDetails.keepChosen(stage, windows, spec, pass.seed(), pass.results(), chosen,
                dir.root());
        dir.markDone("chosen-window", hash, kept);
        ran.add("chosen-window");
        log.println("chosen window: models in " + kept.classifier() + " and " + kept.densityModel() + ", "
                + kept.plots().size() / 2 + " plots");
        return kept;
    }

    /**
     * Scan {@code rep}: repeat 0 uses the run's seed (window-NNN, scan-global), repeat r &gt; 0 the seed
     * {@code Seeds.derive(seed, "repeat", r)} (window-NNN-rR, scan-global-rR); windows as Spark tasks
     * ({@link SparkWindowExecutor}) through the one {@link ScanRunner}, each checkpointed in the run directory.
     */
    private static ScanPass scanPass(SparkSession spark, WindowStage stage, List<RegionSet> windows, EventBatch spec,
                                     String eventsSha, AnalysisConfig config, int rep, Options o, RunDirectory dir,
                                     List<String> ran, List<String> skipped, List<Scan.SkippedWindow> skippedWindows,
                                     PrintWriter log) throws IOException {
        long seed = rep == 0 ? config.seed() : Seeds.derive(config.seed(), "repeat", rep);
        String suffix = rep == 0 ? "" : "-r" + rep;
        String configJson = Json.write(config.toMap());
        ScanRunner.Hasher hasher = (i, s) -> Hashing.sha256(String.join("|", "window", VERSION, stage.name(),
                eventsSha, Long.toString(s), windows.get(i).toString(), configJson));
        ScanRunner.Checkpoints checkpoints = new ScanRunner.Checkpoints() {
            @Override
            public Optional<ScanWindow> load(String name, String hash) throws IOException {
                return dir.done(name, hash, ScanWindow.class).map(Checkpoint::value);
            }

            @Override
            public void save(String name, String hash, ScanWindow r) throws IOException {
                dir.write("windows/" + name + ".json", ResultsCodec.write(r));
                dir.markDone(name, hash, r);
            }
        };
        ScanRunner.Pass pass = ScanRunner.run(stage, windows, spec, seed, suffix, hasher, checkpoints,
                o.stopAfterWindows(), SparkWindowExecutor.of(spark), log);
        if (rep == 0) {
            skippedWindows.addAll(pass.skipped());
        }
        skipped.addAll(pass.loaded());
        ran.addAll(pass.computed());
        Scan.Global global = null;
        if (pass.complete() && stage instanceof CwolaWindowStage cw) {
            global = scanGlobal(spark, cw, pass.results(), pass.hashes().toArray(String[]::new), seed, suffix,
                    o.partitions(), dir, ran, skipped, log);
        }
        return new ScanPass(seed, pass.results(), pass.hashes(), global, pass.complete());
    }




    /** The scan's global significance from toys on Spark, checkpointed as stage {@code scan-global}. */
    private static Scan.Global scanGlobal(SparkSession spark, CwolaWindowStage stage, List<ScanWindow> results, String[] windowHashes, long seed,
                                                      String suffix, int partitions, RunDirectory dir, List<String> ran,
                                                      List<String> skipped, PrintWriter log) throws IOException {
        int toys = stage.settings().toys();
        long s = Seeds.derive(seed, "scan.global");
        String marker = "scan-global" + suffix;
        String hash = Hashing.sha256(String.join("|", "scan-global", VERSION, String.join(",", windowHashes),
                Integer.toString(toys), Long.toString(s)));
        Optional<Checkpoint<Scan.Global>> c = dir.done(marker, hash, Scan.Global.class);
        if (c.isPresent()) {
            skipped.add(marker);
            return c.get().value();
        }
        log.printf("scan: global significance from %d toys on Spark%n", toys);
        log.flush();
        List<Double> effs = stage.settings().efficiencies();
        ScanSignificance.Plan plan = ScanSignificance.plan(results, effs, stage.fit().function(),
                stage.settings().fitParams(), stage.fit().gate(), s);
        ScanSignificance.Result g = ScanSignificance.of(results, effs,
                SparkToys.executor(spark, partitions).map(toys, i -> ScanSignificance.toy(plan, i)));
        dir.markDone(marker, hash, g.toRecord());
        ran.add(marker);
        log.printf(Locale.ROOT, "scan: smallest local p = %s (Z = %.2f) in window %d at efficiency %s; global "
                + "Z %s%.2f (%d toys; cross-check, not for quoting: %.2f by the trials factor %.1f)%n",
                Headline.p(g.minLocalP()), g.localZ(), g.window(), g.efficiency(),
                g.global().zIsLowerBound() ? ">= " : "= ", g.global().z(), toys, g.globalZTrials(), g.trialsFactor());
        if (g.empiricalNull() != null) {
            ScanSignificance.EmpiricalNull e = g.empiricalNull();
            log.printf(Locale.ROOT, "scan: empirical null of the %d tests: median Z %.2f, spread %.2f; "
                    + "standardised, local Z = %.2f, global Z %s%.2f%n", e.tests(), e.median(), e.sigma(), e.localZ(),
                    e.global().zIsLowerBound() ? ">= " : "= ", e.global().z());
        }
        return g.toRecord();
    }

    /**
     * The global significance of the scan over several trainings ({@link ScanCombination}): the data's smallest local
     * p of the median trainings against {@link ScanSignificance#combinedToy} toys on Spark, checkpointed as stage
     * {@code scan-global-trainings}.
     */
    private static Scan.Global combinedGlobal(SparkSession spark, CwolaWindowStage stage,
                                              List<List<ScanWindow>> passes, List<ScanWindow> combined,
                                              List<ScanPass> runs, long seed, int partitions, RunDirectory dir,
                                              List<String> ran, List<String> skipped, PrintWriter log)
            throws IOException {
        int toys = stage.settings().toys();
        long s = Seeds.derive(seed, "scan.global.trainings");
        String marker = "scan-global-trainings";
        List<String> hashes = new ArrayList<>();
        for (ScanPass r : runs) {
            hashes.add(String.join(",", r.hashes()));
        }
        String hash = Hashing.sha256(String.join("|", marker, VERSION, String.join(";", hashes),
                Integer.toString(toys), Long.toString(s)));
        Optional<Checkpoint<Scan.Global>> c = dir.done(marker, hash, Scan.Global.class);
        if (c.isPresent()) {
            skipped.add(marker);
            return c.get().value();
        }
        log.printf("scan: global significance of the median of %d trainings from %d toys on Spark%n", passes.size(),
                toys);
        log.flush();
        List<Double> effs = stage.settings().efficiencies();
        ScanSignificance.CombinedPlan plan = ScanSignificance.combinedPlan(passes, effs, stage.fit().function(),
                stage.settings().fitParams(), stage.fit().gate(), s);
        ScanSignificance.Result g = ScanSignificance.of(combined, effs,
                SparkToys.executor(spark, partitions).map(toys, i -> ScanSignificance.combinedToy(plan, i)));
        Scan.Global record = g.toRecord("smallest local p over windows x efficiencies of the median of "
                        + passes.size() + " trainings (each (window, efficiency) reports the training whose signed "
                        + "local Z is the median)",
                "background-only toys from every training's fitted selected spectra, the trainings' toy counts "
                        + "sharing one uniform number per bin (Poisson quantiles), the same median taken; efficiencies "
                        + "nested, windows independent; the trainings' variance left in the median is not in them");
        dir.markDone(marker, hash, record);
        ran.add(marker);
        log.printf(Locale.ROOT, "scan (median of %d trainings): smallest local p = %s (Z = %.2f) in window %d at "
                + "efficiency %s; global Z %s%.2f (%d toys)%n", passes.size(), Headline.p(g.minLocalP()), g.localZ(),
                g.window(), g.efficiency(), g.global().zIsLowerBound() ? ">= " : "= ", g.global().z(), toys);
        if (g.empiricalNull() != null) {
            ScanSignificance.EmpiricalNull e = g.empiricalNull();
            log.printf(Locale.ROOT, "scan (median of %d trainings): empirical null of the %d tests: median Z %.2f, "
                    + "spread %.2f; standardised, local Z = %.2f, global Z %s%.2f%n", passes.size(), e.tests(),
                    e.median(), e.sigma(), e.localZ(), e.global().zIsLowerBound() ? ">= " : "= ", e.global().z());
        }
        return record;
    }

    static EventBatch readAll(Path events) {
        List<EventBatch> batches = new ArrayList<>();
        try (EventSource s = EventSource.open(events)) {
            s.forEachRemaining(batches::add);
            return EventBatch.concat(s.schema(), batches);
        }
    }
}
