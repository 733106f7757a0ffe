package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** The closed-form critic input gradient against autograd, and the Java network against the DJL one. */
class TorchNetTest {

    @Test
    void analyticInputGradientMatchesAutograd() {
        Engine engine = Djl.engine();
        try (NDManager m = engine.newBaseManager()) {
            TorchNet net = new TorchNet(m, "critic", new int[] {5, 7, 6, 1}, 0.2f, new SplittableRandom(3));
            float[] xv = Prepared.gaussians(new SplittableRandom(4), 9 * 5);
            NDArray x = m.create(xv, new Shape(9, 5));
            NDArray[] og = net.forwardWithInputGradient(x, 4);
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                gc.backward(net.forward(x).sum());
            }
            float[] auto = x.getGradient().get(":, 0:4").toFloatArray();
            assertArrayEquals(auto, og[1].toFloatArray(), 1e-6f);
            assertEquals(9 * 4, auto.length);
            assertArrayEquals(net.forward(x).toFloatArray(), og[0].toFloatArray(), 1e-6f);
            // the Java export gives the same outputs
            DenseNet java = net.export();
            float[] out = og[0].toFloatArray();
            for (int i = 0; i < 9; i++) {
                double[] row = new double[5];
                for (int k = 0; k < 5; k++) {
                    row[k] = xv[i * 5 + k];
                }
                assertEquals(out[i], java.forward(row)[0], 1e-5);
            }
        }
    }
}
