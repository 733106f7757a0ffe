package org.anomalysearch.density;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A conditional masked autoregressive flow evaluated in plain Java: {@code blocks} affine MADE blocks on
 * {@code d} features, each conditioned on one scalar c (the preprocessed mjj). Package-private; the DJL
 * trainer uses the same parameter layout and masks ({@link #mask}).
 *
 * <p>Block k maps {@code y} to {@code u = (y - mu(y, c)) * exp(-alpha(y, c))}, where {@code mu_i} and
 * {@code alpha_i} depend only on the features before i in the block's autoregressive order (identity order
 * for even k, reversed for odd k: the masks alternate instead of the data being permuted) and on c;
 * {@code alpha = clamp * tanh(raw / clamp)}. The data x enters block 0, the last block's output is N(0, 1),
 * so {@code log p(x | c) = log N(z; 0, 1) - sum over blocks and features of alpha}: one pass per block.
 * Sampling inverts each block with {@code y_i = u_i * exp(alpha_i) + mu_i}, feature by feature in the
 * block's order: d passes per block.
 *
 * <p>One MADE: input (y, c) -> {@code layers} ReLU hidden layers of {@code hidden} units -> output (mu,
 * raw alpha) of 2d, with c connected unmasked to the first hidden layer and to the output. Degrees: feature
 * i has degree {@code order(i) + 1} (1..d), hidden unit j degree {@code j % d} (0..d-1; degree-0 units see c
 * only); a hidden unit sees inputs of degree at most its own, an output of degree r sees hidden units of
 * degree below r. Parameters per block, flat: W0 (hidden x (d + 1), last column c), b0, then per further
 * hidden layer W (hidden x hidden), b, then Wout (2d x (hidden + 1), last column c), bout; blocks one after
 * the other. Masked weights are exactly zero.
 */
final class Maf {

    static final double LOG_2PI = Math.log(2 * Math.PI);

    final int d;
    final int hidden;
    final int layers;
    final int blocks;
    final double clamp;
    private final float[] w;
    private final int blockSize;

    Maf(int d, int hidden, int layers, int blocks, double clamp, float[] weights) {
        this.d = d;
        this.hidden = hidden;
        this.layers = layers;
        this.blocks = blocks;
        this.clamp = clamp;
        this.blockSize = blockSize(d, hidden, layers);
        if (weights.length != (long) blockSize * blocks) {
            throw new IllegalArgumentException(weights.length + " flow weights, expected " + (long) blockSize * blocks);
        }
        float[] m = mask(d, hidden, layers, blocks);
        this.w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] * m[i];
        }
    }

    /** Parameters of one block. */
    static int blockSize(int d, int hidden, int layers) {
        return hidden * (d + 1) + hidden + (layers - 1) * (hidden * hidden + hidden) + 2 * d * (hidden + 1) + 2 * d;
    }

    /** Input and output width of every linear layer, all blocks in order (for the trainer's parameter split). */
    static int[][] layerShapes(int d, int hidden, int layers, int blocks) {
        int per = layers + 1;
        int[] ins = new int[per * blocks];
        int[] outs = new int[per * blocks];
        for (int k = 0; k < blocks; k++) {
            for (int l = 0; l < per; l++) {
                ins[k * per + l] = l == 0 ? d + 1 : l < layers ? hidden : hidden + 1;
                outs[k * per + l] = l < layers ? hidden : 2 * d;
            }
        }
        return new int[][] {ins, outs};
    }

    /** Degree (1..d) of feature i in block k: identity order in even blocks, reversed in odd ones. */
    static int degree(int i, int k, int d) {
        return (k % 2 == 0 ? i : d - 1 - i) + 1;
    }

    /** 1 for free parameters (biases and allowed weights), 0 for masked weights; the flat layout of the class doc. */
    static float[] mask(int d, int hidden, int layers, int blocks) {
        int bs = blockSize(d, hidden, layers);
        float[] m = new float[bs * blocks];
        for (int k = 0; k < blocks; k++) {
            int o = k * bs;
            for (int j = 0; j < hidden; j++) {
                for (int i = 0; i < d; i++) {
                    m[o + j * (d + 1) + i] = j % d >= degree(i, k, d) ? 1f : 0f;
                }
                m[o + j * (d + 1) + d] = 1f;
            }
            o += hidden * (d + 1);
            java.util.Arrays.fill(m, o, o + hidden, 1f);
            o += hidden;
            for (int l = 1; l < layers; l++) {
                for (int j = 0; j < hidden; j++) {
                    for (int i = 0; i < hidden; i++) {
                        m[o + j * hidden + i] = j % d >= i % d ? 1f : 0f;
                    }
                }
                o += hidden * hidden;
                java.util.Arrays.fill(m, o, o + hidden, 1f);
                o += hidden;
            }
            for (int r = 0; r < 2 * d; r++) {
                int deg = degree(r % d, k, d);
                for (int j = 0; j < hidden; j++) {
                    m[o + r * (hidden + 1) + j] = j % d < deg ? 1f : 0f;
                }
                m[o + r * (hidden + 1) + hidden] = 1f;
            }
            o += 2 * d * (hidden + 1);
            java.util.Arrays.fill(m, o, o + 2 * d, 1f);
        }
        return m;
    }

    /**
     * PyTorch-like initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for hidden layers; the output layer 100 times
     * smaller, so the untrained flow is close to the identity; masked weights zero.
     */
    static float[] init(int d, int hidden, int layers, int blocks, SplittableRandom rng) {
        int[][] sh = layerShapes(d, hidden, layers, blocks);
        float[] m = mask(d, hidden, layers, blocks);
        float[] w = new float[m.length];
        int off = 0;
        for (int l = 0; l < sh[0].length; l++) {
            int in = sh[0][l];
            int out = sh[1][l];
            double bound = (l % (layers + 1) == layers ? 0.01 : 1.0) / Math.sqrt(in);
            for (int i = 0; i < in * out + out; i++, off++) {
                w[off] = (float) ((2 * rng.nextDouble() - 1) * bound) * m[off];
            }
        }
        return w;
    }

    float[] weights() {
        return w.clone();
    }

    /** MADE of block k on (y, c): {mu_0..mu_{d-1}, alpha_0..alpha_{d-1}} (alpha already clamped). */
    double[] made(int k, double[] y, double c) {
        int o = k * blockSize;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            int row = o + j * (d + 1);
            double s = w[o + hidden * (d + 1) + j] + w[row + d] * c;
            for (int i = 0; i < d; i++) {
                s += w[row + i] * y[i];
            }
            h[j] = s > 0 ? s : 0;
        }
        o += hidden * (d + 1) + hidden;
        for (int l = 1; l < layers; l++) {
            double[] g = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                int row = o + j * hidden;
                double s = w[o + hidden * hidden + j];
                for (int i = 0; i < hidden; i++) {
                    s += w[row + i] * h[i];
                }
                g[j] = s > 0 ? s : 0;
            }
            h = g;
            o += hidden * hidden + hidden;
        }
        double[] out = new double[2 * d];
        int bias = o + 2 * d * (hidden + 1);
        for (int r = 0; r < 2 * d; r++) {
            int row = o + r * (hidden + 1);
            double s = w[bias + r] + w[row + hidden] * c;
            for (int j = 0; j < hidden; j++) {
                s += w[row + j] * h[j];
            }
            out[r] = r < d ? s : clamp * Math.tanh(s / clamp);
        }
        return out;
    }

    /** log p(s | c) of a preprocessed row: one pass per block. */
    double logDensity(double[] s, double c) {
        double[] y = s.clone();
        double logDet = 0;
        for (int k = 0; k < blocks; k++) {
            double[] ma = made(k, y, c);
            for (int i = 0; i < d; i++) {
                y[i] = (y[i] - ma[i]) * Math.exp(-ma[d + i]);
                logDet -= ma[d + i];
            }
        }
        double q = 0;
        for (int i = 0; i < d; i++) {
            q += y[i] * y[i];
        }
        return -0.5 * q - 0.5 * d * LOG_2PI + logDet;
    }

    /** The preprocessed row whose last-block output is {@code z}: blocks inverted last to first, d passes each. */
    double[] inverse(double[] z, double c) {
        double[] u = z.clone();
        for (int k = blocks - 1; k >= 0; k--) {
            double[] y = new double[d];
            for (int r = 1; r <= d; r++) {
                int i = k % 2 == 0 ? r - 1 : d - r;
                double[] ma = made(k, y, c);
                y[i] = u[i] * Math.exp(ma[d + i]) + ma[i];
            }
            u = y;
        }
        return u;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(w.length);
        for (float v : w) {
            out.writeFloat(v);
        }
    }

    static Maf read(DataInputStream in, int d, int hidden, int layers, int blocks, double clamp) throws IOException {
        int n = in.readInt();
        long expected = (long) blockSize(d, hidden, layers) * blocks;
        if (n != expected) {
            throw new IOException(n + " flow weights, the properties describe " + expected);
        }
        if (4L * n > in.available()) {
            throw new IOException("truncated: " + n + " flow weights need " + 4L * n + " bytes, " + in.available()
                    + " are left");
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = ModelFiles.finite(in, "a flow weight");
        }
        return new Maf(d, hidden, layers, blocks, clamp, w);
    }
}
