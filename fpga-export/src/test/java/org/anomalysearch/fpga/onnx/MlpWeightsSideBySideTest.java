package org.anomalysearch.fpga.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.TestModels;
import org.junit.jupiter.api.Test;

/** Members side by side, block-diagonal, then their mean: one plain network computing the ensemble's mean. */
class MlpWeightsSideBySideTest {

    @Test
    void computesTheMembersMean() {
        List<MlpWeights> members = List.of(
                TestModels.randomWeights(1, MlpWeights.Activation.SIGMOID, 4, 8, 6, 1),
                TestModels.randomWeights(2, MlpWeights.Activation.SIGMOID, 4, 8, 6, 1),
                TestModels.randomWeights(3, MlpWeights.Activation.SIGMOID, 4, 8, 6, 1),
                TestModels.randomWeights(4, MlpWeights.Activation.SIGMOID, 4, 5, 3, 1)); // widths may differ
        MlpWeights all = MlpWeights.sideBySide(members);
        assertEquals(4, all.layerCount(), "3 layers + the mean");
        assertEquals(29, all.weights(1).length, "block-diagonal: 8 + 8 + 8 + 5 rows");
        assertEquals(21, all.weights(1)[0].length);
        assertEquals(0.0, all.weights(1)[0][6], "off-diagonal block is zero");
        OnnxMlp net = all.toOnnxMlp();
        for (float[] x : TestModels.randomInputs(5, 200, 4)) {
            double mean = 0;
            for (MlpWeights m : members) {
                mean += m.toOnnxMlp().forwardFloat32(x)[0] / members.size();
            }
            assertEquals(mean, net.forwardFloat32(x)[0], 1e-6);
        }
        assertEquals(members.get(0).weights(0)[2][5], MlpWeights.sideBySide(members.subList(0, 1)).weights(0)[2][5]);
    }

    @Test
    void differentStructuresAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MlpWeights.sideBySide(List.of(
                TestModels.randomWeights(1, MlpWeights.Activation.SIGMOID, 4, 8, 1),
                TestModels.randomWeights(2, MlpWeights.Activation.SIGMOID, 4, 6, 6, 1))));
        assertEquals(true, e.getMessage().contains("member 1"), e.getMessage());
    }
}
