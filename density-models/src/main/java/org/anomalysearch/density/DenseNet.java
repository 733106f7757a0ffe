package org.anomalysearch.density;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected network evaluated in plain Java: hidden layers with LeakyReLU (slope 0 = ReLU), a linear
 * output. Weights are PyTorch-shaped ({@code out x in}, row-major) floats, exactly as trained; arithmetic is
 * in double, so the output depends only on the weights and the input.
 */
final class DenseNet {

    record Layer(int in, int out, float[] w, float[] b) {
        Layer {
            if (w.length != in * out || b.length != out) {
                throw new IllegalArgumentException("layer " + in + "->" + out + " with " + w.length + " weights and "
                        + b.length + " biases");
            }
        }
    }

    private final List<Layer> layers;
    private final float slope;

    DenseNet(List<Layer> layers, float slope) {
        this.layers = List.copyOf(layers);
        this.slope = slope;
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new IllegalArgumentException("layer sizes do not chain");
            }
        }
    }

    int inputSize() {
        return layers.get(0).in();
    }

    int outputSize() {
        return layers.get(layers.size() - 1).out();
    }

    float slope() {
        return slope;
    }

    List<Layer> layers() {
        return layers;
    }

    double[] forward(double[] x) {
        double[] a = x;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            double[] y = new double[layer.out()];
            for (int o = 0; o < layer.out(); o++) {
                double s = layer.b()[o];
                int base = o * layer.in();
                for (int i = 0; i < layer.in(); i++) {
                    s += layer.w()[base + i] * a[i];
                }
                y[o] = l < layers.size() - 1 && s < 0 ? s * slope : s;
            }
            a = y;
        }
        return a;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeFloat(slope);
        out.writeInt(layers.size());
        for (Layer l : layers) {
            out.writeInt(l.in());
            out.writeInt(l.out());
            for (float v : l.w()) {
                out.writeFloat(v);
            }
            for (float v : l.b()) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Layer sizes {@code in, hidden..., out}; with {@code mirrored} the hidden widths are taken in reverse order (a
     * decoder mirroring its encoder).
     */
    static int[] sizes(int in, int[] hidden, int out, boolean mirrored) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = in;
        for (int i = 0; i < hidden.length; i++) {
            sizes[i + 1] = mirrored ? hidden[hidden.length - 1 - i] : hidden[i];
        }
        sizes[hidden.length + 1] = out;
        return sizes;
    }

    static DenseNet read(DataInputStream in) throws IOException {
        float slope = ModelFiles.finite(in, "the activation slope");
        int n = in.readInt();
        if (n < 1 || n > 64) {
            throw new IOException("implausible layer count " + n);
        }
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = in.readInt();
            int o = in.readInt();
            if (i < 1 || o < 1 || (long) i * o > 1L << 26) {
                throw new IOException("implausible layer size " + i + "x" + o);
            }
            if (4L * ((long) i * o + o) > in.available()) {
                throw new IOException("truncated: a " + i + "x" + o + " layer needs " + 4L * ((long) i * o + o)
                        + " bytes, " + in.available() + " are left");
            }
            float[] w = new float[i * o];
            float[] b = new float[o];
            for (int j = 0; j < w.length; j++) {
                w[j] = ModelFiles.finite(in, "a weight");
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = ModelFiles.finite(in, "a bias");
            }
            layers.add(new Layer(i, o, w, b));
        }
        return new DenseNet(layers, slope);
    }
}
