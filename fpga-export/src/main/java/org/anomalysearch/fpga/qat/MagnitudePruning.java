package org.anomalysearch.fpga.qat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Magnitude pruning of one weight matrix to a target sparsity, per layer: in each matrix of n weights exactly
 * {@code round(sparsity * n)} of them, those with the smallest |w|, are set to zero and held there while the network
 * is fine-tuned (the mask is re-applied after every optimizer update). Ties in |w| are broken by position (the
 * lower index is pruned first), so the mask is a deterministic function of the weights. Biases are never pruned.
 *
 * <p>Per layer rather than one global threshold: every Dense loses the same fraction of its multipliers, so the
 * small output layer (few weights, each one decisive) cannot be pruned away by a threshold set by the large hidden
 * layers, and the DSP estimate drops by the same fraction in every layer.
 */
public final class MagnitudePruning {

    private MagnitudePruning() {
    }

    /** The number of weights pruned in a matrix of n weights: {@code round(sparsity * n)} (half up). */
    public static int prunedCount(int n, double sparsity) {
        return (int) Math.min(n, Math.floor(sparsity * n + 0.5));
    }

    /**
     * The mask of a weight matrix: 0 for the {@link #prunedCount} weights of smallest |w|, 1 for the others.
     *
     * @param w        the weights, any layout
     * @param sparsity the target fraction of zeros, in [0, 1)
     */
    public static float[] mask(float[] w, double sparsity) {
        int k = prunedCount(w.length, sparsity);
        Integer[] order = new Integer[w.length];
        for (int i = 0; i < w.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(Math.abs(w[a]), Math.abs(w[b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        float[] mask = new float[w.length];
        Arrays.fill(mask, 1f);
        for (int i = 0; i < k; i++) {
            mask[order[i]] = 0f;
        }
        return mask;
    }

    /** The number of exact zeros in w. */
    public static int zeros(float[] w) {
        int z = 0;
        for (float v : w) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    /** The sparsity of each weight matrix as "zeros/total" fractions, e.g. {@code 0.5000 (160/320)}, for provenance. */
    public static String describe(List<float[]> weights) {
        StringBuilder sb = new StringBuilder();
        for (float[] w : weights) {
            int z = zeros(w);
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f (%d/%d)",
                    w.length == 0 ? 0.0 : (double) z / w.length, z, w.length));
        }
        return sb.toString();
    }
}
