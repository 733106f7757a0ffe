package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anomalysearch.jobs.bench.ClusteringBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anomaly-search bench}: the benchmarks behind the figures quoted in the README and the issues. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (not tests): each prints what it measured, on which machine, next to its reference.",
        subcommands = {BenchCommand.Clustering.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path shared(String relative) {
        String dir = System.getProperty("anomalysearch.shared.dir");
        Path base = dir != null ? Path.of(dir) : Path.of(System.getProperty("anomalysearch.home", "."), "..", "shared");
        return base.resolve(relative).normalize();
    }

    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Cluster the 1,300 LHCO-format sample events (anti-kT R=1.0, pT>20 GeV, tau1..3 of the two "
                    + "leading jets) repeatedly, single-threaded, and report events/s;",
                "with g++ and Debian's libfastjet-dev present, time FastJet 3.4 on the same events and print the ratio."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--input", paramLabel = "H5", description = "Particle-level LHCO file "
                + "(default ../shared/data/lhco_format/lhco_format_sample.h5).")
        Path input;

        @Option(names = "--repeats", defaultValue = "20", description = "Passes over the events (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--no-fastjet", description = "Skip the FastJet reference.")
        boolean noFastJet;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path h5 = input != null ? input : shared("data/lhco_format/lhco_format_sample.h5");
            org.anomalysearch.io.Formats.requireReadableFile(h5);
            spec.commandLine().getOut().print(ClusteringBenchmark.run(h5, repeats, !noFastJet));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
