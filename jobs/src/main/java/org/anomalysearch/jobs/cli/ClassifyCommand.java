package org.anomalysearch.jobs.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.metrics.RocCurve;
import org.anomalysearch.core.metrics.TopSelection;
import org.anomalysearch.core.metrics.WorkingPoint;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.ClassifierDirectory;
import org.anomalysearch.cwola.ClassifierTrainer;
import org.anomalysearch.cwola.Classifiers;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.KFoldScorer;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.cwola.MjjCoverage;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.SeedEnsemble;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.RocPlot;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.search.EventBatches;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search classify train|score|evaluate}: CWoLa, idealized and supervised classifiers (module
 * cwola) on event tables, their scores and their ROC / SIC metrics.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Train classifiers (CWoLa, idealized AD, supervised), score events, evaluate ROC / SIC.",
        subcommands = {ClassifyCommand.Train.class, ClassifyCommand.Score.class, ClassifyCommand.Evaluate.class,
            CommandLine.HelpCommand.class})
final class ClassifyCommand implements Runnable {

    /** The manifest of a model directory written by {@code classify train}. */
    static final String MANIFEST = ClassifierDirectory.MANIFEST;
    /** Out-of-fold scores of the training events (k-fold training only). */
    static final String OOF_SCORES = "oof_scores.csv";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private ClassifyCommand() {
    }

    /** {@code classify train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a classifier and save it to a model directory.",
                "cwola / idealized: --data (signal-region data, class 1) vs --background (sampled or true background,"
                    + " class 0). supervised: the truth labels of --data (1 signal, 0 background), or --data = signal"
                    + " vs --background.",
                "With --folds K >= 2 every event is scored out of fold (oof_scores.csv) and the K fold models are"
                    + " kept; 'classify score' averages them."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--mode", required = true, paramLabel = "MODE",
                description = "cwola, idealized or supervised.")
        String mode;

        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Event tables (Parquet, CSV or CATHODE .npy; several files or quoted glob patterns are "
                        + "read as one).")
        List<String> dataFiles;

        @Option(names = "--background", arity = "1..*", paramLabel = "FILE",
                description = "Background event tables (required for cwola and idealized).")
        List<String> backgroundFiles;

        @Option(names = "--features", paramLabel = "LIST", defaultValue = "mj1,dmj,tau21_j1,tau21_j2",
                description = "Comma-separated feature columns (default ${DEFAULT-VALUE}).")
        String features;

        @Option(names = "--model", paramLabel = "KIND", defaultValue = "mlp",
                description = "mlp (neural network, recipe by --preset) or hgb (histogram gradient boosting); default "
                        + "${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
                description = "MLP recipe: default (measured best on LHCO R&D, docs/classifiers.md) or cathode (the "
                        + "CATHODE paper's: 100 epochs, 10 lowest-validation-loss epochs averaged); default "
                        + "${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--folds", paramLabel = "K", defaultValue = "1",
                description = "k-fold training (>= 2) or one model on all events (1, default).")
        int folds;

        @Option(names = "--epochs", paramLabel = "N",
                description = "MLP epochs, at most with early stopping (default: the preset's; its best-epoch ensemble "
                        + "takes at most N epochs).")
        Integer epochs;

        @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1",
                description = "Models per fold (or on all events without --folds) with derived seeds, their scores "
                        + "averaged (default ${DEFAULT-VALUE}); the scan's search.classifier.repeats is the same.")
        int ensemble;

        @Mixin
        CompressionOptions compressionOptions;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL_DIR", description = "Model directory.")
        Path output;

        @Option(names = "--overwrite", description = "Replace the model in an existing model directory.")
        boolean overwrite;

        @Option(names = "--drop-signal-labels",
                description = "Drop the events of --background whose truth label is 1 (signal) before training; "
                        + "without it such events are kept as background with a warning.")
        boolean dropSignalLabels;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            // Everything is validated before any training.
            TrainingMode m = switch (mode.toLowerCase(Locale.ROOT)) {
                case "cwola" -> TrainingMode.CWOLA;
                case "idealized", "idealised" -> TrainingMode.IDEALIZED;
                case "supervised" -> TrainingMode.SUPERVISED;
                default -> throw usage("--mode must be cwola, idealized or supervised, got '" + mode + "'");
            };
            if (!model.equals("mlp") && !model.equals("hgb")) {
                throw usage("--model must be mlp or hgb, got '" + model + "'");
            }
            if (!MlpConfig.PRESETS.contains(preset)) {
                throw usage("--preset must be one of " + String.join(", ", MlpConfig.PRESETS) + ", got '" + preset
                        + "'");
            }
            if (model.equals("hgb") && spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
                throw usage("--preset applies to --model mlp only");
            }
            if (folds < 1) {
                throw usage("--folds must be >= 1, got " + folds);
            }
            if (ensemble < 1 || ensemble > 100) {
                throw usage("--ensemble must be 1 to 100, got " + ensemble);
            }
            if (epochs != null && (epochs < 1 || model.equals("hgb"))) {
                throw usage(model.equals("hgb") ? "--epochs applies to --model mlp only" : "--epochs must be >= 1");
            }
            Compression compression = compressionOptions.compression();
            if (model.equals("hgb") && !compression.equals(Compression.NONE)) {
                throw usage("--qat, --prune and --finetune-epochs apply to --model mlp only");
            }
            if (m != TrainingMode.SUPERVISED && backgroundFiles == null) {
                throw usage("--mode " + mode + " needs --background (the "
                        + (m == TrainingMode.CWOLA ? "sampled" : "true") + " background, class 0)");
            }
            List<String> feats = parseFeatures(features);
            Common.requireModelDirectory(output, MANIFEST, overwrite, "trained model");
            List<Path> data = Inputs.expand(dataFiles, "--data");
            List<Path> background = backgroundFiles == null ? null : Inputs.expand(backgroundFiles, "--background");
            EventBatch d = read(data, "--data");
            EventBatch b = background == null ? null : signalLabelled(read(background, "--background"), background,
                    err);
            if (b != null && d.schema().contains("mjj") && b.schema().contains("mjj") && d.size() > 0 && b.size() > 0) {
                MjjCoverage.requireSame("--data " + names(data), d.column("mjj"), "--background " + names(background),
                        b.column("mjj"));
            }
            TrainingSet set = b == null ? TrainingSet.supervised(d, feats) : TrainingSet.of(m, d, b, feats);
            err.printf(Locale.ROOT, "classify train: %s, %s, %d class 1 + %d class 0 events, features %s%n",
                    m.name().toLowerCase(Locale.ROOT), model, set.count(1), set.count(0), feats);
            err.flush();

            int[] fold = {0};
            int trainings = folds * ensemble;
            ClassifierTrainer base;
            if (model.equals("mlp")) {
                MlpConfig cfg = MlpConfig.preset(preset).withSeed(seed);
                if (epochs != null) {
                    cfg = cfg.withEpochs(epochs, Math.min(cfg.ensembleSize(), epochs));
                }
                if (compression.pruned()) {
                    cfg = cfg.withEpochs(cfg.epochs(), Math.min(cfg.ensembleSize(), compression.finetuneEpochs()));
                }
                cfg = cfg.withCompression(compression);
                base = new MlpTrainer(cfg, (ep, n, loss, val) -> {
                    err.printf(Locale.ROOT, "%sepoch %d/%d: loss %.5f, validation loss %.5f%n",
                            prefix(fold[0], folds, trainings), ep, n, loss, val);
                    err.flush();
                });
            } else {
                base = new HgbTrainer(HgbConfig.defaults().withSeed(seed));
            }
            ClassifierTrainer trainer = new ClassifierTrainer() {
                @Override
                public Classifier fit(TrainingSet s) {
                    return fit(s, seed);
                }

                @Override
                public Classifier fit(TrainingSet s, long sd) {
                    fold[0]++;
                    err.printf(Locale.ROOT, "%straining on %d events%n", prefix(fold[0], folds, trainings), s.size());
                    err.flush();
                    long t = System.nanoTime();
                    Classifier c = base.fit(s, sd);
                    err.printf(Locale.ROOT, "%sdone in %s%n", prefix(fold[0], folds, trainings),
                            Progress.duration((System.nanoTime() - t) / 1e9));
                    err.flush();
                    return c;
                }
            };
            List<Classifier> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            KFoldScorer.Result kf = null;
            if (folds == 1) {
                members.addAll(SeedEnsemble.train(trainer, set, seed, ensemble));
                for (int r = 0; r < ensemble; r++) {
                    names.add(ensemble == 1 ? "model" : "model-" + r);
                }
            } else {
                kf = new KFoldScorer(trainer, folds, seed, ensemble).score(set);
                for (KFoldScorer.FoldModel fm : kf.models()) {
                    members.add(fm.classifier());
                    names.add(fm.name());
                }
            }
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                if (kf != null) {
                    try (BufferedWriter w = Files.newBufferedWriter(output.resolve(OOF_SCORES), StandardCharsets.UTF_8)) {
                        w.write("event_id,class,fold,score\n");
                        for (int i = 0; i < set.size(); i++) {
                            w.write(set.ids()[i] + "," + set.labels()[i] + "," + kf.folds()[i] + ","
                                    + kf.scores()[i] + "\n");
                        }
                    }
                }
                Map<String, String> p = new LinkedHashMap<>();
                p.put("mode", m.name());
                p.put("model", model);
                if (model.equals("mlp")) {
                    p.put("preset", preset);
                }
                p.put("features", String.join(",", feats));
                p.put("folds", Integer.toString(folds));
                p.put("ensemble", Integer.toString(ensemble));
                p.put("seed", Long.toString(seed));
                p.put("data", absolute(data));
                if (background != null) {
                    p.put("background", absolute(background));
                }
                p.put("events.class1", Integer.toString(set.count(1)));
                p.put("events.class0", Integer.toString(set.count(0)));
                ClassifierDirectory.write(output, members, names, p, "anomaly-search classify train");
                dir.commit();
            }
            out.printf(Locale.ROOT, "wrote %d model%s to %s%s%n", members.size(), members.size() == 1 ? "" : "s",
                    output, kf == null ? "" : " (out-of-fold scores of the training events: " + OOF_SCORES + ")");
            out.flush();
            return 0;
        }

        /**
         * The background class with its signal-labelled events (label 1) dropped with --drop-signal-labels, or kept
         * with a warning: a "background" file that holds signal (CATHODE's innerdata_test, say) would otherwise
         * teach the classifier that signal is background, without a word.
         */
        private EventBatch signalLabelled(EventBatch b, List<Path> files, PrintWriter err) {
            String background = names(files);
            List<Integer> keep = new ArrayList<>();
            int[] labels = b.labels();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 1) {
                    keep.add(i);
                }
            }
            int signal = labels.length - keep.size();
            if (signal == 0) {
                return b;
            }
            if (dropSignalLabels) {
                err.printf(Locale.ROOT, "classify train: dropped %,d signal-labelled events (label 1) of %s; %,d "
                        + "background events remain%n", signal, background, keep.size());
                err.flush();
                return EventBatches.rows(b, keep);
            }
            err.printf(Locale.ROOT, "warning: --background %s holds %,d signal-labelled events (label 1) of %,d; they "
                    + "are trained as background (class 0). Pass --drop-signal-labels to drop them%n", background,
                    signal, labels.length);
            err.flush();
            return b;
        }

        /** "fold i/K: " for k folds, "model i/N: " for ensembles, nothing for one model. */
        private static String prefix(int training, int folds, int trainings) {
            if (trainings == 1) {
                return "";
            }
            return trainings == folds ? "fold " + training + "/" + folds + ": "
                    : "model " + training + "/" + trainings + ": ";
        }

        private CommandLine.ParameterException usage(String msg) {
            return new CommandLine.ParameterException(spec.commandLine(), msg);
        }
    }

    /** {@code classify score}. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Score events with a model directory (the mean over its fold models); writes event_id,score.",
                "With --top F: also selects the top fraction F of the events by score (exactly round(F n) per group,"
                    + " at least 1; ties by input order), overall or, with --mjj-bins, separately in each mjj bin"
                    + " (TopSelection), and writes <output stem>_top.csv (event_id,mjj,score,bin of the selected"
                    + " events) and <output stem>_top_bins.csv (bin,mjj_lo,mjj_hi,events,selected,threshold)."})
    static final class Score implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "From 'classify train'.")
        Path modelDir;

        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Events to score (several files or quoted glob patterns are read as one).")
        List<String> inputFiles;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "CSV", description = "Scores (CSV).")
        Path output;

        @Option(names = "--overwrite", description = "Replace existing output files.")
        boolean overwrite;

        @Option(names = "--top", paramLabel = "F",
                description = "Also select the top fraction F in (0, 1] of the events by score (e.g. 0.01).")
        Double top;

        @Option(names = "--mjj-bins", paramLabel = "EDGES",
                description = "With --top: select per mjj bin; ascending bin edges in GeV, e.g. 3300,3400,3500,3600,3700"
                    + " (bin i = [e_i, e_i+1), the last bin includes its upper edge; events outside are not selected).")
        String mjjBins;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            double[] edges = validateTop();
            List<Classifier> members = loadModel(modelDir);
            Path[] topFiles = top == null ? new Path[0] : topFiles(output);
            for (Path f : concat(output, topFiles)) {
                if (Files.exists(f) && !overwrite) {
                    throw new InvalidInputException(f.toString(), null, "already exists",
                            "choose another -o or pass --overwrite");
                }
            }
            List<Path> inputs = Inputs.expand(inputFiles, "--input");
            String input = names(inputs);
            EventBatch batch = read(inputs, "--input");
            double[] mjj = null;
            if (top != null) {
                int j = batch.schema().indexOf("mjj");
                if (j < 0) {
                    throw new InvalidInputException(input, "mjj", "no mjj column; it has " + batch.schema(),
                            "--top writes the mjj of the selected events and --mjj-bins bins in it; pass an event table"
                                + " with mjj");
                }
                mjj = batch.columns()[j];
                for (int i = 0; i < mjj.length; i++) {
                    if (!Double.isFinite(mjj[i])) {
                        throw new InvalidInputException(input, "mjj", "event " + batch.ids()[i] + " is "
                                + mjj[i] + ", expected a finite number", "drop or repair events with missing mjj");
                    }
                }
            }
            double[][] x = TrainingSet.rows(batch, members.get(0).features(), input);
            for (int i = 0; i < x.length; i++) {
                for (int c = 0; c < x[i].length; c++) {
                    if (!Double.isFinite(x[i][c])) {
                        throw new InvalidInputException(input, members.get(0).features().get(c),
                                "event " + batch.ids()[i] + " is " + x[i][c] + ", expected a finite number",
                                "drop or repair events with missing features first");
                    }
                }
            }
            double[] s = new double[x.length];
            for (Classifier c : members) {
                double[] sc = c.score(x);
                for (int i = 0; i < s.length; i++) {
                    s[i] += sc[i] / members.size();
                }
            }
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                w.write("event_id,score\n");
                for (int i = 0; i < s.length; i++) {
                    w.write(batch.ids()[i] + "," + s[i] + "\n");
                }
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "scored %,d events with %d model%s; wrote %s%n", s.length,
                    members.size(), members.size() == 1 ? "" : "s", output);
            if (top != null) {
                writeTop(batch.ids(), s, mjj, edges, topFiles);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        /** The mjj bin edges (null = one group of all events), after checking --top and --mjj-bins. */
        private double[] validateTop() {
            if (top == null) {
                if (mjjBins != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--mjj-bins needs --top");
                }
                return null;
            }
            if (!(top > 0 && top <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--top must lie in (0, 1], got " + top);
            }
            if (mjjBins == null) {
                return null;
            }
            double[] e;
            try {
                e = Arrays.stream(mjjBins.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException ex) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mjj-bins: not a number list: "
                        + mjjBins);
            }
            if (e.length < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mjj-bins needs at least 2 edges, got "
                        + mjjBins);
            }
            for (int i = 0; i < e.length; i++) {
                if (!Double.isFinite(e[i]) || (i > 0 && !(e[i] > e[i - 1]))) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--mjj-bins must be finite and strictly increasing, got " + mjjBins);
                }
            }
            return e;
        }

        private void writeTop(long[] ids, double[] s, double[] mjj, double[] edges, Path[] files) throws IOException {
            TopSelection.Result r = edges == null ? TopSelection.top(s, top) : TopSelection.topPerBin(s, mjj, edges, top);
            int[] bin = new int[s.length];
            if (edges != null) {
                for (int i = 0; i < s.length; i++) {
                    bin[i] = TopSelection.binOf(mjj[i], edges);
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(files[0], StandardCharsets.UTF_8)) {
                w.write("event_id,mjj,score,bin\n");
                for (int i = 0; i < s.length; i++) {
                    if (r.selected()[i]) {
                        w.write(ids[i] + "," + mjj[i] + "," + s[i] + "," + bin[i] + "\n");
                    }
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(files[1], StandardCharsets.UTF_8)) {
                w.write("bin,mjj_lo,mjj_hi,events,selected,threshold\n");
                for (int g = 0; g < r.groupSize().length; g++) {
                    double lo = edges == null ? Double.NEGATIVE_INFINITY : edges[g];
                    double hi = edges == null ? Double.POSITIVE_INFINITY : edges[g + 1];
                    w.write(g + "," + lo + "," + hi + "," + r.groupSize()[g] + "," + r.groupSelected()[g] + ","
                            + r.thresholds()[g] + "\n");
                }
            }
            int inBins = Arrays.stream(r.groupSize()).sum();
            spec.commandLine().getOut().printf(Locale.ROOT, "selected the top %s of %,d events%s: %,d events; wrote %s"
                            + " and %s%n", top, inBins, edges == null ? "" : " in " + (edges.length - 1)
                            + " mjj bins (" + (s.length - inBins) + " outside)", r.count(), files[0], files[1]);
        }

        /** {@code X_top.csv} and {@code X_top_bins.csv} next to the scores file {@code X.csv}. */
        static Path[] topFiles(Path scores) {
            String name = scores.getFileName().toString();
            String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
            return new Path[] {scores.resolveSibling(stem + "_top.csv"), scores.resolveSibling(stem + "_top_bins.csv")};
        }

        private static List<Path> concat(Path a, Path[] b) {
            List<Path> l = new ArrayList<>(List.of(a));
            l.addAll(List.of(b));
            return l;
        }
    }

    /** {@code classify evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"ROC, AUC, SIC, max SIC (>= N background events passing) and background rejection at "
                + "fixed signal efficiencies, with bootstrap uncertainties; ROC and SIC plots.",
                "Scores are matched to the truth labels of --labels by event id."})
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--scores", required = true, paramLabel = "CSV", description = "event_id,score.")
        Path scores;

        @Option(names = "--labels", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Event tables with truth labels (1 signal, 0 background), in the order given to "
                        + "'classify score --input'.")
        List<String> labelFiles;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
        Path output;

        @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "200",
                description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
        int nBoot;

        @Option(names = "--min-background", paramLabel = "N", defaultValue = "25",
                description = "Background events that must pass at the max-SIC working point (default ${DEFAULT-VALUE}).")
        long minBackground;

        @Option(names = "--efficiencies", paramLabel = "LIST", defaultValue = "0.2,0.3,0.5",
                description = "Signal efficiencies of the rejection figures (default ${DEFAULT-VALUE}).")
        String efficiencies;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Bootstrap seed.")
        long seed;

        @Option(names = "--label", paramLabel = "TEXT", defaultValue = "classifier", description = "Legend text.")
        String label;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (nBoot < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap must be >= 2");
            }
            double[] effs;
            try {
                effs = Arrays.stream(efficiencies.split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                        .toArray();
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--efficiencies: not a number list: "
                        + efficiencies);
            }
            for (double e : effs) {
                if (!(e > 0 && e <= 1)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--efficiencies must lie in (0, 1], got " + e);
                }
            }
            Map<Long, Double> byId = readScores(scores);
            List<Path> labelPaths = Inputs.expand(labelFiles, "--labels");
            String labels = names(labelPaths);
            EventBatch truth = read(labelPaths, "--labels");
            Map<Long, Integer> labelById = new HashMap<>();
            for (int i = 0; i < truth.size(); i++) {
                int l = truth.labels()[i];
                if (labelById.put(truth.ids()[i], l) != null) {
                    throw new InvalidInputException(labels, "event_id", "event id " + truth.ids()[i]
                            + " occurs twice", "scores are matched by event id; ids must be unique");
                }
            }
            double[] s = new double[byId.size()];
            int[] y = new int[byId.size()];
            int k = 0;
            for (Map.Entry<Long, Double> e : byId.entrySet()) {
                Integer l = labelById.get(e.getKey());
                if (l == null) {
                    throw new InvalidInputException(scores.toString(), "event_id", "event " + e.getKey()
                            + " is not in " + labels, "score and label the same events");
                }
                if (l != 0 && l != 1) {
                    throw new InvalidInputException(labels, "label", "event " + e.getKey()
                            + " has truth label " + l + ", expected 0 or 1", "evaluation needs simulation with truth labels");
                }
                s[k] = e.getValue();
                y[k++] = l;
            }
            int nSig = Arrays.stream(y).sum();
            if (nSig == 0 || nSig == y.length) {
                throw new InvalidInputException(labels, "label", "the scored events hold no "
                        + (nSig == 0 ? "signal (label 1)" : "background (label 0)"),
                        "evaluation needs both signal and background events");
            }
            RocCurve roc = RocCurve.of(s, y);
            ClassifierMetrics.BootstrapResult b = ClassifierMetrics.bootstrap(s, y, null, minBackground, nBoot,
                    Seeds.derive(seed, "classify.evaluate"));
            WorkingPoint best = roc.maxSic(minBackground);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("scores", scores.toAbsolutePath().toString());
            doc.put("labels", absolute(labelPaths));
            doc.put("signalEvents", nSig);
            doc.put("backgroundEvents", y.length - nSig);
            doc.put("auc", estimate(b.auc()));
            Map<String, Object> ms = estimate(b.maxSic());
            ms.put("minBackground", minBackground);
            if (best != null) {
                ms.put("threshold", best.threshold());
                ms.put("signalEfficiency", best.tpr());
                ms.put("backgroundEfficiency", best.fpr());
                ms.put("backgroundPassing", best.backgroundPassing());
                ms.put("signalPassing", best.signalPassing());
            }
            doc.put("maxSic", ms);
            Map<String, Object> boot = new LinkedHashMap<>();
            boot.put("resamples", nBoot);
            boot.put("seed", seed);
            doc.put("bootstrap", boot);
            List<Object> rej = new ArrayList<>();
            for (double e : effs) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("signalEfficiency", e);
                r.put("backgroundEfficiency", roc.fprAt(e));
                r.put("rejection", roc.rejectionAt(e));
                rej.add(r);
            }
            doc.put("rejection", rej);
            doc.put("roc", thinned(roc, 2000));
            List<Path> files = new ArrayList<>();
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                Files.writeString(output.resolve("metrics.json"), Json.write(doc), StandardCharsets.UTF_8);

                // Plots: points with eps_B > 0 and at least minBackground background events passing (as max SIC).
                Optional<org.anomalysearch.export.plot.RocCurve> c = org.anomalysearch.export.plot.RocCurve.of(
                        String.format(Locale.ROOT, "%s (AUC %.3f)", label, b.auc().value()), roc, minBackground);
                if (c.isPresent()) {
                    files.addAll(Plots.write(RocPlot.rejection("ROC", List.of(c.get())), output.resolve("roc"),
                            Plots.Format.PNG, Plots.Format.SVG));
                    files.addAll(Plots.write(RocPlot.sic("SIC (>= " + minBackground + " background events)",
                            List.of(c.get())), output.resolve("sic"), Plots.Format.PNG, Plots.Format.SVG));
                    files.addAll(Plots.write(RocPlot.sicVsRejection("SIC against rejection (>= " + minBackground
                            + " background events)", List.of(c.get())), output.resolve("sic_rejection"),
                            Plots.Format.PNG, Plots.Format.SVG));
                }
                dir.commit();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%,d signal + %,d background events%n", nSig, y.length - nSig);
            out.printf(Locale.ROOT, "AUC %.4f +- %.4f%n", b.auc().value(), b.auc().std());
            out.printf(Locale.ROOT, "max SIC (>= %d background passing) %.2f +- %.2f%s%n", minBackground,
                    b.maxSic().value(), b.maxSic().std(), best == null ? "" : String.format(Locale.ROOT,
                            " at signal efficiency %.3f", best.tpr()));
            for (double e : effs) {
                out.printf(Locale.ROOT, "background rejection at signal efficiency %.2f: %.1f%n", e,
                        roc.rejectionAt(e));
            }
            out.printf(Locale.ROOT, "wrote %s%s%n", output.resolve("metrics.json"),
                    files.isEmpty() ? " (no plot: no working point with enough background)" : " and " + files.size()
                            + " plots");
            out.flush();
            return 0;
        }

        /** The ROC points (at most about {@code max}: every k-th point and the last), as columns. */
        private static Map<String, Object> thinned(RocCurve roc, int max) {
            int n = roc.size();
            int step = Math.max(1, (n + max - 1) / max);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i += step) {
                idx.add(i);
            }
            if (idx.get(idx.size() - 1) != n - 1) {
                idx.add(n - 1);
            }
            double[] sic = roc.sic();
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("points", idx.size());
            curve.put("of", n);
            curve.put("threshold", idx.stream().mapToDouble(i -> roc.thresholds()[i]).toArray());
            curve.put("signalEfficiency", idx.stream().mapToDouble(i -> roc.tpr()[i]).toArray());
            curve.put("backgroundEfficiency", idx.stream().mapToDouble(i -> roc.fpr()[i]).toArray());
            curve.put("sic", idx.stream().mapToDouble(i -> sic[i]).toArray());
            curve.put("backgroundPassing", idx.stream().mapToLong(i -> roc.backgroundPassing()[i]).toArray());
            return curve;
        }

        private static Map<String, Object> estimate(ClassifierMetrics.Estimate e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", e.value());
            m.put("std", e.std());
            m.put("q16", e.q16());
            m.put("q84", e.q84());
            return m;
        }
    }

    static List<String> parseFeatures(String s) {
        List<String> out = new ArrayList<>();
        for (String f : s.split(",")) {
            if (!f.isBlank()) {
                out.add(f.trim());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--features", null, "no feature named", "e.g. mj1,dmj,tau21_j1,tau21_j2");
        }
        if (out.stream().distinct().count() != out.size()) {
            throw new InvalidInputException("--features", null, "a feature is named twice: " + out,
                    "name each column once");
        }
        return out;
    }

    /** The whole event table, with a clear error for a missing file. */
    static EventBatch read(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(p.toString(), null, Files.exists(p) ? "is not a file" : "no such file",
                    "check the path given to " + option);
        }
        return read(List.of(p), option);
    }

    /** The whole of the event tables {@code files} (expanded by {@link Inputs#expand}), read as one. */
    static EventBatch read(List<Path> files, String option) {
        try (EventSource s = EventSource.open(files)) {
            return s.readAll();
        }
    }

    /** The files as messages name them: the one path, or all of them separated by commas. */
    static String names(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }

    /** The absolute paths, separated by commas (for the records). */
    static String absolute(List<Path> files) {
        return String.join(",", files.stream().map(f -> f.toAbsolutePath().toString()).toList());
    }

    /** The members of a model directory written by {@code classify train}. */
    static List<Classifier> loadModel(Path dir) throws IOException {
        return ClassifierDirectory.load(dir);
    }

    static Map<Long, Double> readScores(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(p.toString(), null, "no such file", "check the path given to --scores");
        }
        Map<Long, Double> m = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equals("event_id,score")) {
                throw new InvalidInputException(p.toString(), null, "header is '" + header + "', expected 'event_id,score'",
                        "pass the output of 'classify score'");
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                long id;
                double s;
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    id = Long.parseLong(parts[0].trim());
                    s = Double.parseDouble(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(p.toString(), "line " + n, "'" + line
                            + "' is not 'event_id,score'", "pass the output of 'classify score'");
                }
                if (!Double.isFinite(s)) {
                    throw new InvalidInputException(p.toString(), "line " + n, "score " + s + " is not finite",
                            "scores must be numbers");
                }
                if (m.put(id, s) != null) {
                    throw new InvalidInputException(p.toString(), "line " + n, "event id " + id + " occurs twice",
                            "score each event once");
                }
            }
        }
        if (m.isEmpty()) {
            throw new InvalidInputException(p.toString(), null, "holds no scores", "pass the output of 'classify score'");
        }
        return m;
    }
}
