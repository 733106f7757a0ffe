package org.anomalysearch.jobs.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.MlpClassifier;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.cost.CostEstimate;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.export.ExportOptions;
import org.anomalysearch.fpga.export.FpgaExport;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.fpga.qat.FakeQuant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A tiny MLP trained with cwola's DJL trainer on a toy, exported through {@link MlpHandoff} and {@link FpgaExport}:
 * ONNX Runtime on the written model.onnx agrees with the DJL forward pass (NDArray arithmetic on the PyTorch engine)
 * of the same ensemble member to 1e-6, for standardised inputs and for raw inputs with the folded standardisation.
 */
class MlpHandoffTest {

    private static final List<String> FEATURES = List.of("mass", "width", "ratio");
    private static final double[] OFFSET = {300, -2, 0.5};
    private static final double[] SCALE = {50, 3, 0.2};

    @TempDir
    static Path dir;

    private static MlpClassifier classifier;
    private static double[][] evalX;

    /** Background N(offset, scale) per feature, signal shifted by +1 scale in the first two; not standardised. */
    static double[][] toy(int n, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            boolean sig = labels != null ? labels[i] == 1 : i % 2 == 0;
            for (int c = 0; c < 3; c++) {
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                x[i][c] = OFFSET[c] + SCALE[c] * (g + (sig && c < 2 ? 1.0 : 0.0));
            }
        }
        return x;
    }

    /** n toy events, alternately background and signal, labelled. */
    static TrainingSet labelled(int n, long seed) {
        int[] y = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            ids[i] = i;
        }
        return new TrainingSet(TrainingMode.SUPERVISED, FEATURES, toy(n, y, seed), y, ids);
    }

    @BeforeAll
    static void train() {
        TrainingSet set = labelled(3000, 11);
        MlpConfig cfg = MlpConfig.cathode().withHidden(16, 8).withEpochs(4, 3).withBatchSize(128).withSeed(5);
        classifier = MlpHandoff.mlp(new MlpTrainer(cfg).fit(set));
        evalX = toy(400, null, 12);
    }

    @Test
    void onnxRuntimeAgreesWithDjlForwardPassStandardisedInputs() throws IOException, OrtException {
        MlpHandoff.Result r = MlpHandoff.of(classifier);
        assertEquals(classifier.bestMember(), r.member());
        check(r, "standardised");
    }

    @Test
    void onnxRuntimeAgreesWithDjlForwardPassRawInputsFoldedStandardisation() throws IOException, OrtException {
        int other = (classifier.bestMember() + 1) % classifier.ensembleSize();
        MlpHandoff.Result r = MlpHandoff.of(classifier, other, MlpHandoff.Inputs.RAW, MlpHandoff.Output.SIGMOID);
        assertEquals(other, r.member());
        check(r, "raw");
    }

    private static void check(MlpHandoff.Result r, String name) throws IOException, OrtException {
        float[][] netIn = r.networkInputs(evalX);
        Path out = dir.resolve(name);
        FpgaExport.Result res = FpgaExport.export(r.weights(), r.metadata(), PrecisionConfig.model("fixed<16,6>"),
                ExportOptions.defaults(), java.util.Arrays.copyOf(netIn, 20), out);
        for (String f : List.of("model.onnx", "hls4ml_config.yml", "tb_data/tb_input_features.dat",
                "tb_data/tb_output_predictions.dat", "export.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " written");
            assertTrue(res.files().contains(f), f + " listed");
        }
        assertEquals(20, Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat")).size());
        String summary = Files.readString(out.resolve("export.json"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"anomalysearch.export.member\": \"" + r.member() + "\"")
                || summary.contains("\"anomalysearch.export.member\":\"" + r.member() + "\""), summary);

        float[][] ort;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(out.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, netIn);
             OrtSession.Result o = s.run(Map.of("features", t))) {
            ort = (float[][]) o.get(0).getValue();
        }
        float[] djl = djlForward(r.member(), standardised(evalX));
        double[] java = classifier.scoreMember(evalX, r.member());
        double maxDiff = 0;
        for (int e = 0; e < evalX.length; e++) {
            maxDiff = Math.max(maxDiff, Math.abs(ort[e][0] - djl[e]));
            assertEquals(java[e], djl[e], 1e-6, "plain-Java member score vs DJL, event " + e);
        }
        System.out.printf(Locale.ROOT, "%s inputs, member %d: max |ONNX Runtime - DJL| = %.3g over %d events%n",
                name, r.member(), maxDiff, evalX.length);
        assertTrue(maxDiff <= 1e-6, name + ": max |ONNX Runtime - DJL| = " + maxDiff);
    }

    /** z = (x - mean) / std in double, then float: exactly how MlpTrainer feeds the network. */
    private static float[][] standardised(double[][] x) {
        double[] m = classifier.inputMean();
        double[] s = classifier.inputStd();
        float[][] z = new float[x.length][m.length];
        for (int e = 0; e < x.length; e++) {
            for (int i = 0; i < m.length; i++) {
                z[e][i] = (float) ((x[e][i] - m[i]) / s[i]);
            }
        }
        return z;
    }

    /** The member's forward pass with DJL NDArrays on the PyTorch engine: Linear (x W^T + b), ReLU, sigmoid. */
    private static float[] djlForward(int member, float[][] z) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] flat = new float[z.length * z[0].length];
            for (int e = 0; e < z.length; e++) {
                System.arraycopy(z[e], 0, flat, e * z[0].length, z[0].length);
            }
            NDArray a = m.create(flat, new Shape(z.length, z[0].length));
            int n = classifier.layerCount(member);
            for (int k = 0; k < n; k++) {
                float[][] w = classifier.weight(member, k);
                float[] wf = new float[w.length * w[0].length];
                for (int o = 0; o < w.length; o++) {
                    System.arraycopy(w[o], 0, wf, o * w[0].length, w[0].length);
                }
                NDArray wa = m.create(wf, new Shape(w.length, w[0].length));
                a = a.matMul(wa.transpose()).add(m.create(classifier.bias(member, k)));
                a = k < n - 1 ? Activation.relu(a) : Activation.sigmoid(a);
            }
            return a.reshape(-1).toFloatArray();
        }
    }

    @Test
    void qatPrunedMemberExportsOnTheGridWithItsZerosAndHalfTheDsps() throws IOException {
        TrainingSet set = labelled(2000, 13);
        String p = "fixed<10,3,RND,SAT>";
        MlpConfig cfg = MlpConfig.cathode().withHidden(16, 8).withEpochs(3, 2).withBatchSize(128).withSeed(6)
                .withCompression(Compression.of(p, 0.5, 2, "--qat", "--prune", "--finetune-epochs"));
        MlpClassifier c = MlpHandoff.mlp(new MlpTrainer(cfg).fit(set));
        MlpHandoff.Result r = MlpHandoff.of(c);
        Path out = dir.resolve("qat");
        FpgaExport.export(r.weights(), r.metadata(), PrecisionConfig.model(p), ExportOptions.defaults(),
                java.util.Arrays.copyOf(r.networkInputs(evalX), 5), out);
        OnnxMlp written = OnnxMlp.read(out.resolve("model.onnx"));
        FakeQuant fq = FakeQuant.of(FixedType.parse(p));
        int zeros = 0;
        int weights = 0;
        for (OnnxMlp.Layer l : written.layers()) {
            if (l instanceof OnnxMlp.Dense d) {
                for (float w : d.weights()) {
                    assertTrue(fq.onGrid(w), "written weight " + w + " on the grid of " + p);
                    zeros += w == 0f ? 1 : 0;
                    weights++;
                }
                for (float b : d.bias()) {
                    assertTrue(fq.onGrid(b), "written bias " + b + " on the grid of " + p);
                }
            }
        }
        assertTrue(2 * zeros >= weights, zeros + " zeros of " + weights);
        CostEstimate cost = CostEstimate.of(written, PrecisionConfig.model(p), 1, 5);
        assertTrue(2 * cost.dspHls4ml() <= cost.dspHls4mlDense(), cost.toTable());
        assertTrue(MlpHandoff.of(c, 0, MlpHandoff.Inputs.RAW, MlpHandoff.Output.SIGMOID).notes().stream()
                .anyMatch(s -> s.contains("off that grid")));
    }

    @Test
    void foldedStandardisationIsExactAlgebra() {
        MlpWeights std = MlpHandoff.of(classifier, 0, MlpHandoff.Inputs.STANDARDISED, MlpHandoff.Output.LOGIT)
                .weights();
        MlpWeights raw = MlpHandoff.of(classifier, 0, MlpHandoff.Inputs.RAW, MlpHandoff.Output.LOGIT).weights();
        double[] m = classifier.inputMean();
        double[] s = classifier.inputStd();
        double[][] w = std.weights(0);
        double[][] wr = raw.weights(0);
        for (int j = 0; j < w[0].length; j++) {
            double b = std.biases().get(0)[j];
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i][j] / s[i], wr[i][j], 1e-15 * Math.abs(w[i][j] / s[i]));
                b -= w[i][j] * m[i] / s[i];
            }
            assertEquals(b, raw.biases().get(0)[j], 1e-9);
        }
        assertEquals(MlpWeights.Activation.NONE, std.activations().get(std.layerCount() - 1));
        assertEquals(MlpWeights.Activation.RELU, std.activations().get(0));
        // weights transposed: [in][out]
        assertEquals(classifier.weight(0, 0)[2][1], (float) w[1][2]);
    }

    @Test
    void nonMlpClassifierAndMissingMemberAreRefused() {
        int n = 400;
        int[] y = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            ids[i] = i;
        }
        Classifier hgb = new HgbTrainer(HgbConfig.defaults()).fit(new TrainingSet(TrainingMode.SUPERVISED, FEATURES,
                toy(n, y, 3), y, ids));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MlpHandoff.mlp(hgb));
        assertTrue(e.getMessage().contains("not an MLP"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> MlpHandoff.of(classifier, classifier.ensembleSize(),
                MlpHandoff.Inputs.STANDARDISED, MlpHandoff.Output.SIGMOID));
    }
}
