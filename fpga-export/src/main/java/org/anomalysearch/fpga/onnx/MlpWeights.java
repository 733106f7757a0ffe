package org.anomalysearch.fpga.onnx;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.onnx.OnnxMlp.ActivationKind;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.anomalysearch.fpga.onnx.OnnxMlp.Layer;

/**
 * A multi-layer perceptron given as plain weights, the hand-off format between a trained classifier (any framework)
 * and {@link OnnxWriter}: layer k computes {@code y_j = act_k(sum_i x_i * weights[k][i][j] + biases[k][j])}.
 *
 * <p>Weights are stored [n_in][n_out] (ONNX MatMul layout: the transpose of the [out, in] weight matrix of DJL's
 * and PyTorch's Linear). The values are written as float32; {@link #toOnnxMlp()} rounds them to float exactly as
 * the ONNX file stores them. Arrays are copied in and out, so an instance never changes.
 *
 * @param weights      per layer, [n_in][n_out]
 * @param biases       per layer, [n_out]
 * @param activations  per layer, the activation after the bias ({@link Activation#NONE} for a linear layer)
 * @param featureNames the names of the n_in features of the first layer (empty: {@code f0, f1, ...})
 */
public record MlpWeights(List<double[][]> weights, List<double[]> biases, List<Activation> activations,
        List<String> featureNames) {

    /** The activation after a layer. */
    public enum Activation {
        /** Linear (no activation node). */
        NONE,
        /** max(x, 0). */
        RELU,
        /** 1 / (1 + exp(-x)). */
        SIGMOID;

        /** The ONNX reader's kind, or null for {@link #NONE}. */
        public ActivationKind kind() {
            return this == NONE ? null : ActivationKind.valueOf(name());
        }
    }

    private static final String SOURCE = "MLP weights";

    public MlpWeights {
        if (weights == null || weights.isEmpty()) {
            throw new InvalidInputException(SOURCE, null, "no layers", "give at least one weight matrix");
        }
        if (biases == null || biases.size() != weights.size() || activations == null
                || activations.size() != weights.size()) {
            throw new InvalidInputException(SOURCE, null, weights.size() + " weight matrices, "
                    + (biases == null ? 0 : biases.size()) + " bias vectors and "
                    + (activations == null ? 0 : activations.size()) + " activations",
                    "give one weight matrix, one bias vector and one activation per layer");
        }
        List<double[][]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        int nIn = -1;
        for (int k = 0; k < weights.size(); k++) {
            String layer = "layer " + k;
            double[][] m = weights.get(k);
            if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
                throw new InvalidInputException(SOURCE, layer, "empty weight matrix", "weights are [n_in][n_out]");
            }
            if (nIn >= 0 && m.length != nIn) {
                throw new InvalidInputException(SOURCE, layer, "weight matrix has " + m.length + " rows, the previous "
                        + "layer has " + nIn + " outputs", "weights are [n_in][n_out] (transpose [out, in] matrices)");
            }
            int nOut = m[0].length;
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                if (m[i] == null || m[i].length != nOut) {
                    throw new InvalidInputException(SOURCE, layer + ", row " + i, "ragged weight matrix: expected "
                            + nOut + " columns", "weights are [n_in][n_out]");
                }
                copy[i] = finite(m[i], layer + " weights");
            }
            double[] bias = biases.get(k);
            if (bias == null || bias.length != nOut) {
                throw new InvalidInputException(SOURCE, layer, "bias has " + (bias == null ? 0 : bias.length)
                        + " values, expected " + nOut, "one bias per output (zeros for none)");
            }
            if (activations.get(k) == null) {
                throw new InvalidInputException(SOURCE, layer, "no activation", "use Activation.NONE for linear");
            }
            w.add(copy);
            b.add(finite(bias, layer + " bias"));
            nIn = nOut;
        }
        weights = List.copyOf(w);
        biases = List.copyOf(b);
        activations = List.copyOf(activations);
        int inputs = weights.get(0).length;
        if (featureNames == null || featureNames.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                names.add("f" + i);
            }
            featureNames = List.copyOf(names);
        } else {
            if (featureNames.size() != inputs) {
                throw new InvalidInputException(SOURCE, "feature names", featureNames.size() + " names for "
                        + inputs + " inputs", "give one name per input feature, or none");
            }
            featureNames = List.copyOf(featureNames);
        }
    }

    private static double[] finite(double[] v, String what) {
        for (double d : v) {
            if (!Double.isFinite(d) || Math.abs(d) > Float.MAX_VALUE) {
                throw new InvalidInputException(SOURCE, what, "value " + d + " is not a finite float32",
                        "check the trained model for NaN or overflow");
            }
        }
        return v.clone();
    }

    /** Number of layers. */
    public int layerCount() {
        return weights.size();
    }

    /** Number of input features. */
    public int inputSize() {
        return weights.get(0).length;
    }

    /** Number of outputs. */
    public int outputSize() {
        return weights.get(weights.size() - 1)[0].length;
    }

    /** The weight matrix of layer k, [n_in][n_out] (a copy). */
    public double[][] weights(int k) {
        double[][] m = weights.get(k);
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public List<double[][]> weights() {
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < weights.size(); k++) {
            out.add(weights(k));
        }
        return out;
    }

    @Override
    public List<double[]> biases() {
        List<double[]> out = new ArrayList<>();
        for (double[] b : biases) {
            out.add(b.clone());
        }
        return out;
    }

    /**
     * The network as the ONNX reader returns it after {@link OnnxWriter} wrote it: graph input {@code features},
     * nodes {@code dense<k>_matmul}, {@code dense<k>_add}, {@code act<k>_relu} / {@code act<k>_sigmoid}, graph
     * output {@code score}; values rounded to float32. These node names are hls4ml's layer names.
     */
    public OnnxMlp toOnnxMlp() {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < weights.size(); k++) {
            double[][] m = weights.get(k);
            int nIn = m.length;
            int nOut = m[0].length;
            float[] w = new float[nIn * nOut];
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    w[i * nOut + j] = (float) m[i][j];
                }
            }
            float[] b = new float[nOut];
            for (int j = 0; j < nOut; j++) {
                b[j] = (float) biases.get(k)[j];
            }
            layers.add(new Dense("dense" + k + "_matmul", "dense" + k + "_add", nIn, nOut, w, b));
            Activation a = activations.get(k);
            if (a != Activation.NONE) {
                layers.add(new OnnxMlp.Activation("act" + k + "_" + a.name().toLowerCase(java.util.Locale.ROOT),
                        a.kind(), nOut));
            }
        }
        return new OnnxMlp("features", "score", inputSize(), layers);
    }

    /**
     * The weights of an ONNX MLP (Dense layers each followed by at most one activation); a Dense without bias gets
     * zeros. Feature names {@code f0, f1, ...}.
     */
    public static MlpWeights of(OnnxMlp mlp) {
        List<double[][]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<Activation> a = new ArrayList<>();
        for (Layer l : mlp.layers()) {
            if (l instanceof Dense d) {
                double[][] m = new double[d.inputSize()][d.outputSize()];
                for (int i = 0; i < d.inputSize(); i++) {
                    for (int j = 0; j < d.outputSize(); j++) {
                        m[i][j] = d.weight(i, j);
                    }
                }
                double[] bias = new double[d.outputSize()];
                for (int j = 0; j < bias.length && d.bias() != null; j++) {
                    bias[j] = d.bias()[j];
                }
                w.add(m);
                b.add(bias);
                a.add(Activation.NONE);
            } else if (!(l instanceof OnnxMlp.Activation)) {
                throw new InvalidInputException(SOURCE, l.name(), "a score layer (" + l.getClass().getSimpleName()
                        + "), which plain weights cannot hold", "plain weights are Dense layers and activations only");
            } else {
                OnnxMlp.Activation act = (OnnxMlp.Activation) l;
                if (a.isEmpty() || a.get(a.size() - 1) != Activation.NONE) {
                    throw new InvalidInputException(SOURCE, act.name(), "an activation that does not directly "
                            + "follow a Dense layer", "plain weights hold one activation per Dense layer");
                }
                a.set(a.size() - 1, Activation.valueOf(act.kind().name()));
            }
        }
        return new MlpWeights(w, b, a, List.of());
    }

    /**
     * Plain weights from a framework that stores Linear weights {@code [out][in]} (DJL, PyTorch): each matrix is
     * transposed to this record's {@code [n_in][n_out]}; values are widened from float exactly.
     */
    public static MlpWeights ofOutIn(List<float[][]> weightsOutIn, List<float[]> biases, List<Activation> activations,
            List<String> featureNames) {
        List<double[][]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int k = 0; k < weightsOutIn.size(); k++) {
            float[][] m = weightsOutIn.get(k);
            if (m == null || m.length == 0 || m[0] == null) {
                throw new InvalidInputException(SOURCE, "layer " + k, "empty weight matrix",
                        "give [out][in] matrices");
            }
            int nOut = m.length;
            int nIn = m[0].length;
            double[][] t = new double[nIn][nOut];
            for (int o = 0; o < nOut; o++) {
                if (m[o] == null || m[o].length != nIn) {
                    throw new InvalidInputException(SOURCE, "layer " + k + ", row " + o, "ragged [out][in] matrix: "
                            + "expected " + nIn + " columns", "give [out][in] matrices");
                }
                for (int i = 0; i < nIn; i++) {
                    t[i][o] = m[o][i];
                }
            }
            w.add(t);
            float[] bf = k < biases.size() ? biases.get(k) : null;
            double[] bd = new double[bf == null ? 0 : bf.length];
            for (int j = 0; j < bd.length; j++) {
                bd[j] = bf[j];
            }
            b.add(bd);
        }
        return new MlpWeights(w, b, activations, featureNames);
    }

    /**
     * The same network taking raw features x instead of standardised ones z = (x - mean) / std: the first layer
     * becomes {@code W'[i][j] = W[i][j] / std[i]} and {@code b'[j] = b[j] - sum_i W[i][j] * mean[i] / std[i]}
     * (exact algebra, evaluated in double; the ONNX file then rounds the folded values to float32 once).
     */
    public MlpWeights foldStandardisation(double[] mean, double[] std) {
        int n = inputSize();
        if (mean == null || std == null || mean.length != n || std.length != n) {
            throw new InvalidInputException(SOURCE, "standardisation", (mean == null ? 0 : mean.length)
                    + " means and " + (std == null ? 0 : std.length) + " standard deviations for " + n + " inputs",
                    "one mean and one standard deviation per input feature");
        }
        for (int i = 0; i < n; i++) {
            if (!(std[i] > 0) || !Double.isFinite(std[i]) || !Double.isFinite(mean[i])) {
                throw new InvalidInputException(SOURCE, "standardisation of " + featureNames.get(i), "mean "
                        + mean[i] + ", std " + std[i], "a finite mean and a positive finite std");
            }
        }
        double[][] w0 = weights(0);
        double[] b0 = biases.get(0).clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b0.length; j++) {
                b0[j] -= w0[i][j] * mean[i] / std[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b0.length; j++) {
                w0[i][j] /= std[i];
            }
        }
        List<double[][]> w = new ArrayList<>(weights());
        List<double[]> b = new ArrayList<>(biases());
        w.set(0, w0);
        b.set(0, b0);
        return new MlpWeights(w, b, activations, featureNames);
    }

    /**
     * Several networks with the same inputs, outputs, number of layers and activations (hidden widths may differ) as
     * one plain network whose output is their mean:
     * the first layers side by side ({@code [W_1 | W_2 | ...]}), every later layer block-diagonal, each member's own
     * activations, then a linear layer that averages the members' outputs (weights 1/M, bias 0). Still MatMul + Add +
     * activations; in float it computes exactly the members' mean up to float32 rounding of 1/M. In fixed point the
     * weight 1/M is quantized like any weight (exact only when M is a power of two).
     */
    public static MlpWeights sideBySide(List<MlpWeights> members) {
        if (members == null || members.isEmpty()) {
            throw new InvalidInputException(SOURCE, null, "no members", "give at least one network");
        }
        MlpWeights first = members.get(0);
        int layers = first.layerCount();
        for (int m = 1; m < members.size(); m++) {
            MlpWeights o = members.get(m);
            if (o.layerCount() != layers || o.inputSize() != first.inputSize()
                    || !o.activations.equals(first.activations) || o.outputSize() != first.outputSize()) {
                throw new InvalidInputException(SOURCE, "member " + m, "has " + o.layerCount() + " layers, "
                        + o.inputSize() + " inputs, activations " + o.activations + "; member 0 has " + layers + ", "
                        + first.inputSize() + ", " + first.activations, "members must share their structure");
            }
        }
        List<double[][]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<Activation> a = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            int rows = 0;
            int cols = 0;
            for (MlpWeights mw : members) {
                rows += k == 0 ? 0 : mw.weights.get(k).length;
                cols += mw.weights.get(k)[0].length;
            }
            rows = k == 0 ? first.inputSize() : rows;
            double[][] big = new double[rows][cols];
            double[] bias = new double[cols];
            int r0 = 0;
            int c0 = 0;
            for (MlpWeights mw : members) {
                double[][] m = mw.weights.get(k);
                for (int i = 0; i < m.length; i++) {
                    System.arraycopy(m[i], 0, big[(k == 0 ? 0 : r0) + i], c0, m[i].length);
                }
                System.arraycopy(mw.biases.get(k), 0, bias, c0, m[0].length);
                r0 += m.length;
                c0 += m[0].length;
            }
            w.add(big);
            b.add(bias);
            a.add(first.activations.get(k));
        }
        if (members.size() > 1) {
            int out = first.outputSize();
            double[][] mean = new double[out * members.size()][out];
            for (int m = 0; m < members.size(); m++) {
                for (int j = 0; j < out; j++) {
                    mean[m * out + j][j] = 1.0 / members.size();
                }
            }
            w.add(mean);
            b.add(new double[out]);
            a.add(Activation.NONE);
        }
        return new MlpWeights(w, b, a, first.featureNames);
    }
}
