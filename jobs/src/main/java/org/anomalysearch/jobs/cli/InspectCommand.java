package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anomaly-search inspect}: what a file holds: format, schema, rows, cut-flow and a feature summary. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a file's format, schema with units, row count, selection cut-flow and a summary of "
                + "every feature (count, mean, std, min, max) and of the truth labels.",
            "The cut-flow is the one stored by 'convert' or 'generate' in a Parquet table, or the selection applied "
                + "now to jet-level files; particle-level files are clustered for it only with --cutflow."})
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Any supported files or quoted glob patterns; each "
            + "is inspected in turn.")
    List<String> files;

    @Option(names = "--cutflow", description = "Cluster a particle-level file to show its cut-flow (slow on big files).")
    boolean clusterForCutFlow;

    @Option(names = "--max-rows", paramLabel = "N", description = "Summarise at most N rows (default: all).")
    Long maxRows;

    @Option(names = "--check-regions", description = "Check that the configured signal region(s) and sidebands lie "
            + "inside the file's mjj range, and fail if not.")
    boolean checkRegions;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> paths = Inputs.expand(files, "FILE");
        var config = configOptions.load();
        for (Path file : paths) {
            if (paths.size() > 1) {
                spec.commandLine().getOut().println("== " + file);
            }
            InspectStep.run(config, file, clusterForCutFlow, maxRows == null ? Long.MAX_VALUE : maxRows, checkRegions,
                    spec.commandLine().getOut());
        }
        return 0;
    }

}
