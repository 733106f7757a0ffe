package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.Toys;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.TestData;
import org.anomalysearch.io.config.ConfigLoader;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.jobs.spark.SelectJob;
import org.anomalysearch.jobs.spark.SparkJobs;
import org.anomalysearch.jobs.spark.SparkToys;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.search.ScanCombination;
import org.anomalysearch.search.WindowStage;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs on local[2], one session shared by the tests (created by the first test that needs it, after the
 * checks that no Spark starts for bad configs or inputs): the select job equals {@code convert}, the toys on Spark
 * equal the local BumpHunter, and the run resumes after a stop and reproduces results.json.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkJobsTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkJobs.session("local[2]", "anomaly-search tests");
        }
        return spark;
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(Writer.nullWriter());
    }

    private static EventBatch readAll(Path p) {
        List<EventBatch> b = new ArrayList<>();
        try (EventSource s = EventSource.open(p)) {
            s.forEachRemaining(b::add);
            return EventBatch.concat(s.schema(), b);
        }
    }

    @Test
    @Order(1)
    void badConfigAndBadInputFailInOneLineBeforeSparkStarts() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "schemaVersion: 1\nselection: {leadingJetPtMax: 3}\n");
        Cli r = Cli.run("select", dir.resolve("x.h5").toString(), "-o", dir.resolve("o.parquet").toString(),
                "--config", bad.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.err().contains("selection.leadingJetPtMax"), r.err());

        Cli missing = Cli.run("select", dir.resolve("missing.h5").toString(), "-o", dir.resolve("o.parquet").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, missing.exitCode());
        assertEquals(1, missing.errorLines().size(), missing.err());

        Path noInput = Files.writeString(dir.resolve("noinput.yaml"), "schemaVersion: 1\n");
        Cli run = Cli.run("run", "--config", noInput.toString(), "--runs", dir.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, run.exitCode());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.err().contains("input"), run.err());
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "no Spark session may start for a bad config or input");
    }

    @Test
    @Order(2)
    void selectJobEqualsConvertOnTheLhcoSample() throws Exception {
        Path h5 = TestData.particles();
        AnalysisConfig config = AnalysisConfig.defaults();
        Path local = dir.resolve("convert.parquet");
        ConvertStep.Result c = ConvertStep.run(config, h5, local, true, 2, 1000, new Common.OutputOptions(),
                new String[0], quiet());
        Path distributed = dir.resolve("select.parquet");
        SelectJob.Result s = SelectJob.run(config,
                new SelectJob.Options(h5, distributed, true, 3, 200, false, org.anomalysearch.io.Compression.ZSTD),
                spark());
        assertEquals(3, s.tasks());
        assertEquals(1300, s.eventsIn());
        assertEquals(c.rowsOut(), s.eventsOut());
        assertEquals(c.cutFlow(), s.cutFlow(), "merged cut-flow of the tasks");
        EventBatch a = readAll(local);
        EventBatch b = readAll(distributed);
        assertTrue(a.size() > 100, "the sample selects " + a.size() + " events");
        assertTrue(a.sameContent(b), "same events, same values as convert");

        // two files (the sample and a copy) with an mjj range and a label: the same events from both paths, the
        // second file's ids continuing after the first file's 1,300 rows
        Path copy = Files.copy(h5, dir.resolve("copy.h5"));
        org.anomalysearch.core.select.EventFilter filter = new org.anomalysearch.core.select.EventFilter(
                new org.anomalysearch.core.region.Region(2000, 4000), 0);
        Path local2 = dir.resolve("convert2.parquet");
        ConvertStep.Result c2 = ConvertStep.run(config, List.of(h5, copy), filter, local2, true, 2, 1000,
                new Common.OutputOptions(), new String[0], quiet());
        Path distributed2 = dir.resolve("select2.parquet");
        SelectJob.Result s2 = SelectJob.run(config, new SelectJob.Options(List.of(h5, copy), filter, distributed2, true,
                4, 200, false, org.anomalysearch.io.Compression.ZSTD), spark());
        assertEquals(2600, s2.eventsIn());
        EventBatch a2 = readAll(local2);
        assertTrue(a2.sameContent(readAll(distributed2)), "select equals convert on two files with a filter");
        assertEquals(c2.rowsOut(), a2.size());
        long expected = 0;
        for (int i = 0; i < a.size(); i++) {
            double m = a.column("mjj")[i];
            expected += m >= 2000 && m < 4000 && a.labels()[i] == 0 ? 1 : 0;
        }
        assertEquals(2 * expected, a2.size(), "the filter applied to each copy of the one-file table");
        assertEquals(a2.size() / 2, java.util.Arrays.stream(a2.ids()).filter(id -> id >= 1300).count(),
                "the copy's events carry ids 1300 + row");
    }

    @Test
    @Order(3)
    void toysOnSparkEqualTheLocalBumpHunter() {
        double[] bg = new double[30];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = 2000 * Math.exp(-0.15 * i);
        }
        double[] observed = Toys.generate(bg, 99, 0);
        observed[12] += 60;
        BumpHunter.Config cfg = BumpHunter.Config.widths(3);
        BumpHunter.Result local = BumpHunter.run(observed, bg, cfg, 300, 4242);
        double[] t = SparkToys.executor(spark(), 7).map(300, i -> BumpHunter.toy(bg, cfg, 4242, i).tStatistic());
        assertEquals(local.global(), org.anomalysearch.core.stats.GlobalSignificance.of(local.data().tStatistic(), t),
                "the same toys on 7 Spark tasks as in one loop");
        assertTrue(local.global().nAtLeast() < 300, "the injected excess is rarer than most toys");
    }

    /** Test-only window stage: no classifier, every signal-region event is selected; b from the sideband density. */
    record AllEvents() implements WindowStage {
        @Override
        public ScanWindow run(RegionSet w, EventBatch sidebands, EventBatch signalRegion, long seed) {
            double sbWidth = w.lowSideband().width() + w.highSideband().width();
            double b = sidebands.size() * w.signal().width() / sbWidth;
            double z = b > 0 ? (signalRegion.size() - b) / Math.sqrt(b) : 0;
            return ScanWindow.counts(w, sidebands.size(), signalRegion.size(), signalRegion.size(), b, z);
        }

        @Override
        public String name() {
            return "all-events (test)";
        }
    }

    @Test
    @Order(4)
    void runResumesAfterAStopAndReproducesResults() throws Exception {
        Path events = dir.resolve("gen.parquet");
        Cli g = Cli.run("generate", "-o", events.toString(), "--background", "20000", "--signal", "400", "--seed", "5");
        assertEquals(0, g.exitCode(), g.err());
        Path yaml = Files.writeString(dir.resolve("analysis.yaml"), "schemaVersion: 1\nseed: 77\ninput: {path: "
                + events + "}\nregions: {signalLo: 3300, signalHi: 3700, lowSidebandWidth: 400, highSidebandWidth: 400,"
                + " scan: {lo: 2800, hi: 4800, width: 400, step: 400, sidebandWidth: 300}}\n");
        AnalysisConfig config = ConfigLoader.load(yaml);
        int nWindows = config.regions().regionSets().size();
        assertTrue(nWindows >= 3, nWindows + " windows");
        RunJob.Options o = RunJob.Options.of(dir.resolve("runs/a")).withToys(50).withStopAfterWindows(1);

        RunJob.Result first = RunJob.run(RunJob.prepare(config, o, new String[0]), spark(), new AllEvents(), quiet());
        assertFalse(first.complete());
        assertEquals(List.of("select", "bumphunt", "window-000"), first.stagesRun());
        assertFalse(Files.exists(first.results()), "no results.json before the scan is complete");
        assertTrue(Files.isRegularFile(dir.resolve("runs/a/checkpoints/window-000.done")));

        RunJob.Result resumed = RunJob.run(RunJob.prepare(config, o.withResume(true).withStopAfterWindows(-1),
                new String[0]), spark(), new AllEvents(), quiet());
        assertTrue(resumed.complete());
        assertEquals(List.of("select", "bumphunt", "window-000"), resumed.stagesSkipped());
        assertEquals(nWindows - 1, resumed.stagesRun().size(), resumed.stagesRun().toString());
        for (String f : List.of("config.yaml", "provenance.json", "data/events.parquet", "bumphunt.json",
                "windows/window-000.json", "results.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("runs/a").resolve(f)), f);
        }
        try (var s = Files.list(dir.resolve("runs/a/checkpoints"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }

        RunJob.Result fresh = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/b")).withToys(50),
                new String[0]), spark(), new AllEvents(), quiet());
        assertEquals(Files.readString(first.results().resolveSibling("results.json")), Files.readString(fresh.results()),
                "same seed, same results.json (resumed vs one go)");

        // The window counts are those of the event table.
        EventBatch all = readAll(dir.resolve("runs/a/data/events.parquet"));
        RegionSet w0 = config.regions().regionSets().get(0);
        long inSr = java.util.Arrays.stream(all.column("mjj")).filter(w0::inSignal).count();
        String json = Files.readString(fresh.results());
        assertTrue(json.contains("\"signalRegionEvents\": " + inSr), "window 0 has " + inSr + " SR events:\n" + json);
        assertArrayEquals(new long[] {all.size()}, new long[] {Long.parseLong(
                json.replaceAll("(?s).*\"eventsOut\": (\\d+).*", "$1"))});

        Cli again = Cli.run("run", "--config", yaml.toString(), "--runs", dir.resolve("runs").toString(), "--name", "a");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, again.exitCode(), "an existing run needs --resume");
        assertTrue(again.err().contains("--resume"), again.err());
    }

    @Test
    @Order(5)
    void cwolaScanFromTheConfigFitsTheSelectedSpectrumResumesAndReproducesResults() throws Exception {
        Path events = dir.resolve("cwola.parquet");
        Cli g = Cli.run("generate", "-o", events.toString(), "--background", "12000", "--signal", "100", "--seed", "11");
        assertEquals(0, g.exitCode(), g.err());
        Path yaml = Files.writeString(dir.resolve("cwola.yaml"), "schemaVersion: 1\nseed: 5\ninput: {path: "
                + events + "}\nregions: {signalLo: 3400, signalHi: 3800, lowSidebandWidth: 300, highSidebandWidth: 300,"
                + " scan: {lo: 3000, hi: 3800, width: 400, step: 400, sidebandWidth: 300}}\n"
                + "fit: {lo: auto, hi: 5000, turnOnMargin: 200}\n"
                + "search:\n  density: {kind: vae, epochs: 3}\n  classifier: {kind: hgb, epochs: 30, folds: 2}\n"
                + "  efficiencies: [0.5, 0.2]\n  fit: {params: 3}\n  toys: 30\n");
        AnalysisConfig config = ConfigLoader.load(yaml);
        assertEquals(2, config.regions().regionSets().size());

        Cli bad = Cli.run("run", "--config", yaml.toString(), "--runs", dir.resolve("runs").toString(), "--stage", "x");
        assertEquals(AnomalySearch.EXIT_USAGE, bad.exitCode());
        assertEquals(1, bad.errorLines().size(), bad.err());
        assertTrue(bad.err().contains("--stage"), bad.err());
        Cli badKind = Cli.run("run", "--config", yaml.toString(), "--runs", dir.resolve("runs").toString(),
                "--density", "maf");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, badKind.exitCode(), badKind.err());
        assertEquals(1, badKind.errorLines().size(), badKind.err());
        assertTrue(badKind.err().contains("search.density.kind"), badKind.err());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written before the config is valid");

        CwolaWindowStage stage = new CwolaWindowStage(config.search(), config.fit());
        RunJob.Options opts = RunJob.Options.of(dir.resolve("runs/c")).withToys(20);
        RunJob.Result first = RunJob.run(RunJob.prepare(config, opts.withStopAfterWindows(1), new String[0]), spark(),
                stage, quiet());
        assertFalse(first.complete());
        assertEquals(List.of("select", "bumphunt", "window-000"), first.stagesRun());
        assertFalse(Files.exists(first.results()), "no results.json before the scan is complete");
        RunJob.Result a = RunJob.run(RunJob.prepare(config, opts.withResume(true), new String[0]), spark(), stage,
                quiet());
        assertTrue(a.complete());
        assertEquals(List.of("window-001", "scan-global", "chosen-window"), a.stagesRun());
        assertEquals(List.of("select", "bumphunt", "window-000"), a.stagesSkipped());
        for (String f : List.of("config.yaml", "provenance.json", "data/events.parquet", "bumphunt.json",
                "windows/window-000.json", "windows/window-001.json", "checkpoints/scan-global.done", "results.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("runs/c").resolve(f)), f);
        }
        EventBatch all = readAll(dir.resolve("runs/c/data/events.parquet"));
        double fitLo = -1;
        for (int w = 0; w < 2; w++) {
            RegionSet rs = config.regions().regionSets().get(w);
            long n = java.util.Arrays.stream(all.column("mjj")).filter(rs::inSignal).count();
            ScanWindow r = ResultsCodec.readCheckpoint(dir.resolve(String.format(java.util.Locale.ROOT,
                    "runs/c/checkpoints/window-%03d.done", w)), ScanWindow.class).value();
            assertEquals(n, r.signalRegionEvents(), "window " + w);
            int models = config.search().crossFit() ? config.search().crossFitFolds() : 1; // one sample per model
            assertEquals(models * 4 * n, r.sampledEvents(), "4x oversampling per density model");
            double[] edges = r.edges();
            fitLo = edges[0];
            assertEquals(100.0, edges[1] - edges[0], 1e-9, "SR width / 4 bins");
            assertEquals(5000.0, edges[edges.length - 1], 1e-9);
            int a0 = java.util.Arrays.binarySearch(edges, rs.signal().lo());
            int a1 = java.util.Arrays.binarySearch(edges, rs.signal().hi());
            assertTrue(a0 >= 0 && a1 == a0 + 4, "the SR is 4 bins on the edges");
            double best = 0;
            for (double eff : config.search().efficiencies()) {
                String k = "efficiency " + eff;
                ScanWindow.Efficiency e = r.at(eff);
                double sel = e.selected();
                // exactly round(eff n) events are the top fraction; ties at the threshold can only add
                assertTrue(sel >= Math.max(1, Math.round(eff * n)) && sel <= Math.round(eff * n) + 3,
                        k + ": " + sel + " of " + n);
                double[] counts = e.counts();
                double inSr = 0;
                for (int i = a0; i < a1; i++) {
                    inSr += counts[i];
                }
                assertEquals(sel, inSr, 0.0, "the selected spectrum holds the selected SR events");
                assertEquals(e.selectedInFit(), java.util.Arrays.stream(counts).sum(), 0.0);
                assertTrue(e.selectedInFit() > sel, k + ": events outside the SR pass the cut too, "
                        + java.util.Arrays.toString(counts));
                assertFalse(e.fitFailed(), k + " in window " + w + ": " + java.util.Arrays.toString(counts));
                double[] fit = e.fit().expected();
                double b = 0;
                for (int i = a0; i < a1; i++) {
                    b += fit[i];
                }
                assertEquals(b, e.expected(), 1e-9 * b, "b = the masked fit's SR integral");
                double z = org.anomalysearch.core.stats.Significance.local(sel, b, e.expectedError(),
                        org.anomalysearch.core.stats.Significance.Constraint.GAUSSIAN).z();
                assertEquals(z, e.localZ(), 1e-12, k);
                best = Math.max(best, z);
                double pass = Math.max(1, e.template().sampledPass());
                assertEquals(n * pass / (double) r.sampledEvents(), e.template().expected(), 1e-9 * n,
                        "template method (diagnostic): SR count x sample efficiency");
            }
            assertEquals(best, r.localZ(), 1e-12, "headline: the efficiency with the smallest local p");
            assertTrue(r.labels() != null && Double.isFinite(r.labels().sicMax()), "truth labels give the max SIC");
        }
        double recorded = ResultsCodec.read(dir.resolve("runs/c/bumphunt.json"), BumpHunt.File.class).bumpHunt()
                .fitRange().lo();
        assertEquals(recorded, fitLo, 1e-9, "the windows' fits start where the inclusive bump hunt's range does");
        assertTrue(fitLo >= fitLo(all.column("mjj")), "auto fit range: at least peak + 200 GeV, on the window's bins");

        String json = Files.readString(a.results());
        assertTrue(json.contains("\"windowStage\": \"cwola("), "stage recorded");

        // the report of a finished run shows every stage that ran, the scan table and the run's plots
        Cli report = Cli.run("export", "report", dir.resolve("runs/c").toString());
        assertEquals(0, report.exitCode(), report.err());
        String html = Files.readString(dir.resolve("runs/c/report.html"));
        assertFalse(html.contains("not computed yet"), "no stage that ran is shown as missing");
        assertTrue(html.contains("events selected") && html.contains("Bump hunt (inclusive spectrum)")
                && html.contains("windows computed"), "stages with their numbers");
        assertTrue(html.contains("id=\"scan-table\""), "the scan table");
        org.anomalysearch.results.Scan.Chosen kept = org.anomalysearch.results.ResultsCodec.readResults(a.results())
                .scan().chosen();
        double keptLo = kept.signalRegion()[0];
        String chosen = keptLo == 3400 ? "3400_3800" : "3000_3400";
        for (String plot : List.of("plots/inclusive_spectrum.png", "plots/scan_local_z.png",
                "plots/chosen_features_" + chosen + ".png", "plots/chosen_training_" + chosen + ".png",
                "plots/chosen_roc_" + chosen + ".png", "plots/chosen_sic_" + chosen + ".png",
                "plots/chosen_sic_rejection_" + chosen + ".png")) {
            assertTrue(Files.isRegularFile(dir.resolve("runs/c").resolve(plot)), plot);
            assertTrue(html.contains(plot), "the report shows " + plot);
        }
        // the chosen window's models are kept: its classifier is a classify-train model directory
        Path run = dir.resolve("runs/c");
        assertTrue(Files.isRegularFile(run.resolve(kept.classifier()).resolve("classify.properties")),
                "classifier kept");
        assertTrue(Files.isRegularFile(run.resolve(kept.densityModel()).resolve("model.properties")),
                "density model kept");
        assertEquals(2, org.anomalysearch.cwola.ClassifierDirectory.load(run.resolve(kept.classifier())).size(),
                "one member per fold");
        assertTrue(json.contains("\"global\": {"), json);
        assertTrue(json.contains("\"toys\": 30,"), json);

        RunJob.Result again = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/d")).withToys(20),
                new String[0]), spark(), stage, quiet());
        assertEquals(json, Files.readString(again.results()),
                "same seed, same results.json: stopped and resumed vs one go");

        // --seeds 2: the first training is the run's own scan; each (window, efficiency) reports its median training
        // (the lower of the two), the global Z comes from toys with the same median, and the band lists both
        RunJob.Result two = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/e")).withToys(20)
                .withSeeds(2), new String[0]), spark(), stage, quiet());
        RunResults r2 = ResultsCodec.readResults(two.results());
        RunResults r1 = ResultsCodec.readResults(a.results());
        List<ScanWindow> second = new ArrayList<>();
        for (int w = 0; w < r1.scan().windows().size(); w++) {
            // the two computed windows are the plan's first two (the files checked above)
            second.add(ResultsCodec.read(dir.resolve(String.format("runs/e/windows/window-%03d-r1.json", w)),
                    ScanWindow.class));
        }
        List<Double> effs = ((CwolaWindowStage) stage).settings().efficiencies();
        assertEquals(ResultsCodec.write(ScanCombination.combine(List.of(r1.scan().windows(), second), effs)),
                ResultsCodec.write(r2.scan().windows()), "the median of the run's own scan and the second training");
        for (int w = 0; w < second.size(); w++) {
            for (double e : effs) {
                double z1 = r1.scan().windows().get(w).at(e).zSigned();
                double z2 = second.get(w).at(e).zSigned();
                assertEquals(Math.min(z1, z2), r2.scan().windows().get(w).at(e).zSigned(), 0,
                        "two trainings report the lower one");
            }
        }
        assertTrue(r2.scan().global().statistic().contains("median of 2 trainings"), r2.scan().global().statistic());
        assertTrue(Files.isRegularFile(dir.resolve("runs/e/checkpoints/scan-global-trainings.done")));
        Scan.SeedBand seeds = r2.scan().seeds();
        assertEquals(2, seeds.seeds().size());
        assertEquals(2, seeds.windows().size());
        for (Scan.WindowBand row : seeds.windows()) {
            double[] z = row.localZ();
            assertEquals((z[0] + z[1]) / 2, row.localZMedian(), 1e-12, "median of two");
        }
        assertTrue(Files.isRegularFile(dir.resolve("runs/e/checkpoints/window-000-r1.done")), "seed 2 checkpointed");
        assertTrue(Files.isRegularFile(dir.resolve("runs/e/checkpoints/scan-global-r1.done")));
    }

    /**
     * The inclusive stage of {@code run} as a user runs it (the documented example config, its search section left
     * out, only the input changed) on a QCD-only Pythia subset: the fit starts above the trigger turn-on, passes
     * its quality gate, and BumpHunter finds no excess (no local Z >= 3, global Z < 2 from refitted toys). Before the
     * fit-range policy (fit from 2600 GeV, inside the turn-on) this reported local Z 4.7 in 2.8-3.2 TeV.
     */
    @Test
    @Order(6)
    void inclusiveBumpHuntFindsNoExcessOnPythiaQcd() throws Exception {
        Path qcd = TestData.shared("dijet_pythia/qcd_full_000.csv.gz");
        String example = ConfigCommand.example();
        String yaml = example.substring(0, example.indexOf("\nsearch:")).replaceFirst("(?m)^  path: .*$",
                "  path: " + qcd.toAbsolutePath()) + "\n";
        Path file = Files.writeString(dir.resolve("pythia.yaml"), yaml);
        AnalysisConfig config = ConfigLoader.load(file);
        assertNull(config.search(), "the ML stage is off");
        RunJob.Result r = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/qcd")).withToys(300),
                new String[0]), spark(), quiet());
        BumpHunt bh = ResultsCodec.readResults(r.results()).bumpHunt();
        assertEquals("passed", bh.status(), bh.toString());
        BumpHunt.FitRange range = bh.fitRange();
        double lo = range.lo();
        assertTrue(lo >= range.spectrumPeak() + 100, "the fit starts above the turn-on: " + range);
        assertTrue(bh.fit().pValue() >= 0.01, "the fit passes its gate: " + bh.fit());
        BumpHunt.BumpHunter hunter = bh.bumpHunter();
        double localZ = hunter.localZ();
        double globalZ = hunter.globalZ();
        assertTrue(localZ < 3, "no local excess on QCD alone: " + hunter);
        assertTrue(globalZ < 2, "no global excess on QCD alone: " + hunter);
    }

    /**
     * A fit the quality gate rejects never yields a reported excess: the same QCD data fitted from 2400 GeV (deep in
     * the trigger turn-on) with the 3-parameter function fails the gate; results.json says the background fit was
     * rejected, with its numbers, and holds no BumpHunter result, and the CLI's bumphunt reports no excess either.
     */
    @Test
    @Order(7)
    void aRejectedFitReportsNoExcess() throws Exception {
        Path qcd = TestData.shared("dijet_pythia/qcd_full_000.csv.gz");
        Path file = Files.writeString(dir.resolve("bad-fit.yaml"), "schemaVersion: 1\ninput: {path: "
                + qcd.toAbsolutePath() + "}\nfit: {lo: 2400, params: 3}\n");
        AnalysisConfig config = ConfigLoader.load(file);
        RunJob.Result r = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/bad")).withToys(50),
                new String[0]), spark(), quiet());
        BumpHunt bh = ResultsCodec.readResults(r.results()).bumpHunt();
        assertEquals("rejected", bh.status(), bh.toString());
        assertTrue(bh.rejection().contains("quality gate"), bh.toString());
        assertNull(bh.bumpHunter(), "no excess from a rejected fit");
        assertFalse(Files.readString(r.results()).contains("\"bumpHunter\""), "nor an entry for it");
        assertTrue(bh.fit().pValue() < 0.01, "its numbers are recorded");

        Cli cli = Cli.run("bumphunt", dir.resolve("runs/bad/data/events.parquet").toString(), "-o",
                dir.resolve("bh").toString(), "--config", file.toString(), "--toys", "20");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("REJECTED"), cli.out());
        String json = Files.readString(dir.resolve("bh/bumphunt.json"));
        assertFalse(json.contains("\"bumpHunter\""), json);
    }

    /** The auto fit range's first start by hand: the tallest 50 GeV bin's upper edge + 200, up to the next 100 GeV edge. */
    private static double fitLo(double[] mjj) {
        java.util.TreeMap<Long, Integer> h = new java.util.TreeMap<>();
        for (double m : mjj) {
            h.merge((long) Math.floor(m / 50), 1, Integer::sum);
        }
        long peak = h.entrySet().stream().max(java.util.Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).get().getKey();
        return Math.ceil(((peak + 1) * 50 + 200) / 100.0) * 100;
    }

    @Test
    @Order(8)
    void localSessionsAuthenticateTheirRpcWithAFreshSecret() {
        // issue 18, item 7: the driver listens on 127.0.0.1; every other test above ran its tasks with this on
        assertEquals("true", spark().conf().get("spark.authenticate"));
        assertTrue(spark().conf().get("spark.authenticate.secret").matches("[0-9a-f]{64}"));
    }
}
