package org.anomalysearch.fpga;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.MlpWeights.Activation;

/** Seeded toy networks and inputs for the tests. */
public final class TestModels {
    private TestModels() {
    }

    /** A seeded MLP with ReLU between layers and the given last activation; weights not float32-representable. */
    public static MlpWeights randomWeights(long seed, Activation last, int... sizes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[][]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<Activation> a = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            double[][] m = new double[sizes[k]][sizes[k + 1]];
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (rnd.nextDouble() * 2 - 1) * Math.sqrt(6.0 / (sizes[k] + sizes[k + 1]));
                }
            }
            double[] bias = new double[sizes[k + 1]];
            for (int j = 0; j < bias.length; j++) {
                bias[j] = 0.2 * (rnd.nextDouble() - 0.5);
            }
            w.add(m);
            b.add(bias);
            a.add(k + 2 == sizes.length ? last : Activation.RELU);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sizes[0]; i++) {
            names.add("feature_" + i);
        }
        return new MlpWeights(w, b, a, names);
    }

    /** Seeded inputs uniform in [-2, 2). */
    public static float[][] randomInputs(long seed, int n, int d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int c = 0; c < d; c++) {
                row[c] = (float) (4 * rnd.nextDouble() - 2);
            }
        }
        return x;
    }
}
