package org.anomalysearch.fpga.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.protobuf.ByteString;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.ActivationKind;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.GraphProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.OperatorSetIdProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorShapeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TypeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ONNX models built here with the protobuf classes, and the shared hls4ml reference model. */
class OnnxMlpTest {

    @Test
    void readsTheSharedReferenceModel() throws IOException {
        OnnxMlp m = OnnxMlp.read(SharedData.require("data/fixed_point/hls4ml_mlp/model.onnx"));
        assertEquals("features", m.inputName());
        assertEquals("act2", m.outputName());
        assertEquals(4, m.inputSize());
        assertEquals(1, m.outputSize());
        assertEquals(6, m.layers().size());
        Dense d0 = assertInstanceOf(Dense.class, m.layers().get(0));
        assertEquals("dense0_matmul", d0.name());
        assertEquals("dense0_add", d0.biasName());
        assertEquals(4, d0.inputSize());
        assertEquals(32, d0.outputSize());
        assertEquals(new Activation("act0_relu", ActivationKind.RELU, 32), m.layers().get(1));
        assertEquals(new Activation("act2_sigmoid", ActivationKind.SIGMOID, 1), m.layers().get(5));
    }

    @Test
    void readsRawAndFloatDataAndAMatMulWithoutBias(@TempDir Path dir) throws IOException {
        GraphProto.Builder g = graph(2);
        g.addInitializer(tensor("W", new float[] {1, 2, 3, 4, 5, 6}, true, 2, 3));
        g.addNode(node("mm", "MatMul", "x", "W", "h"));
        g.addInitializer(tensor("b", new float[] {0.5f, -0.5f, 0.25f}, false, 3));
        g.addNode(node("add", "Add", "b", "h", "h2")); // constant first is allowed for Add
        g.addNode(node("", "Relu", "h2", null, "h3")); // unnamed node gets a generated name
        g.addInitializer(tensor("W2", new float[] {1, 1, 1}, false, 3, 1));
        g.addNode(node("mm2", "MatMul", "h3", "W2", "y"));
        g.addOutput(valueInfo("y", 1));
        Path file = dir.resolve("m.onnx");
        Files.write(file, model(g).build().toByteArray());
        OnnxMlp m = OnnxMlp.read(file);
        Dense d = (Dense) m.layers().get(0);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.weights());
        assertEquals(6f, d.weight(1, 2));
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.25f}, d.bias());
        assertEquals("relu_2", m.layers().get(1).name());
        Dense d2 = (Dense) m.layers().get(2);
        assertNull(d2.bias());
        assertNull(d2.biasName());
        // x = (1, 1): h = (5, 7, 9) + b = (5.5, 6.5, 9.25); relu; sum = 21.25 (representable in fixed<16,6>)
        assertArrayEquals(new double[] {21.25},
                MlpEmulator.fromOnnx(file, "fixed<16,6>").predict(new float[] {1f, 1f}));
    }

    /** Every unsupported operator is listed in one error, before anything else is looked at. */
    @Test
    void listsEveryUnsupportedOperatorAtOnce() {
        GraphProto.Builder g = graph(4);
        g.addInitializer(tensor("W", new float[16], false, 4, 4));
        g.addNode(node("conv1", "Conv", "x", "W", "c"));
        g.addNode(node("mm", "MatMul", "c", "W", "h"));
        g.addNode(node("t", "Tanh", "h", null, "h2"));
        g.addNode(node("gemm", "Gemm", "h2", "W", "h3"));
        g.addNode(node("sm", "Softmax", "h3", null, "y"));
        g.addOutput(valueInfo("y", 4));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> OnnxMlp.of(model(g).build(), "test.onnx"));
        assertEquals(List.of("node #0 'conv1': unsupported operator Conv", "node #2 't': unsupported operator Tanh",
                "node #3 'gemm': unsupported operator Gemm", "node #4 'sm': unsupported operator Softmax"),
                e.problems());
        assertTrue(e.getMessage().startsWith("test.onnx: 4 problems make this model unsupported: "),
                e.getMessage());
        assertTrue(e.hint().contains("MatMul"), e.hint());
    }

    /** Structural problems (non-constant weight, bias not after a MatMul, wrong shapes) are also all listed. */
    @Test
    void listsEveryStructuralProblemAtOnce() {
        GraphProto.Builder g = graph(2);
        g.addInitializer(tensor("W", new float[6], false, 2, 3));
        g.addInitializer(tensor("Wbad", new float[4], false, 2, 2));
        g.addInitializer(tensor("b", new float[3], false, 3));
        g.addNode(node("mm", "MatMul", "x", "W", "h"));
        g.addNode(node("r", "Relu", "h", null, "h2"));
        g.addNode(node("add", "Add", "h2", "b", "h3")); // bias after an activation
        g.addNode(node("mm2", "MatMul", "h3", "Wbad", "h4")); // shape [2, 2] after 3 outputs
        g.addNode(node("mm3", "MatMul", "h4", "h4", "y")); // non-constant weight
        g.addOutput(valueInfo("y", 1));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> OnnxMlp.of(model(g).build(), "s.onnx"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("'add': a bias Add must directly follow a MatMul"), e.getMessage());
        assertTrue(e.problems().get(1).contains("'mm2': weight Wbad has shape [2, 2], expected [3, n_out]"),
                e.getMessage());
        assertTrue(e.problems().get(2).contains("'mm3': MatMul must multiply"), e.getMessage());
    }

    @Test
    void notAnOnnxFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.onnx");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxMlp.read(f));
        assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------- builders

    static GraphProto.Builder graph(int features) {
        return GraphProto.newBuilder().setName("g").addInput(valueInfo("x", features));
    }

    static ModelProto.Builder model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("anomaly-search test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g);
    }

    static ValueInfoProto valueInfo(String name, int features) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    static NodeProto node(String name, String op, String in, String in2, String out) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addInput(in).addOutput(out);
        if (in2 != null) {
            n.addInput(in2);
        }
        return n.build();
    }

    static TensorProto tensor(String name, float[] values, boolean raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        if (raw) {
            ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                bb.putFloat(v);
            }
            t.setRawData(ByteString.copyFrom(bb.array()));
        } else {
            for (float v : values) {
                t.addFloatData(v);
            }
        }
        return t.build();
    }
}
