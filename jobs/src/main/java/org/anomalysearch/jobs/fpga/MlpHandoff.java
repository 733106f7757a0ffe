package org.anomalysearch.jobs.fpga;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.MlpClassifier;
import org.anomalysearch.fpga.onnx.MlpWeights.Activation;
import org.anomalysearch.fpga.onnx.MlpWeights;


/**
 * One member of a trained cwola MLP ensemble as plain {@link MlpWeights} for {@code fpga-export}
 * ({@code OnnxWriter}, {@code FpgaExport}, {@code PrecisionScan}).
 *
 * <p>An ensemble (the mean of the members' sigmoid outputs) is not a single MLP, so one member is exported: by
 * default the one with the lowest validation loss ({@link MlpClassifier#bestMember()}); the member, its epoch and
 * validation loss go to the metadata and the notes. Weights are transposed from DJL's {@code [out][in]} to
 * {@code [in][out]}; hidden layers get ReLU; the last layer gets a sigmoid (the member's probability, as the
 * classifier scores) or nothing (the logit, monotonic in it, so the same selections and AUC in float).
 *
 * <p>The classifier standardises its inputs, z = (x - mean) / std. Two representations:
 * <ul>
 * <li>{@link Inputs#STANDARDISED} (the default, what physicists put on an FPGA): the network takes z; the
 * standardisation is done upstream (in the trigger's feature computation) and its mean and std go to the metadata.
 * Inputs are O(1), so a few integer bits suffice.</li>
 * <li>{@link Inputs#RAW}: the standardisation is folded exactly into the first Dense layer
 * ({@link MlpWeights#foldStandardisation}), so the network takes raw features (GeV for masses). Still a plain MLP,
 * but raw masses of several hundred GeV overflow typical fixed-point types such as ap_fixed&lt;16,6&gt;.</li>
 * </ul>
 */
public final class MlpHandoff {

    /** What the exported network takes as input. */
    public enum Inputs {
        /** Standardised features z = (x - mean) / std (standardisation upstream). */
        STANDARDISED,
        /** Raw features; the standardisation folded into the first Dense layer. */
        RAW
    }

    /** The output of the exported network. */
    public enum Output {
        /** sigmoid(logit): the member's probability, as the classifier scores. */
        SIGMOID,
        /** The logit (no activation on the last layer). */
        LOGIT
    }

    /**
     * An exported member.
     *
     * @param weights  the network
     * @param member   which ensemble member (0-based)
     * @param inputs   the input representation
     * @param mean     the standardisation mean per feature
     * @param std      the standardisation std per feature
     * @param metadata provenance for the ONNX metadata_props (classifier provenance plus the hand-off's choices)
     * @param notes    human-readable remarks (which member, which inputs)
     */
    public record Result(MlpWeights weights, int member, Inputs inputs, double[] mean, double[] std,
            Map<String, String> metadata, List<String> notes) {
        public Result {
            mean = mean.clone();
            std = std.clone();
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            notes = List.copyOf(notes);
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }

        /** Rows of raw features as the exported network takes them (standardised for {@link Inputs#STANDARDISED}). */
        public float[][] networkInputs(double[][] raw) {
            return MlpHandoff.networkInputs(raw, inputs, mean, std);
        }
    }

    private MlpHandoff() {
    }

    /** The cwola classifier as an MLP, or a clear error for other kinds (e.g. boosted trees). */
    public static MlpClassifier mlp(Classifier c) {
        if (c instanceof MlpClassifier m) {
            return m;
        }
        throw new InvalidInputException("classifier", "kind", "'" + c.kind() + "' is not an MLP",
                "the FPGA MLP export takes classifiers trained with the 'mlp' kind");
    }

    /** The best member (lowest validation loss), standardised inputs, sigmoid output. */
    public static Result of(MlpClassifier c) {
        return of(c, c.bestMember(), Inputs.STANDARDISED, Output.SIGMOID);
    }

    /** A chosen member in a chosen representation. */
    public static Result of(MlpClassifier c, int member, Inputs inputs, Output output) {
        if (member < 0 || member >= c.ensembleSize()) {
            throw new InvalidInputException("classifier", "ensemble member", member + " does not exist",
                    "choose 0.." + (c.ensembleSize() - 1));
        }
        int n = c.layerCount(member);
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        List<Activation> a = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            w.add(c.weight(member, k));
            b.add(c.bias(member, k));
            a.add(k < n - 1 ? Activation.RELU : output == Output.SIGMOID ? Activation.SIGMOID : Activation.NONE);
        }
        double[] mean = c.inputMean();
        double[] std = c.inputStd();
        MlpWeights weights = MlpWeights.ofOutIn(w, b, a, c.features());
        if (inputs == Inputs.RAW) {
            weights = weights.foldStandardisation(mean, std);
        }
        double[] vl = c.memberValidationLoss();
        double[] ep = c.memberEpochs();
        Map<String, String> meta = new LinkedHashMap<>();
        c.provenance().forEach((k, v) -> {
            if (!k.equals("lossHistory")) {
                meta.put("anomalysearch.classifier." + k, v);
            }
        });
        meta.put("anomalysearch.export.member", Integer.toString(member));
        meta.put("anomalysearch.export.memberOf", Integer.toString(c.ensembleSize()));
        meta.put("anomalysearch.export.memberEpoch", fmt(ep[member]));
        meta.put("anomalysearch.export.memberValidationLoss", fmt(vl[member]));
        meta.put("anomalysearch.export.inputs", inputs.name());
        meta.put("anomalysearch.export.output", output.name());
        meta.put("anomalysearch.export.standardisationMean", join(mean));
        meta.put("anomalysearch.export.standardisationStd", join(std));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "exported ensemble member %d of %d (epoch %s, validation loss %s%s); "
                + "the classifier's score is the mean of %d members' sigmoid outputs, which is not a single MLP",
                member, c.ensembleSize(), fmt(ep[member]), fmt(vl[member]),
                member == c.bestMember() ? ", the lowest" : "", c.ensembleSize()));
        notes.add(inputs == Inputs.STANDARDISED
                ? "inputs are standardised features z = (x - mean) / std of " + c.features() + "; the "
                        + "standardisation (mean " + join(mean) + ", std " + join(std) + ") is done upstream"
                : "inputs are raw features " + c.features() + "; the standardisation is folded into the first "
                        + "Dense layer");
        String qat = c.provenance().get("config.qat");
        if (inputs == Inputs.RAW && qat != null && !qat.equals("none")) {
            notes.add("trained quantization-aware at " + qat + ", but the standardisation folded into the first Dense "
                    + "layer moves its weights off that grid; export with standardised inputs to keep them on it");
        }
        return new Result(weights, member, inputs, mean, std, meta, notes);
    }

    /** {fold model, member} of the member with the lowest validation loss over all fold models (ties: first). */
    public static int[] bestMember(List<MlpClassifier> folds) {
        int[] best = {0, folds.get(0).bestMember()};
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int f = 0; f < folds.size(); f++) {
            int m = folds.get(f).bestMember();
            double loss = folds.get(f).memberValidationLoss()[m];
            if (loss < bestLoss) {
                bestLoss = loss;
                best = new int[] {f, m};
            }
        }
        return best;
    }

    /** {fold model, member} of a flat member index over the fold models in order. */
    public static int[] flatMember(List<MlpClassifier> folds, int flat) {
        int k = flat;
        for (int f = 0; f < folds.size(); f++) {
            if (k >= 0 && k < folds.get(f).ensembleSize()) {
                return new int[] {f, k};
            }
            k -= folds.get(f).ensembleSize();
        }
        int total = folds.stream().mapToInt(MlpClassifier::ensembleSize).sum();
        throw new InvalidInputException("classifier", "ensemble member", flat + " does not exist",
                "choose 0.." + (total - 1) + " (members of all fold models, in order)");
    }

    /**
     * Every member of every fold model as one network computing their mean ({@link MlpWeights#sideBySide}): the
     * score of the directory, as {@code classify score} computes it (the mean over fold models of the mean over
     * members is the mean over all members when every fold model has the same number of members). Each member gets
     * its own fold model's standardisation folded in, so the inputs are raw ({@link Inputs#STANDARDISED} only when
     * all fold models share one standardisation).
     */
    public static Result wholeEnsemble(List<MlpClassifier> folds, Inputs inputs, Output output) {
        List<MlpWeights> members = new ArrayList<>();
        MlpClassifier first = folds.get(0);
        for (MlpClassifier c : folds) {
            if (!c.features().equals(first.features()) || c.ensembleSize() != first.ensembleSize()) {
                throw new InvalidInputException("classifier", "fold models", "differ in features or ensemble size",
                        "export one member with --member instead");
            }
            if (inputs == Inputs.STANDARDISED && (!Arrays.equals(c.inputMean(), first.inputMean())
                    || !Arrays.equals(c.inputStd(), first.inputStd()))) {
                throw new InvalidInputException("classifier", "standardisation", "the fold models standardise "
                        + "differently, so no single standardised input serves them all",
                        "export the whole ensemble on raw inputs (without --standardised-inputs)");
            }
            for (int m = 0; m < c.ensembleSize(); m++) {
                members.add(of(c, m, inputs, output).weights());
            }
        }
        MlpWeights all = MlpWeights.sideBySide(members);
        Map<String, String> meta = new LinkedHashMap<>();
        first.provenance().forEach((k, v) -> {
            if (!k.equals("lossHistory")) {
                meta.put("anomalysearch.classifier." + k, v);
            }
        });
        meta.put("anomalysearch.export.member", "all");
        meta.put("anomalysearch.export.memberOf", Integer.toString(members.size()));
        meta.put("anomalysearch.export.inputs", inputs.name());
        meta.put("anomalysearch.export.output", output.name());
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "exported the whole ensemble: %d members (%d fold model%s x %d) side by "
                + "side, block-diagonal, then their mean (weights 1/%d%s)", members.size(), folds.size(),
                folds.size() == 1 ? "" : "s", first.ensembleSize(), members.size(),
                Integer.bitCount(members.size()) == 1 ? ", exact in fixed point"
                        : ", quantized like any weight in fixed point"));
        if (output == Output.LOGIT) {
            notes.add("the mean of the members' logits, not the classifier's score (the mean of their sigmoids)");
        }
        notes.add(inputs == Inputs.STANDARDISED ? "inputs are standardised features of " + first.features()
                : "inputs are raw features " + first.features() + "; each member's standardisation is folded into "
                        + "its first-layer block");
        return new Result(all, -1, inputs, first.inputMean(), first.inputStd(), meta, notes);
    }

    static float[][] networkInputs(double[][] raw, Inputs inputs, double[] mean, double[] std) {
        float[][] out = new float[raw.length][];
        for (int e = 0; e < raw.length; e++) {
            if (raw[e].length != mean.length) {
                throw new InvalidInputException("events", "row " + e, raw[e].length + " values, expected "
                        + mean.length, "one value per classifier feature");
            }
            out[e] = new float[mean.length];
            for (int i = 0; i < mean.length; i++) {
                out[e][i] = (float) (inputs == Inputs.STANDARDISED ? (raw[e][i] - mean[i]) / std[i] : raw[e][i]);
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "unknown" : v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String join(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(d -> Double.toString(d)).toList());
    }
}
