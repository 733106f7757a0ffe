package org.anomalysearch.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.Classifiers;
import org.anomalysearch.cwola.HgbClassifier;
import org.anomalysearch.cwola.MlpClassifier;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.scan.LabelledData;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.anomalysearch.io.Formats;
import org.anomalysearch.jobs.fpga.MlpHandoff;
import org.anomalysearch.jobs.fpga.TreeHandoff;
import org.anomalysearch.jobs.fpga.TriggerHandoff;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.Scan;
import org.anomalysearch.trigger.TriggerFeatures;
import org.anomalysearch.trigger.TriggerModel;
import picocli.CommandLine.Option;

/**
 * The {@code --model} of the {@code fpga} commands and how a trained classifier becomes the network or the trees
 * they work on: an ONNX file, a conifer JSON file ({@code .json}), or a model directory written by
 * {@code classify train} (or one classifier directory inside it).
 *
 * <p>MLP classifiers: the standardisation is folded into the first Dense layer, so the exported network takes the
 * raw features in the classifier's order ({@code --standardised-inputs} keeps z = (x - mean) / std as input); one
 * member is exported (the lowest validation loss over every fold model's members unless {@code --member K}, a flat
 * index in manifest order), or with {@code --whole-ensemble} every member side by side followed by their mean (the
 * classifier's own score, still MatMul + Add + activations). The last layer is a sigmoid (the score) or, with
 * {@code --logit}, linear. Boosted trees: the fold model {@code --member K} (default 0) as a conifer ensemble.
 * Trigger models (a {@code trigger train} directory): the network plus its anomaly score ({@link TriggerHandoff}) on
 * standardised features z, the score layers in {@code --score-precision}.
 */
final class FpgaModelOptions {

    @Option(names = "--model", paramLabel = "MODEL",
            description = "An .onnx file, a conifer .json file, or a model directory from 'classify train'.")
    Path model;

    @Option(names = "--run", paramLabel = "RUN_DIR",
            description = "Instead of --model: a finished run directory (runs/NAME); its chosen window's classifier "
                    + "(results.json scan.chosen.classifier, in models/).")
    Path run;

    @Option(names = "--member", paramLabel = "K",
            description = "For a classifier directory: which ensemble member (MLP: a flat index over the fold models' "
                    + "members; default: the lowest validation loss) or which fold model (trees; default 0).")
    Integer member;

    @Option(names = "--whole-ensemble",
            description = "For an MLP classifier directory: all members side by side (block-diagonal) and their mean, "
                    + "as one network (the classifier's own score).")
    boolean wholeEnsemble;

    @Option(names = "--standardised-inputs",
            description = "For an MLP classifier directory: the network takes standardised features (done upstream) "
                    + "instead of raw ones (default: the standardisation folded into the first layer).")
    boolean standardisedInputs;

    @Option(names = "--logit", description = "For an MLP classifier directory: no sigmoid on the last layer.")
    boolean logit;

    @Option(names = "--score-precision", paramLabel = "TYPE",
            description = "For a 'trigger train' directory: the type of the score's difference, squares and sum "
                    + "(accumulator and result); default " + TriggerHandoff.DEFAULT_SCORE_PRECISION
                    + " (signed for the AE's difference, sums up to 2048, rounding, saturating instead of wrapping). "
                    + "The ones of the sum are always ufixed<1,1>.")
    String scorePrecision;

    @Option(names = "--backend", defaultValue = "xilinxhls", paramLabel = "NAME",
            description = "Trees: the conifer backend whose arithmetic the expected outputs follow, xilinxhls (the HLS "
                    + "firmware, default) or cpp (conifer's C++ emulation).")
    String backend;

    /** The classifier a finished run kept for its chosen window. */
    static Path chosenClassifier(Path run) throws IOException {
        Path results = run.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new InvalidInputException(run.toString(), null, Files.isDirectory(run) ? "holds no results.json"
                    : "no such run directory", "pass a finished run's directory (runs/NAME), or --model");
        }
        Scan scan = ResultsCodec.readResults(results).scan();
        if (scan == null || scan.chosen() == null) {
            throw new InvalidInputException(results.toString(), "scan.chosen", "the run kept no classifier (no ML "
                    + "scan, or no window's fit converged)", "run with the search section (--stage cwola), or pass "
                    + "--model");
        }
        return run.resolve(scan.chosen().classifier());
    }

    /** The trees' conifer backend. */
    TreeEmulator.Backend backend() {
        return TreeEmulator.Backend.parse(backend);
    }

    /**
     * What the commands work on: an MLP ({@link #mlp}) or trees ({@link #trees}).
     *
     * @param mlp       the network (null for trees)
     * @param weights   the network's weights when it comes from a classifier (null for an ONNX file)
     * @param trees     the ensemble (null for an MLP)
     * @param features  the classifier's features in input order (empty for an ONNX or JSON file)
     * @param handoff   how the network takes its inputs (null unless from an MLP classifier)
     * @param trigger   the trigger model's network and input scaling (null unless from a trigger directory)
     * @param metadata  provenance for the export
     * @param notes     what was chosen, for the user
     */
    record Resolved(OnnxMlp mlp, MlpWeights weights, TreeEnsemble trees, List<String> features,
            MlpHandoff.Result handoff, TriggerHandoff.Result trigger, Map<String, String> metadata,
            List<String> notes) {

        boolean isTrees() {
            return trees != null;
        }

        /** A clear error for commands that take an MLP only. */
        OnnxMlp requireMlp(String command) {
            if (mlp == null) {
                throw new InvalidInputException("--model", null, "'" + command + "' takes an MLP; this model is a "
                        + "boosted-tree ensemble", "fpga export, emulate and scan take trees; cost estimates are for "
                                + "MLPs (hls4ml) only");
            }
            return mlp;
        }
    }

    /** Reads the model (every check before any work). */
    Resolved resolve() throws IOException {
        if ((model == null) == (run == null)) {
            throw new InvalidInputException("--model", null, model == null ? "neither --model nor --run is given"
                    : "both --model and --run are given", "pass one: a model file or directory, or a run directory");
        }
        if (run != null) {
            model = chosenClassifier(run);
        }
        boolean classifierOptions = member != null || wholeEnsemble || standardisedInputs || logit;
        if (Files.isDirectory(model) && TriggerHandoff.isTriggerDirectory(model)) {
            if (classifierOptions) {
                throw new InvalidInputException(model.toString(), null, "--member, --whole-ensemble, "
                        + "--standardised-inputs and --logit apply to a classifier directory, not to a trigger model",
                        "drop them: a trigger model is exported as one network on standardised features");
            }
            TriggerHandoff.Result t = TriggerHandoff.of(TriggerModel.load(model));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("anomalysearch.export.triggerDirectory", model.toAbsolutePath().toString());
            meta.putAll(t.metadata());
            return new Resolved(t.network(), null, null, t.features(), null, t, meta, t.notes());
        }
        if (scorePrecision != null) {
            throw new InvalidInputException(model.toString(), "--score-precision", "applies to a 'trigger train' "
                    + "directory only", "drop it, or pass a directory holding " + TriggerModel.META_FILE);
        }
        if (Files.isDirectory(model)) {
            return fromClassifiers(model, loadClassifiers(model));
        }
        Formats.requireReadableFile(model);
        if (classifierOptions) {
            throw new InvalidInputException(model.toString(), null, "--member, --whole-ensemble, "
                    + "--standardised-inputs and --logit apply to a classifier directory, not to a file",
                    "drop them, or pass the 'classify train' directory");
        }
        if (model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            TreeEnsemble t = TreeEnsemble.readConiferJson(model);
            return new Resolved(null, null, t, List.of(), null, null, Map.of(), List.of());
        }
        return new Resolved(OnnxMlp.read(model), null, null, List.of(), null, null, Map.of(), List.of());
    }

    /**
     * The precisions of the resolved model at a model-wide precision: for a trigger model, the score layers in
     * {@code --score-precision} (default {@link TriggerHandoff#DEFAULT_SCORE_PRECISION}).
     */
    PrecisionConfig precision(Resolved r, PrecisionConfig model) {
        if (r.trigger() == null) {
            return model;
        }
        FixedType score = FixedType.parse(scorePrecision == null ? TriggerHandoff.DEFAULT_SCORE_PRECISION
                : scorePrecision);
        return r.trigger().withScoreTypes(model, score);
    }

    /** The classifiers of a 'classify train' directory (its manifest) or of one classifier directory. */
    static List<Classifier> loadClassifiers(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(ClassifyCommand.MANIFEST))) {
            return ClassifyCommand.loadModel(dir);
        }
        if (Files.isRegularFile(dir.resolve(Classifiers.META_FILE))) {
            return List.of(Classifiers.load(dir));
        }
        throw new InvalidInputException(dir.toString(), null, "is a directory with neither "
                + ClassifyCommand.MANIFEST + " nor " + Classifiers.META_FILE,
                "pass the -o directory of 'classify train', or an .onnx / conifer .json file");
    }

    private Resolved fromClassifiers(Path dir, List<Classifier> cs) {
        Classifier first = cs.get(0);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("anomalysearch.export.classifierDirectory", dir.toAbsolutePath().toString());
        List<String> notes = new ArrayList<>();
        if (first instanceof HgbClassifier) {
            if (wholeEnsemble || standardisedInputs || logit) {
                throw new InvalidInputException(dir.toString(), "kind", "boosted trees take no --whole-ensemble, "
                        + "--standardised-inputs or --logit", "the conifer export is the decision function (logit) "
                                + "of one fold model on raw features");
            }
            int k = member == null ? 0 : member;
            if (k < 0 || k >= cs.size()) {
                throw new InvalidInputException(dir.toString(), "--member", k + " does not exist",
                        "choose a fold model 0.." + (cs.size() - 1));
            }
            TreeEnsemble t = TreeHandoff.of(cs.get(k));
            meta.put("anomalysearch.export.foldModel", Integer.toString(k));
            notes.add(String.format(Locale.ROOT, "exported fold model %d of %d: %d trees on raw features %s; the "
                    + "decision function is the logit%s", k, cs.size(), t.trees().size(), t.featureNames(),
                    cs.size() > 1 ? "; the directory's score is the mean of " + cs.size() + " fold models' "
                            + "probabilities, which is not one ensemble" : ""));
            return new Resolved(null, null, t, first.features(), null, null, meta, notes);
        }
        List<MlpClassifier> mlps = new ArrayList<>();
        for (Classifier c : cs) {
            mlps.add(MlpHandoff.mlp(c));
        }
        MlpHandoff.Output output = logit ? MlpHandoff.Output.LOGIT : MlpHandoff.Output.SIGMOID;
        MlpHandoff.Inputs inputs = standardisedInputs ? MlpHandoff.Inputs.STANDARDISED : MlpHandoff.Inputs.RAW;
        MlpHandoff.Result r;
        if (wholeEnsemble) {
            if (member != null) {
                throw new InvalidInputException(dir.toString(), "--member", "given with --whole-ensemble",
                        "choose one of them");
            }
            r = MlpHandoff.wholeEnsemble(mlps, inputs, output);
        } else {
            int[] fm = member == null ? MlpHandoff.bestMember(mlps) : MlpHandoff.flatMember(mlps, member);
            r = MlpHandoff.of(mlps.get(fm[0]), fm[1], inputs, output);
            meta.put("anomalysearch.export.foldModel", Integer.toString(fm[0]));
            if (mlps.size() > 1) {
                notes.add("from fold model " + fm[0] + " of " + mlps.size() + (member == null
                        ? " (the lowest validation loss over all fold models' members)" : ""));
            }
        }
        meta.putAll(r.metadata());
        notes.addAll(r.notes());
        return new Resolved(r.weights().toOnnxMlp(), r.weights(), null, first.features(), r, null, meta, notes);
    }

    /** Input events for the model: an event table (selected by the classifier's features) or plain numbers. */
    double[][] inputs(Resolved r, Path input) throws IOException {
        Formats.requireReadableFile(input);
        int n = r.isTrees() ? r.trees().featureNames().size() : r.mlp().inputSize();
        if (r.trigger() != null && !startsWithNumbers(input)) {
            EventBatch b = ClassifyCommand.read(input, "--input");
            return EmulatorIo.toDouble(r.trigger().networkInputs(TriggerFeatures.of(b, input.toString())));
        }
        if (!r.features().isEmpty() && isEventTable(input)) {
            EventBatch b = ClassifyCommand.read(input, "--input");
            double[][] raw = TrainingSet.rows(b, r.features(), input.toString());
            return r.handoff() == null ? raw : EmulatorIo.toDouble(r.handoff().networkInputs(raw));
        }
        if (r.isTrees()) {
            return EmulatorIo.readDoubles(input, n);
        }
        return EmulatorIo.toDouble(EmulatorIo.readFeatures(input, n));
    }

    /** Labelled events for a scan: an event table with labels 0/1, or the labelled CSV of {@link LabelledData}. */
    LabelledData labelled(Resolved r, Path data, String labelColumn) throws IOException {
        Formats.requireReadableFile(data);
        if (!r.features().isEmpty() && isEventTable(data)) {
            EventBatch b = ClassifyCommand.read(data, "--data");
            int[] y = b.labels().clone();
            for (int e = 0; e < y.length; e++) {
                if (y[e] != 0 && y[e] != 1) {
                    throw new InvalidInputException(data.toString(), "label", "event " + b.ids()[e] + " has label "
                            + y[e] + ", expected 0 or 1", "scan on labelled events (background 0, signal 1)");
                }
            }
            double[][] raw = TrainingSet.rows(b, r.features(), data.toString());
            float[][] x = r.handoff() == null ? EmulatorIo.toFloat(raw) : r.handoff().networkInputs(raw);
            return new LabelledData(r.features(), x, y);
        }
        return LabelledData.readCsv(data, labelColumn);
    }

    /**
     * Whether a file is plain numbers (its first line that is not blank or a '#' comment starts with a digit, a sign
     * or a point): for a trigger model, the standardised network inputs z; anything else is read as events.
     */
    static boolean startsWithNumbers(Path p) throws IOException {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".dat")) || Formats.gzipped(p)) {
            return false;
        }
        try (BufferedReader br = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            for (String line = br.readLine(); line != null; line = br.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                char c = t.charAt(0);
                return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
            }
            return false;
        }
    }

    /** Parquet, npy, HDF5, or a CSV whose header names an event_id column: an event table. */
    static boolean isEventTable(Path p) throws IOException {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith(".npy") || name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return true;
        }
        if (name.endsWith(".csv") && !Formats.gzipped(p)) {
            try (BufferedReader br = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                String first = br.readLine();
                return first != null && List.of(first.split(",")).contains("event_id");
            }
        }
        return name.endsWith(".csv.gz");
    }
}
