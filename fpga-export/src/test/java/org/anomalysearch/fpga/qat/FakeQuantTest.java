package org.anomalysearch.fpga.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.OverflowMode;
import org.anomalysearch.fpga.fixed.QuantMode;
import org.anomalysearch.fpga.fixed.Quantizer;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** The DJL fake quantizer against {@link Quantizer} (the one ap_fixed definition) and against the emulator. */
class FakeQuantTest {

    /** Values on a fine grid through the range and beyond it, every tie of a step 2^-F included. */
    private static float[] values(FixedType t) {
        List<Float> v = new ArrayList<>();
        double step = t.step();
        double lo = t.minValue() - 3.5 * (t.maxValue() - t.minValue());
        double hi = t.maxValue() + 3.5 * (t.maxValue() - t.minValue());
        if ((hi - lo) / step < 5000) {
            for (double x = lo; x <= hi; x += step / 4) { // quarters: ties at 1/2, and 1/4, 3/4 on either side
                v.add((float) x);
            }
        } else { // wide types: random raw values over 8 times the range, each at the quarters of its step
            SplittableRandom rng = new SplittableRandom(t.width());
            double span = 8 * Math.scalb(1.0, t.width());
            for (int k = 0; k < 5000; k++) {
                double raw = Math.floor((rng.nextDouble() - 0.5) * span);
                for (int q = 0; q < 4; q++) {
                    v.add((float) ((raw + q / 4.0) * step));
                }
            }
        }
        v.add(0f);
        v.add(-0f);
        v.add((float) t.maxValue());
        v.add((float) t.minValue());
        v.add((float) (t.maxValue() + step / 2));
        v.add((float) (t.minValue() - step / 2));
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    @Test
    void forwardIsTheApFixedCastForEveryModeAndOverflow() {
        List<FixedType> types = new ArrayList<>();
        for (QuantMode q : QuantMode.values()) {
            for (OverflowMode o : OverflowMode.values()) {
                types.add(FixedType.signed(6, 2).withModes(q, o));
                types.add(FixedType.unsigned(5, 1).withModes(q, o));
            }
        }
        types.add(FixedType.parse("fixed<8,-2,RND,SAT>"));
        types.add(FixedType.parse("fixed<4,6>"));
        types.add(FixedType.parse("fixed<16,6,RND_CONV,WRAP>"));
        types.add(FixedType.parse("fixed<24,10,TRN,SAT>"));
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            for (FixedType t : types) {
                FakeQuant fq = FakeQuant.of(t);
                Quantizer ref = new Quantizer(t);
                float[] x = values(t);
                float[] got = fq.quantize(m.create(x)).toFloatArray();
                float[] viaSte = fq.apply(m.create(x)).toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    float want = (float) ref.toDouble(ref.fromDouble(x[i]));
                    assertEquals(want, got[i], 0.0, t + " at " + x[i]);
                    assertEquals(want, viaSte[i], 0.0, t + " (apply) at " + x[i]);
                    assertEquals(want, fq.cast(x[i]), 0.0, t + " (cast) at " + x[i]);
                    assertTrue(fq.onGrid(got[i]), t + " result on the grid at " + x[i]);
                }
            }
        }
    }

    @Test
    void gradientPassesStraightThroughEvenWhereSaturated() {
        FakeQuant fq = FakeQuant.of(FixedType.parse("fixed<4,2,RND,SAT>"));
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager(Device.cpu())) {
            NDArray x = m.create(new float[] {-7.3f, -0.4f, 0.1f, 0.37f, 1.9f, 9f}).duplicate();
            NDArray c = m.create(new float[] {1f, 2f, -3f, 0.5f, 4f, -1f}).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y = fq.apply(x).mul(c).sum();
                gc.backward(y);
            }
            assertArrayEquals(c.toFloatArray(), x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void denseGradientIsTheFloatLayersOnTheQuantizedWeights() {
        FakeQuant fq = FakeQuant.of(FixedType.parse("fixed<6,2>"));
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager(Device.cpu())) {
            float[] xv = {0.5f, -1.25f, 0.75f, 1f, 0.25f, -0.5f}; // 2 events x 3 inputs, on the grid
            float[] wv = {0.3f, -0.71f, 1.1f, -0.2f, 0.05f, 0.9f}; // 2 outputs x 3 inputs, off the grid
            float[] cv = {1f, -2f, 3f, 0.5f}; // d loss / d output
            NDArray x = m.create(xv, new Shape(2, 3)).duplicate();
            NDArray w = m.create(wv, new Shape(2, 3)).duplicate();
            NDArray b = m.create(new float[] {0.1f, -0.3f}).duplicate();
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                gc.backward(fq.dense(x, w, b).mul(m.create(cv, new Shape(2, 2)).duplicate()).sum());
            }
            float[] gx = new float[6];
            float[] gw = new float[6];
            for (int e = 0; e < 2; e++) {
                for (int o = 0; o < 2; o++) {
                    for (int i = 0; i < 3; i++) {
                        gx[e * 3 + i] += cv[e * 2 + o] * fq.cast(wv[o * 3 + i]);
                        gw[o * 3 + i] += cv[e * 2 + o] * xv[e * 3 + i];
                    }
                }
            }
            assertArrayEquals(gx, x.getGradient().toFloatArray(), 1e-6f, "d/dx = c q(w)");
            assertArrayEquals(gw, w.getGradient().toFloatArray(), 1e-6f, "d/dw = c x (straight through q)");
            assertArrayEquals(new float[] {cv[0] + cv[2], cv[1] + cv[3]}, b.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void denseAndReluMatchTheBitExactEmulatorForWrapTypes() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] sizes = {4, 8, 5, 1};
        for (String p : new String[] {"fixed<8,3>", "fixed<10,2,RND>", "fixed<6,1>", "fixed<12,4,RND_CONV>"}) {
            FakeQuant fq = FakeQuant.of(FixedType.parse(p));
            List<float[][]> w = new ArrayList<>();
            List<float[]> b = new ArrayList<>();
            List<MlpWeights.Activation> act = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                float[][] wl = new float[sizes[l + 1]][sizes[l]];
                for (float[] row : wl) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = fq.cast((float) (rng.nextGaussian() * 1.5));
                    }
                }
                float[] bl = new float[sizes[l + 1]];
                for (int i = 0; i < bl.length; i++) {
                    bl[i] = fq.cast((float) (rng.nextGaussian() * 0.5));
                }
                w.add(wl);
                b.add(bl);
                act.add(l + 2 < sizes.length ? MlpWeights.Activation.RELU : MlpWeights.Activation.NONE);
            }
            MlpEmulator emu = MlpEmulator.of(MlpWeights.ofOutIn(w, b, act, List.of()).toOnnxMlp(),
                    PrecisionConfig.model(p));
            int n = 200;
            float[][] x = new float[n][sizes[0]];
            float[] flat = new float[n * sizes[0]];
            for (int e = 0; e < n; e++) {
                for (int i = 0; i < sizes[0]; i++) {
                    x[e][i] = (float) (rng.nextGaussian() * 2);
                    flat[e * sizes[0] + i] = x[e][i];
                }
            }
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
                NDArray a = fq.apply(m.create(flat, new Shape(n, sizes[0])));
                for (int l = 0; l < w.size(); l++) {
                    float[] wf = new float[sizes[l + 1] * sizes[l]];
                    for (int o = 0; o < sizes[l + 1]; o++) {
                        System.arraycopy(w.get(l)[o], 0, wf, o * sizes[l], sizes[l]);
                    }
                    a = fq.dense(a, m.create(wf, new Shape(sizes[l + 1], sizes[l])), m.create(b.get(l)));
                    if (l + 1 < w.size()) {
                        a = fq.relu(a);
                    }
                }
                float[] got = a.toFloatArray();
                for (int e = 0; e < n; e++) {
                    assertEquals(emu.predict(x[e])[0], got[e], 0.0, p + ", event " + e);
                }
            }
        }
    }

    @Test
    void refusesTypesItCannotHandleExactly() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FakeQuant.of(FixedType.parse("fixed<32,8>")));
        assertTrue(e.getMessage().contains("24"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> FakeQuant.of(FixedType.parse("fixed<8,3,TRN,WRAP,2>")));
    }
}
