package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.select.EventFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search convert}: any supported input to the project's event table, one row per selected event.
 * Particle-level inputs are clustered (anti-kT R = 1.0 by default) and selected; jet-level inputs are selected on
 * their two jets; feature-only inputs (CATHODE .npy) are copied, as they carry no jets to select on.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert input files to the event table (Parquet, or CSV(.gz) by the output's extension).",
            "Inputs: LHCO particle-level HDF5 (clustered and selected), LHCO feature HDF5, CATHODE .npy, "
                + "dijet CSV(.gz), feature CSV(.gz) with the columns mj1,dmj,tau21_j1,tau21_j2 (optionally mjj, label), "
                + "event tables (Parquet, CSV).",
            "Shows progress and ends with the selection's cut-flow; --mjj-range and --label then keep a part of the "
                + "selected events (the signal region, one class)."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Input files or quoted glob patterns "
            + "('qcd_full_*.csv.gz'), read in order as one input; all of one layout.")
    List<String> inputs;

    @Mixin
    Inputs.FilterOptions filterOptions = new Inputs.FilterOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Output event table: .parquet (default format), .csv or .csv.gz.")
    Path output;

    @Option(names = "--no-selection", description = "Keep every event with two jets (no pT or eta cut).")
    boolean noSelection;

    @Option(names = "--threads", paramLabel = "N",
            description = "Clustering threads (default: the number of available cores).")
    Integer threads;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "Particle-level events per chunk; bounds the memory (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Mixin
    Common.OutputOptions outputOptions = new Common.OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EventFilter filter = filterOptions.filter(spec.commandLine());
        AnalysisConfig config = configOptions.load();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + t);
        }
        if (chunkSize < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--chunk-size must be at least 1, got " + chunkSize);
        }
        ConvertStep.run(config, Inputs.expand(inputs, "INPUT"), filter, output, !noSelection, t, chunkSize, outputOptions,
                spec.commandLine().getParseResult().originalArgs().toArray(new String[0]), spec.commandLine().getOut());
        return 0;
    }

}
