package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator against hls4ml's compiled C simulation (../shared/data/fixed_point/hls4ml_mlp): all 4,000
 * outputs bit-exact at each of the three precisions, computed from model.onnx and inputs.csv, on the fast long
 * path and on the BigInteger reference path; and printed exactly so that compare_outputs.py agrees.
 */
class Hls4mlReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'fixed<16,6>', outputs_fixed16_6.csv", "'fixed<10,4>', outputs_fixed10_4.csv",
            "'fixed<18,8,RND,SAT>', outputs_fixed18_8_RND_SAT.csv"})
    void reproducesHls4mlCSimulationBitExactly(String precision, String outputs) throws IOException {
        Path dir = SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx").getParent();
        OnnxMlp model = OnnxMlp.read(dir.resolve("model.onnx"));
        float[][] inputs = readInputs(dir.resolve("inputs.csv"));
        List<String> want = Files.readAllLines(dir.resolve(outputs));
        assertEquals(4000, inputs.length);
        assertEquals(inputs.length, want.size());

        MlpEmulator fast = MlpEmulator.of(model, PrecisionConfig.model(precision));
        assertTrue(fast.usesLongArithmetic());
        MlpEmulator reference = MlpEmulator.reference(model, PrecisionConfig.model(precision));
        List<String> bad = new ArrayList<>();
        for (int r = 0; r < inputs.length; r++) {
            double[] got = fast.predict(inputs[r]);
            assertEquals(1, got.length);
            double expected = Double.parseDouble(want.get(r).trim());
            String printed = FixedValue.exactString(got[0]);
            if (Double.compare(got[0], expected) != 0 || Double.parseDouble(printed) != expected) {
                bad.add("row " + (r + 1) + ": got " + printed + ", hls4ml " + want.get(r));
            }
            if (r % 16 == 0) { // the slow reference on every 16th row
                assertEquals(got[0], reference.predict(inputs[r])[0], "reference path, row " + (r + 1));
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of 4000 rows differ from hls4ml at " + precision + ", first: "
                + bad.subList(0, Math.min(10, bad.size())) + "\n" + String.join("\n", fast.describe()));
    }

    static float[][] readInputs(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        float[][] out = new float[lines.size()][];
        for (int r = 0; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            out[r] = new float[f.length];
            for (int c = 0; c < f.length; c++) {
                out[r][c] = Float.parseFloat(f[c].trim());
            }
        }
        return out;
    }

    /**
     * The reference pins hls4ml's table type: with the sigmoid table in the model type fixed<18,8,RND,SAT>
     * (rounded instead of truncated) some outputs change, with the default table type fixed<18,8> none do.
     */
    @Test
    void sigmoidTableUsesDefaultTableTypeNotModelType() throws IOException {
        Path dir = SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx").getParent();
        OnnxMlp model = OnnxMlp.read(dir.resolve("model.onnx"));
        float[][] inputs = readInputs(dir.resolve("inputs.csv"));
        List<String> want = Files.readAllLines(dir.resolve("outputs_fixed18_8_RND_SAT.csv"));
        PrecisionConfig rounded = PrecisionConfig.model("fixed<18,8,RND,SAT>")
                .withLayer("act2_sigmoid", "table", FixedType.parse("fixed<18,8,RND,SAT>"));
        MlpEmulator wrong = MlpEmulator.of(model, rounded);
        int differ = 0;
        for (int r = 0; r < inputs.length; r++) {
            if (wrong.predict(inputs[r])[0] != Double.parseDouble(want.get(r))) {
                differ++;
            }
        }
        assertTrue(differ > 100, "a rounded table should change many outputs, changed " + differ);
    }

    /**
     * hls4ml's weight text (F decimal digits) read as a double and then quantized gives the same weights as
     * quantizing the exact decimal text, for every weight and bias of the reference model at all precisions.
     */
    @Test
    void weightTextThroughDoubleEqualsExactDecimal() throws IOException {
        Path dir = SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx").getParent();
        OnnxMlp model = OnnxMlp.read(dir.resolve("model.onnx"));
        int checked = 0;
        for (String p : List.of("fixed<16,6>", "fixed<10,4>", "fixed<18,8,RND,SAT>", "fixed<32,8>")) {
            FixedType t = FixedType.parse(p);
            for (OnnxMlp.Layer l : model.layers()) {
                if (l instanceof OnnxMlp.Dense d) {
                    List<Float> all = new ArrayList<>();
                    for (float w : d.weights()) {
                        all.add(w);
                    }
                    for (float b : d.bias()) {
                        all.add(b);
                    }
                    for (float w : all) {
                        String text = Hls4mlTables.weightText(w, t);
                        assertEquals(FixedValue.ofDecimal(text, t), FixedValue.of(Double.parseDouble(text), t),
                                text + " as " + t);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 4000);
    }
}
