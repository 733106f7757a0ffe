package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.anomalysearch.fpga.TestModels;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.junit.jupiter.api.Test;

/** Overflow counting gives the same outputs as predict and counts hand-checked overflows. */
class OverflowCountingTest {

    @Test
    void sameBitsAsPredict() {
        OnnxMlp mlp = TestModels.randomWeights(4, MlpWeights.Activation.SIGMOID, 4, 16, 8, 1).toOnnxMlp();
        for (String p : List.of("fixed<16,6>", "fixed<6,2>", "fixed<8,1,RND,SAT>", "fixed<10,3,RND_CONV,SAT_SYM>")) {
            MlpEmulator em = MlpEmulator.of(mlp, PrecisionConfig.model(p));
            long[] counts = new long[em.layerNames().size()];
            for (float[] x : TestModels.randomInputs(5, 300, 4)) {
                assertArrayEquals(em.predict(x), em.predictCountingOverflows(x, counts), p);
            }
            if (p.equals("fixed<16,6>")) {
                assertEquals(0, java.util.Arrays.stream(counts).sum(), "no overflow at <16,6>: " + java.util.Arrays.toString(counts));
            }
            if (p.equals("fixed<8,1,RND,SAT>")) {
                assertTrue(counts[0] > 0, "inputs in [-2, 2) overflow <8,1>");
            }
        }
    }

    @Test
    void handCase() {
        // one input, weight 3, bias 0.5, linear: at fixed<8,3> (range [-4, 3.97]) input 3.5 fits, 3.5 * 3 = 10.5
        // overflows the product cast to accum_t; the partial sum and the result see the wrapped value
        MlpWeights w = new MlpWeights(List.<double[][]>of(new double[][] {{3}}), List.<double[]>of(new double[] {0.5}),
                List.of(MlpWeights.Activation.NONE), List.of());
        MlpEmulator em = MlpEmulator.of(w.toOnnxMlp(), PrecisionConfig.model("fixed<8,3>"));
        assertEquals(List.of("features", "dense0_matmul", "dense0_add"), em.layerNames());
        long[] c = new long[3];
        double[] y = em.predictCountingOverflows(new float[] {3.5f}, c);
        assertArrayEquals(new long[] {0, 1, 0}, c);
        assertEquals(2.5 + 0.5, y[0], "10.5 wraps modulo 8 into [-4, 4) to 2.5, plus the bias");
        long[] c2 = new long[3];
        em.predictCountingOverflows(new float[] {5f}, c2);
        assertEquals(1, c2[0], "input 5 overflows <8,3>");
        assertArrayEquals(new long[] {0, 0, 0}, MlpEmulator.of(w.toOnnxMlp(), PrecisionConfig.model("fixed<8,3>"))
                .parameterOverflows());
        assertEquals(1, MlpEmulator.of(w.toOnnxMlp(), PrecisionConfig.model("fixed<8,2>")).parameterOverflows()[1],
                "weight 3 does not fit <8,2>");
    }
}
