package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.jobs.spark.SparkJobs;
import org.anomalysearch.search.WindowStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search run --config analysis.yaml}: the chain select -&gt; bumphunt (-&gt; the density + CWoLa scan
 * with {@code --stage cwola}) on Spark, checkpointed in {@code runs/<name>/}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the analysis chain on Spark: select the config's input, bump hunt with toys on Spark "
                + "(and, with --stage cwola, the density + CWoLa scan over the windows), checkpointed in runs/<name>/.",
            "Every stage is written atomically and marked done; --resume skips finished stages. The same seed "
                + "reproduces results.json.",
            "All inputs and the config are checked before Spark starts."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "analysis",
            description = "Run name: the run directory is <runs>/<name> (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent directory of the runs (default ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--resume", description = "Continue an existing run directory, skipping finished stages.")
    boolean resume;

    @Option(names = "--toys", paramLabel = "N", defaultValue = "1000",
            description = "BumpHunter pseudo-experiments, run on Spark (default ${DEFAULT-VALUE}).")
    int toys;

    @Option(names = "--bin-width", paramLabel = "GEV",
            description = "Overrides fit.binWidth: the inclusive spectrum's bin width (config default 100 GeV).")
    Double binWidth;

    @Option(names = "--range", split = ",", hideParamSyntax = true, paramLabel = "LO,HI",
            description = "Overrides fit.lo and fit.hi: the fit range of every bump hunt in GeV (config default: lo "
                    + "auto, found from the data above the trigger turn-on; hi 7000).")
    double[] range;

    @Option(names = "--window-bins", paramLabel = "N", defaultValue = "4",
            description = "Widest BumpHunter window in bins (default ${DEFAULT-VALUE}).")
    int windowBins;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Train the scan's stochastic parts (density models, samples, classifiers) N times with "
                    + "seeds derived from the config's; with N > 1 each (window, efficiency) reports its median "
                    + "training, the global Z comes from toys with the same median, and results.json, the report and "
                    + "the scan plot give every training's numbers with their 68 %% band (default ${DEFAULT-VALUE}; "
                    + "N trainings take N times as long).")
    int seeds;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Spark tasks of the selection and the toys (default: automatic).")
    int partitions;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else local[*]).")
    String master;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "Window stage of the scan: none (end after the bump hunt) or cwola (density model in the "
                    + "sidebands, SR samples, k-fold CWoLa, sideband fit of the selected spectrum, global significance "
                    + "from toys). Default: cwola when the config has a 'search' section, else none.")
    String stage;

    @Option(names = "--density", paramLabel = "KIND",
            description = "Overrides search.density.kind: flow, vae-classic, vae or gan, each also with the suffix +refined.")
    String density;

    @Option(names = "--density-epochs", paramLabel = "N", description = "Overrides search.density.epochs (0: default).")
    Integer densityEpochs;

    @Option(names = "--classifier", paramLabel = "KIND", description = "Overrides search.classifier.kind: hgb or mlp.")
    String classifier;

    @Option(names = "--classifier-epochs", paramLabel = "N",
            description = "Overrides search.classifier.epochs (HGB trees or MLP epochs; 0: default).")
    Integer classifierEpochs;

    @Option(names = "--folds", paramLabel = "K", description = "Overrides search.classifier.folds.")
    Integer folds;

    @Option(names = "--efficiencies", split = ",", hideParamSyntax = true, paramLabel = "E,...",
            description = "Overrides search.efficiencies (fractions of the SR data kept).")
    List<Double> efficiencies;

    @Option(names = "--features", split = ",", hideParamSyntax = true, paramLabel = "F,...", description = "Overrides search.features.")
    List<String> features;

    @Option(names = "--scan-toys", paramLabel = "N",
            description = "Overrides search.toys (pseudo-experiments of the scan's global significance).")
    Integer scanToys;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (configOptions.config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "run needs --config analysis.yaml (see 'anomaly-search config --example')");
        }
        if (!name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--name must be letters, digits, '.', '_' or '-' and not '.' or '..', got '" + name + "'");
        }
        if (range != null && range.length != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--range needs LO,HI");
        }
        AnalysisConfig config = configOptions.load();
        if (range != null) {
            config = config.withFit(config.fit().withRange(range[0], range[1]));
        }
        if (binWidth != null) {
            config = config.withFit(config.fit().withBinWidth(binWidth));
        }
        WindowStage windowStage = windowStage(config);
        if (seeds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seeds must be at least 1, got "
                    + seeds);
        }
        RunJob.Options o = new RunJob.Options(runs.resolve(name), resume, toys, windowBins, partitions, -1, seeds);
        var log = spec.commandLine().getOut();
        try (RunJob.Plan plan = RunJob.prepare(config, o,
                spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
             SparkJobs.Handle h = openSpark(log, name, config)) {
            RunJob.Result r = RunJob.run(plan, h.spark(), windowStage, log);
            log.printf("stages run: %s; from checkpoints: %s%n", r.stagesRun(), r.stagesSkipped());
            if (windowStage == null) {
                log.println("note: no window stage (--stage none): the chain ends after the bump hunt; "
                        + "--stage cwola runs the density + CWoLa scan");
            }
            log.flush();
        }
        return 0;
    }

    private SparkJobs.Handle openSpark(java.io.PrintWriter log, String name, AnalysisConfig config) {
        log.printf("run %s: %s on Spark %s%n", name, config.input().path(), SparkJobs.master(master));
        log.flush();
        return SparkJobs.open(master, "anomaly-search run " + name);
    }

    /**
     * The window stage of the config's {@code search} section with the command-line overrides, validated before
     * anything runs; null for no scan ({@code --stage none}, or no search section and no {@code --stage}).
     */
    WindowStage windowStage(AnalysisConfig config) {
        String st = stage == null ? (config.search() != null ? "cwola" : "none") : stage.toLowerCase(Locale.ROOT);
        if (st.equals("none")) {
            return null;
        }
        if (!st.equals("cwola")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--stage must be none or cwola, got '" + stage + "'");
        }
        SearchConfig s = config.search() != null ? config.search() : SearchConfig.defaults();
        s = s.withDensity(density == null ? s.densityKind() : density.toLowerCase(Locale.ROOT),
                densityEpochs == null ? s.densityEpochs() : densityEpochs, s.oversampling());
        s = s.withClassifier(classifier == null ? s.classifierKind() : classifier.toLowerCase(Locale.ROOT),
                classifierEpochs == null ? s.classifierEpochs() : classifierEpochs, folds == null ? s.folds() : folds,
                s.repeats());
        if (efficiencies != null) {
            s = s.withEfficiencies(efficiencies);
        }
        if (features != null) {
            s = s.withFeatures(features);
        }
        if (scanToys != null) {
            s = s.withToys(scanToys);
        }
        return new CwolaWindowStage(s, config.fit());
    }
}
