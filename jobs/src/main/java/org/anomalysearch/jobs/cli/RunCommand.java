package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.jobs.spark.CwolaWindowStage;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.jobs.spark.SparkJobs;
import org.anomalysearch.jobs.spark.WindowStage;
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

    @Option(names = "--bin-width", paramLabel = "GEV", defaultValue = "100",
            description = "mjj bin width of the bump hunt (default ${DEFAULT-VALUE}).")
    double binWidth;

    @Option(names = "--range", split = ",", paramLabel = "LO,HI", defaultValue = "2600,7000",
            description = "mjj range of the bump hunt in GeV (default ${DEFAULT-VALUE}).")
    double[] range;

    @Option(names = "--window-bins", paramLabel = "N", defaultValue = "4",
            description = "Widest BumpHunter window in bins (default ${DEFAULT-VALUE}).")
    int windowBins;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Spark tasks of the selection and the toys (default: automatic).")
    int partitions;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else local[*]).")
    String master;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "none",
            description = "Window stage of the scan: none (end after the bump hunt) or cwola (density model in the "
                    + "sidebands, SR samples, k-fold CWoLa, template background; default ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--density", paramLabel = "KIND", defaultValue = "vae",
            description = "cwola stage: density model, vae or gan (default ${DEFAULT-VALUE}).")
    String density;

    @Option(names = "--density-epochs", paramLabel = "N", defaultValue = "0",
            description = "cwola stage: density model epochs (default: the model's default).")
    int densityEpochs;

    @Option(names = "--classifier", paramLabel = "KIND", defaultValue = "hgb",
            description = "cwola stage: classifier, hgb or mlp (default ${DEFAULT-VALUE}).")
    String classifier;

    @Option(names = "--classifier-epochs", paramLabel = "N", defaultValue = "0",
            description = "cwola stage: HGB trees or MLP epochs (default: the classifier's default).")
    int classifierEpochs;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "cwola stage: k of the k-fold scoring (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--efficiencies", split = ",", paramLabel = "E,...", defaultValue = "0.2,0.05,0.01",
            description = "cwola stage: fractions of SR data kept; the smallest is the headline (default "
                    + "${DEFAULT-VALUE}).")
    List<Double> efficiencies;

    @Option(names = "--features", split = ",", paramLabel = "F,...", defaultValue = "mj1,dmj,tau21_j1,tau21_j2",
            description = "cwola stage: features, conditioned on mjj (default ${DEFAULT-VALUE}).")
    List<String> features;

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
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        if (range.length != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--range needs LO,HI");
        }
        WindowStage windowStage = windowStage();
        AnalysisConfig config = configOptions.load();
        RunJob.Options o = new RunJob.Options(runs.resolve(name), resume, toys, binWidth, range[0], range[1], windowBins,
                partitions, -1);
        RunJob.Plan plan = RunJob.prepare(config, o,
                spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
        var log = spec.commandLine().getOut();
        log.printf("run %s: %s on Spark %s%n", name, config.input().path(), SparkJobs.master(master));
        log.flush();
        try (SparkJobs.Handle h = SparkJobs.open(master, "anomaly-search run " + name)) {
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

    /** The window stage of the options, validated before anything runs; null for {@code --stage none}. */
    WindowStage windowStage() {
        String st = stage.toLowerCase(Locale.ROOT);
        if (st.equals("none")) {
            return null;
        }
        if (!st.equals("cwola")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--stage must be none or cwola, got '" + stage + "'");
        }
        CwolaWindowStage.DensityKind d = parse(CwolaWindowStage.DensityKind.class, density, "--density");
        CwolaWindowStage.ClassifierKind c = parse(CwolaWindowStage.ClassifierKind.class, classifier, "--classifier");
        return new CwolaWindowStage(CwolaWindowStage.Settings.defaults().withFeatures(features)
                .withDensity(d, densityEpochs).withClassifier(c, classifierEpochs, folds)
                .withEfficiencies(efficiencies));
    }

    private <E extends Enum<E>> E parse(Class<E> type, String v, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + v + "'");
    }
}
