package org.anomalysearch.fpga.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.anomalysearch.fpga.Python;
import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.MlpWeights.Activation;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.GraphProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX writer: read back by {@link OnnxMlp} with identical float32 weights; ONNX Runtime (Java) on the written
 * file agrees with a plain float32 forward pass to 1e-6; the emulator runs it; the file follows hls4ml's rules
 * (named nodes, shapes for every tensor, no tensor named input, opset 13, metadata); and, when Debian's python3-onnx
 * is present, {@code onnx.checker.check_model(full_check=True)} accepts it.
 */
class OnnxWriterTest {

    @TempDir
    Path dir;

    static MlpWeights randomWeights(long seed, Activation last, int... sizes) {
        return org.anomalysearch.fpga.TestModels.randomWeights(seed, last, sizes);
    }

    static float[][] randomInputs(long seed, int n, int d) {
        return org.anomalysearch.fpga.TestModels.randomInputs(seed, n, d);
    }

    private Path write(MlpWeights w) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("anomalysearch.provenance", "{\"test\":true}");
        Path f = dir.resolve("model.onnx");
        OnnxWriter.write(w, meta, f);
        return f;
    }

    @Test
    void readsBackIdenticalFloat32Weights() throws IOException {
        MlpWeights w = randomWeights(1, Activation.SIGMOID, 6, 16, 8, 1);
        OnnxMlp back = OnnxMlp.read(write(w));
        assertEquals("features", back.inputName());
        assertEquals("score", back.outputName());
        assertEquals(6, back.inputSize());
        assertSameModel(w.toOnnxMlp(), back);
        int dense = 0;
        for (OnnxMlp.Layer l : back.layers()) {
            if (l instanceof OnnxMlp.Dense d) {
                double[][] m = w.weights(dense);
                for (int i = 0; i < d.inputSize(); i++) {
                    for (int j = 0; j < d.outputSize(); j++) {
                        assertEquals((float) m[i][j], d.weight(i, j), "weight " + dense + "[" + i + "][" + j + "]");
                    }
                }
                for (int j = 0; j < d.outputSize(); j++) {
                    assertEquals((float) w.biases().get(dense)[j], d.bias()[j]);
                }
                dense++;
            }
        }
        assertEquals(3, dense);
        // plain weights survive a round trip to float32 precision
        MlpWeights again = MlpWeights.of(back);
        assertEquals(w.activations(), again.activations());
        assertEquals((float) w.weights(1)[3][5], (float) again.weights(1)[3][5]);
    }

    /** Same names, sizes and bit-identical float32 weights and biases. */
    static void assertSameModel(OnnxMlp a, OnnxMlp b) {
        assertEquals(a.inputName(), b.inputName());
        assertEquals(a.outputName(), b.outputName());
        assertEquals(a.inputSize(), b.inputSize());
        assertEquals(a.layers().size(), b.layers().size());
        for (int k = 0; k < a.layers().size(); k++) {
            OnnxMlp.Layer x = a.layers().get(k);
            OnnxMlp.Layer y = b.layers().get(k);
            if (x instanceof OnnxMlp.Dense d) {
                OnnxMlp.Dense e = (OnnxMlp.Dense) y;
                assertEquals(d.name(), e.name());
                assertEquals(d.biasName(), e.biasName());
                assertEquals(d.inputSize(), e.inputSize());
                assertEquals(d.outputSize(), e.outputSize());
                assertArrayEquals(d.weights(), e.weights(), "weights of " + d.name());
                assertArrayEquals(d.bias(), e.bias(), "bias of " + d.name());
            } else {
                assertEquals(x, y);
            }
        }
    }

    @Test
    void followsHls4mlRules() throws IOException {
        MlpWeights w = randomWeights(2, Activation.NONE, 4, 8, 3);
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(write(w)));
        assertEquals(OnnxWriter.IR_VERSION, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals(13, m.getOpsetImport(0).getVersion());
        assertEquals("anomaly-search", m.getProducerName());
        assertFalse(m.getProducerVersion().isEmpty());
        Map<String, String> meta = new LinkedHashMap<>();
        m.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertEquals("{\"test\":true}", meta.get("anomalysearch.provenance"));
        assertEquals("[\"feature_0\",\"feature_1\",\"feature_2\",\"feature_3\"]",
                meta.get(OnnxWriter.FEATURE_NAMES_KEY));
        GraphProto g = m.getGraph();
        List<String> ops = g.getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("MatMul", "Add", "Relu", "MatMul", "Add"), ops, "no Gemm; linear last layer");
        Set<String> shaped = new HashSet<>();
        for (List<ValueInfoProto> l : List.of(g.getInputList(), g.getValueInfoList(), g.getOutputList())) {
            for (ValueInfoProto v : l) {
                assertTrue(v.getType().getTensorType().hasShape(), v.getName());
                shaped.add(v.getName());
            }
        }
        Set<String> nodeNames = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            assertFalse(n.getName().isEmpty());
            assertTrue(nodeNames.add(n.getName()), "unique node name " + n.getName());
            for (String t : n.getInputList()) {
                assertTrue(shaped.contains(t), "shape of " + t);
                assertFalse(t.equals("input"));
            }
            for (String t : n.getOutputList()) {
                assertTrue(shaped.contains(t), "shape of " + t);
            }
        }
        g.getInitializerList().forEach(t -> assertTrue(shaped.contains(t.getName()), t.getName()));
        assertEquals("N", g.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(List.of(3L), List.of(g.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue()));
    }

    @Test
    void onnxRuntimeAgreesWithFloat32ForwardPass() throws IOException, OrtException {
        for (Activation last : List.of(Activation.SIGMOID, Activation.NONE)) {
            MlpWeights w = randomWeights(3, last, 6, 32, 16, 2);
            Path f = write(w);
            OnnxMlp mlp = OnnxMlp.read(f);
            float[][] x = randomInputs(4, 500, 6);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[][] ort;
            try (OrtSession s = env.createSession(f.toString(), new OrtSession.SessionOptions());
                 OnnxTensor t = OnnxTensor.createTensor(env, x);
                 OrtSession.Result r = s.run(Map.of("features", t))) {
                ort = (float[][]) r.get(0).getValue();
            }
            assertEquals(x.length, ort.length);
            double maxDiff = 0;
            for (int e = 0; e < x.length; e++) {
                float[] java = mlp.forwardFloat32(x[e]);
                double[] dbl = forwardDouble(w, x[e]);
                for (int j = 0; j < java.length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(java[j] - ort[e][j]));
                    assertEquals(dbl[j], ort[e][j], 1e-5, "ORT vs double-precision weights, event " + e);
                }
            }
            assertTrue(maxDiff <= 1e-6, last + ": max |ORT - Java float32| = " + maxDiff);
        }
    }

    /** An independent double-precision forward pass on the unrounded weights. */
    private static double[] forwardDouble(MlpWeights w, float[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i];
        }
        for (int k = 0; k < w.layerCount(); k++) {
            double[][] m = w.weights(k);
            double[] out = w.biases().get(k).clone();
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += v[i] * m[i][j];
                }
            }
            for (int j = 0; j < out.length; j++) {
                switch (w.activations().get(k)) {
                    case RELU -> out[j] = Math.max(0, out[j]);
                    case SIGMOID -> out[j] = 1 / (1 + Math.exp(-out[j]));
                    default -> { }
                }
            }
            v = out;
        }
        return v;
    }

    @Test
    void emulatorRunsTheWrittenModel() throws IOException {
        MlpWeights w = randomWeights(5, Activation.SIGMOID, 6, 16, 8, 1);
        OnnxMlp mlp = OnnxMlp.read(write(w));
        MlpEmulator wide = MlpEmulator.of(mlp, PrecisionConfig.model("fixed<24,8,RND,SAT>"));
        MlpEmulator narrow = MlpEmulator.of(mlp, PrecisionConfig.model("fixed<8,3>"));
        float[][] x = randomInputs(6, 200, 6);
        int differ = 0;
        for (float[] row : x) {
            double f = mlp.forwardFloat32(row)[0];
            // the sigmoid table has 1024 entries over [-8, 8): its step is 1/64 in x, slope <= 1/4
            assertEquals(f, wide.predict(row)[0], 1.0 / 64 / 4 + 1e-3);
            if (narrow.predict(row)[0] != wide.predict(row)[0]) {
                differ++;
            }
        }
        assertTrue(differ > 50, "8-bit types must change outputs, changed " + differ);
        assertEquals(List.of("dense0_matmul", "act0_relu"),
                mlp.layers().stream().limit(2).map(OnnxMlp.Layer::name).toList());
        assertTrue(wide.describe().get(1).startsWith("Dense dense0_matmul"), wide.describe().get(1));
    }

    /** Rewriting hls4ml's reference model keeps its node names and its bit-exact emulation. */
    @Test
    void rewritingTheReferenceModelKeepsItsEmulation() throws IOException {
        Path ref = SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx");
        OnnxMlp original = OnnxMlp.read(ref);
        Path f = dir.resolve("rewritten.onnx");
        OnnxWriter.write(original, Map.of(), f);
        OnnxMlp back = OnnxMlp.read(f);
        assertSameModel(original, back);
        MlpEmulator a = MlpEmulator.of(original, PrecisionConfig.model("fixed<16,6>"));
        MlpEmulator b = MlpEmulator.of(back, PrecisionConfig.model("fixed<16,6>"));
        for (float[] row : randomInputs(7, 300, 4)) {
            assertArrayEquals(a.predict(row), b.predict(row));
        }
    }

    @Test
    void rejectsNamesHls4mlCannotTake() {
        OnnxMlp m = randomWeights(8, Activation.SIGMOID, 3, 4, 1).toOnnxMlp();
        OnnxMlp bad = new OnnxMlp("input", m.outputName(), m.inputSize(), m.layers());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> OnnxWriter.toModel(bad, Map.of()));
        assertTrue(e.getMessage().contains("'input'"), e.getMessage());
        List<OnnxMlp.Layer> dup = new ArrayList<>(m.layers());
        dup.add(new OnnxMlp.Activation("act0_relu", OnnxMlp.ActivationKind.SIGMOID, 1));
        UnsupportedModelException e2 = assertThrows(UnsupportedModelException.class,
                () -> OnnxWriter.toModel(new OnnxMlp("input", "score", 3, dup), Map.of()));
        assertTrue(e2.getMessage().contains("'input'") && e2.getMessage().contains("act0_relu"),
                "all problems at once: " + e2.getMessage());
    }

    static boolean pythonOnnxAvailable() {
        return Python.canImport("/usr/bin/python3", "onnx");
    }

    @Test
    @EnabledIf("pythonOnnxAvailable")
    void onnxCheckerAcceptsTheWrittenModel() throws IOException, InterruptedException {
        Path f = write(randomWeights(9, Activation.SIGMOID, 5, 12, 1));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); "
                        + "onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True); print('ok')",
                f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.strip().endsWith("ok"), out);
    }
}
