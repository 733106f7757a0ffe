package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.density.RefineConfig;
import org.anomalysearch.fpga.bench.EmulatorBenchmark;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.scan.ScanConfig;
import org.anomalysearch.io.Formats;
import org.anomalysearch.jobs.bench.BumpHuntCalibration;
import org.anomalysearch.jobs.bench.ChainBenchmark;
import org.anomalysearch.jobs.bench.ClusteringBenchmark;
import org.anomalysearch.jobs.bench.DensityBenchmark;
import org.anomalysearch.jobs.bench.ClassifierBenchmark;
import org.anomalysearch.jobs.bench.FpgaScanBenchmark;
import org.anomalysearch.jobs.bench.QuantBenchmark;
import org.anomalysearch.jobs.bench.ScanBenchmark;
import org.anomalysearch.jobs.bench.ScanSpeedup;
import org.anomalysearch.jobs.bench.SyntheticComparison;
import org.anomalysearch.jobs.fpga.MlpHandoff;
import org.anomalysearch.search.CwolaWindowStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anomaly-search bench}: the benchmarks behind the figures quoted in the README and the issues. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (not tests): each prints what it measured, on which machine, next to its reference.",
        subcommands = {BenchCommand.Clustering.class, BenchCommand.Synthetic.class, BenchCommand.BumpHunt.class,
            BenchCommand.Density.class, BenchCommand.FpgaScan.class, BenchCommand.Emulator.class, BenchCommand.Scan.class,
            BenchCommand.Chain.class, ScanNullCommand.class, BenchCommand.ScanSpeedupCommand.class,
            BenchCommand.ClassifierCommand.class, BenchCommand.Quant.class, BenchCommand.Refit.class})
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

    /** The {@code --data} option of the benchmarks on ../shared/data/dijet_pythia. */
    static final class PythiaData {
        @Option(names = "--data", paramLabel = "DIR", description = "dijet_pythia directory (default ../shared/data/dijet_pythia).")
        Path given;

        /** The directory, checked to exist. */
        Path dir() {
            return pythia(given, "--data", "qcd_full_*.csv.gz and qcd_inner_000.csv.gz");
        }
    }

    /** {@code given}, else ../shared/data/dijet_pythia; a clear error when it is no directory. */
    static Path pythia(Path given, String option, String holds) {
        Path dir = given != null ? given : shared("data/dijet_pythia");
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), null, "no such directory",
                    "pass " + option + " DIR with " + holds);
        }
        return dir;
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
            Formats.requireReadableFile(h5);
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
            Path dir = BenchCommand.pythia(pythia, "--pythia", "the qcd_full_*.csv.gz files");
            spec.commandLine().getOut().print(SyntheticComparison.run(dir, output, seed, events));
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
            spec.commandLine().getOut().print(BumpHuntCalibration.run(toys, seed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "density", mixinStandardHelpOptions = true,
            description = "Density-model benchmarks on ../shared/data/dijet_pythia (QCD only): quality and speed.",
            subcommands = {BenchCommand.DensityQuality.class, BenchCommand.DensitySpeed.class,
                BenchCommand.DensityScale.class})
    static final class Density implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = {"Train the conditional VAE, GAN and MAF (--models) on the sidebands of qcd_full_* around the 3.3-3.7 TeV SR, "
                    + "sample into the SR and report the classifier two-sample AUC against qcd_inner (the true SR "
                    + "background) over repeated splits, next to the sideband baseline; on the plain features and on "
                    + "the correlated variant (mj1, dmj + 0.1 mjj). Writes density_quality.json."})
    static final class DensityQuality implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = {"-o", "--output"}, defaultValue = "bench-density", paramLabel = "DIR",
                description = "Output directory (default ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--files", defaultValue = "4", description = "qcd_full files to read, 1-4 (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--sideband-width", defaultValue = "0.5", description = "Sideband width in TeV (default ${DEFAULT-VALUE}).")
        double sidebandWidth;

        @Option(names = "--vae-epochs", defaultValue = "100", description = "VAE epochs (default ${DEFAULT-VALUE}).")
        int vaeEpochs;

        @Option(names = "--gan-epochs", defaultValue = "150", description = "GAN epochs (default ${DEFAULT-VALUE}).")
        int ganEpochs;

        @Option(names = "--models", split = ",", hideParamSyntax = true, defaultValue = "vae,gan,flow", paramLabel = "M1,M2",
                description = "Models to train: any of vae, gan, flow (default ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--flow-epochs", defaultValue = "60", description = "Flow epochs (default ${DEFAULT-VALUE}, "
                + "early stopping on).")
        int flowEpochs;

        @picocli.CommandLine.Mixin
        Common.FlowOptions flowOptions = new Common.FlowOptions();

        @Option(names = "--flow-margin", description = "Flow preprocessing margin (default: FlowConfig's).")
        Double flowMargin;

        @Option(names = "--flow-lr", description = "Flow learning rate (default: FlowConfig's).")
        Double flowLr;

        @Option(names = "--splits", defaultValue = "5", description = "Two-sample test repetitions (default ${DEFAULT-VALUE}).")
        int splits;

        @Option(names = "--refine", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Also refine each model with sideband density-ratio classifiers (Refinement) and judge "
                + "the refined model too, as <kind>+refined (default; --no-refine: the raw models only).")
        boolean refine;

        @Option(names = "--refine-ensemble", description = "Refinement classifiers per model (default: RefineConfig's).")
        Integer refineEnsemble;

        @Option(names = "--refine-cap", description = "Refinement weight cap quantile (default: RefineConfig's).")
        Double refineCap;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** The refinement configuration of --refine (null without it); invalid values fail before any training. */
        private RefineConfig refineConfig() {
            if (!refine) {
                if (refineEnsemble != null || refineCap != null) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--refine-ensemble and --refine-cap need --refine");
                }
                return null;
            }
            RefineConfig r = RefineConfig.defaults();
            r = refineEnsemble == null ? r : r.withEnsemble(refineEnsemble);
            return refineCap == null ? r : r.withCapQuantile(refineCap);
        }

        @Override
        public Integer call() throws Exception {
            if (files < 1 || files > 4 || splits < 2 || vaeEpochs < 1 || ganEpochs < 1 || flowEpochs < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--files must be 1-4, --splits at least 2, epochs at least 1");
            }
            RefineConfig refineConfig = refineConfig();
            FlowConfig flow = flowOptions.apply(
                    FlowConfig.defaults().withEpochs(flowEpochs));
            flow = flowMargin == null ? flow : flow.withMargin(flowMargin);
            flow = flowLr == null ? flow : flow.withLearningRate(flowLr);
            List<String> ms = new ArrayList<>();
            for (String m : models) {
                ms.add(m.trim().toLowerCase(Locale.ROOT));
            }
            spec.commandLine().getOut().print(DensityBenchmark.quality(data.dir(),
                    output, files, sidebandWidth, vaeEpochs, ganEpochs, flow, ms, splits, seed, refineConfig));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "speed", mixinStandardHelpOptions = true,
            description = {"Train the same conditional VAE (64-64, latent 4, batch 256, Adam 1e-3) with DJL and with PyTorch "
                    + "(bench/density_vae_torch.py, Debian's python3-torch), both on one thread, alternating; print wall "
                    + "and CPU times and their ratios (target DJL <= 1.3x PyTorch) and the load average."})
    static final class DensitySpeed implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = "--script", paramLabel = "PY", description = "PyTorch reference (default bench/density_vae_torch.py).")
        Path script;

        @Option(names = "--events", defaultValue = "30000", description = "Sideband events (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--repeats", defaultValue = "3", description = "Alternating runs of each (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (events < 1000 || epochs < 1 || repeats < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--events must be at least 1000, --epochs and --repeats at least 1");
            }
            Path py = script != null ? script
                    : Path.of(System.getProperty("anomalysearch.home", "."), "bench", "density_vae_torch.py");
            Formats.requireReadableFile(py);
            spec.commandLine().getOut().print(DensityBenchmark.speed(data.dir(), py,
                    events, epochs, repeats, seed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = {"One VAE (or --model flow) fit (defaults, no early stopping, one thread) on many sideband events (the sideband "
                    + "events of qcd_full_* repeated to the requested count): wall and CPU time per epoch, the "
                    + "extrapolation to --target-epochs (target: 500k events x 50 epochs <= 10 min), peak heap "
                    + "(run with -Xmx4g for the 1M-event check)."})
    static final class DensityScale implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = "--events", defaultValue = "500000", description = "Sideband events (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--epochs", defaultValue = "50", description = "Epochs run (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--target-epochs", defaultValue = "50", description = "Epochs to extrapolate to (default ${DEFAULT-VALUE}).")
        int targetEpochs;

        @Option(names = "--model", defaultValue = "vae", description = "vae or flow (default ${DEFAULT-VALUE}).")
        String model;

        @picocli.CommandLine.Mixin
        Common.FlowOptions flowOptions = new Common.FlowOptions();

        @Option(names = "--batch-size", description = "Flow batch size (default: FlowConfig's).")
        Integer batchSize;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (events < 1000 || epochs < 1 || targetEpochs < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--events must be at least 1000, epochs at least 1");
            }
            FlowConfig flow = null;
            if ("flow".equalsIgnoreCase(model)) {
                flow = flowOptions.apply(FlowConfig.defaults());
                flow = batchSize == null ? flow : flow.withBatchSize(batchSize);
            } else if (!"vae".equalsIgnoreCase(model)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model must be vae or flow");
            }
            spec.commandLine().getOut().print(DensityBenchmark.scale(data.dir(),
                    events, epochs, targetEpochs, flow, seed));
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
            ScanConfig d = ScanConfig.defaults();
            ScanConfig cfg = new ScanConfig(
                    FpgaScanCommand.grid("--widths", widths), FpgaScanCommand.grid("--integer-bits", integerBits),
                    d.quantization(), d.overflow(), target, d.workingPoint(), d.reuseFactor(), 0);
            Path base = sharedDir != null ? sharedDir : shared("");
            spec.commandLine().getOut().print(FpgaScanBenchmark.run(
                    new FpgaScanBenchmark.Options(base, model, epochs, ensemble, seed,
                            member, logit ? MlpHandoff.Output.LOGIT
                                    : MlpHandoff.Output.SIGMOID,
                            compareRaw, cfg, maxEvents, output)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "quant", mixinStandardHelpOptions = true,
            description = {"PTQ against quantization-aware training and magnitude pruning (issue 19 items 3-4), every "
                    + "quantized figure from the bit-exact hls4ml emulator: the CWoLa MLP on the LHCO R&D idealized "
                    + "split and the trigger VAE / AE on the Pythia data (3.5 TeV signal against qcd_extra). Per W: "
                    + "PTQ at every I of the grid, QAT at the best PTQ type, relative AUC = emulated AUC / the float "
                    + "model's AUC; pruning at each sparsity with fine-tuning, emulated at --reference, DSPs before "
                    + "and after. Writes quant.md and quant.json.",
                "Run with OMP_NUM_THREADS=1 and -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 for one core."})
    static final class Quant implements Callable<Integer> {
        @Option(names = "--shared", paramLabel = "DIR", description = "Shared directory (default ../shared).")
        Path sharedDir;

        @Option(names = "--families", defaultValue = "mlp,vae,ae", split = ",", paramLabel = "LIST",
                description = "Which models: mlp, vae, ae (default ${DEFAULT-VALUE}).")
        List<String> families;

        @Option(names = "--mlp-epochs", defaultValue = "20", paramLabel = "N",
                description = "MLP epochs (default ${DEFAULT-VALUE}).")
        int mlpEpochs;

        @Option(names = "--trigger-epochs", defaultValue = "30", paramLabel = "N",
                description = "Trigger-model epochs (default ${DEFAULT-VALUE}).")
        int triggerEpochs;

        @Option(names = "--widths", defaultValue = "4,5,6,7,8,10,12,16", paramLabel = "GRID",
                description = "Total bits W (default ${DEFAULT-VALUE}).")
        String widths;

        @Option(names = "--integer-bits", defaultValue = "1:10", paramLabel = "GRID",
                description = "Integer bits I of the PTQ grid (default ${DEFAULT-VALUE}).")
        String integerBits;

        @Option(names = "--modes", defaultValue = "RND,SAT", paramLabel = "Q,O",
                description = "Quantization and overflow modes of every type, PTQ and QAT (default ${DEFAULT-VALUE}).")
        String modes;

        @Option(names = "--sparsities", defaultValue = "0.5,0.75", split = ",", paramLabel = "LIST",
                description = "Pruning targets (default ${DEFAULT-VALUE}).")
        double[] sparsities;

        @Option(names = "--finetune-epochs", defaultValue = "10", paramLabel = "N",
                description = "Fine-tuning epochs after pruning (default ${DEFAULT-VALUE}).")
        int finetuneEpochs;

        @Option(names = "--reference", defaultValue = "fixed<16,6,RND,SAT>", paramLabel = "TYPE",
                description = "Precision of the pruning comparison and its DSP estimate (default ${DEFAULT-VALUE}).")
        String reference;

        @Option(names = "--acceptance", defaultValue = "0.01", paramLabel = "A",
                description = "Background acceptance of the signal efficiency (default ${DEFAULT-VALUE}).")
        double acceptance;

        @Option(names = "--max-events", defaultValue = "30000", paramLabel = "N",
                description = "At most N evaluation events, every k-th: of the MLP's evaluation set and of the trigger "
                        + "models' background (their signal sample is used whole) (default ${DEFAULT-VALUE}; 0: all).")
        int maxEvents;

        @Option(names = "--trigger-train-events", defaultValue = "100000", paramLabel = "N",
                description = "At most N training events of the trigger models, every k-th (default ${DEFAULT-VALUE}; "
                        + "0: all 300,000).")
        int triggerTrain;

        @Option(names = "--signal", defaultValue = "signal_3500_500_100_000", paramLabel = "NAME",
                description = "The trigger models' signal sample in dijet_pythia (default ${DEFAULT-VALUE}).")
        String signal;

        @Option(names = "--float-seeds", defaultValue = "3", paramLabel = "N",
                description = "Float trainings with different seeds, for the training-to-training spread of the AUC "
                        + "(default ${DEFAULT-VALUE}).")
        int floatSeeds;

        @Option(names = "--qat-spread-max-width", defaultValue = "8", paramLabel = "W",
                description = "Up to this W, QAT is trained at the best PTQ I and its two neighbours (default "
                        + "${DEFAULT-VALUE}).")
        int qatSpreadMaxWidth;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, defaultValue = "jobs/target/quant", paramLabel = "DIR",
                description = "Output directory (default ${DEFAULT-VALUE}).")
        Path output;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            FixedType.parse("fixed<8,3," + modes + ">"); // validates the modes with a clear message
            Path base = sharedDir != null ? sharedDir : shared("");
            spec.commandLine().getOut().print(QuantBenchmark.run(new QuantBenchmark.Options(base, families, mlpEpochs,
                    triggerEpochs, FpgaScanCommand.grid("--widths", widths),
                    FpgaScanCommand.grid("--integer-bits", integerBits), modes, sparsities, finetuneEpochs, reference, acceptance, maxEvents,
                    triggerTrain, signal, floatSeeds, qatSpreadMaxWidth, seed, output)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "refit", mixinStandardHelpOptions = true,
            description = {"Refits the selected spectra of finished scans (each run's results.json keeps every "
                    + "window's selected counts per fit bin) with 3, 4 and 5 dijet parameters and the F-test's choice "
                    + "(search.fit.params: auto), with the scan's quality gate and mask; prints every test's signed "
                    + "local Z and each variant's largest and mean: a change of the selected-spectrum fit measured "
                    + "on the same selections, without training (docs/fit-range.md)."})
    static final class Refit implements Callable<Integer> {
        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "RESULTS_JSON", description = "results.json of runs with an ML scan.")
        List<Path> files;

        @Option(names = "--gate", defaultValue = "0.01", description = "Quality gate of the fits (default ${DEFAULT-VALUE}).")
        double gate;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.print(org.anomalysearch.jobs.bench.RefitScan.run(files, gate));
            out.flush();
            return 0;
        }
    }

    @Command(name = "scan-speedup", mixinStandardHelpOptions = true,
            description = {"The scan's speed-up from worker JVMs: the same windows of the Pythia QCD pool (default "
                    + "search settings: flow + HGB) through the run's ScanRunner, one window at a time on this JVM "
                    + "(local[1]), then in worker JVMs (local[N]); prints every window's wall time, the speed-up, whether "
                    + "the results are identical, and the machine's load before and after (a speed-up needs idle "
                    + "cores)."})
    static final class ScanSpeedupCommand implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = "--files", defaultValue = "1", description = "qcd_full files to read, 1-4 (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--windows", defaultValue = "4", description = "Windows to compute (default ${DEFAULT-VALUE}).")
        int windows;

        @Option(names = "--workers", defaultValue = "2", description = "Worker JVMs of the parallel pass (default ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (files < 1 || files > 4 || windows < 1 || workers < 2) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--files must be 1-4, --windows >= 1, --workers >= 2");
            }
            Path dir = data.dir();
            PrintWriter out = spec.commandLine().getOut();
            out.print(ScanSpeedup.run(dir, files, windows, workers, SearchConfig.defaults(), FitConfig.defaults(), seed,
                    out));
            out.flush();
            return 0;
        }
    }

    @Command(name = "classifier", mixinStandardHelpOptions = true,
            description = {"The classifiers on the LHCO R&D signal region (../shared/data/lhco_rnd_sr, split three ways"
                    + " by event hash: 3/5 training, 1/5 tune, 1/5 report) against scikit-learn trained on the same "
                    + "events in the same run (docs/classifiers.md). The options are passed on to ClassifierBenchmark"
                    + ", e.g. --variants default,cathode --variant-seeds 5 --evaluate-on report --sklearn-kinds "
                    + "hgb,mlpdefault,mlpcathode; see its documentation for the full list."})
    static final class ClassifierCommand implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            List<String> a = new ArrayList<>(args);
            if (!a.contains("--shared")) {
                a.addAll(0, List.of("--shared", shared("").toString()));
            }
            try {
                ClassifierBenchmark.main(a.toArray(String[]::new));
            } catch (IllegalArgumentException e) { // an unknown option or a malformed value, before any training
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "emulator", mixinStandardHelpOptions = true,
            description = {"Fixed-point emulator throughput on one core: a seeded 4-64-64-64-1 MLP (ReLU x3, sigmoid), "
                    + "events/s per pass on the fast long path and on the exact BigInteger reference path."})
    static final class Emulator implements Callable<Integer> {
        @Option(names = "--precision", defaultValue = "ap_fixed<16,6>", description = "Model precision (default ${DEFAULT-VALUE}).")
        String precision;

        @Option(names = "--events", defaultValue = "100000", description = "Events per pass (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--passes", defaultValue = "7", description = "Passes (default ${DEFAULT-VALUE}).")
        int passes;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (events < 1 || passes < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--events and --passes must be >= 1");
            }
            FixedType.parse(precision); // a malformed precision fails here, in one line
            EmulatorBenchmark.main(new String[] {precision, Integer.toString(events),
                Integer.toString(passes)});
            return 0;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"The density + CWoLa scan on ../shared/data/dijet_pythia: qcd_full_* plus the 3.5 TeV signal "
                    + "injected at --s-over-b in 3.3-3.7 TeV, sliding SR windows over --range; prints per window and "
                    + "efficiency the selected SR events, the sideband fit of the selected spectrum (b +- db, local Z; "
                    + "template-method Z as a diagnostic), the classifier's max SIC on the SR data (truth labels), the "
                    + "idealized AD's (qcd_inner_000 as the template) in 3.3-3.7 TeV, and the global Z from toys."})
    static final class Scan implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = "--files", defaultValue = "4", description = "qcd_full files to read, 1-4 (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--s-over-b", defaultValue = "0.01",
                description = "Injected signal over QCD in 3.3-3.7 TeV; 0 for QCD only (default ${DEFAULT-VALUE}).")
        double sOverB;

        @Option(names = "--range", split = ",", hideParamSyntax = true, defaultValue = "2900,4500", paramLabel = "LO,HI",
                description = "SR windows lie within LO..HI GeV (default ${DEFAULT-VALUE}).")
        double[] range;

        @Option(names = "--width", defaultValue = "400", description = "SR width in GeV (default ${DEFAULT-VALUE}).")
        double width;

        @Option(names = "--step", defaultValue = "200", description = "Window step in GeV (default ${DEFAULT-VALUE}).")
        double step;

        @Option(names = "--sideband-width", defaultValue = "400",
                description = "Width of each sideband in GeV (default ${DEFAULT-VALUE}).")
        double sidebandWidth;

        @Option(names = "--density", defaultValue = "flow", description = "flow, vae-classic, vae or gan, each also with "
                + "the suffix +refined (default ${DEFAULT-VALUE}).")
        String density;

        @Option(names = "--density-epochs", defaultValue = "30", description = "Density epochs (default ${DEFAULT-VALUE}).")
        int densityEpochs;

        @Option(names = "--classifier", defaultValue = "hgb", description = "hgb or mlp (default ${DEFAULT-VALUE}).")
        String classifier;

        @Option(names = "--classifier-epochs", defaultValue = "0",
                description = "HGB trees / MLP epochs (default: the classifier's default).")
        int classifierEpochs;

        @Option(names = "--folds", defaultValue = "5", description = "k-fold (default ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--repeats", defaultValue = "0", paramLabel = "R",
                description = "Classifier seeds per fold, scores averaged (default: the search config's).")
        int repeats;

        @Option(names = "--threads", defaultValue = "2", description = "Windows at once (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--toys", defaultValue = "1000",
                description = "Pseudo-experiments of the global significance (default ${DEFAULT-VALUE}).")
        int toys;

        @Option(names = "--fit-params", defaultValue = "4",
                description = "Dijet-function parameters of the selected-spectrum fit (default ${DEFAULT-VALUE}).")
        int fitParams;

        @Option(names = "--fit-lo", defaultValue = "auto", paramLabel = "GEV|auto",
                description = "Start of the fit range (default ${DEFAULT-VALUE}: the fit section's rule, FitRange).")
        String fitLo;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (files < 1 || files > 4 || range.length != 2 || !(sOverB >= 0)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--files must be 1-4, --range LO,HI, --s-over-b >= 0");
            }
            SearchConfig d = SearchConfig.defaults();
            SearchConfig st = d
                    .withDensity(density.toLowerCase(Locale.ROOT), densityEpochs, d.oversampling())
                    .withClassifier(classifier.toLowerCase(Locale.ROOT), classifierEpochs, folds,
                            repeats > 0 ? repeats : d.repeats())
                    .withFit(fitParams, d.signalBins())
                    .withToys(toys);
            FitConfig fit = FitConfig.defaults();
            fit = fit.withRange(fitLo.equals("auto") ? Double.NaN : Double.parseDouble(fitLo), fit.hi());
            spec.commandLine().getOut().print(ScanBenchmark.run(data.dir(), files,
                    sOverB, range[0], range[1], width, step, sidebandWidth, st, fit, threads, seed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "chain", mixinStandardHelpOptions = true,
            description = "The whole chain in the 3.3-3.7 TeV SR on dijet_pythia with the 3.5 TeV signal injected: "
                    + "each background model (density models trained on the sidebands, or idealized = qcd_inner) gives a "
                    + "template of the same size, a k-fold HGB learns SR data vs template, and its out-of-fold SR scores "
                    + "are judged with the truth labels (max SIC with >= 25 background events, AUC); median over seeds.")
    static final class Chain implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PythiaData data;

        @Option(names = "--files", defaultValue = "4", description = "qcd_full files to read, 1-4 (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--s-over-b", defaultValue = "0.02",
                description = "Injected signal over QCD in 3.3-3.7 TeV (default ${DEFAULT-VALUE}).")
        double sOverB;

        @Option(names = "--sideband-width", defaultValue = "400",
                description = "Width of each sideband in GeV (default ${DEFAULT-VALUE}).")
        double sidebandWidth;

        @Option(names = "--models", split = ",", hideParamSyntax = true, defaultValue = "vae,idealized",
                description = "Background models: vae, vae-classic, gan, flow, idealized (default ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--template-size", defaultValue = "0",
                description = "Template events per model (default 0: the size of qcd_inner, 40,000).")
        int templateSize;

        @Option(names = "--seeds", defaultValue = "5", description = "Training seeds (default ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--folds", defaultValue = "5", description = "k-fold (default ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (files < 1 || files > 4 || !(sOverB > 0) || seeds < 1 || folds < 2 || templateSize < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--files must be 1-4, --s-over-b > 0, --seeds >= 1, --folds >= 2, --template-size >= 0");
            }
            for (String m : models) {
                if (!m.equals("idealized") && !SearchConfig.DENSITY_KINDS.contains(m)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--models: unknown model '" + m + "', expected vae, vae-classic, gan, flow or idealized");
                }
            }
            Function<String, DensityTrainer> trainers =
                    m -> CwolaWindowStage.densityTrainer(m, 0);
            spec.commandLine().getOut().print(ChainBenchmark.run(data.dir(), files,
                    sOverB, sidebandWidth, models, trainers, templateSize, seeds, folds, seed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
