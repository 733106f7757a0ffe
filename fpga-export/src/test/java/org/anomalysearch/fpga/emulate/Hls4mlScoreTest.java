package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.UnsupportedModelException;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The emulator against hls4ml's C simulation of a trigger model's network plus its anomaly score (the committed
 * references in the test resources' {@code hls4ml_score/}, made by its {@code make_models.py} and
 * {@code run_hls4ml.py} with hls4ml v1.3.0+17): an autoencoder with {@code Sub(z, recon)}, {@code Mul(v, v)} and a
 * MatMul by ones, and a VAE encoder with the last two, each at four precision sets read from the configurations
 * hls4ml was given. Every one of the 2,000 rows must be bit-exact (fast long path; the BigInteger path and the
 * overflow-counting path on every 8th row). The references can tell a wrong type: each score type is pinned by at
 * least one precision set (one bit less changes outputs), and the four precision sets give different outputs.
 */
class Hls4mlScoreTest {
    static final String DIR = "hls4ml_score/";
    static final List<String> TAGS = List.of("fixed16_6", "fixed8_3", "fixed10_3_RND_SAT", "fixed12_4_model");

    static Path resource(String name) {
        URL u = Hls4mlScoreTest.class.getResource(DIR + name);
        if (u == null) {
            throw new IllegalStateException(DIR + name + " is missing from the test resources");
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The precisions of one model's hls4ml configuration (config_TAG.json, as run_hls4ml.py passed it). */
    @SuppressWarnings("unchecked")
    static PrecisionConfig precision(String modelFile, String tag) throws IOException {
        Map<String, Object> all = new Yaml().load(Files.readString(resource("config_" + tag + ".json")));
        Map<String, Object> cfg = (Map<String, Object>) all.get(modelFile);
        Map<String, Object> model = (Map<String, Object>) cfg.get("Model");
        String p = (String) ((Map<String, Object>) model.get("Precision")).get("default");
        PrecisionConfig c = PrecisionConfig.model(p);
        Map<String, Object> layers = (Map<String, Object>) cfg.get("LayerName");
        for (Map.Entry<String, Object> e : layers.entrySet()) {
            Map<String, String> vars = (Map<String, String>) ((Map<String, Object>) e.getValue()).get("Precision");
            if (vars != null && !vars.isEmpty()) {
                c = c.withLayer(e.getKey(), vars);
            }
        }
        return c;
    }

    static double[] expected(String prefix, String tag) throws IOException {
        List<String> lines = Files.readAllLines(resource(prefix + "_" + tag + ".csv"));
        double[] out = new double[lines.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = Double.parseDouble(lines.get(r).trim());
        }
        return out;
    }

    static double[] emulate(OnnxMlp model, PrecisionConfig p, float[][] inputs) {
        MlpEmulator e = MlpEmulator.of(model, p);
        double[] out = new double[inputs.length];
        for (int r = 0; r < inputs.length; r++) {
            double[] y = e.predict(inputs[r]);
            assertEquals(1, y.length);
            out[r] = y[0];
        }
        return out;
    }

    @ParameterizedTest(name = "{0} at {2}")
    @CsvSource({
        "ae_score.onnx, outputs_ae, fixed16_6", "ae_score.onnx, outputs_ae, fixed8_3",
        "ae_score.onnx, outputs_ae, fixed10_3_RND_SAT", "ae_score.onnx, outputs_ae, fixed12_4_model",
        "vae_score.onnx, outputs_vae, fixed16_6", "vae_score.onnx, outputs_vae, fixed8_3",
        "vae_score.onnx, outputs_vae, fixed10_3_RND_SAT", "vae_score.onnx, outputs_vae, fixed12_4_model"})
    void everyRowBitExact(String modelFile, String prefix, String tag) throws IOException {
        OnnxMlp model = OnnxMlp.read(resource(modelFile));
        float[][] inputs = Hls4mlReferenceTest.readInputs(resource("inputs.csv"));
        double[] want = expected(prefix, tag);
        assertEquals(2000, inputs.length);
        assertEquals(inputs.length, want.length, "one reference output per input row");
        PrecisionConfig p = precision(modelFile, tag);
        MlpEmulator fast = MlpEmulator.of(model, p);
        assertTrue(fast.usesLongArithmetic());
        MlpEmulator reference = MlpEmulator.reference(model, p);
        List<String> bad = new ArrayList<>();
        for (int r = 0; r < inputs.length; r++) {
            double got = fast.predict(inputs[r])[0];
            if (Double.compare(got, want[r]) != 0) {
                bad.add("row " + (r + 1) + ": got " + FixedValue.exactString(got) + ", hls4ml "
                        + FixedValue.exactString(want[r]));
            }
            if (r % 8 == 0) {
                assertEquals(got, reference.predict(inputs[r])[0], "reference path, row " + (r + 1));
                long[] counts = new long[fast.layerNames().size()];
                assertEquals(got, fast.predictCountingOverflows(inputs[r], counts)[0], "counting path, row " + (r + 1));
            }
        }
        assertTrue(bad.isEmpty(), (inputs.length - bad.size()) + " of " + inputs.length + " rows equal hls4ml's "
                + prefix + "_" + tag + ", first differences: " + bad.subList(0, Math.min(5, bad.size())) + "\n"
                + String.join("\n", fast.describe()));
    }

    /** The four precision sets give four different output columns for each model (else a type could hide). */
    @Test
    void precisionSetsGiveDistinctOutputs() throws IOException {
        for (String prefix : List.of("outputs_ae", "outputs_vae")) {
            Set<List<Double>> seen = new HashSet<>();
            for (String tag : TAGS) {
                List<Double> column = new ArrayList<>();
                for (double v : expected(prefix, tag)) {
                    column.add(v);
                }
                assertTrue(seen.add(column), prefix + "_" + tag + " equals another precision set's outputs");
            }
        }
    }

    /**
     * Every score type the references set is pinned by them: for each, in at least one precision set, one bit less
     * (a fractional bit, or an integer bit) makes the emulator disagree with hls4ml somewhere (where a type is wider
     * than its values need, e.g. an accumulator with more fractional bits than the squares, no reference can tell);
     * and 1.0 in a signed weight type with one integer bit (where it wraps to -1) changes outputs in every set.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ae_score.onnx, outputs_ae", "vae_score.onnx, outputs_vae"})
    void everyScoreTypeIsPinned(String modelFile, String prefix) throws IOException {
        OnnxMlp model = OnnxMlp.read(resource(modelFile));
        float[][] inputs = Hls4mlReferenceTest.readInputs(resource("inputs.csv"));
        List<String[]> variables = new ArrayList<>();
        if (modelFile.startsWith("ae")) {
            variables.add(new String[] {"score_sub", "result"});
        }
        variables.add(new String[] {"score_square", "result"});
        variables.add(new String[] {"score_sum_matmul", "accum"});
        variables.add(new String[] {"score_sum_matmul", "result"});
        List<String> overridden = TAGS.subList(0, 3); // the sets that override the score types
        for (String[] v : variables) {
            List<String> pinnedBy = new ArrayList<>();
            for (String tag : overridden) {
                PrecisionConfig p = precision(modelFile, tag);
                double[] want = expected(prefix, tag);
                FixedType t = p.type(v[0], v[1]);
                for (int lessInteger = 0; lessInteger <= 1; lessInteger++) {
                    FixedType coarser = new FixedType(t.width() - 1, t.integerBits() - lessInteger, t.signed(),
                            t.quantization(), t.overflow(), 0);
                    if (!Arrays.equals(emulate(model, p.withLayer(v[0], v[1], coarser), inputs), want)) {
                        pinnedBy.add(tag + " (" + coarser + ")");
                    }
                }
            }
            assertFalse(pinnedBy.isEmpty(), v[0] + "." + v[1] + ": no reference tells a one-bit-narrower type");
        }
        for (String tag : overridden) {
            FixedType signedOne = FixedType.signed(4, 1); // [-1, 1): 1.0 wraps to -1
            double[] got = emulate(model, precision(modelFile, tag).withLayer("score_sum_matmul", "weight",
                    signedOne), inputs);
            assertFalse(Arrays.equals(got, expected(prefix, tag)), "ones in " + signedOne + " at " + tag);
        }
    }

    /** The score tail in any other form is refused, naming the node. */
    @Test
    void otherFormsOfSubAndMulAreRefusedNamingTheNode() throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(resource("ae_score.onnx")));
        ModelProto swapped = withNode(m, "score_sub", n -> n.toBuilder().setInput(0, n.getInput(1))
                .setInput(1, n.getInput(0)).build());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> OnnxMlp.of(swapped, "swapped.onnx"));
        assertTrue(e.getMessage().contains("'score_sub'") && e.getMessage().contains("Sub must subtract"),
                e.getMessage());
        ModelProto byConstant = withNode(m, "score_square", n -> n.toBuilder().setInput(1, "score_sum_matmul_W")
                .build());
        e = assertThrows(UnsupportedModelException.class, () -> OnnxMlp.of(byConstant, "mul.onnx"));
        assertTrue(e.getMessage().contains("'score_square'") && e.getMessage().contains("Mul must multiply"),
                e.getMessage());
        ModelProto div = withNode(m, "score_square", n -> n.toBuilder().setOpType("Div").build());
        e = assertThrows(UnsupportedModelException.class, () -> OnnxMlp.of(div, "div.onnx"));
        assertTrue(e.getMessage().contains("'score_square': unsupported operator Div"), e.getMessage());
    }

    /** The layers hls4ml builds, with their types, as {@code fpga emulate --describe} prints them. */
    @Test
    void describeListsTheScoreLayers() throws IOException {
        OnnxMlp model = OnnxMlp.read(resource("ae_score.onnx"));
        List<String> d = MlpEmulator.of(model, precision("ae_score.onnx", "fixed8_3")).describe();
        String text = String.join("\n", d);
        assertTrue(text.contains("Merge score_sub (subtract: input - previous): result ap_fixed<10,5>"), text);
        assertTrue(text.contains("Merge score_square (multiply: previous * previous): result ap_fixed<14,9>"), text);
        assertTrue(text.contains("Dense score_sum_matmul (10 -> 1): weight ap_ufixed<1,1>"), text);
        assertTrue(d.get(d.size() - 1).endsWith("accum ap_fixed<16,11>, result ap_ufixed<12,10>"), text);
    }

    private static ModelProto withNode(ModelProto m, String name, java.util.function.UnaryOperator<NodeProto> f) {
        ModelProto.Builder b = m.toBuilder();
        for (int k = 0; k < b.getGraph().getNodeCount(); k++) {
            if (b.getGraph().getNode(k).getName().equals(name)) {
                b.getGraphBuilder().setNode(k, f.apply(b.getGraph().getNode(k)));
            }
        }
        return b.build();
    }
}
