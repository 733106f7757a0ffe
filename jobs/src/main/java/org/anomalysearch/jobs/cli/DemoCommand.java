package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.anomalysearch.export.formats.FieldFormats;
import org.anomalysearch.export.run.Headline;
import org.anomalysearch.export.run.RunPlots;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.config.ConfigWriter;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.search.BumpHuntResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search demo}: the embedded default run. Generates a synthetic data set with an injected signal,
 * converts it (applying the selection) to a CSV.gz event table, inspects the result, plots it ({@code plots/}) and
 * exports a Jupyter notebook and an HTML report of it, in a new run directory that records the config, the seeds
 * and the provenance.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded default: generate a synthetic data set (seeded), convert it to an event "
                + "table with the selection, inspect it, plot it, and write a notebook (report.ipynb) and an HTML "
                + "report (report.html), in a new directory runs/<name>/.",
            "Nothing is overwritten: an existing run directory gets a numbered sibling (runs/demo-2, ...)."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "demo", paramLabel = "NAME", description = "Run name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR", description = "Where run directories go.")
    Path runs;

    @Option(names = "--background", defaultValue = "200000", paramLabel = "N",
            description = "Background events (default ${DEFAULT-VALUE}).")
    long nBackground;

    @Option(names = "--signal", defaultValue = "2000", paramLabel = "N", description = "Signal events (default ${DEFAULT-VALUE}).")
    long nSignal;

    @Option(names = "--search", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the density + CWoLa scan after the bump hunt (default; --no-search skips it). Settings: "
                    + "the config's search section, else a small one (VAE 10 epochs, HGB, k = 3, 200 toys); windows: "
                    + "regions.scan, else 400 GeV windows (400 GeV sidebands) every 200 GeV, SRs from 3.1 to 4.3 TeV.")
    boolean search;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = configOptions.load();
        GeneratorSettings g = config.generate() != null ? config.generate() : GeneratorSettings.defaults();
        config = config.withGenerate(g.withCounts(nBackground, nSignal));
        run(config, runs, name, spec.commandLine().getParseResult().originalArgs().toArray(new String[0]),
                spec.commandLine().getOut(), search);
        return 0;
    }

    /** Runs the demo; returns its run directory. */
    static Path run(AnalysisConfig config, Path runs, String name, String[] args, PrintWriter out) throws Exception {
        return run(config, runs, name, args, out, false);
    }

    /** Runs the demo, with the ML scan if {@code search}; returns its run directory. */
    static Path run(AnalysisConfig config, Path runs, String name, String[] args, PrintWriter out, boolean search)
            throws Exception {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidConfigException("--name", "'" + name + "' is not a plain name",
                    "use letters, digits, '.', '_' and '-'");
        }
        Path dir = newRunDirectory(runs, name);
        out.printf("run directory: %s%n", dir);
        boolean done = false;
        try {
            runIn(dir, config, args, out, search);
            done = true;
            return dir;
        } finally {
            if (!done) {
                deleteTree(dir);
            }
        }
    }

    /** Removes a run directory this invocation created and could not finish, so no half-written run remains. */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the error that stopped the run is what the user needs to see
        }
    }

    private static void runIn(Path dir, AnalysisConfig config, String[] args, PrintWriter out, boolean search)
            throws Exception {
        int steps = search ? 6 : 5;
        Path configFile = dir.resolve("config.yaml");
        ConfigWriter.write(config, configFile);
        Provenance prov = Common.provenance(config, List.of("synth.events", "synth.signalPositions"), List.of(), args);
        writeText(dir.resolve("provenance.json"), Json.write(prov.toMap()));

        Common.OutputOptions outputs = new Common.OutputOptions();
        // the generated events as Parquet for the steps below, deleted at the end: the run keeps one event table,
        // events.csv.gz (the selected events), which the notebook reads with plain pandas
        Path generated = dir.resolve("generated.parquet");
        out.println("== 1/" + steps + " generate");
        long generatedRows = GenerateStep.run(config, generated, outputs, args, out);

        out.println("== 2/" + steps + " convert (selection: " + config.selection() + ")");
        Path events = dir.resolve("events.csv.gz");
        ConvertStep.Result converted = ConvertStep.run(config, generated, events, true,
                Runtime.getRuntime().availableProcessors(), 1000, outputs, args, out);

        out.println("== 3/" + steps + " inspect " + generated.getFileName());
        StringWriter report = new StringWriter();
        try (PrintWriter pw = new PrintWriter(report)) {
            InspectStep.run(config, generated, false, Long.MAX_VALUE, true, pw);
        }
        out.print(report);
        writeText(dir.resolve("inspect.txt"), report + "(" + generated.getFileName() + " is deleted at the end of "
                + "the demo; the run keeps the same events as events.csv.gz, without this footer)\n");

        out.println("== 4/" + steps + " bump hunt on the selected events");
        String[] failure = new String[1];
        BumpHuntStep.Result inclusive = bumpHunt(config, generated, dir.resolve("bumphunt"), failure, out);
        String bumpHunt = inclusive == null ? "failed: " + failure[0] : summary(inclusive);

        DemoSearch.Result ml = null;
        double mlSeconds = 0;
        if (search) {
            out.println("== 5/6 density + CWoLa scan (sideband fits of the selected spectra, global Z from toys)");
            long t0 = System.nanoTime();
            ml = inclusive == null ? DemoSearch.Result.notRun("not run: the inclusive bump hunt failed, so the fit "
                    + "range is unknown") : DemoSearch.run(config, generated, inclusive.inclusive().range().lo(), out);
            // the wall time is printed, not stored: results.json holds only what the same seed reproduces
            mlSeconds = (System.nanoTime() - t0) / 1e9;
        }
        out.println("== " + steps + "/" + steps + " plots, notebook and report");
        List<String> plots = writePlots(config, generated, dir.resolve("plots"));

        List<String> files = new ArrayList<>(List.of("events.csv.gz", "inspect.txt",
                "config.yaml", "provenance.json"));
        files.addAll(plots);
        if (ml != null) {
            files.addAll(ml.plots());
        }
        if (Files.exists(dir.resolve("bumphunt").resolve(BumpHuntStep.JSON))) {
            BumpHuntStep.OUTPUTS.forEach(f -> files.add("bumphunt/" + f));
        }
        files.addAll(List.of(ExportCommand.NOTEBOOK, ExportCommand.REPORT));
        List<String> allPlots = new ArrayList<>(plots);
        if (ml != null) {
            allPlots.addAll(ml.plots());
        }
        // the same structure as run's results.json, with the demo's generate step and its configured-SR tests
        RunResults results = new RunResults(RunResults.SCHEMA_VERSION, dir.getFileName().toString(), config.seed(),
                ConfigWriter.sha256(config), null, new RunResults.Generate(generatedRows),
                new RunResults.Select(generatedRows, converted.rowsOut(), null),
                inclusive == null ? null : BumpHuntResults.toRecord(inclusive.inclusive()), bumpHunt,
                inclusive == null ? null : signalRegion(inclusive), ml == null ? null : ml.scan(), allPlots, files);
        // pyhf workspaces and the HEPData submission, listed among the outputs they are
        java.util.Map<String, String> formats = FieldFormats.all(results);
        results = results.withMoreOutputs(formats.keySet());
        writeText(dir.resolve("results.json"), ResultsCodec.write(results));

        ExportCommand.writeBoth(dir, out);
        ExportCommand.writeFiles(dir, formats, false, out);
        out.println("bump hunt (inclusive spectrum): " + bumpHunt);
        if (ml != null) {
            out.printf(Locale.ROOT, "ML scan: %s (%.0f s)%n", ml.summary(), mlSeconds);
        }
        Headline headline = Headline.of(results);
        if (headline != null) {
            out.println(headline.line());
        }
        Files.deleteIfExists(generated);
        out.printf("done: %s (results.json, config.yaml, provenance.json, events.csv.gz, plots/, "
                + "pyhf/, hepdata/, %s, %s)%n", dir, ExportCommand.NOTEBOOK, ExportCommand.REPORT);
        out.flush();
    }

    /**
     * The bump hunt of the inclusive mjj spectrum (no classifier yet), with the config's fit policy; null when it
     * failed on this data set (reported on the console and in {@code failure[0]}; the rest of the run goes on).
     */
    static BumpHuntStep.Result bumpHunt(AnalysisConfig config, Path table, Path outDir, String[] failure,
                                        PrintWriter out) throws IOException {
        try {
            return BumpHuntStep.run(config, table, outDir, 4, 1000, false, out);
        } catch (AnalysisException e) {
            out.println("warning: the bump hunt failed on this data set: " + e.userMessage());
            failure[0] = e.getMessage();
            return null;
        }
    }

    /**
     * The configured SR's counting and sideband-fit tests (a significance from a fit that fails the quality gate is
     * not reported: its Zs are NaN, {@code fitPassed} false), or null when the SR was not tested.
     */
    static RunResults.SignalRegion signalRegion(BumpHuntStep.Result r) {
        var sr = r.signalRegion();
        if (sr == null) {
            return null;
        }
        return new RunResults.SignalRegion(new RunResults.Counting(sr.observed(), sr.background().value(),
                sr.local().z0()), BumpHuntResults.masked(sr, r.srQuality(), true));
    }

    /** One line for the console and results.json. */
    static String summary(BumpHuntStep.Result r) {
        String srPart = r.signalRegion() == null ? "SR not tested"
                : r.srQuality().passed() ? String.format(Locale.ROOT, "SR %s GeV: local Z = %.2f (sideband fit)",
                r.signalRegion().signalRegion(), r.srLocalZ())
                : "SR " + r.signalRegion().signalRegion() + " GeV: masked fit rejected by the quality gate";
        var inc = r.inclusive();
        String bh = inc.rejected() ? "BumpHunter: background fit rejected, no excess reported"
                : String.format(Locale.ROOT, "BumpHunter [%.0f, %.0f) GeV local Z = %.2f, global Z %s%.2f",
                inc.windowLo(), inc.windowHi(), inc.localZ(), inc.bumpHunter().global().zIsLowerBound() ? ">= " : "= ",
                inc.globalZ());
        return srPart + "; " + bh + String.format(Locale.ROOT, " (fit from %.0f GeV)", inc.range().lo());
    }

    /**
     * Draws the event table's feature distributions ({@code features.png}) and mjj ({@code mjj.png}) by truth
     * label into {@code plotDir}; returns their paths relative to the run directory (none for an empty table).
     */
    static List<String> writePlots(AnalysisConfig config, Path table, Path plotDir) throws IOException {
        EventBatch batch;
        try (EventSource src = EventSource.open(table)) {
            batch = src.readAll();
        }
        if (batch.size() == 0) {
            return List.of();
        }
        Files.createDirectories(plotDir);
        RunPlots.features(batch, config.features(), "Features by truth label (unit area)", 40)
                .writePng(plotDir.resolve("features.png"), 1200, 720);
        RunPlots.mjj(batch, new double[] {config.regions().signalLo(), config.regions().signalHi()}, 60)
                .writePng(plotDir.resolve("mjj.png"), 900, 520);
        return List.of("plots/features.png", "plots/mjj.png");
    }

    /** runs/NAME, or runs/NAME-2, -3, ... when it exists: an existing run is never touched. */
    static Path newRunDirectory(Path runs, String name) throws IOException {
        Files.createDirectories(runs);
        for (int i = 1; i < 10_000; i++) {
            Path dir = runs.resolve(i == 1 ? name : name + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // try the next number
            }
        }
        throw new AnalysisException("too many runs named " + name + " in " + runs,
                "choose another --name or clean up " + runs);
    }

    static void writeText(Path file, String text) throws IOException {
        AtomicOutput.write(file, false, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
