package org.anomalysearch.fpga.fixed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

import org.anomalysearch.core.InvalidInputException;

/**
 * An exact value of a fixed-point type: {@code raw * 2^-F} with raw a W-bit integer. Any width up to
 * {@link FixedType#MAX_WIDTH}; arithmetic is on BigInteger, so this is the reference, not the fast path (see
 * {@link Quantizer}).
 *
 * <p>Assignment ({@link #of(double, FixedType)}, {@link #ofDecimal(String, FixedType)}, {@link #cast(FixedType)})
 * quantizes first and then applies the overflow mode, both by the target type, as the Xilinx headers do.
 * {@link #add}, {@link #subtract} and {@link #multiply} return the full-precision result in the widened type
 * ({@link FixedType#sumType}, {@link FixedType#productType}), which is always exact. Immutable.
 */
public final class FixedValue {
    private final FixedType type;
    private final BigInteger raw;

    private FixedValue(FixedType type, BigInteger raw) {
        this.type = type;
        this.raw = raw;
    }

    /** The value with the given raw integer; it must be in the range of the type. */
    public static FixedValue ofRaw(BigInteger raw, FixedType type) {
        Objects.requireNonNull(type, "type");
        if (raw.compareTo(type.minRaw()) < 0 || raw.compareTo(type.maxRaw()) > 0) {
            throw new InvalidInputException("raw value " + raw, null, "outside the range of " + type,
                    "use cast() to assign with quantization and overflow");
        }
        return new FixedValue(type, raw);
    }

    /** The value with the given raw integer; it must be in the range of the type. */
    public static FixedValue ofRaw(long raw, FixedType type) {
        return ofRaw(BigInteger.valueOf(raw), type);
    }

    /** A double assigned to the type (exact decomposition of the double, then quantization and overflow). */
    public static FixedValue of(double d, FixedType type) {
        long[] mf = FixedMath.decompose(d, "value");
        return new FixedValue(type, FixedMath.assign(BigInteger.valueOf(mf[0]), (int) mf[1], type));
    }

    /**
     * The exact value of a decimal string (e.g. {@code "0.1234567890"} or {@code "-1.5e-3"}) assigned to the
     * type, without rounding to a double first.
     */
    public static FixedValue ofDecimal(String text, FixedType type) {
        BigInteger[] nd = FixedMath.rational(text);
        return new FixedValue(type, FixedMath.assignRational(nd[0], nd[1], type));
    }

    /** This value assigned to another type (quantization and overflow by the target type). */
    public FixedValue cast(FixedType target) {
        return new FixedValue(target, FixedMath.assign(raw, type.fractionalBits(), target));
    }

    /** The exact sum in {@link FixedType#sumType}. */
    public FixedValue add(FixedValue o) {
        FixedType t = FixedType.sumType(type, o.type, false);
        return new FixedValue(t, aligned(t).add(o.aligned(t)));
    }

    /** The exact difference in {@link FixedType#sumType} (signed). */
    public FixedValue subtract(FixedValue o) {
        FixedType t = FixedType.sumType(type, o.type, true);
        return new FixedValue(t, aligned(t).subtract(o.aligned(t)));
    }

    /** The exact product in {@link FixedType#productType}. */
    public FixedValue multiply(FixedValue o) {
        return new FixedValue(FixedType.productType(type, o.type), raw.multiply(o.raw));
    }

    private BigInteger aligned(FixedType t) {
        return raw.shiftLeft(t.fractionalBits() - type.fractionalBits());
    }

    /** The type. */
    public FixedType type() {
        return type;
    }

    /** The raw W-bit integer (value = raw * 2^-F). */
    public BigInteger raw() {
        return raw;
    }

    /** The value as a double (exact when W <= 53, otherwise correctly rounded). */
    public double toDouble() {
        return toBigDecimal().doubleValue();
    }

    /** The exact value. */
    public BigDecimal toBigDecimal() {
        int f = type.fractionalBits();
        if (f <= 0) {
            return new BigDecimal(raw.shiftLeft(-f));
        }
        // raw / 2^f = raw * 5^f / 10^f
        return new BigDecimal(raw.multiply(BigInteger.valueOf(5).pow(f)), f);
    }

    /** The value truncated toward zero, as {@code to_int()} / {@code to_long()} do. */
    public BigInteger toBigIntegerTruncated() {
        int f = type.fractionalBits();
        if (f <= 0) {
            return raw.shiftLeft(-f);
        }
        BigInteger mag = raw.abs().shiftRight(f);
        return raw.signum() < 0 ? mag.negate() : mag;
    }

    /** The exact decimal value without exponent and without trailing zeros ("0" for zero). */
    @Override
    public String toString() {
        return exactString(toBigDecimal());
    }

    /** Prints a double exactly: every digit of its binary value, no exponent, no trailing zeros; "0" for zero. */
    public static String exactString(double d) {
        if (d == 0.0) {
            return "0";
        }
        return exactString(new BigDecimal(d));
    }

    private static String exactString(BigDecimal bd) {
        if (bd.signum() == 0) {
            return "0";
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedValue v && v.type.equals(type) && v.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + raw.hashCode();
    }
}
