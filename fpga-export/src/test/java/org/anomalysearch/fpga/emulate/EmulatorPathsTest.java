package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.bench.EmulatorBenchmark;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.ActivationKind;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast long path against the BigInteger reference path, and small hand-computed networks. */
class EmulatorPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixed<16,6>", "fixed<8,2>", "fixed<6,3,RND,SAT>", "fixed<24,12,RND_CONV,SAT_SYM>",
        "fixed<12,4,TRN_ZERO,SAT_ZERO>", "fixed<31,10,RND_INF,WRAP>", "fixed<14,5,RND_MIN_INF,WRAP,2>",
        "ufixed<16,6,RND_ZERO,SAT>", "fixed<16,20>", "fixed<12,-1,RND,SAT>"})
    void fastPathEqualsReferenceOnRandomNetworks(String precision) {
        OnnxMlp model = EmulatorBenchmark.randomMlp(new int[] {4, 16, 16, 1}, precision.hashCode());
        MlpEmulator fast = MlpEmulator.of(model, PrecisionConfig.model(precision));
        MlpEmulator ref = MlpEmulator.reference(model, PrecisionConfig.model(precision));
        assertTrue(fast.usesLongArithmetic());
        assertFalse(ref.usesLongArithmetic());
        float[][] x = EmulatorBenchmark.randomInputs(300, 4, 99);
        for (float[] row : x) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= 6; // drive some layers into overflow
            }
            assertArrayEquals(ref.predict(row), fast.predict(row), precision);
        }
    }

    @Test
    void wideTypesFallBackToExactArithmetic() {
        OnnxMlp model = EmulatorBenchmark.randomMlp(new int[] {4, 8, 1}, 5);
        MlpEmulator wide = MlpEmulator.of(model, PrecisionConfig.model("ap_fixed<40,12>"));
        assertFalse(wide.usesLongArithmetic());
        MlpEmulator narrow = MlpEmulator.of(model, PrecisionConfig.model("ap_fixed<30,12>"));
        float[] x = {0.5f, -1.25f, 2f, 0.1f};
        // a wider fraction changes the result by less than the sigmoid table's step (2^-10)
        assertEquals(narrow.predict(x)[0], wide.predict(x)[0], 1.0 / 1024 + 1e-12);
    }

    /**
     * Hand computation: ap_fixed<4,4,AP_TRN,AP_SAT> (integers -8..7), weights 1, inputs 5, 5, -3. hls4ml casts
     * every partial sum to accum_t: 5, then 10 saturates to 7, then 7 - 3 = 4 (float: 7). With AP_WRAP the
     * partial sums wrap modulo 16 and the result is 7.
     */
    @Test
    void everyPartialSumIsCastToTheAccumulatorType() {
        OnnxMlp model = new OnnxMlp("x", "y", 3, List.of(
                new Dense("mm", "add", 3, 1, new float[] {1, 1, 1}, new float[] {0})));
        assertArrayEquals(new double[] {4.0},
                MlpEmulator.of(model, PrecisionConfig.model("ap_fixed<4,4,AP_TRN,AP_SAT>"))
                        .predict(new float[] {5, 5, -3}));
        assertArrayEquals(new double[] {7.0},
                MlpEmulator.of(model, PrecisionConfig.model("ap_fixed<4,4>")).predict(new float[] {5, 5, -3}));
        // per-layer override: a wide accumulator removes the saturation of the partial sums
        PrecisionConfig wideAcc = PrecisionConfig.model("ap_fixed<4,4,AP_TRN,AP_SAT>")
                .withLayer("mm", "accum", FixedType.parse("fixed<8,8>"));
        assertArrayEquals(new double[] {7.0}, MlpEmulator.of(model, wideAcc).predict(new float[] {5, 5, -3}));
    }

    /** Inputs are truncated (AP_TRN) to the input type; the bias goes through ApplyAlpha; ReLU; sigmoid table. */
    @Test
    void smallNetworkByHand() {
        OnnxMlp model = new OnnxMlp("x", "s", 2, List.of(
                new Dense("mm", "add", 2, 1, new float[] {0.5f, -0.25f}, new float[] {0.125f}),
                new Activation("relu", ActivationKind.RELU, 1),
                new Activation("sig", ActivationKind.SIGMOID, 1)));
        MlpEmulator e = MlpEmulator.of(model, PrecisionConfig.model("fixed<16,6>"));
        // x = (1.0, 2.0): 0.5 - 0.5 + 0.125 = 0.125 -> ReLU 0.125 -> index (int)(0.125 * 64) + 512 = 520
        // table[520] = sigmoid(8 / 64) = 0.53121..., truncated to 10 fractional bits: 543/1024
        assertArrayEquals(new double[] {543.0 / 1024}, e.predict(new float[] {1f, 2f}));
        // negative pre-activation: ReLU gives 0, index 512, sigmoid(0) = 0.5
        assertArrayEquals(new double[] {0.5}, e.predict(new float[] {-1f, 2f}));
        // a large input: index clipped to 1023, sigmoid(1023 / 64 - 8) = 0.99966 -> 1023/1024
        assertArrayEquals(new double[] {1023.0 / 1024}, e.predict(new float[] {30f, 0f}));
        assertThrows(InvalidInputException.class, () -> e.predict(new float[] {1f}));
        assertThrows(InvalidInputException.class,
                () -> MlpEmulator.of(model, PrecisionConfig.model("fixed<16,6>").withLayer("nope", "result",
                        FixedType.parse("fixed<8,3>"))));
    }
}
