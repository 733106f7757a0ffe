package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator against hls4ml's C simulation at model-wide precisions with few integer bits
 * (../shared/data/fixed_point/hls4ml_low_int, hls4ml v1.3.0+17): every row bit-exact on the fast long path, and
 * every 8th row on the BigInteger reference path too. There 1.0 is not representable in the model type, so the
 * ApplyAlpha scale (ap_uint&lt;1&gt; in hls4ml) must not be taken in it.
 */
class Hls4mlLowIntTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "model_sigmoid.onnx, 'fixed<16,6>', inputs.csv, outputs_sigmoid_fixed16_6.csv",
        "model_sigmoid.onnx, 'fixed<12,1>', inputs.csv, outputs_sigmoid_fixed12_1.csv",
        "model_sigmoid.onnx, 'fixed<16,0>', inputs.csv, outputs_sigmoid_fixed16_0.csv",
        "model_sigmoid.onnx, 'fixed<16,-2>', inputs.csv, outputs_sigmoid_fixed16_m2.csv",
        "model_sigmoid.onnx, 'fixed<8,1>', inputs.csv, outputs_sigmoid_fixed8_1.csv",
        "model_sigmoid.onnx, 'ufixed<8,0>', inputs.csv, outputs_sigmoid_ufixed8_0.csv",
        "model_sigmoid.onnx, 'fixed<10,1,RND,SAT>', inputs.csv, outputs_sigmoid_fixed10_1_RND_SAT.csv",
        "model_logit.onnx, 'fixed<16,6>', inputs.csv, outputs_logit_fixed16_6.csv",
        "model_logit.onnx, 'fixed<12,1>', inputs.csv, outputs_logit_fixed12_1.csv",
        "model_logit.onnx, 'fixed<16,0>', inputs.csv, outputs_logit_fixed16_0.csv",
        "model_logit.onnx, 'fixed<16,-2>', inputs.csv, outputs_logit_fixed16_m2.csv",
        "model_logit.onnx, 'fixed<8,1>', inputs.csv, outputs_logit_fixed8_1.csv",
        "model_logit.onnx, 'ufixed<8,0>', inputs.csv, outputs_logit_ufixed8_0.csv",
        "model_logit.onnx, 'fixed<10,1,RND,SAT>', inputs.csv, outputs_logit_fixed10_1_RND_SAT.csv",
        "tiny.onnx, 'fixed<8,1>', tiny_inputs.csv, tiny_outputs_fixed8_1.csv",
        "tiny.onnx, 'fixed<6,0>', tiny_inputs.csv, tiny_outputs_fixed6_0.csv"})
    void everyRowBitExact(String modelFile, String precision, String inputFile, String outputFile)
            throws IOException {
        Path dir = SharedData.require("data/fixed_point/hls4ml_low_int/" + outputFile).getParent();
        OnnxMlp model = OnnxMlp.read(dir.resolve(modelFile));
        float[][] inputs = Hls4mlReferenceTest.readInputs(dir.resolve(inputFile));
        List<String> want = Files.readAllLines(dir.resolve(outputFile));
        assertEquals(inputs.length, want.size(), "one reference output per input row");

        MlpEmulator fast = MlpEmulator.of(model, PrecisionConfig.model(precision));
        assertTrue(fast.usesLongArithmetic());
        MlpEmulator reference = MlpEmulator.reference(model, PrecisionConfig.model(precision));
        List<String> bad = new ArrayList<>();
        for (int r = 0; r < inputs.length; r++) {
            double got = fast.predict(inputs[r])[0];
            double expected = Double.parseDouble(want.get(r).trim());
            if (Double.compare(got, expected) != 0) {
                bad.add("row " + (r + 1) + ": got " + FixedValue.exactString(got) + ", hls4ml " + want.get(r));
            }
            if (r % 8 == 0) {
                assertEquals(got, reference.predict(inputs[r])[0], "reference path, row " + (r + 1));
            }
        }
        assertTrue(bad.isEmpty(), (inputs.length - bad.size()) + " of " + inputs.length + " rows equal hls4ml's "
                + outputFile + ", first differences: " + bad.subList(0, Math.min(5, bad.size())) + "\n"
                + String.join("\n", fast.describe()));
    }
}
