package org.anomalysearch.fpga.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.Python;
import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxWriter;
import org.anomalysearch.fpga.onnx.UnsupportedModelException;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hls4ml export: tb_data from the emulator equal hls4ml's own C-simulation outputs for the reference MLP, the
 * config pins every layer type, the model reads back; nothing is written when anything is wrong.
 */
class FpgaExportTest {

    @TempDir
    Path dir;

    private static float[][] head(float[][] x, int n) {
        return Arrays.copyOf(x, n);
    }

    @Test
    void exportsTheReferenceModelWithHls4mlsOwnOutputs() throws IOException {
        Path model = SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx");
        float[][] inputs = EmulatorIo.readFeatures(model.resolveSibling("inputs.csv"), 4);
        Path out = dir.resolve("export");
        FpgaExport.Result r = FpgaExport.export(model, Map.of("anomalysearch.test", "yes"),
                PrecisionConfig.model("fixed<16,6>"), ExportOptions.defaults().withReuseFactor(2), head(inputs, 200),
                out);
        assertEquals(List.of("model.onnx", "hls4ml_config.yml", "tb_data/tb_input_features.dat",
                "tb_data/tb_output_predictions.dat", "export.json"), r.files());
        assertEquals(200, r.events());
        assertEquals(2, r.cost().reuseFactor());
        for (String f : r.files()) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        // the emulator's predictions are hls4ml's C simulation, text for text
        List<String> want = Files.readAllLines(model.resolveSibling("outputs_fixed16_6.csv")).subList(0, 200);
        assertEquals(want.stream().map(String::strip).toList(),
                Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat")));
        // inputs: space-separated, read back to the same float32 values
        List<String> tbIn = Files.readAllLines(out.resolve("tb_data/tb_input_features.dat"));
        assertEquals(200, tbIn.size());
        for (int i = 0; i < 200; i++) {
            String[] f = tbIn.get(i).split(" ");
            assertEquals(4, f.length);
            for (int c = 0; c < 4; c++) {
                assertEquals(inputs[i][c], Float.parseFloat(f[c]), "row " + i);
                assertFalse(f[c].contains("E"), f[c]);
            }
        }
        OnnxMlp back = OnnxMlp.read(out.resolve("model.onnx"));
        assertEquals(OnnxMlp.read(model).layers().stream().map(OnnxMlp.Layer::name).toList(),
                back.layers().stream().map(OnnxMlp.Layer::name).toList());
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")));
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("anomalysearch.test")));
        assertTrue(proto.getMetadataPropsList().stream()
                .anyMatch(e -> e.getKey().equals("anomalysearch.export.source") && e.getValue().contains("sha256:")));
        String yaml = Files.readString(out.resolve("hls4ml_config.yml"));
        for (String line : List.of("OnnxModel: model.onnx", "Backend: Vivado", "Part: xcvu13p-flga2577-2-e",
                "ClockPeriod: 5", "IOType: io_parallel", "    Precision: 'fixed<16,6>'", "    ReuseFactor: 2",
                "    Strategy: Latency", "    'dense0_matmul':", "        accum: 'fixed<16,6>'",
                "      table_t: 'fixed<18,8>'", "qonnx cleanup",
                "InputData: tb_data/tb_input_features.dat")) {
            assertTrue(yaml.contains(line + "\n") || line.equals("qonnx cleanup") && yaml.contains(line),
                    "config lacks '" + line + "':\n" + yaml);
        }
        assertFalse(yaml.contains("scale"), "hls4ml ignores a scale precision:\n" + yaml);
        assertFalse(yaml.contains("        table:"), "hls4ml ignores Precision.table:\n" + yaml);
        String json = Files.readString(out.resolve("export.json"));
        assertTrue(json.contains("\"dsp27x18\"") && json.contains("estimates"), json);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("export"), s.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    static boolean pythonYamlAvailable() {
        return Python.canImport("/usr/bin/python3", "yaml");
    }

    /** PyYAML (what hls4ml uses to read the config) sees the structure hls4ml expects. */
    @Test
    @EnabledIf("pythonYamlAvailable")
    void pyyamlReadsTheConfigAsHls4mlExpects() throws IOException, InterruptedException {
        MlpWeights w = org.anomalysearch.fpga.TestModels.randomWeights(1, MlpWeights.Activation.SIGMOID,
                3, 4, 1);
        PrecisionConfig p = PrecisionConfig.model("fixed<12,4,RND,SAT>")
                .withLayer("dense1_matmul", "weight", FixedType.parse("ap_fixed<9,2>"));
        Path out = dir.resolve("e");
        FpgaExport.export(w, Map.of(), p, ExportOptions.defaults().withPart("xcu250-figd2104-2L-e", 4.5),
                new float[][] {{1, 2, 3}}, out);
        String script = String.join("\n", "import yaml, sys",
                "c = yaml.safe_load(open(sys.argv[1]))",
                "m = c['HLSConfig']['Model']",
                "assert c['OnnxModel'] == 'model.onnx' and c['Backend'] == 'Vivado', c",
                "assert c['Part'] == 'xcu250-figd2104-2L-e' and c['ClockPeriod'] == 4.5 and c['IOType'] == 'io_parallel'",
                "assert m == {'Precision': 'fixed<12,4,RND,SAT>', 'ReuseFactor': 1, 'Strategy': 'Latency'}, m",
                "l = c['HLSConfig']['LayerName']",
                "assert list(l) == ['features', 'dense0_matmul', 'dense0_add', 'act0_relu', 'dense1_matmul', "
                        + "'dense1_add', 'act1_sigmoid'], list(l)",
                "assert l['dense1_matmul']['Precision']['weight'] == 'fixed<9,2>', l",
                "assert l['act1_sigmoid'] == {'Precision': {'result': 'fixed<12,4,RND,SAT>'}, 'table_t': 'fixed<18,8>'}, l",
                "assert l['dense1_add']['Precision'] == {'bias': 'fixed<12,4,RND,SAT>', 'result': 'fixed<12,4,RND,SAT>'}",
                "print('ok')");
        Process proc = new ProcessBuilder("/usr/bin/python3", "-c", script, out.resolve("hls4ml_config.yml").toString())
                .redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes());
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), text);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")));
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals(OnnxWriter.FEATURE_NAMES_KEY)
                && e.getValue().equals("[\"feature_0\",\"feature_1\",\"feature_2\"]")));
    }

    @Test
    void noPartialExportOnAnyError() throws IOException {
        MlpWeights w = org.anomalysearch.fpga.TestModels.randomWeights(2, MlpWeights.Activation.SIGMOID,
                4, 6, 1);
        Path out = dir.resolve("export");
        float[][] ok = {{1, 2, 3, 4}};
        InvalidConfigException rf = assertThrows(InvalidConfigException.class, () -> FpgaExport.export(w, Map.of(),
                PrecisionConfig.model("fixed<16,6>"), ExportOptions.defaults().withReuseFactor(5), ok, out));
        assertTrue(rf.userMessage().contains("valid reuse factors for this model: 1, 2)"), rf.userMessage());
        assertThrows(AnalysisException.class, () -> FpgaExport.export(w, Map.of(),
                PrecisionConfig.model("fixed<16,6>").withLayer("nope", "result", FixedType.signed(8, 2)),
                ExportOptions.defaults(), ok, out));
        assertThrows(AnalysisException.class, () -> FpgaExport.export(w, Map.of(), PrecisionConfig.model("fixed<16,6>"),
                ExportOptions.defaults(), new float[][] {{1, 2, 3}}, out));
        assertThrows(AnalysisException.class, () -> FpgaExport.export(w, Map.of(), PrecisionConfig.model("fixed<16,6>"),
                ExportOptions.defaults(), ok, dir.resolve("missing/export")));

        // an unsupported model: every problem at once
        ModelProto.Builder b = OnnxWriter.toModel(w, Map.of()).toBuilder();
        b.getGraphBuilder().getNodeBuilder(0).setOpType("Gemm");
        b.getGraphBuilder().getNodeBuilder(2).setOpType("Tanh");
        Path bad = Files.write(dir.resolve("bad.onnx"), b.build().toByteArray());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> FpgaExport.export(bad,
                Map.of(), PrecisionConfig.model("fixed<16,6>"), ExportOptions.defaults(), ok, out));
        assertTrue(e.getMessage().contains("Gemm") && e.getMessage().contains("Tanh"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("bad.onnx"), s.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }

        // an existing target is kept unless overwrite
        Files.createDirectory(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> FpgaExport.export(w, Map.of(),
                PrecisionConfig.model("fixed<16,6>"), ExportOptions.defaults(), ok, out));
        assertTrue(Files.exists(out.resolve("keep.txt")));
        FpgaExport.export(w, Map.of(), PrecisionConfig.model("fixed<16,6>"), ExportOptions.defaults().withOverwrite(true),
                ok, out);
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("hls4ml_config.yml")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("bad.onnx", "export"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void inputNamedInputIsRenamed() throws IOException {
        OnnxMlp m = org.anomalysearch.fpga.TestModels.randomWeights(3, MlpWeights.Activation.NONE, 2, 3, 1)
                .toOnnxMlp();
        OnnxMlp named = new OnnxMlp("input", m.outputName(), 2, m.layers());
        FpgaExport.Result r = FpgaExport.export(named, Map.of(), PrecisionConfig.model("fixed<16,6>"),
                ExportOptions.defaults(), new float[][] {{0.5f, -1e-5f}}, dir.resolve("x"));
        FpgaExport.Result short1 = FpgaExport.export(org.anomalysearch.fpga.TestModels.randomWeights(3,
                MlpWeights.Activation.NONE, 2, 4, 1), PrecisionConfig.model("fixed<16,6>"), 2,
                new float[][] {{0.5f, 1f}}, dir.resolve("y"));
        assertEquals(2, short1.cost().reuseFactor());
        FpgaExport.Result short2 = FpgaExport.export(dir.resolve("y/model.onnx"), PrecisionConfig.model("fixed<16,6>"),
                1, new float[][] {{0.5f, 1f}}, dir.resolve("z"));
        assertEquals(Files.readString(dir.resolve("y/tb_data/tb_output_predictions.dat")),
                Files.readString(dir.resolve("z/tb_data/tb_output_predictions.dat")));
        assertEquals(1, short2.cost().reuseFactor());
        assertEquals(1, r.notes().size());
        assertEquals("features", OnnxMlp.read(dir.resolve("x/model.onnx")).inputName());
        assertEquals("0.5 -0.00001", Files.readString(dir.resolve("x/tb_data/tb_input_features.dat")).strip());
    }
}
