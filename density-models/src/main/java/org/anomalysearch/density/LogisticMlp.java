package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.Seeds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A binary classifier MLP (ReLU hidden layers, one logit out) trained with DJL on packed float rows by binary
 * cross-entropy and Adam: the two-sample test's classifier and the density-ratio classifier of
 * {@link Refinement}. Package-private.
 *
 * <p>Seeds are derived by name from {@code seed} and {@code prefix}: {@code prefix + ".init"} for the weights,
 * {@code prefix + ".shuffle"} (with the epoch) for the batch order. With a validation set the network of the
 * epoch with the lowest validation loss is kept and training stops after {@code patience} epochs without a new
 * minimum.
 */
final class LogisticMlp {

    private static final int EVAL_CHUNK = 8192;

    /**
     * @param net     the kept network (plain Java)
     * @param scores  logits of the rows to score, by the network after the last epoch (empty if none were given)
     * @param history per epoch: training loss and validation loss (NaN without a validation set)
     * @param best    the epoch (from 1) of the kept network
     */
    record Fit(DenseNet net, float[] scores, LossHistory history, int best) {
    }

    private LogisticMlp() {
    }

    /**
     * Trains on {@code x} (n x d, row-major) with labels {@code y} (0 or 1).
     *
     * @param xVal   validation rows (m x d) or null: then all {@code maxEpochs} run and the last network is kept
     * @param xScore rows to score with the final network in the engine, or null
     */
    static Fit train(float[] x, float[] y, float[] xVal, float[] yVal, float[] xScore, int d, int[] hidden,
            int maxEpochs, int patience, int batchSize, double learningRate, long seed, String prefix,
            EpochListener listener) {
        int n = y.length;
        int[] sizes = DenseNet.sizes(d, hidden, 1, false);
        Engine engine = Djl.engine();
        List<double[]> rows = new ArrayList<>();
        try (NDManager m = Djl.newManager(engine, Djl.device(engine))) {
            TorchNet net = new TorchNet(m, prefix, sizes, 0f, new SplittableRandom(Seeds.derive(seed, prefix + ".init")));
            var params = net.parameters();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
            int[] order = new int[n];
            DenseNet kept = null;
            int best = 0;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int e = 0; e < maxEpochs; e++) {
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Prepared.shuffle(order, new SplittableRandom(Seeds.derive(seed, prefix + ".shuffle", e)));
                double sum = 0;
                for (int start = 0; start < n; start += batchSize) {
                    int bsz = Math.min(batchSize, n - start);
                    float[] xb = new float[bsz * d];
                    float[] yb = new float[bsz];
                    for (int k = 0; k < bsz; k++) {
                        System.arraycopy(x, order[start + k] * d, xb, k * d, d);
                        yb[k] = y[order[start + k]];
                    }
                    try (NDManager bm = m.newSubManager()) {
                        NDArray xa = Djl.tensor(bm, xb, new Shape(bsz, d));
                        NDArray ya = Djl.tensor(bm, yb, new Shape(bsz));
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray loss = bce(net.forward(xa).reshape(-1), ya, bm);
                            sum += loss.getFloat() * bsz;
                            gc.backward(loss);
                        }
                        Djl.step(adam, prefix, params);
                    }
                }
                double valLoss = Double.NaN;
                if (xVal != null) {
                    valLoss = loss(net, m, xVal, yVal, d);
                    if (valLoss < bestLoss) {
                        bestLoss = valLoss;
                        best = e + 1;
                        kept = net.export();
                    }
                } else {
                    best = e + 1;
                }
                rows.add(new double[] {sum / n, valLoss});
                listener.epochDone(e + 1, maxEpochs, sum / n, valLoss);
                if (xVal != null && e + 1 - best >= patience) {
                    break;
                }
            }
            if (kept == null) {
                kept = net.export();
            }
            float[] scores = xScore == null ? new float[0] : logits(net, m, xScore, d);
            return new Fit(kept, scores, new LossHistory(List.of("train", "validation"), rows), best);
        }
    }

    /** Mean binary cross-entropy of logits z against labels y, in the numerically stable form. */
    private static NDArray bce(NDArray z, NDArray y, NDManager scope) {
        return z.maximum(Djl.scalar(scope, 0f)).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log()).mean();
    }

    private static double loss(TorchNet net, NDManager m, float[] xs, float[] ys, int d) {
        float[] z = logits(net, m, xs, d);
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += Math.max(z[i], 0) - z[i] * ys[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return s / z.length;
    }

    private static float[] logits(TorchNet net, NDManager m, float[] xs, int d) {
        int n = xs.length / d;
        float[] out = new float[n];
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int bsz = Math.min(EVAL_CHUNK, n - start);
            try (NDManager bm = m.newSubManager()) {
                float[] s = net.forward(Djl.tensor(bm, Arrays.copyOfRange(xs, start * d, (start + bsz) * d),
                        new Shape(bsz, d))).reshape(-1).toFloatArray();
                System.arraycopy(s, 0, out, start, bsz);
            }
        }
        return out;
    }
}
