package org.anomalysearch.fpga.qat;

import java.util.Locale;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.OverflowMode;
import org.anomalysearch.fpga.fixed.Quantizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;

/**
 * Fake quantization to one {@link FixedType} for quantization-aware training with DJL: the forward value is the
 * exact ap_fixed assignment of the type (the same bits as {@link Quantizer#fromDouble(double)}), the gradient passes
 * straight through (straight-through estimator, identity everywhere).
 *
 * <p><b>Forward.</b> On a detached float64 copy: {@code v = x * 2^F} (exact), rounded to an integer by the type's
 * quantization mode (AP_TRN floor, AP_RND {@code floor(v + 1/2)}, AP_TRN_ZERO toward zero, AP_RND_ZERO /
 * AP_RND_MIN_INF / AP_RND_INF the half cases toward zero / minus infinity / away from zero, AP_RND_CONV half to
 * even), then the overflow mode on the raw integer (AP_SAT clip to [min, max], AP_SAT_ZERO 0 outside, AP_SAT_SYM
 * clip to [-max, max] (unsigned: [0, max]), AP_WRAP modulo 2^W into [min, max]), times 2^-F, back to the input's
 * data type. Exact for W &lt;= {@value #MAX_WIDTH} (every grid value is a float32) and |x| 2^F &lt; 2^52; AP_WRAP
 * with saturation bits N &gt; 0 is refused.
 *
 * <p><b>Backward.</b> {@code q(x) + (x - stopGradient(x))}: the forward value is exactly q(x) (the added term is an
 * exact 0), the gradient with respect to x is 1. Also for saturating types outside the range (no clipped STE): a
 * latent weight beyond the range keeps getting the loss's gradient and can come back, and a saturated activation
 * still passes the gradient to the layer below. This is the plain STE of Bengio et al. 2013; QKeras' quantized_bits
 * does the same.
 *
 * <p>{@link #dense} is one hls4ml Dense + ApplyAlpha (bias add) at a model-wide precision, in the order of
 * {@code MlpEmulator}: every product cast to the type, their sum cast (for AP_WRAP the same bits as casting every
 * partial sum; for saturating modes the partial sums are not saturated one by one, an approximation), the bias
 * added and the result cast. Immutable and thread-safe.
 */
public final class FakeQuant {

    /** The widest type handled exactly (every value on its grid is a float32). */
    public static final int MAX_WIDTH = 24;
    /** The largest |I| and |F| accepted (grid values stay normal float32 numbers). */
    public static final int MAX_BITS_MAGNITUDE = 100;

    private final FixedType type;
    private final Quantizer quantizer;
    private final double scale;
    private final double minRaw;
    private final double maxRaw;
    private final double modulus;

    private FakeQuant(FixedType type) {
        this.type = type;
        this.quantizer = new Quantizer(type);
        this.scale = Math.scalb(1.0, type.fractionalBits());
        this.minRaw = type.minRaw().doubleValue();
        this.maxRaw = type.maxRaw().doubleValue();
        this.modulus = Math.scalb(1.0, type.width());
    }

    /**
     * A fake quantizer for type t.
     *
     * @throws InvalidInputException if t is wider than {@value #MAX_WIDTH} bits, has |I| or |F| above
     *                               {@value #MAX_BITS_MAGNITUDE}, or is AP_WRAP with saturation bits
     */
    public static FakeQuant of(FixedType t) {
        String problem = problem(t);
        if (problem != null) {
            throw new InvalidInputException("QAT precision " + t.toHls4mlString(), null, problem,
                    "use e.g. fixed<8,3> or fixed<8,3,RND,SAT>");
        }
        return new FakeQuant(t);
    }

    /** Why t cannot be fake-quantized exactly, or null if it can. */
    public static String problem(FixedType t) {
        if (t.width() > MAX_WIDTH) {
            return String.format(Locale.ROOT, "width %d is above %d bits, the widest type quantization-aware "
                    + "training handles exactly in float32", t.width(), MAX_WIDTH);
        }
        if (Math.abs(t.integerBits()) > MAX_BITS_MAGNITUDE || Math.abs(t.fractionalBits()) > MAX_BITS_MAGNITUDE) {
            return "integer bits " + t.integerBits() + " and fractional bits " + t.fractionalBits()
                    + " must lie within +-" + MAX_BITS_MAGNITUDE;
        }
        if (t.overflow() == OverflowMode.AP_WRAP && t.saturationBits() != 0) {
            return "AP_WRAP with " + t.saturationBits() + " saturation bits is not supported (N must be 0)";
        }
        return null;
    }

    /** The target type. */
    public FixedType type() {
        return type;
    }

    /** The quantized value of x (no gradient), in x's data type. */
    public NDArray quantize(NDArray x) {
        DataType dt = x.getDataType();
        NDArray v = x.stopGradient().toType(DataType.FLOAT64, false).mul(scale);
        NDArray r = round(v);
        return overflow(r).div(scale).toType(dt, false);
    }

    /** Fake quantization with the straight-through estimator: forward {@link #quantize}, gradient identity. */
    public NDArray apply(NDArray x) {
        return quantize(x).add(x.sub(x.stopGradient()));
    }

    /** max(x, 0) cast to the type (hls4ml's ReLU with result_t the model precision). */
    public NDArray relu(NDArray x) {
        return apply(x.maximum(x.zerosLike()));
    }

    /**
     * One Dense + bias add as hls4ml computes it at this model-wide precision, on inputs already on the grid:
     * {@code q(q(sum_i q(x_i q(w_ji))) + q(b_j))}. x is [batch, in], w [out, in] (PyTorch layout), b [out]. The value
     * is computed on detached float64 copies (exact for the products of two grid values) and returned in x's data
     * type; the gradient is that of the float layer {@code x q(w)^T + q(b)}, i.e. every cast passed straight through.
     */
    public NDArray dense(NDArray x, NDArray w, NDArray b) {
        NDArray wq = apply(w);
        NDArray bq = apply(b);
        NDArray xd = x.stopGradient().toType(DataType.FLOAT64, false);
        NDArray wd = wq.stopGradient().toType(DataType.FLOAT64, false);
        NDArray bd = bq.stopGradient().toType(DataType.FLOAT64, false);
        NDArray products = quantize(xd.expandDims(1).mul(wd.expandDims(0)));
        NDArray value = quantize(quantize(products.sum(new int[] {2})).add(bd)).toType(x.getDataType(), false);
        NDArray surrogate = Linear.linear(x, wq, bq).singletonOrThrow();
        return value.add(surrogate.sub(surrogate.stopGradient()));
    }

    /** The assignment of one float to the type, as a float (exact). */
    public float cast(float v) {
        return (float) quantizer.toDouble(quantizer.fromDouble(v));
    }

    /** {@link #cast(float)} of every element, in a new array. */
    public float[] cast(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = cast(v[i]);
        }
        return out;
    }

    /** Whether v is a value of the type (its assignment leaves it unchanged). */
    public boolean onGrid(float v) {
        return Float.isFinite(v) && cast(v) == v;
    }

    private NDArray round(NDArray v) {
        switch (type.quantization()) {
            case AP_TRN:
                return v.floor();
            case AP_RND:
                return v.add(0.5).floor();
            case AP_TRN_ZERO:
                return NDArrays.where(v.lt(0.0), v.ceil(), v.floor());
            case AP_RND_ZERO:
                return NDArrays.where(v.lt(0.0), v.add(0.5).floor(), v.sub(0.5).ceil());
            case AP_RND_MIN_INF:
                return v.sub(0.5).ceil();
            case AP_RND_INF:
                return NDArrays.where(v.lt(0.0), v.sub(0.5).ceil(), v.add(0.5).floor());
            case AP_RND_CONV:
                return v.round(); // PyTorch rounds half to even
            default:
                throw new AssertionError(type.quantization());
        }
    }

    private NDArray overflow(NDArray r) {
        switch (type.overflow()) {
            case AP_SAT:
                return r.clip(minRaw, maxRaw);
            case AP_SAT_SYM:
                return r.clip(type.signed() ? -maxRaw : 0.0, maxRaw);
            case AP_SAT_ZERO:
                return NDArrays.where(r.lt(minRaw).logicalOr(r.gt(maxRaw)), r.zerosLike(), r);
            case AP_WRAP:
            default:
                // r - 2^W floor((r - min) / 2^W): exact in float64 for |r| < 2^52
                return r.sub(r.sub(minRaw).div(modulus).floor().mul(modulus));
        }
    }
}
