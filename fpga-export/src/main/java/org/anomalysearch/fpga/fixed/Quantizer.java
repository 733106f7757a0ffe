package org.anomalysearch.fpga.fixed;

import java.math.BigInteger;

import org.anomalysearch.core.InvalidInputException;

/**
 * Fast assignment to one fixed-point type on {@code long} raw values: the same rule as {@link FixedValue}
 * (quantize, then overflow, bit-exact with the Xilinx headers), without allocation in the common case.
 *
 * <p>A raw value r of a type with F fractional bits stands for r * 2^-F. {@link #fromRaw(long, int)} assigns the
 * exact value {@code raw * 2^-srcFrac}, e.g. a full-precision product of two raws with F1 + F2 fractional bits.
 * The type must fit in a long ({@link FixedType#fitsInLong()}). Immutable and thread-safe.
 */
public final class Quantizer {
    private final FixedType type;
    private final int frac;
    private final int width;
    private final boolean signed;
    private final long min;
    private final long max;
    private final QuantMode quant;
    private final boolean truncate;
    private final boolean halfUp;
    private final OverflowMode overflow;
    private final int satBits;
    private final boolean symmetric;

    /** A quantizer for type t. */
    public Quantizer(FixedType t) {
        if (!t.fitsInLong()) {
            throw new InvalidInputException("precision " + t, null,
                    "the fast quantizer handles signed types up to 64 bits and unsigned up to 63",
                    "use FixedValue for wider types");
        }
        this.type = t;
        this.frac = t.fractionalBits();
        this.width = t.width();
        this.signed = t.signed();
        this.min = t.minRaw().longValueExact();
        this.max = t.maxRaw().longValueExact();
        this.quant = t.quantization();
        this.truncate = quant == QuantMode.AP_TRN;
        this.halfUp = quant == QuantMode.AP_RND;
        this.overflow = t.overflow();
        this.satBits = t.saturationBits();
        this.symmetric = overflow == OverflowMode.AP_SAT_SYM && signed;
    }

    /** The target type. */
    public FixedType type() {
        return type;
    }

    /** F of the target type. */
    public int fractionalBits() {
        return frac;
    }

    /** Assigns the exact value {@code raw * 2^-srcFrac} to the target type; returns the target raw value. */
    public long fromRaw(long raw, int srcFrac) {
        int s = srcFrac - frac;
        long q;
        if (s > 0) {
            if (s >= 62) {
                return FixedMath.assign(BigInteger.valueOf(raw), srcFrac, type).longValueExact();
            }
            if (truncate) {
                q = raw >> s;
            } else if (halfUp) {
                q = ((raw >> (s - 1)) + 1) >> 1; // floor(x + 1/2)
            } else {
                q = raw >> s;
                boolean qb = ((raw >>> (s - 1)) & 1L) != 0;
                boolean r = (raw & ((1L << (s - 1)) - 1)) != 0;
                if (quant.roundUp(qb, r, raw < 0, (q & 1L) != 0)) {
                    q++;
                }
            }
        } else if (s == 0) {
            q = raw;
        } else {
            int k = -s;
            if (raw == 0) {
                q = 0;
            } else if (k >= 64) {
                return outOfRange(raw < 0, 0L);
            } else {
                q = raw << k;
                if ((q >> k) != raw) {
                    return outOfRange(raw < 0, q);
                }
            }
        }
        if (q >= min && q <= max) {
            if (symmetric && q == min) {
                return -max;
            }
            return q;
        }
        return outOfRange(q < 0, q);
    }

    /**
     * Whether the overflow mode is plain wrap-around (AP_WRAP without saturation bits). Then assignment is
     * {@code wrap(quantize(x))}, and because wrapping is arithmetic modulo 2^W, a sum of wrapped terms may be
     * wrapped once at the end: {@code wrap(a + wrap(b)) == wrap(a + b)}.
     */
    public boolean isPlainWrap() {
        return overflow == OverflowMode.AP_WRAP && satBits == 0;
    }

    /**
     * The quantization step alone: {@code raw * 2^-srcFrac} rounded by the mode to the target step, as a raw
     * value that may lie outside the range; correct modulo 2^64 (so {@link #wrap(long)} of it is exact) for any
     * shift.
     */
    public long quantizeOnly(long raw, int srcFrac) {
        int s = srcFrac - frac;
        if (s <= 0) {
            return -s >= 64 ? 0L : raw << -s;
        }
        if (s >= 63) {
            return truncate ? (raw < 0 ? -1L : 0L) : FixedMath.assign(BigInteger.valueOf(raw), srcFrac,
                    FixedType.signed(64, 64 - frac).withModes(quant, OverflowMode.AP_WRAP)).longValue();
        }
        long q = raw >> s;
        if (!truncate) {
            boolean qb = ((raw >>> (s - 1)) & 1L) != 0;
            boolean r = (raw & ((1L << (s - 1)) - 1)) != 0;
            if (quant.roundUp(qb, r, raw < 0, (q & 1L) != 0)) {
                q++;
            }
        }
        return q;
    }

    /** The low W bits of v as a value of the target type (two's complement for signed types). */
    public long wrap(long v) {
        if (signed) {
            return width == 64 ? v : (v << (64 - width)) >> (64 - width);
        }
        return v & ((1L << width) - 1);
    }

    /** Assigns a double (exactly, as the Xilinx {@code ap_fixed(double)} constructor does). */
    public long fromDouble(double d) {
        long[] mf = FixedMath.decompose(d, "value");
        return fromRaw(mf[0], (int) mf[1]);
    }

    /** Whether assigning a double overflows (see {@link #overflows(long, int)}). */
    public boolean overflows(double d) {
        long[] mf = FixedMath.decompose(d, "value");
        return overflows(mf[0], (int) mf[1]);
    }

    /** Assigns the exact value {@code raw * 2^-srcFrac} given as a BigInteger. */
    public long fromBig(BigInteger raw, int srcFrac) {
        if (raw.bitLength() < 63) {
            return fromRaw(raw.longValue(), srcFrac);
        }
        return FixedMath.assign(raw, srcFrac, type).longValueExact();
    }

    /** Assigns the exact value of a decimal string (no rounding to double first). */
    public long fromDecimal(String text) {
        BigInteger[] nd = FixedMath.rational(text);
        return FixedMath.assignRational(nd[0], nd[1], type).longValueExact();
    }

    /** The value of a raw integer of the target type (exact when W <= 53). */
    public double toDouble(long raw) {
        return Math.scalb((double) raw, -frac);
    }

    /**
     * Whether assigning {@code raw * 2^-srcFrac} overflows: its quantized value is outside the range (for
     * counting overflows; AP_SAT_SYM's replacement of the most negative value is not counted).
     */
    public boolean overflows(long raw, int srcFrac) {
        int s = srcFrac - frac;
        if (s >= 62 || s <= -62) {
            BigInteger q = FixedMath.quantize(BigInteger.valueOf(raw), srcFrac, frac, quant);
            return q.compareTo(BigInteger.valueOf(min)) < 0 || q.compareTo(BigInteger.valueOf(max)) > 0;
        }
        long q;
        if (s > 0) {
            q = raw >> s;
            if (!truncate) {
                boolean qb = ((raw >>> (s - 1)) & 1L) != 0;
                boolean r = (raw & ((1L << (s - 1)) - 1)) != 0;
                if (quant.roundUp(qb, r, raw < 0, (q & 1L) != 0)) {
                    q++;
                }
            }
        } else {
            q = raw << -s;
            if ((q >> -s) != raw) {
                return true;
            }
        }
        return q < min || q > max;
    }

    private long outOfRange(boolean negative, long low64) {
        switch (overflow) {
            case AP_SAT:
                return negative ? min : max;
            case AP_SAT_SYM:
                return negative ? (signed ? -max : 0L) : max;
            case AP_SAT_ZERO:
                return 0L;
            case AP_WRAP:
            default:
                long v = low64;
                if (satBits > 0) {
                    if (signed) {
                        v = negative ? v | (1L << (width - 1)) : v & ~(1L << (width - 1));
                        for (int b = width - satBits; b <= width - 2; b++) {
                            v = negative ? v & ~(1L << b) : v | (1L << b);
                        }
                    } else {
                        for (int b = width - satBits; b <= width - 1; b++) {
                            v |= 1L << b;
                        }
                    }
                }
                if (signed) {
                    return width == 64 ? v : (v << (64 - width)) >> (64 - width);
                }
                return v & ((1L << width) - 1);
        }
    }
}
