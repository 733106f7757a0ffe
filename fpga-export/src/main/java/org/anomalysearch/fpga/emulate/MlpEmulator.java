package org.anomalysearch.fpga.emulate;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.fixed.Quantizer;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;
import org.anomalysearch.fpga.onnx.OnnxMlp.Layer;
import org.anomalysearch.fpga.onnx.OnnxMlp.Square;
import org.anomalysearch.fpga.onnx.OnnxMlp.Subtract;

/**
 * Runs a feed-forward network bit-exactly as hls4ml's C simulation does (Vivado/Vitis backend, io_parallel,
 * Latency strategy).
 *
 * <p>The layer graph is the one hls4ml builds from the ONNX model: an input layer (float input assigned to its
 * result type); for every MatMul a Dense with the weights and a zero bias ({@code nnet_dense_latency.h}:
 * {@code mult = (accum_t)(x * w)} at full precision, {@code acc = (accum_t) bias}, then in input order
 * {@code acc = (accum_t)(acc + mult)}, finally {@code res = (result_t) acc}); for its Add an ApplyAlpha layer
 * ({@code res = (result_t)(x * scale + bias)} at full precision, scale 1 as {@code ap_uint<1>}, not the model
 * type, so that it stays 1 at precisions that cannot hold 1.0); ReLU ({@code res = x > 0 ? x : 0}); Sigmoid through
 * the 1024-entry table over [-8, 8) (index {@code (int)(x * 1024 / 16) + 512}, clipped). Weights, biases and
 * scales reach the C++ as hls4ml writes them: the float formatted with F decimal digits, read back as a double
 * and assigned to the weight type. The only constants the emulator puts in a configurable type are the Dense's
 * zero bias (0 is in every type) and the table entries (in table_t); pinned at I = 1, 0, -2 and ufixed by the
 * hls4ml_low_int references.
 *
 * <p>A score tail ({@link Subtract}, {@link Square}, then a bias-free Dense of ones) becomes hls4ml's Merge layers:
 * {@code nnet::subtract} ({@code res = data1 - data2}, data1 the input layer's output, data2 the previous layer's)
 * and {@code nnet::multiply} ({@code res = data1 * data2} with both the previous output); the difference and the
 * product are at full precision, so only the assignment to the layer's result type quantizes. The sum is an ordinary
 * Dense (zero bias, accum_t); its weight type should hold 1 exactly (e.g. {@code ufixed<1,1>}). Pinned by the
 * hls4ml_score references in the test resources.
 *
 * <p>When every intermediate full-precision value fits in a long (all types up to about 31 bits wide) the
 * emulator works on {@code long} raw values; otherwise it falls back to the exact BigInteger reference
 * ({@link FixedValue}). Both give the same bits. {@link #predict(float[])} is thread-safe.
 */
public final class MlpEmulator {
    private final OnnxMlp model;
    private final PrecisionConfig precision;
    private final List<Stage> stages;
    private final boolean fast;

    private MlpEmulator(OnnxMlp model, PrecisionConfig precision, List<Stage> stages, boolean fast) {
        this.model = model;
        this.precision = precision;
        this.stages = stages;
        this.fast = fast;
    }

    /** Reads an ONNX model and emulates it at one model-wide precision (hls4ml or Xilinx spelling). */
    public static MlpEmulator fromOnnx(Path onnx, String precision) throws IOException {
        PrecisionConfig p = PrecisionConfig.model(precision);
        return of(OnnxMlp.read(onnx), p);
    }

    /** Reads an ONNX model and emulates it with per-layer precisions. */
    public static MlpEmulator fromOnnx(Path onnx, PrecisionConfig precision) throws IOException {
        return of(OnnxMlp.read(onnx), precision);
    }

    /** Emulates a model; uses the fast long arithmetic whenever it is exact. */
    public static MlpEmulator of(OnnxMlp model, PrecisionConfig precision) {
        return build(model, precision, false);
    }

    /** Emulates a model with the BigInteger reference arithmetic only (slow; for cross-checks). */
    public static MlpEmulator reference(OnnxMlp model, PrecisionConfig precision) {
        return build(model, precision, true);
    }

    private static MlpEmulator build(OnnxMlp model, PrecisionConfig precision, boolean referenceOnly) {
        for (String layer : precision.overriddenLayers()) {
            if (!layerNames(model).contains(layer)) {
                throw new InvalidInputException("precision config", "layer " + layer,
                        "no such layer in the model", "layers are " + layerNames(model));
            }
        }
        List<Stage> stages = new ArrayList<>();
        FixedType in = precision.type(model.inputName(), "result");
        stages.add(new InputStage(model.inputName(), in));
        FixedType current = in;
        for (Layer l : model.layers()) {
            Stage s;
            if (l instanceof Dense d) {
                s = new DenseStage(d, current, precision);
                stages.add(s);
                current = s.result;
                if (d.bias() != null) {
                    s = new BiasStage(d, current, precision);
                    stages.add(s);
                    current = s.result;
                }
            } else if (l instanceof Subtract || l instanceof Square) {
                boolean subtract = l instanceof Subtract;
                s = new MergeStage(l.name(), subtract, subtract ? in : current, current,
                        precision.type(l.name(), "result"));
                stages.add(s);
                current = s.result;
            } else {
                Activation a = (Activation) l;
                switch (a.kind()) {
                    case RELU:
                        s = new ReluStage(a.name(), current, precision.type(a.name(), "result"));
                        break;
                    case SIGMOID:
                        s = new SigmoidStage(a.name(), current, precision.type(a.name(), "table"),
                                precision.type(a.name(), "result"));
                        break;
                    default:
                        throw new AssertionError(a.kind());
                }
                stages.add(s);
                current = s.result;
            }
        }
        boolean fast = !referenceOnly;
        for (Stage s : stages) {
            fast &= s.fitsInLong();
        }
        return new MlpEmulator(model, precision, List.copyOf(stages), fast);
    }

    private static List<String> layerNames(OnnxMlp model) {
        List<String> names = new ArrayList<>();
        names.add(model.inputName());
        for (Layer l : model.layers()) {
            names.add(l.name());
            if (l instanceof Dense d && d.biasName() != null) {
                names.add(d.biasName());
            }
        }
        return names;
    }

    /** The emulated model. */
    public OnnxMlp model() {
        return model;
    }

    /** The precisions. */
    public PrecisionConfig precision() {
        return precision;
    }

    /** Whether the fast long arithmetic is used. */
    public boolean usesLongArithmetic() {
        return fast;
    }

    /** Number of input features. */
    public int inputSize() {
        return model.inputSize();
    }

    /** Number of outputs. */
    public int outputSize() {
        return model.outputSize();
    }

    /** The hls4ml layer graph with its types, one line per layer (for logs and reports). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Stage s : stages) {
            out.add(s.describe());
        }
        return out;
    }

    /** The output of the C simulation for one input (float32 features), exactly. */
    public double[] predict(float[] x) {
        if (x.length != model.inputSize()) {
            throw new InvalidInputException("emulator input", null, "expected " + model.inputSize()
                    + " features, found " + x.length, "give one value per model input");
        }
        if (fast) {
            long[] v = null;
            long[] z = null;
            int frac = 0;
            for (Stage s : stages) {
                if (s instanceof InputStage in) {
                    v = in.runInput(x);
                    z = v;
                } else {
                    v = s.run(v, z);
                }
                frac = s.result.fractionalBits();
            }
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.scalb((double) v[i], -frac);
            }
            return out;
        }
        FixedValue[] v = null;
        FixedValue[] z = null;
        for (Stage s : stages) {
            if (s instanceof InputStage in) {
                v = in.runInputReference(x);
                z = v;
            } else {
                v = s.runReference(v, z);
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].toDouble();
        }
        return out;
    }

    /** {@link #predict(float[])} for every row. */
    public double[][] predict(float[][] xs) {
        double[][] out = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            out[i] = predict(xs[i]);
        }
        return out;
    }

    /** The hls4ml layer names in evaluation order, the input layer first (as in {@link #describe()}). */
    public List<String> layerNames() {
        List<String> out = new ArrayList<>();
        for (Stage s : stages) {
            out.add(s.name);
        }
        return out;
    }

    /**
     * {@link #predict(float[])} that also counts overflows: {@code counts[k]} (k as in {@link #layerNames()}) is
     * increased by the number of assignments in layer k whose quantized value lies outside the target type
     * ({@link Quantizer#overflows(long, int)}): the input cast, every product and partial-sum cast to accum_t and
     * the result cast of a Dense, the result cast of ApplyAlpha, ReLU, subtract and multiply, the sigmoid table entry
     * cast to the result type. The outputs are the same bits as {@link #predict(float[])}. Needs the long arithmetic
     * ({@link #usesLongArithmetic()}).
     */
    public double[] predictCountingOverflows(float[] x, long[] counts) {
        if (!fast) {
            throw new InvalidInputException("overflow counting", null, "needs the long arithmetic, which this "
                    + "precision (" + precision + ") does not allow", "use types up to about 31 bits");
        }
        if (counts.length != stages.size()) {
            throw new IllegalArgumentException("counts needs " + stages.size() + " entries");
        }
        if (x.length != model.inputSize()) {
            throw new InvalidInputException("emulator input", null, "expected " + model.inputSize()
                    + " features, found " + x.length, "give one value per model input");
        }
        long[] v = null;
        long[] z = null;
        int frac = 0;
        for (int k = 0; k < stages.size(); k++) {
            Stage s = stages.get(k);
            long[] c = new long[1];
            if (s instanceof InputStage in) {
                v = in.runInputCounting(x, c);
                z = v;
            } else {
                v = s.runCounting(v, z, c);
            }
            counts[k] += c[0];
            frac = s.result.fractionalBits();
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.scalb((double) v[i], -frac);
        }
        return out;
    }

    /**
     * Per layer (as {@link #layerNames()}), the number of weights and biases whose value does not fit their type
     * (they wrap or saturate when hls4ml writes them).
     */
    public long[] parameterOverflows() {
        long[] out = new long[stages.size()];
        for (int k = 0; k < stages.size(); k++) {
            out[k] = stages.get(k).parameterOverflows();
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ stages

    /** One hls4ml layer: a long path (raw values at the result type's F) and a BigInteger reference path. */
    abstract static class Stage {
        final String name;
        final FixedType result;

        Stage(String name, FixedType result) {
            this.name = name;
            this.result = result;
        }

        abstract boolean fitsInLong();

        abstract long[] run(long[] in);

        abstract FixedValue[] runReference(FixedValue[] in);

        abstract String describe();

        /** {@link #run} that adds the number of overflowing assignments to {@code count[0]}. */
        abstract long[] runCounting(long[] in, long[] count);

        /** {@link #run(long[])}; {@code input} is the input layer's output (for layers that read it again). */
        long[] run(long[] in, long[] input) {
            return run(in);
        }

        /** {@link #runReference(FixedValue[])}; {@code input} is the input layer's output. */
        FixedValue[] runReference(FixedValue[] in, FixedValue[] input) {
            return runReference(in);
        }

        /** {@link #runCounting(long[], long[])}; {@code input} is the input layer's output. */
        long[] runCounting(long[] in, long[] input, long[] count) {
            return runCounting(in, count);
        }

        /** Weights and biases that do not fit their types. */
        long parameterOverflows() {
            return 0;
        }

        /** Whether a finite double, quantized to t's step by t's mode, lies outside t's range. */
        static boolean outside(double value, FixedType t) {
            int intBits = 1100; // any double's integer part fits
            FixedType wide = new FixedType(Math.max(1, Math.min(FixedType.MAX_WIDTH, t.fractionalBits() + intBits)),
                    intBits, true, t.quantization(), org.anomalysearch.fpga.fixed.OverflowMode.AP_WRAP, 0);
            if (wide.fractionalBits() != t.fractionalBits()) {
                return Math.abs(value) > Math.max(Math.abs(t.minValue()), t.maxValue()); // very fine types
            }
            BigInteger raw = FixedValue.of(value, wide).raw();
            return raw.compareTo(t.minRaw()) < 0 || raw.compareTo(t.maxRaw()) > 0;
        }

        static boolean narrow(FixedType... types) {
            for (FixedType t : types) {
                if (!t.fitsInLong()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Input layer: float32 features assigned to the input type. */
    static final class InputStage extends Stage {
        private final Quantizer q;

        InputStage(String name, FixedType result) {
            super(name, result);
            this.q = result.fitsInLong() ? new Quantizer(result) : null;
        }

        @Override
        boolean fitsInLong() {
            return narrow(result);
        }

        long[] runInput(float[] x) {
            long[] out = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = q.fromDouble(x[i]);
            }
            return out;
        }

        long[] runInputCounting(float[] x, long[] count) {
            long[] out = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                if (q.overflows(x[i])) {
                    count[0]++;
                }
                out[i] = q.fromDouble(x[i]);
            }
            return out;
        }

        @Override
        long[] runCounting(long[] in, long[] count) {
            throw new IllegalStateException("input stage");
        }

        FixedValue[] runInputReference(float[] x) {
            FixedValue[] out = new FixedValue[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = FixedValue.of(x[i], result);
            }
            return out;
        }

        @Override
        long[] run(long[] in) {
            throw new IllegalStateException("input stage");
        }

        @Override
        FixedValue[] runReference(FixedValue[] in) {
            throw new IllegalStateException("input stage");
        }

        @Override
        String describe() {
            return "Input " + name + ": result " + result;
        }
    }

    /** Dense, Latency strategy, with hls4ml's zero bias (the ONNX bias goes to the following ApplyAlpha). */
    static final class DenseStage extends Stage {
        private final int nIn;
        private final int nOut;
        private final FixedType inType;
        private final FixedType weightType;
        private final FixedType biasType;
        private final FixedType accumType;
        private final FixedValue[] weightsRef; // [j * nIn + i]
        private final long weightOverflows;
        private final FixedValue[] biasRef;
        private long[] w; // [j * nIn + i], transposed for the inner loop
        private long[] b;
        private Quantizer qAcc;
        private Quantizer qRes;

        DenseStage(Dense d, FixedType inType, PrecisionConfig p) {
            super(d.name(), p.type(d.name(), "result"));
            this.nIn = d.inputSize();
            this.nOut = d.outputSize();
            this.inType = inType;
            this.weightType = p.type(d.name(), "weight");
            this.biasType = p.type(d.name(), "bias");
            this.accumType = p.type(d.name(), "accum");
            weightsRef = new FixedValue[nIn * nOut];
            long over = 0;
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    double literal = Hls4mlTables.weightLiteral(d.weight(i, j), weightType);
                    weightsRef[j * nIn + i] = FixedValue.of(literal, weightType);
                    if (outside(literal, weightType)) {
                        over++;
                    }
                }
            }
            weightOverflows = over;
            biasRef = new FixedValue[nOut];
            for (int j = 0; j < nOut; j++) {
                biasRef[j] = FixedValue.of(Hls4mlTables.weightLiteral(0f, biasType), biasType);
            }
            if (fitsInLong()) {
                w = new long[weightsRef.length];
                for (int k = 0; k < w.length; k++) {
                    w[k] = weightsRef[k].raw().longValueExact();
                }
                b = new long[nOut];
                for (int j = 0; j < nOut; j++) {
                    b[j] = biasRef[j].raw().longValueExact();
                }
                qAcc = new Quantizer(accumType);
                qRes = new Quantizer(result);
            }
        }

        @Override
        boolean fitsInLong() {
            return narrow(inType, weightType, biasType, accumType, result,
                    FixedType.productType(inType, weightType), FixedType.sumType(accumType, accumType, false));
        }

        @Override
        long[] run(long[] x) {
            int fProd = inType.fractionalBits() + weightType.fractionalBits();
            int fAcc = accumType.fractionalBits();
            int fBias = biasType.fractionalBits();
            long[] out = new long[nOut];
            if (qAcc.isPlainWrap()) {
                // (accum_t) wraps modulo 2^W: quantize every product, sum, wrap once (same bits).
                for (int j = 0; j < nOut; j++) {
                    long acc = qAcc.fromRaw(b[j], fBias);
                    int base = j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        acc += qAcc.quantizeOnly(x[i] * w[base + i], fProd);
                    }
                    out[j] = qRes.fromRaw(qAcc.wrap(acc), fAcc);
                }
                return out;
            }
            for (int j = 0; j < nOut; j++) {
                long acc = qAcc.fromRaw(b[j], fBias);
                int base = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    long mult = qAcc.fromRaw(x[i] * w[base + i], fProd);
                    acc = qAcc.fromRaw(acc + mult, fAcc);
                }
                out[j] = qRes.fromRaw(acc, fAcc);
            }
            return out;
        }

        @Override
        long[] runCounting(long[] x, long[] count) {
            int fProd = inType.fractionalBits() + weightType.fractionalBits();
            int fAcc = accumType.fractionalBits();
            int fBias = biasType.fractionalBits();
            long[] out = new long[nOut];
            long c = 0;
            for (int j = 0; j < nOut; j++) {
                if (qAcc.overflows(b[j], fBias)) {
                    c++;
                }
                long acc = qAcc.fromRaw(b[j], fBias);
                int base = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    long prod = x[i] * w[base + i];
                    if (qAcc.overflows(prod, fProd)) {
                        c++;
                    }
                    long sum = acc + qAcc.fromRaw(prod, fProd);
                    if (qAcc.overflows(sum, fAcc)) {
                        c++;
                    }
                    acc = qAcc.fromRaw(sum, fAcc);
                }
                if (qRes.overflows(acc, fAcc)) {
                    c++;
                }
                out[j] = qRes.fromRaw(acc, fAcc);
            }
            count[0] += c;
            return out;
        }

        @Override
        long parameterOverflows() {
            return weightOverflows;
        }

        @Override
        FixedValue[] runReference(FixedValue[] x) {
            FixedValue[] out = new FixedValue[nOut];
            for (int j = 0; j < nOut; j++) {
                FixedValue acc = biasRef[j].cast(accumType);
                for (int i = 0; i < nIn; i++) {
                    FixedValue mult = x[i].multiply(weightsRef[j * nIn + i]).cast(accumType);
                    acc = acc.add(mult).cast(accumType);
                }
                out[j] = acc.cast(result);
            }
            return out;
        }

        @Override
        String describe() {
            return "Dense " + name + " (" + nIn + " -> " + nOut + "): weight " + weightType + ", bias " + biasType
                    + " (zero), accum " + accumType + ", result " + result;
        }
    }

    /**
     * ApplyAlpha made by hls4ml from the ONNX Add: res = (result_t)(x * scale + bias) with scale = 1 of type
     * {@link #SCALE_TYPE}, whatever the model precision (hls4ml sets scale_t itself; a {@code scale} key in the
     * configuration does not reach it). The product and the sum are at full precision, so only the result cast
     * quantizes.
     */
    static final class BiasStage extends Stage {
        /** hls4ml's scale type of the bias-only ApplyAlpha, {@code ap_uint<1>}: it holds 1 exactly. */
        static final FixedType SCALE_TYPE = FixedType.unsigned(1, 1);

        private final FixedType inType;
        private final FixedType scaleType;
        private final FixedType biasType;
        private final FixedValue[] scaleRef;
        private final FixedValue[] biasRef;
        private final long biasOverflows;
        private long[] s;
        private long[] b;
        private Quantizer qRes;

        BiasStage(Dense d, FixedType inType, PrecisionConfig p) {
            super(d.biasName(), p.type(d.biasName(), "result"));
            this.inType = inType;
            this.scaleType = SCALE_TYPE;
            this.biasType = p.type(d.biasName(), "bias");
            int n = d.outputSize();
            scaleRef = new FixedValue[n];
            biasRef = new FixedValue[n];
            long over = 0;
            for (int j = 0; j < n; j++) {
                double one = Hls4mlTables.weightLiteral(1f, scaleType);
                scaleRef[j] = FixedValue.of(one, scaleType);
                double literal = Hls4mlTables.weightLiteral(d.bias()[j], biasType);
                biasRef[j] = FixedValue.of(literal, biasType);
                over += (outside(one, scaleType) ? 1 : 0) + (outside(literal, biasType) ? 1 : 0);
            }
            biasOverflows = over;
            if (fitsInLong()) {
                s = new long[n];
                b = new long[n];
                for (int j = 0; j < n; j++) {
                    s[j] = scaleRef[j].raw().longValueExact();
                    b[j] = biasRef[j].raw().longValueExact();
                }
                qRes = new Quantizer(result);
            }
        }

        @Override
        boolean fitsInLong() {
            FixedType prod = FixedType.productType(inType, scaleType);
            return narrow(inType, scaleType, biasType, result, prod, FixedType.sumType(prod, biasType, false));
        }

        @Override
        long[] run(long[] x) {
            int fProd = inType.fractionalBits() + scaleType.fractionalBits();
            int fBias = biasType.fractionalBits();
            int fSum = Math.max(fProd, fBias);
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                long sum = ((x[j] * s[j]) << (fSum - fProd)) + (b[j] << (fSum - fBias));
                out[j] = qRes.fromRaw(sum, fSum);
            }
            return out;
        }

        @Override
        long[] runCounting(long[] x, long[] count) {
            int fProd = inType.fractionalBits() + scaleType.fractionalBits();
            int fBias = biasType.fractionalBits();
            int fSum = Math.max(fProd, fBias);
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                long sum = ((x[j] * s[j]) << (fSum - fProd)) + (b[j] << (fSum - fBias));
                if (qRes.overflows(sum, fSum)) {
                    count[0]++;
                }
                out[j] = qRes.fromRaw(sum, fSum);
            }
            return out;
        }

        @Override
        long parameterOverflows() {
            return biasOverflows;
        }

        @Override
        FixedValue[] runReference(FixedValue[] x) {
            FixedValue[] out = new FixedValue[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = x[j].multiply(scaleRef[j]).add(biasRef[j]).cast(result);
            }
            return out;
        }

        @Override
        String describe() {
            return "ApplyAlpha " + name + " (bias add): scale " + scaleType + " (1), bias " + biasType + ", result "
                    + result;
        }
    }

    /**
     * hls4ml's Merge layers of a score: subtract ({@code nnet::subtract}, {@code res = (result_t)(input - x)}, the
     * input layer's output minus the previous layer's) and multiply of the previous output by itself
     * ({@code nnet::multiply}, {@code res = (result_t)(x * x)}). The difference ({@link FixedType#sumType}) and the
     * product ({@link FixedType#productType}) are at full precision; only the assignment to result_t quantizes.
     */
    static final class MergeStage extends Stage {
        private final boolean subtract;
        private final FixedType type1;
        private final FixedType type2;
        private final Quantizer qRes;

        /** {@code type1} is the input layer's type for a subtract, the previous output's for a multiply. */
        MergeStage(String name, boolean subtract, FixedType type1, FixedType type2, FixedType result) {
            super(name, result);
            this.subtract = subtract;
            this.type1 = type1;
            this.type2 = type2;
            this.qRes = fitsInLong() ? new Quantizer(result) : null;
        }

        @Override
        boolean fitsInLong() {
            return narrow(type1, type2, result, subtract ? FixedType.sumType(type1, type2, true)
                    : FixedType.productType(type1, type2));
        }

        @Override
        long[] run(long[] x) {
            throw new IllegalStateException("a merge layer takes the input layer's output too");
        }

        @Override
        long[] run(long[] x, long[] input) {
            return runCounting(x, input, null);
        }

        @Override
        long[] runCounting(long[] x, long[] count) {
            throw new IllegalStateException("a merge layer takes the input layer's output too");
        }

        @Override
        long[] runCounting(long[] x, long[] input, long[] count) {
            long[] data1 = subtract ? input : x;
            int f1 = type1.fractionalBits();
            int f2 = type2.fractionalBits();
            int f = subtract ? Math.max(f1, f2) : f1 + f2;
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                long v = subtract ? (data1[j] << (f - f1)) - (x[j] << (f - f2)) : data1[j] * x[j];
                if (count != null && qRes.overflows(v, f)) {
                    count[0]++;
                }
                out[j] = qRes.fromRaw(v, f);
            }
            return out;
        }

        @Override
        FixedValue[] runReference(FixedValue[] x) {
            throw new IllegalStateException("a merge layer takes the input layer's output too");
        }

        @Override
        FixedValue[] runReference(FixedValue[] x, FixedValue[] input) {
            FixedValue[] out = new FixedValue[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = (subtract ? input[j].subtract(x[j]) : x[j].multiply(x[j])).cast(result);
            }
            return out;
        }

        @Override
        String describe() {
            return "Merge " + name + (subtract ? " (subtract: input - previous)" : " (multiply: previous * previous)")
                    + ": result " + result;
        }
    }

    /** ReLU: comparison, then assignment to the result type. */
    static final class ReluStage extends Stage {
        private final FixedType inType;
        private final Quantizer qRes;

        ReluStage(String name, FixedType inType, FixedType result) {
            super(name, result);
            this.inType = inType;
            this.qRes = narrow(inType, result) ? new Quantizer(result) : null;
        }

        @Override
        boolean fitsInLong() {
            return narrow(inType, result);
        }

        @Override
        long[] run(long[] x) {
            int f = inType.fractionalBits();
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = qRes.fromRaw(x[j] > 0 ? x[j] : 0L, f);
            }
            return out;
        }

        @Override
        long[] runCounting(long[] x, long[] count) {
            int f = inType.fractionalBits();
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                long v = x[j] > 0 ? x[j] : 0L;
                if (qRes.overflows(v, f)) {
                    count[0]++;
                }
                out[j] = qRes.fromRaw(v, f);
            }
            return out;
        }

        @Override
        FixedValue[] runReference(FixedValue[] x) {
            FixedValue[] out = new FixedValue[x.length];
            FixedValue zero = FixedValue.of(0.0, result);
            for (int j = 0; j < x.length; j++) {
                out[j] = x[j].raw().signum() > 0 ? x[j].cast(result) : zero;
            }
            return out;
        }

        @Override
        String describe() {
            return "ReLU " + name + ": result " + result;
        }
    }

    /** Sigmoid through hls4ml's lookup table. */
    static final class SigmoidStage extends Stage {
        private final FixedType inType;
        private final FixedType tableType;
        private final int n = Hls4mlTables.TABLE_SIZE;
        private final FixedValue[] tableRef; // entries cast to the result type
        private final boolean[] tableOverflow;
        private final long[] table;

        SigmoidStage(String name, FixedType inType, FixedType tableType, FixedType result) {
            super(name, result);
            this.inType = inType;
            this.tableType = tableType;
            float[] f = Hls4mlTables.sigmoidTable(n);
            tableRef = new FixedValue[n];
            tableOverflow = new boolean[n];
            for (int i = 0; i < n; i++) {
                FixedValue entry = FixedValue.of(f[i], tableType);
                tableRef[i] = entry.cast(result);
                tableOverflow[i] = outside(entry.toDouble(), result);
            }
            if (narrow(result)) {
                table = new long[n];
                for (int i = 0; i < n; i++) {
                    table[i] = tableRef[i].raw().longValueExact();
                }
            } else {
                table = null;
            }
        }

        @Override
        boolean fitsInLong() {
            return narrow(inType, result) && inType.width() <= 48;
        }

        /** (int)(x * N / 16) + N / 2 with C++ truncation toward zero and int wrap-around, clipped. */
        private int index(long raw) {
            long v = raw * (n / 16);
            int f = inType.fractionalBits();
            long t;
            if (f >= 0) {
                t = f >= 63 ? 0 : (v >= 0 ? v >> f : -((-v) >> f));
            } else {
                t = -f >= 64 ? 0 : v << -f;
            }
            return clip((int) t + n / 2);
        }

        private int indexReference(FixedValue x) {
            BigInteger v = x.raw().multiply(BigInteger.valueOf(n / 16));
            int f = inType.fractionalBits();
            BigInteger t = f >= 0 ? (v.signum() >= 0 ? v.shiftRight(f) : v.negate().shiftRight(f).negate())
                    : v.shiftLeft(-f);
            return clip(t.intValue() + n / 2);
        }

        private int clip(int index) {
            return index < 0 ? 0 : Math.min(index, n - 1);
        }

        @Override
        long[] run(long[] x) {
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = table[index(x[j])];
            }
            return out;
        }

        @Override
        long[] runCounting(long[] x, long[] count) {
            long[] out = new long[x.length];
            for (int j = 0; j < x.length; j++) {
                int i = index(x[j]);
                if (tableOverflow[i]) {
                    count[0]++;
                }
                out[j] = table[i];
            }
            return out;
        }

        @Override
        FixedValue[] runReference(FixedValue[] x) {
            FixedValue[] out = new FixedValue[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = tableRef[indexReference(x[j])];
            }
            return out;
        }

        @Override
        String describe() {
            return "Sigmoid " + name + ": table " + n + " x " + tableType + " over [-8, 8), result " + result;
        }
    }
}
