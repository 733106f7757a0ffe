package org.anomalysearch.fpga.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.ActivationKind;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.anomalysearch.fpga.onnx.OnnxMlp.Layer;

/**
 * Emulator throughput on one core: a 4-64-64-64-1 MLP (ReLU x3, sigmoid; seeded random weights) at
 * {@code ap_fixed<16,6>} by default. Not a test.
 *
 * <p>Usage: {@code EmulatorBenchmark [precision] [events] [passes]}; prints events/s of the fastest pass and the
 * median, and the same for the BigInteger reference path on a small sample.
 */
public final class EmulatorBenchmark {
    private EmulatorBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        String precision = args.length > 0 ? args[0] : "ap_fixed<16,6>";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        OnnxMlp model = randomMlp(new int[] {4, 64, 64, 64, 1}, 12345L);
        MlpEmulator emulator = MlpEmulator.of(model, PrecisionConfig.model(precision));
        float[][] x = randomInputs(events, 4, 678L);
        System.out.printf(Locale.ROOT, "MLP 4-64-64-64-1 (ReLU x3, sigmoid), %s, long arithmetic: %s%n", precision,
                emulator.usesLongArithmetic());
        System.out.printf(Locale.ROOT, "machine: %d processors available, %s, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"));
        double[] rates = new double[passes];
        double checksum = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (float[] row : x) {
                checksum += emulator.predict(row)[0];
            }
            long t1 = System.nanoTime();
            rates[p] = events / ((t1 - t0) * 1e-9);
            System.out.printf(Locale.ROOT, "pass %d: %,.0f events/s%n", p + 1, rates[p]);
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "fast path: best %,.0f events/s, median %,.0f events/s (checksum %.6f)%n",
                sorted[passes - 1], sorted[passes / 2], checksum);

        MlpEmulator reference = MlpEmulator.reference(model, PrecisionConfig.model(precision));
        int sample = Math.min(events, 2_000);
        for (int p = 0; p < 2; p++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                checksum += reference.predict(x[i])[0];
            }
            long t1 = System.nanoTime();
            if (p == 1) {
                System.out.printf(Locale.ROOT, "BigInteger reference path: %,.0f events/s%n",
                        sample / ((t1 - t0) * 1e-9));
            }
        }
    }

    /** A seeded MLP with Glorot-like random weights, small random biases, ReLU between layers, sigmoid at the end. */
    public static OnnxMlp randomMlp(int[] sizes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            int nIn = sizes[k];
            int nOut = sizes[k + 1];
            float[] w = new float[nIn * nOut];
            double scale = Math.sqrt(2.0 / (nIn + nOut));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (gaussian(rnd) * scale);
            }
            float[] b = new float[nOut];
            for (int j = 0; j < nOut; j++) {
                b[j] = (float) (0.1 * gaussian(rnd));
            }
            layers.add(new Dense("dense" + k + "_matmul", "dense" + k + "_add", nIn, nOut, w, b));
            boolean last = k + 2 == sizes.length;
            layers.add(new Activation(last ? "act" + k + "_sigmoid" : "act" + k + "_relu",
                    last ? ActivationKind.SIGMOID : ActivationKind.RELU, nOut));
        }
        return new OnnxMlp("features", layers.get(layers.size() - 1).name(), sizes[0], layers);
    }

    /** Seeded standard-normal features. */
    public static float[][] randomInputs(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int c = 0; c < d; c++) {
                row[c] = (float) gaussian(rnd);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
