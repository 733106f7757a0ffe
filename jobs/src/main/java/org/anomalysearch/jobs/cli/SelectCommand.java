package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.select.EventFilter;
import org.anomalysearch.jobs.spark.SelectJob;
import org.anomalysearch.jobs.spark.SparkJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search select}: the Spark selection job ({@link SelectJob}); the same output as {@code convert},
 * computed in Spark tasks over row ranges of the input.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Select events on Spark: particle-level LHCO HDF5 (clustered and selected in tasks over row "
                + "ranges) or jet-level input to the event table; the same events and values as 'convert', with the "
                + "same --mjj-range and --label filters.",
            "Runs on local[*] unless --master or spark-submit's spark.master says otherwise. On a cluster the input "
                + "path must be readable by every executor (a shared file system)."})
final class SelectCommand implements Callable<Integer> {

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

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Spark tasks (default: 4 per core, at least one per 20k events).")
    int partitions;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "Particle-level events read at a time in a task (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else local[*]).")
    String master;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Mixin
    Common.OutputOptions outputOptions = new Common.OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (partitions < 0 || chunkSize < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--partitions must be >= 0 and --chunk-size >= 1");
        }
        EventFilter filter = filterOptions.filter(spec.commandLine());
        AnalysisConfig config = configOptions.load();
        List<Path> input = Inputs.expand(inputs, "INPUT");
        SelectJob.Options o = new SelectJob.Options(input, filter, output, !noSelection, partitions, chunkSize,
                outputOptions.overwrite, outputOptions.compression);
        SelectJob.Plan plan = SelectJob.prepare(config, o,
                spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
        var log = spec.commandLine().getOut();
        log.printf("select: %s (%s, %,d events) on Spark %s%n", input.size() == 1 ? input.get(0) : input.size()
                + " files", plan.format().description(), plan.rows(), SparkJobs.master(master));
        if (!filter.none()) {
            log.println("filter: " + filter.describe());
        }
        log.flush();
        try (SparkJobs.Handle h = SparkJobs.open(master, "anomaly-search select")) {
            SelectJob.Result r = SelectJob.run(plan, h.spark());
            log.printf("wrote %,d of %,d events to %s in %s with %d tasks (%,.0f events/s)%n", r.eventsOut(),
                    r.eventsIn(), output, Progress.duration(r.seconds()), r.tasks(), r.eventsPerSecond());
            if (r.cutFlow() != null) {
                log.println("cut-flow:");
                log.print(r.cutFlow().toTable());
            }
            if (!filter.none()) {
                log.printf("filter (%s): %,d events written%n", filter.describe(), r.eventsOut());
            }
            log.flush();
        }
        return 0;
    }
}
