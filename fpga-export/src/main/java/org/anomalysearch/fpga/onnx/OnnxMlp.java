package org.anomalysearch.fpga.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.GraphProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorShapeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * A feed-forward network read from ONNX in the form hls4ml's ONNX frontend converts: a chain of
 * {@code MatMul} (x times a constant [in, out] weight initializer), optionally followed by {@code Add} with a
 * constant bias, and element-wise activations ({@code Relu}, {@code Sigmoid}). The first dimension of the graph
 * input is the batch.
 *
 * <p>It may end in an anomaly score's arithmetic, which hls4ml builds as Merge layers and a Dense: {@code Sub} of
 * the previous output from the graph input (the reconstruction error {@code z - d(e(z))} of an autoencoder; hls4ml's
 * {@code nnet::subtract}), {@code Mul} of the previous output by itself (the squares; {@code nnet::multiply}), and a
 * bias-free {@code MatMul} by a constant [k, 1] (the sum, with weights of ones). {@link Subtract} and {@link Square}
 * may appear anywhere in the chain, but only in these forms.
 *
 * <p>Reading checks the whole graph first and reports every unsupported node (Conv, Gemm, Tanh, Softmax, ...)
 * and every malformed weight at once in an {@link UnsupportedModelException}. Immutable.
 *
 * @param inputName  the graph input (the one that is not an initializer)
 * @param outputName the graph output
 * @param inputSize  number of input features
 * @param layers     the layers in evaluation order
 */
public record OnnxMlp(String inputName, String outputName, int inputSize, List<Layer> layers) {

    /** Operator types this reader understands. */
    public static final Set<String> SUPPORTED_OPS = Set.of("MatMul", "Add", "Relu", "Sigmoid", "Sub", "Mul");

    /** The widest layer read (inputs or units); FPGA trigger networks have tens. */
    public static final int MAX_WIDTH = 1 << 20;

    public OnnxMlp {
        layers = List.copyOf(layers);
    }

    /** One layer of the chain. */
    public sealed interface Layer permits Dense, ElementWise {
        /** The ONNX node name (for a Dense, the MatMul node's). */
        String name();

        /** Number of inputs. */
        int inputSize();

        /** Number of outputs. */
        int outputSize();
    }

    /** A layer with as many outputs as inputs, element by element (activations, the score's Sub and Mul). */
    public sealed interface ElementWise extends Layer permits Activation, Subtract, Square {
        /** Number of elements. */
        int size();

        @Override
        default int inputSize() {
            return size();
        }

        @Override
        default int outputSize() {
            return size();
        }
    }

    /**
     * A MatMul with a constant weight, with the constant bias of a directly following Add (or no bias). hls4ml
     * converts it into a Dense layer with zero bias named after the MatMul node, followed by an ApplyAlpha
     * layer (x * 1 + bias) named after the Add node.
     *
     * @param name     MatMul node name
     * @param biasName Add node name, or null when there is no Add
     * @param weights  row-major [inputSize][outputSize] (index i * outputSize + j), as ONNX stores them
     * @param bias     [outputSize], or null when there is no Add
     */
    public record Dense(String name, String biasName, int inputSize, int outputSize, float[] weights, float[] bias)
            implements Layer {
        /** Weight of input i to output j. */
        public float weight(int i, int j) {
            return weights[i * outputSize + j];
        }
    }

    /** Element-wise activation functions. */
    public enum ActivationKind {
        /** max(x, 0). */
        RELU,
        /** 1 / (1 + exp(-x)). */
        SIGMOID
    }

    /**
     * An element-wise activation node.
     *
     * @param name node name
     * @param kind the function
     * @param size number of elements
     */
    public record Activation(String name, ActivationKind kind, int size) implements ElementWise {
    }

    /**
     * {@code Sub(graph input, previous output)}: the graph input minus the previous output, element-wise (hls4ml: a
     * Merge layer, {@code nnet::subtract}).
     *
     * @param name node name
     * @param size number of elements (the number of graph inputs)
     */
    public record Subtract(String name, int size) implements ElementWise {
    }

    /**
     * {@code Mul(v, v)}: the previous output times itself, element-wise (hls4ml: a Merge layer,
     * {@code nnet::multiply}).
     *
     * @param name node name
     * @param size number of elements
     */
    public record Square(String name, int size) implements ElementWise {
    }

    /** Number of outputs of the last layer. */
    public int outputSize() {
        return layers.isEmpty() ? inputSize : layers.get(layers.size() - 1).outputSize();
    }

    /**
     * The float model in single precision, as ONNX Runtime evaluates it: for each Dense
     * {@code y_j = (sum_i x_i * w_ij) + b_j} accumulated in float in input order, ReLU {@code max(x, 0)}, sigmoid
     * {@code 1 / (1 + exp(-x))} rounded to float, Sub {@code x_j - v_j} and Mul {@code v_j * v_j} in float. Agrees
     * with ONNX Runtime to float rounding (its MatMul may sum
     * in another order).
     */
    public float[] forwardFloat32(float[] x) {
        if (x.length != inputSize) {
            throw new InvalidInputException("model input", null, "expected " + inputSize + " features, found "
                    + x.length, "give one value per model input");
        }
        float[] v = x.clone();
        for (Layer l : layers) {
            if (l instanceof Dense d) {
                float[] out = new float[d.outputSize()];
                for (int j = 0; j < out.length; j++) {
                    float acc = 0f;
                    for (int i = 0; i < d.inputSize(); i++) {
                        acc += v[i] * d.weights()[i * out.length + j];
                    }
                    out[j] = d.bias() == null ? acc : acc + d.bias()[j];
                }
                v = out;
            } else if (l instanceof Subtract) {
                for (int j = 0; j < v.length; j++) {
                    v[j] = x[j] - v[j];
                }
            } else if (l instanceof Square) {
                for (int j = 0; j < v.length; j++) {
                    v[j] = v[j] * v[j];
                }
            } else {
                Activation a = (Activation) l;
                for (int j = 0; j < v.length; j++) {
                    v[j] = a.kind() == ActivationKind.RELU ? Math.max(v[j], 0f)
                            : (float) (1.0 / (1.0 + Math.exp(-(double) v[j])));
                }
            }
        }
        return v;
    }

    /** Reads an ONNX file. */
    public static OnnxMlp read(Path file) throws IOException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(file.toString(), null, "not an ONNX model: " + e.getMessage(),
                    "give a .onnx file written by an ONNX exporter");
        }
        return of(model, file.toString());
    }

    /** Converts a parsed ONNX model; {@code source} names it in error messages. */
    public static OnnxMlp of(ModelProto model, String source) {
        return new Reader(model.getGraph(), source).read();
    }

    /** Collects every problem of the graph before giving up. */
    private static final class Reader {
        private static final String HINT = "hls4ml-compatible models are chains of MatMul (constant [in, out] "
                + "weight) + Add (constant bias), Relu and Sigmoid, optionally ending in a score: Sub(graph input, "
                + "previous output), Mul(v, v), MatMul by a constant [k, 1]; export without Gemm, convolutions or "
                + "other operators";
        private final GraphProto graph;
        private final String source;
        private final Map<String, TensorProto> initializers = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Reader(GraphProto graph, String source) {
            this.graph = graph;
            this.source = source;
        }

        OnnxMlp read() {
            for (TensorProto t : graph.getInitializerList()) {
                initializers.put(t.getName(), t);
            }
            // every unsupported operator first, all at once
            for (int k = 0; k < graph.getNodeCount(); k++) {
                NodeProto n = graph.getNode(k);
                if (!SUPPORTED_OPS.contains(n.getOpType())) {
                    problems.add("node " + describe(n, k) + ": unsupported operator " + n.getOpType());
                }
            }
            List<ValueInfoProto> inputs = new ArrayList<>();
            for (ValueInfoProto v : graph.getInputList()) {
                if (!initializers.containsKey(v.getName())) {
                    inputs.add(v);
                }
            }
            if (inputs.size() != 1) {
                problems.add("expected exactly one non-constant graph input, found " + inputs.size());
            }
            if (graph.getOutputCount() != 1) {
                problems.add("expected exactly one graph output, found " + graph.getOutputCount());
            }
            if (!problems.isEmpty()) {
                throw fail();
            }
            ValueInfoProto in = inputs.get(0);
            int inputSize = featureSize(in);
            String current = in.getName();
            int size = inputSize;
            List<Layer> layers = new ArrayList<>();
            Set<String> used = new HashSet<>();
            for (int k = 0; k < graph.getNodeCount(); k++) {
                NodeProto n = graph.getNode(k);
                String where = "node " + describe(n, k);
                String data = dataInput(n, current, where);
                if (data == null) {
                    continue;
                }
                if (n.getOutputCount() != 1) {
                    problems.add(where + ": expected one output, found " + n.getOutputCount());
                    continue;
                }
                switch (n.getOpType()) {
                    case "MatMul": {
                        if (n.getInputCount() != 2 || !n.getInput(0).equals(current)
                                || !initializers.containsKey(n.getInput(1))) {
                            problems.add(where + ": MatMul must multiply the previous output (left) by a constant "
                                    + "weight initializer (right)");
                            break;
                        }
                        TensorProto w = initializers.get(n.getInput(1));
                        if (w.getDimsCount() != 2 || w.getDims(0) != size) {
                            problems.add(where + ": weight " + w.getName() + " has shape " + w.getDimsList()
                                    + ", expected [" + size + ", n_out]");
                            break;
                        }
                        float[] weights = floats(w, where);
                        int out = (int) w.getDims(1);
                        if (weights == null) {
                            break;
                        }
                        layers.add(new Dense(name(n, k), null, size, out, weights, null));
                        size = out;
                        break;
                    }
                    case "Add": {
                        String constant = n.getInputCount() == 2
                                ? (n.getInput(0).equals(current) ? n.getInput(1) : n.getInput(0)) : null;
                        Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
                        if (constant == null || !initializers.containsKey(constant)) {
                            problems.add(where + ": Add must add a constant bias initializer to the previous output");
                            break;
                        }
                        if (!(last instanceof Dense d) || d.bias() != null
                                || !previousOp(k).equals("MatMul")) {
                            problems.add(where + ": a bias Add must directly follow a MatMul");
                            break;
                        }
                        TensorProto b = initializers.get(constant);
                        long elements = elements(b, where);
                        if (elements < 0) {
                            break;
                        }
                        if (elements != size) {
                            problems.add(where + ": bias " + b.getName() + " has shape " + b.getDimsList()
                                    + ", expected [" + size + "]");
                            break;
                        }
                        float[] bias = floats(b, where);
                        if (bias == null) {
                            break;
                        }
                        layers.set(layers.size() - 1,
                                new Dense(d.name(), name(n, k), d.inputSize(), d.outputSize(), d.weights(), bias));
                        break;
                    }
                    case "Relu":
                        layers.add(new Activation(name(n, k), ActivationKind.RELU, size));
                        break;
                    case "Sigmoid":
                        layers.add(new Activation(name(n, k), ActivationKind.SIGMOID, size));
                        break;
                    case "Sub":
                        if (n.getInputCount() != 2 || !n.getInput(0).equals(in.getName())
                                || !n.getInput(1).equals(current) || current.equals(in.getName())) {
                            problems.add(where + ": Sub must subtract the previous output from the graph input, "
                                    + "Sub(" + in.getName() + ", " + current + ") (the reconstruction error); found Sub"
                                    + n.getInputList());
                            break;
                        }
                        if (size != inputSize) {
                            problems.add(where + ": Sub of " + size + " values from the " + inputSize
                                    + " graph inputs; the previous output must have the graph input's size");
                            break;
                        }
                        layers.add(new Subtract(name(n, k), size));
                        break;
                    case "Mul":
                        if (n.getInputCount() != 2 || !n.getInput(0).equals(current)
                                || !n.getInput(1).equals(current)) {
                            problems.add(where + ": Mul must multiply the previous output by itself, Mul(" + current
                                    + ", " + current + ") (the squares of a score); found Mul" + n.getInputList());
                            break;
                        }
                        layers.add(new Square(name(n, k), size));
                        break;
                    default:
                        break; // reported above
                }
                current = n.getOutput(0);
                if (!used.add(current)) {
                    problems.add(where + ": output " + current + " is produced twice");
                }
            }
            String output = graph.getOutput(0).getName();
            if (problems.isEmpty() && !output.equals(current)) {
                problems.add("the graph output " + output + " is not the output of the last node (" + current
                        + "); only a single chain of nodes is supported");
            }
            if (!problems.isEmpty()) {
                throw fail();
            }
            return new OnnxMlp(in.getName(), output, inputSize, layers);
        }

        private String previousOp(int k) {
            return k == 0 ? "" : graph.getNode(k - 1).getOpType();
        }

        private String dataInput(NodeProto n, String current, String where) {
            for (String s : n.getInputList()) {
                if (s.equals(current)) {
                    return s;
                }
            }
            problems.add(where + ": does not take the previous output " + current
                    + " as input; only a single chain of nodes is supported");
            return null;
        }

        private int featureSize(ValueInfoProto in) {
            TensorShapeProto shape = in.getType().getTensorType().getShape();
            if (shape.getDimCount() != 2 || !shape.getDim(1).hasDimValue()) {
                throw new UnsupportedModelException(source, List.of("graph input " + in.getName()
                        + " must have shape [batch, n_features] with a fixed n_features"), HINT);
            }
            long n = shape.getDim(1).getDimValue();
            if (n < 1 || n > MAX_WIDTH) {
                throw new UnsupportedModelException(source, List.of("graph input " + in.getName() + " has "
                        + n + " features, expected 1 to " + MAX_WIDTH), HINT);
            }
            return (int) n;
        }

        /**
         * The elements of {@code t}'s shape, or -1 (a problem recorded) if a dimension is not in [1, MAX_WIDTH]
         * or the product overflows; computed before anything is allocated.
         */
        private long elements(TensorProto t, String where) {
            long n = 1;
            for (long d : t.getDimsList()) {
                if (d < 1 || d > MAX_WIDTH) {
                    problems.add(where + ": initializer " + t.getName() + " has shape " + t.getDimsList()
                            + ": every dimension must be 1 to " + MAX_WIDTH);
                    return -1;
                }
                n *= d; // at most 2^20 per factor and checked below before the next one can overflow
                if (n > Integer.MAX_VALUE) {
                    problems.add(where + ": initializer " + t.getName() + " has shape " + t.getDimsList()
                            + ", more than " + Integer.MAX_VALUE + " values");
                    return -1;
                }
            }
            return n;
        }

        private float[] floats(TensorProto t, String where) {
            long n = elements(t, where);
            if (n < 0) {
                return null;
            }
            if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                problems.add(where + ": initializer " + t.getName() + " has data type " + t.getDataType()
                        + ", only FLOAT (1) is supported");
                return null;
            }
            float[] out;
            if (t.getFloatDataCount() > 0) {
                if (t.getFloatDataCount() != n) {
                    problems.add(where + ": initializer " + t.getName() + " has " + t.getFloatDataCount()
                            + " values, its shape needs " + n);
                    return null;
                }
                out = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    out[i] = t.getFloatData(i);
                }
            } else {
                if (t.getRawData().size() != 4 * n) {
                    problems.add(where + ": initializer " + t.getName() + " has " + t.getRawData().size()
                            + " raw bytes, its shape needs " + 4 * n + (t.getExternalDataCount() > 0
                                    ? " (external data files are not supported)" : ""));
                    return null;
                }
                out = new float[(int) n];
                ByteBuffer bb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().get(out);
            }
            for (int i = 0; i < out.length; i++) {
                if (!Float.isFinite(out[i])) {
                    problems.add(where + ": initializer " + t.getName() + " holds " + out[i] + " at index " + i
                            + ", expected finite weights");
                    return null;
                }
            }
            return out;
        }

        private static String name(NodeProto n, int k) {
            return n.getName().isEmpty() ? n.getOpType().toLowerCase() + "_" + k : n.getName();
        }

        private static String describe(NodeProto n, int k) {
            return "#" + k + (n.getName().isEmpty() ? "" : " '" + n.getName() + "'");
        }

        private UnsupportedModelException fail() {
            return new UnsupportedModelException(source, problems, HINT);
        }
    }
}
