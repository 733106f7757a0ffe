package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * A trainable MLP on raw DJL arrays (no Block machinery, so the same code can also form its analytic input
 * gradient for the WGAN-GP penalty): PyTorch-shaped weights ({@code out x in}), LeakyReLU hidden layers
 * (slope 0 = ReLU), linear output. Initialised like PyTorch's {@code nn.Linear}: U(-1/sqrt(fan_in),
 * 1/sqrt(fan_in)) for weights and biases, drawn from a seeded Java generator.
 */
final class TorchNet {

    final NDArray[] w;
    final NDArray[] b;
    final float slope;
    final String name;

    TorchNet(NDManager manager, String name, int[] sizes, float slope, SplittableRandom rng) {
        this.name = name;
        this.slope = slope;
        int n = sizes.length - 1;
        w = new NDArray[n];
        b = new NDArray[n];
        for (int l = 0; l < n; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double bound = 1 / Math.sqrt(in);
            float[] wv = new float[in * out];
            float[] bv = new float[out];
            for (int i = 0; i < wv.length; i++) {
                wv[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            for (int i = 0; i < bv.length; i++) {
                bv[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            w[l] = manager.create(wv, new Shape(out, in));
            b[l] = manager.create(bv, new Shape(out));
            w[l].setRequiresGradient(true);
            b[l].setRequiresGradient(true);
        }
    }

    NDArray act(NDArray a) {
        return slope == 0f ? Activation.relu(a) : Activation.leakyRelu(a, slope);
    }

    NDArray forward(NDArray x) {
        NDArray a = x;
        for (int l = 0; l < w.length; l++) {
            a = Linear.linear(a, w[l], b[l]).singletonOrThrow();
            if (l < w.length - 1) {
                a = act(a);
            }
        }
        return a;
    }

    /**
     * Output (B x 1) and its gradient with respect to the first {@code nIn} input columns (B x nIn), both as
     * differentiable functions of the parameters: for a piecewise-linear activation the input gradient is
     * {@code W1^T (s1 * W2^T (s2 * ... w_out^T))} with {@code s_l} the (constant) activation slopes, so one
     * ordinary backward pass through it gives the gradient-penalty term's parameter gradients; no
     * second-order autograd is needed.
     */
    NDArray[] forwardWithInputGradient(NDArray x, int nIn) {
        int n = w.length;
        NDArray[] slopes = new NDArray[n - 1];
        NDArray a = x;
        for (int l = 0; l < n; l++) {
            NDArray pre = Linear.linear(a, w[l], b[l]).singletonOrThrow();
            if (l < n - 1) {
                NDArray pos = pre.gt(0f).toType(pre.getDataType(), false);
                slopes[l] = pos.mul(1f - slope).add(slope);
                a = act(pre);
            } else {
                a = pre;
            }
        }
        // backward in closed form: g_{n-1} = w_out (1 x h) broadcast over the batch
        NDArray g = w[n - 1].reshape(1, -1);
        for (int l = n - 2; l >= 0; l--) {
            g = g.mul(slopes[l]);          // B x h_l
            g = g.matMul(l == 0 ? w[0].get(":, 0:" + nIn) : w[l]);  // B x h_{l-1} (or x nIn)
        }
        return new NDArray[] {a, g};
    }

    private TorchNet(String name, NDArray[] w, NDArray[] b, float slope) {
        this.name = name;
        this.w = w;
        this.b = b;
        this.slope = slope;
    }

    /** A copy of the current weights without gradients (for a moving average). */
    TorchNet copyWithoutGradient(NDManager manager) {
        NDArray[] w2 = new NDArray[w.length];
        NDArray[] b2 = new NDArray[b.length];
        for (int l = 0; l < w.length; l++) {
            w2[l] = w[l].stopGradient().duplicate();
            b2[l] = b[l].stopGradient().duplicate();
            w2[l].attach(manager);
            b2[l].attach(manager);
        }
        return new TorchNet(name + "-ema", w2, b2, slope);
    }

    /** this = decay * this + (1 - decay) * other, in place (no gradient). */
    void blendFrom(TorchNet other, float decay, NDManager scratch) {
        for (int l = 0; l < w.length; l++) {
            try (NDManager s = scratch.newSubManager()) {
                NDArray ow = other.w[l].stopGradient();
                NDArray ob = other.b[l].stopGradient();
                ow.attach(s);
                ob.attach(s);
                w[l].muli(decay).addi(ow.mul(1f - decay));
                b[l].muli(decay).addi(ob.mul(1f - decay));
            }
        }
    }

    List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            p.add(w[l]);
            p.add(b[l]);
        }
        return p;
    }

    DenseNet export() {
        List<DenseNet.Layer> layers = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            long[] s = w[l].getShape().getShape();
            layers.add(new DenseNet.Layer((int) s[1], (int) s[0], w[l].toFloatArray(), b[l].toFloatArray()));
        }
        return new DenseNet(layers, slope);
    }
}
