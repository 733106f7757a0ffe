package org.anomalysearch.fpga.fixed;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.anomalysearch.core.InvalidInputException;

/**
 * The exact assignment rule of {@code ap_fixed} on arbitrary-precision integers: quantize by the target's mode
 * to its step 2^-F, then apply its overflow mode to the W-bit range. Reference implementation for every width;
 * {@link Quantizer} is the fast long-based equivalent.
 */
final class FixedMath {
    private FixedMath() {
    }

    /** Assigns the exact value {@code m * 2^-srcFrac} to type t and returns the raw W-bit integer. */
    static BigInteger assign(BigInteger m, int srcFrac, FixedType t) {
        return overflow(quantize(m, srcFrac, t.fractionalBits(), t.quantization()), m.signum() < 0, t);
    }

    /** Quantizes {@code m * 2^-srcFrac} to the step 2^-frac by mode q, without any range limit. */
    static BigInteger quantize(BigInteger m, int srcFrac, int frac, QuantMode q) {
        int s = srcFrac - frac;
        if (s <= 0) {
            return m.shiftLeft(-s);
        }
        BigInteger floor = m.shiftRight(s);
        boolean qb = m.testBit(s - 1);
        boolean r = m.signum() != 0 && m.getLowestSetBit() < s - 1;
        return q.roundUp(qb, r, m.signum() < 0, floor.testBit(0)) ? floor.add(BigInteger.ONE) : floor;
    }

    /** Assigns the exact rational {@code num / den} (den > 0) to type t and returns the raw integer. */
    static BigInteger assignRational(BigInteger num, BigInteger den, FixedType t) {
        int f = t.fractionalBits();
        BigInteger n = f >= 0 ? num.shiftLeft(f) : num;
        BigInteger d = f >= 0 ? den : den.shiftLeft(-f);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger floor = qr[0];
        BigInteger rem = qr[1];
        if (rem.signum() < 0) {
            floor = floor.subtract(BigInteger.ONE);
            rem = rem.add(d);
        }
        boolean neg = num.signum() < 0;
        BigInteger twice = rem.shiftLeft(1);
        int cmp = twice.compareTo(d);
        boolean qb = cmp >= 0;
        boolean r = qb ? cmp > 0 : rem.signum() != 0;
        BigInteger q = t.quantization().roundUp(qb, r, neg, floor.testBit(0)) ? floor.add(BigInteger.ONE) : floor;
        return overflow(q, neg, t);
    }

    /** Applies the overflow mode of t to the quantized integer q; {@code neg} is the sign of the source. */
    static BigInteger overflow(BigInteger q, boolean neg, FixedType t) {
        BigInteger min = t.minRaw();
        BigInteger max = t.maxRaw();
        if (q.compareTo(min) >= 0 && q.compareTo(max) <= 0) {
            if (t.overflow() == OverflowMode.AP_SAT_SYM && t.signed() && q.equals(min)) {
                return max.negate();
            }
            return q;
        }
        boolean above = q.compareTo(max) > 0;
        int w = t.width();
        switch (t.overflow()) {
            case AP_SAT:
                return above ? max : min;
            case AP_SAT_SYM:
                return above ? max : (t.signed() ? max.negate() : BigInteger.ZERO);
            case AP_SAT_ZERO:
                return BigInteger.ZERO;
            case AP_WRAP:
            default:
                BigInteger low = q.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
                int n = t.saturationBits();
                if (n > 0) {
                    if (t.signed()) {
                        low = neg ? low.setBit(w - 1) : low.clearBit(w - 1);
                        for (int b = w - n; b <= w - 2; b++) {
                            low = neg ? low.clearBit(b) : low.setBit(b);
                        }
                    } else {
                        for (int b = w - n; b <= w - 1; b++) {
                            low = low.setBit(b);
                        }
                    }
                }
                if (t.signed() && low.testBit(w - 1)) {
                    low = low.subtract(BigInteger.ONE.shiftLeft(w));
                }
                return low;
        }
    }

    /** Splits a finite double into (mantissa, fractional bits): d = m * 2^-frac exactly. */
    static long[] decompose(double d, String what) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidInputException(what, null, "cannot assign " + d + " to a fixed-point type",
                    "only finite numbers can be converted to ap_fixed");
        }
        if (d == 0.0) {
            return new long[] {0L, 0L};
        }
        long bits = Double.doubleToRawLongBits(d);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long man = bits & 0x000f_ffff_ffff_ffffL;
        if (exp == 0) {
            exp = 1; // subnormal
        } else {
            man |= 1L << 52;
        }
        // d = man * 2^(exp - 1075)
        long m = bits < 0 ? -man : man;
        return new long[] {m, 1075L - exp};
    }

    /** Exact rational value of a decimal string as {num, den} with den > 0. */
    static BigInteger[] rational(String text) {
        BigDecimal bd;
        try {
            bd = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("decimal '" + text + "'", null, "not a decimal number",
                    "write e.g. 0.1234 or -1.5e-3");
        }
        BigInteger unscaled = bd.unscaledValue();
        int scale = bd.scale();
        if (scale >= 0) {
            return new BigInteger[] {unscaled, BigInteger.TEN.pow(scale)};
        }
        return new BigInteger[] {unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE};
    }
}
