package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * A trainable MLP on raw DJL arrays (no Block machinery, so the same code can also form its analytic input
 * gradient for the WGAN-GP penalty): PyTorch-shaped weights ({@code out x in}), LeakyReLU hidden layers
 * (slope 0 = ReLU), linear output. Initialised like PyTorch's {@code nn.Linear}: U(-1/sqrt(fan_in),
 * 1/sqrt(fan_in)) for weights and biases, drawn from a seeded Java generator.
 *
 * <p>All weights and biases live in ONE flat parameter array (layer by layer: weights row-major, then biases).
 * Each forward pass cuts it into per-layer views with a single split (plus a reshape per weight matrix), so
 * the optimiser step is one fused Adam update and one gradient reset per network instead of one per tensor:
 * on small networks the per-call overhead of the native engine dominates, and this halves the step time.
 */
final class TorchNet {

    /** The parameters (requires gradient), attached to the manager given at construction. */
    final NDArray flat;
    final float slope;
    final String name;
    private final int[] ins;
    private final int[] outs;
    private final long[] splits;

    TorchNet(NDManager manager, String name, int[] sizes, float slope, SplittableRandom rng) {
        this.name = name;
        this.slope = slope;
        int n = sizes.length - 1;
        ins = new int[n];
        outs = new int[n];
        int total = 0;
        for (int l = 0; l < n; l++) {
            ins[l] = sizes[l];
            outs[l] = sizes[l + 1];
            total += ins[l] * outs[l] + outs[l];
        }
        splits = splitPoints(ins, outs);
        float[] all = new float[total];
        int off = 0;
        for (int l = 0; l < n; l++) {
            double bound = 1 / Math.sqrt(ins[l]);
            int nw = ins[l] * outs[l];
            for (int i = 0; i < nw; i++) {
                all[off + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            for (int i = 0; i < outs[l]; i++) {
                all[off + nw + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            off += nw + outs[l];
        }
        flat = Djl.tensor(manager, all, new Shape(total));
        flat.setRequiresGradient(true);
    }

    private TorchNet(String name, NDArray flat, float slope, int[] ins, int[] outs) {
        this.name = name;
        this.flat = flat;
        this.slope = slope;
        this.ins = ins;
        this.outs = outs;
        this.splits = splitPoints(ins, outs);
    }

    /** Split points of a flat array holding, layer by layer, an {@code out x in} weight matrix and its bias. */
    static long[] splitPoints(int[] ins, int[] outs) {
        long[] sp = new long[2 * ins.length - 1];
        long off = 0;
        for (int l = 0; l < ins.length; l++) {
            off += (long) ins[l] * outs[l];
            sp[2 * l] = off;
            off += outs[l];
            if (l < ins.length - 1) {
                sp[2 * l + 1] = off;
            }
        }
        return sp;
    }

    int layers() {
        return ins.length;
    }

    /** Per-layer views {w0, b0, w1, b1, ...} of the parameters, differentiable, owned by {@code scope}. */
    NDArray[] views(NDManager scope) {
        NDList parts = flat.split(splits, 0);
        parts.attach(scope);
        NDArray[] v = new NDArray[parts.size()];
        for (int l = 0; l < ins.length; l++) {
            v[2 * l] = parts.get(2 * l).reshape(outs[l], ins[l]);
            v[2 * l + 1] = parts.get(2 * l + 1);
        }
        return v;
    }

    NDArray act(NDArray a) {
        return slope == 0f ? Activation.relu(a) : Activation.leakyRelu(a, slope);
    }

    NDArray forward(NDArray x) {
        NDArray[] p = views(x.getManager());
        NDArray a = x;
        int n = ins.length;
        for (int l = 0; l < n; l++) {
            a = Linear.linear(a, p[2 * l], p[2 * l + 1]).singletonOrThrow();
            if (l < n - 1) {
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
        NDArray[] p = views(x.getManager());
        int n = ins.length;
        NDArray[] slopes = new NDArray[n - 1];
        NDArray a = x;
        for (int l = 0; l < n; l++) {
            NDArray pre = Linear.linear(a, p[2 * l], p[2 * l + 1]).singletonOrThrow();
            if (l < n - 1) {
                NDArray pos = pre.gt(0f).toType(pre.getDataType(), false);
                slopes[l] = pos.mul(1f - slope).add(slope);
                a = act(pre);
            } else {
                a = pre;
            }
        }
        // backward in closed form: g_{n-1} = w_out (1 x h) broadcast over the batch
        NDArray g = p[2 * (n - 1)].reshape(1, -1);
        for (int l = n - 2; l >= 0; l--) {
            g = g.mul(slopes[l]);          // B x h_l
            g = g.matMul(l == 0 ? p[0].get(":, 0:" + nIn) : p[2 * l]);  // B x h_{l-1} (or x nIn)
        }
        return new NDArray[] {a, g};
    }

    /** A copy of the current weights without gradients (for a moving average). */
    TorchNet copyWithoutGradient(NDManager manager) {
        NDArray f = flat.stopGradient().duplicate();
        f.attach(manager);
        return new TorchNet(name + "-ema", f, slope, ins, outs);
    }

    /** this = decay * this + (1 - decay) * other, in place (no gradient). */
    void blendFrom(TorchNet other, float decay, NDManager scratch) {
        try (NDManager s = scratch.newSubManager()) {
            NDArray o = other.flat.stopGradient();
            o.attach(s);
            flat.muli(decay).addi(o.mul(1f - decay));
        }
    }

    /** The trainable parameters (one array). */
    List<NDArray> parameters() {
        return List.of(flat);
    }

    DenseNet export() {
        float[] all = flat.toFloatArray();
        List<DenseNet.Layer> layers = new ArrayList<>();
        int off = 0;
        for (int l = 0; l < ins.length; l++) {
            int nw = ins[l] * outs[l];
            layers.add(new DenseNet.Layer(ins[l], outs[l], Arrays.copyOfRange(all, off, off + nw),
                    Arrays.copyOfRange(all, off + nw, off + nw + outs[l])));
            off += nw + outs[l];
        }
        return new DenseNet(layers, slope);
    }
}
