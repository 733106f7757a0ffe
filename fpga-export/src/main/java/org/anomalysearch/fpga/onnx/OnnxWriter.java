package org.anomalysearch.fpga.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.RunInfo;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.anomalysearch.fpga.onnx.OnnxMlp.Layer;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.GraphProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.OperatorSetIdProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.StringStringEntryProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorShapeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TypeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * Writes an MLP as an ONNX model that hls4ml's ONNX frontend converts without any cleanup step (the rules of
 * ../shared/docs/FIXED_POINT.md, "What hls4ml reads"):
 * <ul>
 * <li>every Dense is a {@code MatMul} of the previous output (left) by a constant float32 [n_in, n_out] weight
 * initializer, followed by an {@code Add} of a constant [n_out] bias initializer (never {@code Gemm}); activations
 * are {@code Relu} / {@code Sigmoid} nodes; a score tail is {@code Sub(graph input, previous)} and
 * {@code Mul(previous, previous)} ({@link OnnxMlp.Subtract}, {@link OnnxMlp.Square}) and a bias-free MatMul;</li>
 * <li>every tensor has a shape: the graph input [N, n_in] (N the batch, a symbolic first dimension), the
 * initializers (also listed in {@code graph.input}, as the hls4ml reference model does), every intermediate in
 * {@code value_info}, the output in {@code graph.output};</li>
 * <li>every node has a non-empty, unique name (the node names become hls4ml's layer names and the keys of
 * per-layer precisions); no tensor is named {@code input};</li>
 * <li>IR version {@value #IR_VERSION}, default-domain opset {@value #OPSET_VERSION}; producer
 * {@code anomaly-search} with the application version; provenance as {@code metadata_props} key-value pairs (the
 * caller's, plus {@value #WRITER_KEY}; no timestamps, so the same network gives the same bytes).</li>
 * </ul>
 * Tensor names: weights {@code <MatMul node>_W}, biases {@code <Add node>_b}, node outputs {@code <node>_out}, the
 * last node's output the model's output name.
 */
public final class OnnxWriter {
    /** ONNX IR version written (ONNX 1.10+, readable by ONNX Runtime 1.10+ and onnx 1.12). */
    public static final long IR_VERSION = 8;
    /** The default-domain opset written. */
    public static final long OPSET_VERSION = 13;
    /** Producer name. */
    public static final String PRODUCER = "anomaly-search";
    /** Metadata key of the feature names (a JSON list), written by {@link #write(MlpWeights, Map, Path)}. */
    public static final String FEATURE_NAMES_KEY = "anomalysearch.feature_names";
    /** Metadata key naming the writer and its version (added unless the caller sets it). */
    public static final String WRITER_KEY = "anomalysearch.writer";
    /** The symbolic batch dimension. */
    public static final String BATCH_DIM = "N";

    private OnnxWriter() {
    }

    /** Writes plain weights (node names as {@link MlpWeights#toOnnxMlp()}); feature names go to the metadata. */
    public static void write(MlpWeights weights, Map<String, String> metadata, Path file) throws IOException {
        Files.write(file, toModel(weights, metadata).toByteArray());
    }

    /** Writes a network, keeping its node names. */
    public static void write(OnnxMlp mlp, Map<String, String> metadata, Path file) throws IOException {
        Files.write(file, toModel(mlp, metadata).toByteArray());
    }

    /** The ONNX model of plain weights, with the feature names under {@link #FEATURE_NAMES_KEY}. */
    public static ModelProto toModel(MlpWeights weights, Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        m.putIfAbsent(FEATURE_NAMES_KEY, jsonList(weights.featureNames()));
        return toModel(weights.toOnnxMlp(), m);
    }

    /**
     * The ONNX model of a network.
     *
     * @param metadata provenance key-value pairs for {@code metadata_props}, in iteration order (may be empty)
     * @throws InvalidInputException if a name breaks hls4ml's rules (empty, duplicate, or a tensor named input)
     */
    public static ModelProto toModel(OnnxMlp mlp, Map<String, String> metadata) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> nodeNames = new HashSet<>();
        GraphProto.Builder g = GraphProto.newBuilder().setName("anomaly_classifier")
                .setDocString("MLP written by anomaly-search for hls4ml: MatMul + Add, Relu, Sigmoid");
        String in = mlp.inputName();
        checkTensorName(in, names, problems);
        g.addInput(valueInfo(in, true, mlp.inputSize()));
        String current = in;
        int size = mlp.inputSize();
        List<NodeProto> nodes = new ArrayList<>();
        List<ValueInfoProto> intermediates = new ArrayList<>();
        List<Layer> layers = mlp.layers();
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            boolean last = k == layers.size() - 1;
            if (l instanceof Dense d) {
                checkNodeName(d.name(), nodeNames, problems);
                String w = d.name() + "_W";
                checkTensorName(w, names, problems);
                g.addInitializer(floatTensor(w, d.weights(), d.inputSize(), d.outputSize()));
                g.addInput(valueInfo(w, false, d.inputSize(), d.outputSize()));
                boolean hasBias = d.bias() != null;
                String mm = last && !hasBias ? mlp.outputName() : d.name() + "_out";
                checkTensorName(mm, names, problems);
                nodes.add(node(d.name(), "MatMul", mm, current, w));
                if (!(last && !hasBias)) {
                    intermediates.add(valueInfo(mm, true, d.outputSize()));
                }
                current = mm;
                if (hasBias) {
                    checkNodeName(d.biasName(), nodeNames, problems);
                    String b = d.biasName() + "_b";
                    checkTensorName(b, names, problems);
                    g.addInitializer(floatTensor(b, d.bias(), d.outputSize()));
                    g.addInput(valueInfo(b, false, d.outputSize()));
                    String out = last ? mlp.outputName() : d.biasName() + "_out";
                    checkTensorName(out, names, problems);
                    nodes.add(node(d.biasName(), "Add", out, current, b));
                    if (!last) {
                        intermediates.add(valueInfo(out, true, d.outputSize()));
                    }
                    current = out;
                }
                size = d.outputSize();
            } else if (l instanceof OnnxMlp.Subtract || l instanceof OnnxMlp.Square) {
                checkNodeName(l.name(), nodeNames, problems);
                String out = last ? mlp.outputName() : l.name() + "_out";
                checkTensorName(out, names, problems);
                nodes.add(l instanceof OnnxMlp.Subtract ? node(l.name(), "Sub", out, in, current)
                        : node(l.name(), "Mul", out, current, current));
                if (!last) {
                    intermediates.add(valueInfo(out, true, l.outputSize()));
                }
                current = out;
            } else {
                Activation a = (Activation) l;
                checkNodeName(a.name(), nodeNames, problems);
                String out = last ? mlp.outputName() : a.name() + "_out";
                checkTensorName(out, names, problems);
                String op = switch (a.kind()) {
                    case RELU -> "Relu";
                    case SIGMOID -> "Sigmoid";
                };
                nodes.add(node(a.name(), op, out, current));
                if (!last) {
                    intermediates.add(valueInfo(out, true, a.size()));
                }
                current = out;
            }
        }
        if (layers.isEmpty()) {
            problems.add("the network has no layers");
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedModelException("ONNX writer", problems,
                    "hls4ml needs non-empty unique node names and no tensor called 'input'");
        }
        g.addAllNode(nodes);
        g.addAllValueInfo(intermediates);
        g.addOutput(valueInfo(current, true, size));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET_VERSION))
                .setProducerName(PRODUCER).setProducerVersion(RunInfo.appVersion()).setModelVersion(1)
                .setDocString("Written by anomaly-search for hls4ml (Vivado backend, io_parallel)").setGraph(g);
        Map<String, String> props = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        props.putIfAbsent(WRITER_KEY, PRODUCER + " " + RunInfo.appVersion() + " (Java " + RunInfo.javaVersion() + ")");
        props.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** A compact JSON list of strings, e.g. {@code ["mj1","mj2"]}. */
    static String jsonList(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    private static void checkTensorName(String name, Set<String> names, List<String> problems) {
        if (name == null || name.isEmpty()) {
            problems.add("a tensor has an empty name");
        } else if (name.equals("input")) {
            problems.add("a tensor is named 'input', which hls4ml's ONNX frontend rejects; rename it (e.g. "
                    + "'features')");
        } else if (!names.add(name)) {
            problems.add("tensor name '" + name + "' is used twice");
        }
    }

    private static void checkNodeName(String name, Set<String> names, List<String> problems) {
        if (name == null || name.isEmpty()) {
            problems.add("a node has an empty name");
        } else if (!names.add(name)) {
            problems.add("node name '" + name + "' is used twice");
        }
    }

    private static NodeProto node(String name, String op, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n.build();
    }

    /** A float tensor's type and shape; {@code batch} prepends the symbolic batch dimension. */
    private static ValueInfoProto valueInfo(String name, boolean batch, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (batch) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
        }
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TensorProto floatTensor(String name, float[] values, long... dims) {
        ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bb.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
