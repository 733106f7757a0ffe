package org.anomalysearch.jobs.fpga;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.trigger.TriggerModel;
import org.anomalysearch.trigger.TriggerModelKind;

/**
 * A trained trigger model ({@code trigger train}) as one network with its anomaly score, for {@code fpga-export}:
 * the encoder (and, for the autoencoder, the decoder) as MatMul + Add layers with ReLU on the hidden ones, then the
 * score arithmetic as layers hls4ml builds (its Merge layers and a Dense):
 * <ul>
 * <li>AE: {@code Sub(z, recon)} ({@value #SUB}), {@code Mul(v, v)} ({@value #SQUARE}), {@code MatMul(v2, ones[n, 1])}
 * ({@value #SUM}, no bias): score = sum_j (z_j - d(e(z))_j)^2;</li>
 * <li>VAE: {@code Mul(mu, mu)}, {@code MatMul(v2, ones[k, 1])}: score = sum_k mu_k^2.</li>
 * </ul>
 * The network takes the standardised features z = (x - mean) / std ({@value #INPUT}), as the trigger model does
 * internally; the standardisation is the firmware's input scaling, done upstream, and its mean and std go to the
 * metadata and to {@value #SCALING_FILE}. Weights are transposed from the model's {@code [out][in]} to
 * {@code [in][out]}; values are the model's float32 weights.
 *
 * <p>The score layers get their own types ({@link #withScoreTypes}): one score precision for the difference, the
 * squares, and the sum's accumulator and result, and {@link #ONES_TYPE} for the ones (1.0 wraps to -1 in a signed
 * type with one integer bit). The model precision is rarely right for a sum of squares: at {@code fixed<12,4>} the
 * hls4ml references show more than half of the AE scores wrapped negative.
 */
public final class TriggerHandoff {
    /** The graph input: standardised features. */
    public static final String INPUT = "z";
    /** The graph output: the anomaly score. */
    public static final String OUTPUT = "score";
    /** The AE's difference layer (hls4ml Merge subtract). */
    public static final String SUB = "score_sub";
    /** The squares (hls4ml Merge multiply). */
    public static final String SQUARE = "score_square";
    /** The sum: a Dense of ones without bias. */
    public static final String SUM = "score_sum_matmul";
    /** The weight type of the ones: holds 1 exactly. */
    public static final FixedType ONES_TYPE = FixedType.unsigned(1, 1);
    /**
     * The default score precision, {@code fixed<24,12,RND,SAT>}: signed (the AE's difference is), 12 integer bits
     * (scores up to 2048, sums of squares of standardised features are O(n) for ordinary events), 12 fractional bits
     * (finer than the network's usual fixed<16,6>, so the difference is exact and each square is rounded to 2^-13);
     * rounding so the sum of n squares is not biased down by up to n steps; saturation so a score above the range
     * stays at the top (still above any threshold) instead of wrapping to a small or negative value and hiding the
     * most anomalous events.
     */
    public static final String DEFAULT_SCORE_PRECISION = "fixed<24,12,RND,SAT>";
    /** The export directory's record of the input scaling. */
    public static final String SCALING_FILE = "input_scaling.json";

    private TriggerHandoff() {
    }

    /**
     * A trigger model as a network.
     *
     * @param network  the network plus the score tail
     * @param model    the trigger model (its kind, features and standardisation)
     * @param metadata provenance for the ONNX metadata_props
     * @param notes    human-readable remarks
     */
    public record Result(OnnxMlp network, TriggerModel model, Map<String, String> metadata, List<String> notes) {
        public Result {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            notes = List.copyOf(notes);
        }

        /** AE or VAE. */
        public TriggerModelKind kind() {
            return model.kind();
        }

        /** The raw features in input order. */
        public List<String> features() {
            return model.features();
        }

        /** Raw feature rows as the network takes them: z = (x - mean) / std, rounded to float32. */
        public float[][] networkInputs(double[][] raw) {
            return MlpHandoff.networkInputs(raw, MlpHandoff.Inputs.STANDARDISED, model.inputMean(), model.inputStd());
        }

        /**
         * {@code p} with the score layers' types: {@code score} for the difference's and the squares' results and
         * the sum's accumulator and result, {@link #ONES_TYPE} for the ones. An AE needs a signed score type (its
         * difference is signed).
         */
        public PrecisionConfig withScoreTypes(PrecisionConfig p, FixedType score) {
            PrecisionConfig out = p;
            if (kind() == TriggerModelKind.AE) {
                if (!score.signed()) {
                    throw new InvalidInputException("--score-precision", null, score.toHls4mlString() + " is "
                            + "unsigned, but the autoencoder's difference z - recon is signed", "give a signed type, "
                                    + "e.g. '" + DEFAULT_SCORE_PRECISION + "'");
                }
                out = out.withLayer(SUB, "result", score);
            }
            return out.withLayer(SQUARE, "result", score).withLayer(SUM, "accum", score)
                    .withLayer(SUM, "result", score).withLayer(SUM, "weight", ONES_TYPE);
        }

        /** The input scaling as JSON (for {@value #SCALING_FILE}). */
        public String scalingJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", INPUT);
            m.put("formula", "z_i = (x_i - mean_i) / std_i, done upstream of the network (the firmware's input "
                    + "scaling)");
            m.put("features", model.features());
            m.put("mean", Arrays.stream(model.inputMean()).boxed().toList());
            m.put("std", Arrays.stream(model.inputStd()).boxed().toList());
            m.put("output", OUTPUT + ": " + (kind() == TriggerModelKind.AE ? "sum_j (z_j - recon_j)^2"
                    : "sum_k mu_k^2"));
            return Json.write(m) + "\n";
        }
    }

    /** Whether {@code dir} is a {@code trigger train} output (it holds {@link TriggerModel#META_FILE}). */
    public static boolean isTriggerDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(TriggerModel.META_FILE));
    }

    /** The network of a trigger model with its score tail. */
    public static Result of(TriggerModel m) {
        List<OnnxMlp.Layer> layers = new ArrayList<>();
        add(layers, "enc", m.encoder());
        int n = m.features().size();
        if (m.kind() == TriggerModelKind.AE) {
            add(layers, "dec", m.decoder());
            layers.add(new OnnxMlp.Subtract(SUB, n));
        }
        int k = layers.get(layers.size() - 1).outputSize();
        layers.add(new OnnxMlp.Square(SQUARE, k));
        float[] ones = new float[k];
        Arrays.fill(ones, 1f);
        layers.add(new OnnxMlp.Dense(SUM, null, k, 1, ones, null));
        OnnxMlp net = new OnnxMlp(INPUT, OUTPUT, n, layers);
        Map<String, String> meta = new LinkedHashMap<>();
        m.provenance().forEach((key, v) -> meta.put("anomalysearch.trigger." + key, v));
        meta.put("anomalysearch.export.kind", "trigger-" + m.kind().id());
        meta.put("anomalysearch.export.inputs", "STANDARDISED");
        meta.put("anomalysearch.export.output", m.kind() == TriggerModelKind.AE ? "score = sum_j (z_j - recon_j)^2"
                : "score = sum_k mu_k^2");
        meta.put("anomalysearch.feature_names", Json.write(m.features()));
        meta.put("anomalysearch.export.standardisationMean", join(m.inputMean()));
        meta.put("anomalysearch.export.standardisationStd", join(m.inputStd()));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "trigger %s: the network takes standardised features z = (x - mean) / "
                + "std of %s (the firmware's input scaling, done upstream; mean and std in %s) and outputs the "
                + "anomaly score %s", m.kind().id(), m.features(), SCALING_FILE,
                m.kind() == TriggerModelKind.AE ? "sum_j (z_j - recon_j)^2" : "sum_k mu_k^2"));
        return new Result(net, m, meta, notes);
    }

    private static void add(List<OnnxMlp.Layer> layers, String prefix, List<TriggerModel.Layer> part) {
        for (int li = 0; li < part.size(); li++) {
            TriggerModel.Layer l = part.get(li);
            float[] wOutIn = l.w();
            float[] w = new float[l.in() * l.out()];
            for (int o = 0; o < l.out(); o++) {
                for (int i = 0; i < l.in(); i++) {
                    w[i * l.out() + o] = wOutIn[o * l.in() + i];
                }
            }
            String name = prefix + li;
            layers.add(new OnnxMlp.Dense(name + "_matmul", name + "_add", l.in(), l.out(), w, l.b()));
            if (li < part.size() - 1) {
                layers.add(new OnnxMlp.Activation(name + "_relu", OnnxMlp.ActivationKind.RELU, l.out()));
            }
        }
    }

    private static String join(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Double::toString).toList());
    }
}
