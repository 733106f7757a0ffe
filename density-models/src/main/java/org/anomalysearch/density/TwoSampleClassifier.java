package org.anomalysearch.density;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;


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
        float[] scores = LogisticMlp.train(Arrays.copyOfRange(xs, 0, nTr * d), Arrays.copyOfRange(ys, 0, nTr), null,
                null, Arrays.copyOfRange(xs, nTr * d, 2 * n * d), d, hidden, epochs, 0, batchSize, learningRate, seed,
                "density.c2st", EpochListener.NONE).scores();
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
