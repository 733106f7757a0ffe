package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anomalysearch.jobs.bench.ClusteringBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anomaly-search bench}: the benchmarks behind the figures quoted in the README and the issues. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (not tests): each prints what it measured, on which machine, next to its reference.",
        subcommands = {BenchCommand.Clustering.class, BenchCommand.Synthetic.class, BenchCommand.BumpHunt.class,
                BenchCommand.FpgaScan.class})
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

    @Command(name = "synthetic", mixinStandardHelpOptions = true,
            description = {"Compare the synthetic toy background with the Pythia reference (qcd_full_*.csv.gz): per-feature "
                    + "mean, std, median, 1-D Wasserstein distance and KS statistic, and an overlay plot "
                    + "synthetic_vs_pythia.png/.svg in the output directory."})
    static final class Synthetic implements Callable<Integer> {
        @Option(names = "--pythia", paramLabel = "DIR", description = "Directory of qcd_full_*.csv.gz "
                + "(default ../shared/data/dijet_pythia).")
        Path pythia;

        @Option(names = {"-o", "--output"}, defaultValue = "docs", paramLabel = "DIR",
                description = "Where the plot goes (default ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--events", defaultValue = "300000", description = "Toy events (default ${DEFAULT-VALUE}).")
        int events;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path dir = pythia != null ? pythia : shared("data/dijet_pythia");
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new org.anomalysearch.core.InvalidInputException(dir.toString(), null, "no such directory",
                        "pass --pythia DIR with the qcd_full_*.csv.gz files");
            }
            spec.commandLine().getOut().print(org.anomalysearch.jobs.bench.SyntheticComparison.run(dir, output, seed, events));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "bumphunt", mixinStandardHelpOptions = true,
            description = {"Calibrate the bump hunt with pseudo-experiments: background-only toys from a fitted 4-parameter "
                    + "dijet function (local p-values vs uniform, KS test; SR prediction pulls; failed fits), and an "
                    + "injected Gaussian bump recovered at its mass with the expected Z."})
    static final class BumpHunt implements Callable<Integer> {
        @Option(names = "--toys", defaultValue = "1000", description = "Pseudo-experiments (default ${DEFAULT-VALUE}).")
        int toys;

        @Option(names = "--seed", defaultValue = "20240611", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (toys < 10) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--toys must be at least 10");
            }
            spec.commandLine().getOut().print(org.anomalysearch.jobs.bench.BumpHuntCalibration.run(toys, seed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "fpga-scan", mixinStandardHelpOptions = true,
            description = {"Fixed-point precision scan of the LHCO R&D idealized-AD MLP (issue 7): trains it on the "
                    + "classifier benchmark's split (or loads --model), exports one ensemble member with standardised "
                    + "inputs, scans ap_fixed<W,I> on the held-out events and prints the relative AUC table and the "
                    + "cheapest precision meeting the target; exports the member at that precision.",
                "Run with OMP_NUM_THREADS=1 and -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 for one core."})
    static final class FpgaScan implements Callable<Integer> {
        @Option(names = "--shared", paramLabel = "DIR", description = "Shared directory (default ../shared).")
        Path sharedDir;

        @Option(names = "--model", paramLabel = "DIR", description = "A saved idealized MLP classifier to load "
                + "instead of training one.")
        Path model;

        @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default ${DEFAULT-VALUE}; "
                + "CATHODE uses 100).")
        int epochs;

        @Option(names = "--ensemble", defaultValue = "5", description = "Members kept (default ${DEFAULT-VALUE}; "
                + "CATHODE uses 10).")
        int ensemble;

        @Option(names = "--seed", defaultValue = "1", description = "Split and training seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--member", description = "Ensemble member to export (default: lowest validation loss).")
        Integer member;

        @Option(names = "--logit", description = "Export the logit instead of the sigmoid output.")
        boolean logit;

        @Option(names = "--compare-raw", description = "Also scan raw (GeV) inputs with the standardisation folded "
                + "into the first layer.")
        boolean compareRaw;

        @Option(names = "--widths", defaultValue = "6:18:2", description = "Total bits W (default ${DEFAULT-VALUE}).")
        String widths;

        @Option(names = "--integer-bits", defaultValue = "2:8", description = "Integer bits I (default ${DEFAULT-VALUE}).")
        String integerBits;

        @Option(names = "--target", defaultValue = "0.99", description = "Relative AUC target (default ${DEFAULT-VALUE}).")
        double target;

        @Option(names = "--max-events", defaultValue = "0", description = "At most N evaluation events, every k-th "
                + "(default all).")
        int maxEvents;

        @Option(names = {"-o", "--output"}, defaultValue = "jobs/target/fpga-scan", paramLabel = "DIR",
                description = "Output directory (default ${DEFAULT-VALUE}).")
        Path output;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            org.anomalysearch.fpga.scan.ScanConfig d = org.anomalysearch.fpga.scan.ScanConfig.defaults();
            org.anomalysearch.fpga.scan.ScanConfig cfg = new org.anomalysearch.fpga.scan.ScanConfig(
                    FpgaScanCommand.grid("--widths", widths), FpgaScanCommand.grid("--integer-bits", integerBits),
                    d.quantization(), d.overflow(), target, d.workingPoint(), d.reuseFactor(), 0);
            Path base = sharedDir != null ? sharedDir : shared("");
            spec.commandLine().getOut().print(org.anomalysearch.jobs.bench.FpgaScanBenchmark.run(
                    new org.anomalysearch.jobs.bench.FpgaScanBenchmark.Options(base, model, epochs, ensemble, seed,
                            member, logit ? org.anomalysearch.jobs.fpga.MlpHandoff.Output.LOGIT
                                    : org.anomalysearch.jobs.fpga.MlpHandoff.Output.SIGMOID,
                            compareRaw, cfg, maxEvents, output)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
