package org.anomalysearch.fpga.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.bench.EmulatorBenchmark;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.qat.MagnitudePruning;
import org.junit.jupiter.api.Test;

/** Valid reuse factors and DSP / latency estimates against hand-computed cases. */
class CostEstimateTest {

    private static final OnnxMlp MLP_4_32_32_1 = EmulatorBenchmark.randomMlp(new int[] {4, 32, 32, 1}, 1);

    @Test
    void validReuseFactorsByHand() {
        // n = 128: every divisor; RF < 4: 128/RF % 32 == 0 for 1, 2; RF >= 4: RF % 4 == 0
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128), ReuseFactors.valid(4, 32));
        // n = 15, divisors 1, 3, 5, 15: 5 % 3 != 0
        assertEquals(List.of(1, 3, 15), ReuseFactors.valid(3, 5));
        // n = 24, divisors 1 2 3 4 6 8 12 24: RF 4 < 6 with 24/4 = 6 % 4 != 0; RF 8 % 6 != 0
        assertEquals(List.of(1, 2, 3, 6, 12, 24), ReuseFactors.valid(6, 4));
        assertEquals(List.of(1, 2, 4, 8, 16, 32), ReuseFactors.valid(32, 1));
        assertFalse(ReuseFactors.isValid(6, 4, 4));
        assertFalse(ReuseFactors.isValid(6, 4, 5));
        assertFalse(ReuseFactors.isValid(6, 4, 0));
        assertFalse(ReuseFactors.isValid(6, 4, 48));
        assertTrue(ReuseFactors.isValid(6, 4, 24));
        // the model: the intersection over its three Dense layers
        assertEquals(List.of(1, 2, 4, 8, 16, 32), ReuseFactors.validForModel(MLP_4_32_32_1));
    }

    @Test
    void invalidReuseFactorNamesTheValidOnes() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<16,6>"), 3, 5));
        String msg = e.userMessage();
        assertTrue(msg.contains("reuse factor 3") && msg.contains("dense0_matmul (4 x 32)")
                && msg.contains("dense2_matmul (32 x 1)") && msg.contains("1, 2, 4, 8, 16, 32"), msg);
        assertThrows(InvalidConfigException.class,
                () -> CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<16,6>"), 64, 5));
    }

    @Test
    void dspPerProductFollowsThe27x18Ports() {
        assertEquals(1, CostEstimate.dspsPerProduct(16, 16));
        assertEquals(1, CostEstimate.dspsPerProduct(18, 18));
        assertEquals(1, CostEstimate.dspsPerProduct(27, 18));
        assertEquals(1, CostEstimate.dspsPerProduct(18, 27));
        assertEquals(1, CostEstimate.dspsPerProduct(16, 27));
        assertEquals(2, CostEstimate.dspsPerProduct(28, 18));
        assertEquals(2, CostEstimate.dspsPerProduct(20, 20));
        assertEquals(2, CostEstimate.dspsPerProduct(30, 10));
        assertEquals(4, CostEstimate.dspsPerProduct(32, 32));
        assertEquals(128, CostEstimate.dspHls4ml(4, 32, 9, 1));
        assertEquals(0, CostEstimate.dspHls4ml(4, 32, 8, 1));
        assertEquals(32, CostEstimate.dspHls4ml(4, 32, 16, 4));
    }

    @Test
    void modelTotalsByHand() {
        CostEstimate c = CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<16,6>"), 1, 5);
        assertEquals(4 * 32 + 32 * 32 + 32, c.multipliers());
        assertEquals(1184, c.multiplierLimit());
        assertEquals(1184, c.dspHls4ml());
        assertEquals(1184, c.dsp27x18());
        assertEquals(1, c.initiationInterval());
        assertEquals(3 * 2 + 3, c.latencyCycles()); // 3 Dense x (RF + 1) + 3 activations
        assertEquals(45.0, c.latencyNs());
        assertEquals(6, c.layers().size());

        CostEstimate rf4 = CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<16,6>"), 4, 5);
        assertEquals(32 + 256 + 8, rf4.multiplierLimit());
        assertEquals(296, rf4.dspHls4ml());
        assertEquals(4, rf4.initiationInterval());
        assertEquals(3 * 5 + 3, rf4.latencyCycles());

        CostEstimate wide = CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<20,8>"), 1, 5);
        assertEquals(1184, wide.dspHls4ml(), "hls4ml's rule ignores the width above 9 bits");
        assertEquals(2 * 1184, wide.dsp27x18(), "20 x 20 bits need two DSP48E2s");

        CostEstimate narrow = CostEstimate.of(MLP_4_32_32_1, PrecisionConfig.model("fixed<8,3>"), 1, 5);
        assertEquals(0, narrow.dspHls4ml());
        assertEquals(0, narrow.dsp27x18());
        assertEquals(1184, narrow.multipliers());

        // per-layer weight type: only the middle layer in 18 bits with a 28-bit input -> 2 DSPs per product
        PrecisionConfig mixed = PrecisionConfig.model("fixed<8,3>")
                .withLayer("act0_relu", "result", FixedType.parse("fixed<28,10>"))
                .withLayer("dense1_matmul", "weight", FixedType.parse("fixed<18,4>"));
        CostEstimate m = CostEstimate.of(MLP_4_32_32_1, mixed, 2, 4);
        assertEquals(512, m.dspHls4ml());
        assertEquals(1024, m.dsp27x18());
        assertTrue(m.toTable().startsWith("ESTIMATE"), m.toTable());
    }

    @Test
    void jetTaggerLatencyMatchesTheTutorialCalibration() {
        // hls4ml tutorial 16-64-32-32-5 (ReLU x3, softmax) at RF 1: 14 cycles; softmax counts 3 cycles there,
        // our sigmoid stand-in 1, so 12 here
        OnnxMlp tagger = EmulatorBenchmark.randomMlp(new int[] {16, 64, 32, 32, 5}, 2);
        CostEstimate c = CostEstimate.of(tagger, PrecisionConfig.model("fixed<16,6>"), 1, 5);
        assertEquals(4256, c.multipliers());
        assertEquals(14 - 3 + 1, c.latencyCycles());
    }

    /** The model with every weight matrix magnitude-pruned to {@code sparsity}. */
    static OnnxMlp pruned(OnnxMlp mlp, double sparsity) {
        MlpWeights w = MlpWeights.of(mlp);
        List<double[][]> out = new ArrayList<>();
        for (double[][] m : w.weights()) {
            float[] flat = new float[m.length * m[0].length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    flat[i * m[0].length + j] = (float) m[i][j];
                }
            }
            float[] mask = MagnitudePruning.mask(flat, sparsity);
            double[][] p = new double[m.length][m[0].length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    p[i][j] = m[i][j] * mask[i * m[0].length + j];
                }
            }
            out.add(p);
        }
        return new MlpWeights(out, w.biases(), w.activations(), w.featureNames()).toOnnxMlp();
    }

    @Test
    void zeroWeightsNeedNoMultiplierSoPruningHalvesTheDsps() {
        PrecisionConfig p = PrecisionConfig.model("fixed<16,6>");
        CostEstimate dense = CostEstimate.of(MLP_4_32_32_1, p, 1, 5);
        assertEquals(0, dense.zeroWeights());
        assertEquals(dense.dspHls4ml(), dense.dspHls4mlDense());
        assertFalse(dense.toTable().contains("need no multiplier"), dense.toTable());
        OnnxMlp half = pruned(MLP_4_32_32_1, 0.5);
        CostEstimate c = CostEstimate.of(half, p, 1, 5);
        assertEquals(64 + 512 + 16, c.zeroWeights());
        assertEquals(1184, c.multipliers(), "products are still n_in x n_out");
        assertEquals(1184 - 592, c.multiplierLimit());
        assertEquals(592, c.dspHls4ml());
        assertEquals(592, c.dsp27x18());
        assertEquals(1184, c.dspHls4mlDense(), "before pruning");
        assertEquals(1184, c.dsp27x18Dense());
        assertTrue(2 * c.dspHls4ml() <= dense.dspHls4ml());
        assertTrue(c.toTable().contains("592 of 1184 weights are 0 (sparsity 50.0 %); with none dropped the DSPs would "
                + "be 1184"), c.toTable());
        // RF 4 (hls4ml: ceil(n / RF) - floor(n_zeros / RF)): 4x32 with 64 zeros -> 32 - 16; 32x32, 512 -> 256 - 128;
        // 32x1, 16 -> 8 - 4
        CostEstimate rf4 = CostEstimate.of(half, p, 4, 5);
        assertEquals(16 + 128 + 4, rf4.multiplierLimit());
        assertEquals(296, rf4.dspHls4mlDense());
        // pruned to 70 %: 4x32 -> 90 zeros (round 89.6), RF 4 -> 32 - 22
        assertEquals(32 - 22, CostEstimate.of(pruned(MLP_4_32_32_1, 0.7), p, 4, 5).layers().get(0).multiplierLimit());
        assertEquals(0, CostEstimate.of(half, PrecisionConfig.model("fixed<8,3>"), 1, 5).dspHls4ml());
    }
}
