package org.anomalysearch.density;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The classifier two-sample test: an MLP (ReLU, BCE, Adam, trained with DJL) learns to separate sample A
 * (e.g. the true SR background) from sample B (model samples); its ROC AUC on a held-out half is the test
 * statistic. AUC 0.5 means the classifier cannot tell them apart.
 *
 * <p>The larger sample is subsampled to the size of the smaller (seeded), the balanced set is split in
 * halves (seeded), inputs are standardised on the training half. Deterministic for a given seed on CPU.
 *
 * @param hidden       hidden widths
 * @param epochs       epochs
 * @param batchSize    minibatch size
 * @param learningRate Adam learning rate
 */
public record TwoSampleClassifier(int[] hidden, int epochs, int batchSize, double learningRate) {

    public TwoSampleClassifier {
        hidden = hidden.clone();
    }

    /** 64-64-64 ReLU (CATHODE's classifier widths), 20 epochs, batch 256, lr 1e-3. */
    public static TwoSampleClassifier defaults() {
        return new TwoSampleClassifier(new int[] {64, 64, 64}, 20, 256, 1e-3);
    }

    /** The held-out AUC of "a vs b" (a = class 1). */
    public double auc(double[][] a, double[][] b, long seed) {
        int n = Math.min(a.length, b.length);
        if (n < 20) {
            throw new InvalidInputException("two-sample test", null, "samples of " + a.length + " and " + b.length
                    + " events; need at least 20 each", "use larger samples");
        }
        int d = a[0].length;
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "density.c2st.split"));
        int[] ia = pick(a.length, n, rng);
        int[] ib = pick(b.length, n, rng);
        double[][] x = new double[2 * n][];
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = a[ia[i]];
            y[i] = 1f;
            x[n + i] = b[ib[i]];
        }
        int[] order = new int[2 * n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Prepared.shuffle(order, rng);
        int nTr = n;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int k = 0; k < nTr; k++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[order[k]][c] / nTr;
            }
        }
        for (int k = 0; k < nTr; k++) {
            for (int c = 0; c < d; c++) {
                double v = x[order[k]][c] - mean[c];
                sd[c] += v * v / nTr;
            }
        }
        for (int c = 0; c < d; c++) {
            sd[c] = sd[c] > 0 ? Math.sqrt(sd[c]) : 1;
        }
        float[] xs = new float[2 * n * d];
        float[] ys = new float[2 * n];
        for (int k = 0; k < 2 * n; k++) {
            int i = order[k];
            for (int c = 0; c < d; c++) {
                xs[k * d + c] = (float) ((x[i][c] - mean[c]) / sd[c]);
            }
            ys[k] = y[i];
        }
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = d;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        Engine engine = Djl.engine();
        float[] scores = new float[2 * n - nTr];
        try (NDManager m = Djl.newManager(engine, Djl.device(engine))) {
            TorchNet net = new TorchNet(m, "c2st", sizes, 0f, new SplittableRandom(Seeds.derive(seed, "density.c2st.init")));
            var params = net.parameters();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
            int[] tr = new int[nTr];
            for (int e = 0; e < epochs; e++) {
                for (int i = 0; i < nTr; i++) {
                    tr[i] = i;
                }
                Prepared.shuffle(tr, new SplittableRandom(Seeds.derive(seed, "density.c2st.shuffle", e)));
                for (int start = 0; start < nTr; start += batchSize) {
                    int bsz = Math.min(batchSize, nTr - start);
                    float[] xb = new float[bsz * d];
                    float[] yb = new float[bsz];
                    for (int k = 0; k < bsz; k++) {
                        System.arraycopy(xs, tr[start + k] * d, xb, k * d, d);
                        yb[k] = ys[tr[start + k]];
                    }
                    try (NDManager bm = m.newSubManager()) {
                        NDArray xa = Djl.tensor(bm, xb, new Shape(bsz, d));
                        NDArray ya = Djl.tensor(bm, yb, new Shape(bsz));
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray z = net.forward(xa).reshape(-1);
                            NDArray loss = z.maximum(Djl.scalar(bm, 0f)).sub(z.mul(ya)).add(z.abs().neg().exp().add(1f).log()).mean();
                            gc.backward(loss);
                        }
                        Djl.step(adam, "c2st", params);
                    }
                }
            }
            for (int start = nTr; start < 2 * n; start += 8192) {
                int bsz = Math.min(8192, 2 * n - start);
                try (NDManager bm = m.newSubManager()) {
                    float[] s = net.forward(Djl.tensor(bm, Arrays.copyOfRange(xs, start * d, (start + bsz) * d),
                            new Shape(bsz, d))).reshape(-1).toFloatArray();
                    System.arraycopy(s, 0, scores, start - nTr, bsz);
                }
            }
        }
        return auc(scores, Arrays.copyOfRange(ys, nTr, 2 * n));
    }

    private static int[] pick(int size, int n, SplittableRandom rng) {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Prepared.shuffle(idx, rng);
        return Arrays.copyOf(idx, n);
    }

    /** Exact AUC (Mann-Whitney U with mid-ranks for ties) of scores with labels 1 (positive) and 0. */
    static double auc(float[] score, float[] label) {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Float.compare(score[p], score[q]));
        double rankSumPos = 0;
        long nPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (label[idx[k]] == 1f) {
                    rankSumPos += midRank;
                    nPos++;
                }
            }
            i = j + 1;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }
}
