package org.anomalysearch.fpga.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of ../shared/docs/FIXED_POINT.md, exact decimal input, wide types and the long fast path. */
class FixedValueTest {

    @ParameterizedTest
    @CsvSource({"AP_TRN, 1.0, -1.03125", "AP_TRN_ZERO, 1.0, -1.0", "AP_RND, 1.03125, -1.0",
        "AP_RND_ZERO, 1.0, -1.0", "AP_RND_MIN_INF, 1.0, -1.03125", "AP_RND_INF, 1.03125, -1.03125",
        "AP_RND_CONV, 1.0, -1.0"})
    void quantizationTableOfFixedPointDoc(QuantMode q, double plus, double minus) {
        FixedType t = FixedType.signed(8, 3).withModes(q, OverflowMode.AP_WRAP);
        assertEquals(plus, FixedValue.of(1.015625, t).toDouble());
        assertEquals(minus, FixedValue.of(-1.015625, t).toDouble());
        Quantizer fast = new Quantizer(t);
        assertEquals(plus, fast.toDouble(fast.fromDouble(1.015625)));
        assertEquals(minus, fast.toDouble(fast.fromDouble(-1.015625)));
    }

    @Test
    void overflowExamplesOfFixedPointDoc() {
        assertEquals(-3.5, FixedValue.of(4.5, FixedType.parse("ap_fixed<8,3>")).toDouble());
        assertEquals(-24.0, FixedValue.of(40, FixedType.parse("ap_fixed<16,6>")).toDouble());
        assertEquals(3.96875, FixedValue.of(4.5, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_SAT>")).toDouble());
        assertEquals(-4.0, FixedValue.of(-4.2, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_SAT>")).toDouble());
        assertEquals(-3.96875, FixedValue.of(-4.2, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_SAT_SYM>")).toDouble());
        assertEquals(0.0, FixedValue.of(-4.2, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_SAT_ZERO>")).toDouble());
        assertEquals(-4.0, FixedValue.of(3.99, FixedType.parse("ap_fixed<8,3,AP_RND,AP_WRAP>")).toDouble());
        assertEquals(7.0, FixedValue.of(-1.0, FixedType.parse("ap_ufixed<8,3>")).toDouble());
        assertEquals(0.0, FixedValue.of(-1.0, FixedType.parse("ap_ufixed<8,3,AP_TRN,AP_SAT>")).toDouble());
        assertEquals(BigInteger.valueOf(-3), FixedValue.of(-3.9, FixedType.parse("ap_fixed<8,3>"))
                .toBigIntegerTruncated()); // -3.90625 -> to_int() -3
    }

    /** AP_WRAP with N saturation bits (SystemC SC_WRAP): the N most significant bits saturate, the rest wrap. */
    @Test
    void wrapWithSaturationBits() {
        // 4.5 on <8,3>: raw 144 = 1001_0000b overflows; N=1 keeps the sign positive: 0001_0000b = 0.5
        assertEquals(0.5, FixedValue.of(4.5, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_WRAP,1>")).toDouble());
        // N=2: sign 0, next bit 1: 0101_0000b = 2.5
        assertEquals(2.5, FixedValue.of(4.5, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_WRAP,2>")).toDouble());
        // -4.5: raw -144 -> low bits 0111_0000b; N=2: sign 1, next 0: 1011_0000b = -80 -> -2.5
        assertEquals(-2.5, FixedValue.of(-4.5, FixedType.parse("ap_fixed<8,3,AP_TRN,AP_WRAP,2>")).toDouble());
        for (String t : new String[] {"ap_fixed<8,3,AP_TRN,AP_WRAP,1>", "ap_fixed<8,3,AP_RND,AP_WRAP,3>",
            "ap_ufixed<8,3,AP_TRN,AP_WRAP,2>"}) {
            Quantizer q = new Quantizer(FixedType.parse(t));
            for (double d = -20; d < 20; d += 0.37) {
                assertEquals(FixedValue.of(d, q.type()).toDouble(), q.toDouble(q.fromDouble(d)), t + " " + d);
            }
        }
    }

    @Test
    void exactDecimalText() {
        FixedType t = FixedType.parse("fixed<16,6>");
        assertEquals(FixedValue.of(0.0009765625, t), FixedValue.ofDecimal("0.0009765625", t));
        assertEquals(FixedValue.ofRaw(0, t), FixedValue.ofDecimal("0.0009765624", t)); // just below one step
        assertEquals(FixedValue.ofRaw(-1, t), FixedValue.ofDecimal("-0.0000000001", t));
        FixedType rnd = FixedType.parse("fixed<16,6,RND,WRAP>");
        FixedType conv = FixedType.parse("fixed<16,6,RND_CONV,WRAP>");
        assertEquals(FixedValue.ofRaw(1, rnd), FixedValue.ofDecimal("0.00048828125", rnd)); // half: up
        assertEquals(FixedValue.ofRaw(0, conv), FixedValue.ofDecimal("0.00048828125", conv)); // half: to even
        assertEquals(FixedValue.ofRaw(2, conv), FixedValue.ofDecimal("0.00146484375", conv)); // 1.5 steps: 2
        assertEquals(FixedValue.ofRaw(1024 * 3, t), FixedValue.ofDecimal("3e0", t));
        assertThrows(InvalidInputException.class, () -> FixedValue.ofDecimal("1,5", t));
        assertThrows(InvalidInputException.class, () -> FixedValue.of(Double.NaN, t));
        assertEquals("-1.03125", FixedValue.of(-1.03125, t).toString());
        assertEquals("0", FixedValue.of(0.0, t).toString());
        assertEquals("0.0009765625", FixedValue.exactString(0.0009765625));
        assertEquals("0", FixedValue.exactString(-0.0));
        assertEquals("24", FixedValue.exactString(24.0));
    }

    /** 64-bit operands: the full-precision product (128 bits) and its assignment, against BigDecimal. */
    @Test
    void wideArithmeticAgainstBigDecimal() {
        FixedType t = FixedType.parse("ap_fixed<64,20>");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < 2000; k++) {
            FixedValue a = FixedValue.ofRaw(rnd.nextLong(), t);
            FixedValue b = FixedValue.ofRaw(rnd.nextLong(), t);
            BigDecimal exact = a.toBigDecimal().multiply(b.toBigDecimal());
            FixedValue p = a.multiply(b);
            assertEquals(128, p.type().width());
            assertEquals(0, exact.compareTo(p.toBigDecimal()));
            assertEquals(0, a.toBigDecimal().add(b.toBigDecimal()).compareTo(a.add(b).toBigDecimal()));
            assertEquals(0, a.toBigDecimal().subtract(b.toBigDecimal()).compareTo(a.subtract(b).toBigDecimal()));
            // assignment of the product to <64,40,RND_CONV,SAT>: exact rational rule via decimal text
            FixedType target = FixedType.parse("ap_fixed<64,40,AP_RND_CONV,AP_SAT>");
            assertEquals(FixedValue.ofDecimal(exact.toPlainString(), target), p.cast(target));
            Quantizer q = new Quantizer(target);
            assertEquals(p.cast(target).raw().longValueExact(), q.fromBig(p.raw(), p.type().fractionalBits()));
        }
    }

    /** The long fast path equals the BigInteger reference for random raws, shifts, types and modes. */
    @Test
    void quantizerEqualsReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            boolean signed = rnd.nextBoolean();
            int w = 1 + rnd.nextInt(signed ? 64 : 63);
            int i = rnd.nextInt(-10, 80);
            FixedType t = new FixedType(w, i, signed, QuantMode.values()[rnd.nextInt(7)],
                    OverflowMode.values()[rnd.nextInt(4)], rnd.nextInt(4) == 0 ? rnd.nextInt(w + 1) : 0);
            Quantizer q = new Quantizer(t);
            long raw = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextLong() >> rnd.nextInt(64);
            int srcFrac = rnd.nextInt(-80, 140);
            BigInteger want = FixedMath.assign(BigInteger.valueOf(raw), srcFrac, t);
            assertEquals(want.longValueExact(), q.fromRaw(raw, srcFrac), () -> t + " raw " + raw + " frac " + srcFrac);
            boolean overflows = want.compareTo(t.minRaw()) < 0 || want.compareTo(t.maxRaw()) > 0
                    || !want.equals(FixedMath.assign(BigInteger.valueOf(raw), srcFrac,
                            new FixedType(Math.min(1024, w + 200), i + 200, true, t.quantization(),
                                    OverflowMode.AP_WRAP, 0)));
            if (t.overflow() != OverflowMode.AP_SAT_SYM) {
                assertEquals(overflows, q.overflows(raw, srcFrac), () -> t + " raw " + raw + " frac " + srcFrac);
            }
            if (q.isPlainWrap()) {
                assertEquals(want.longValueExact(), q.wrap(q.quantizeOnly(raw, srcFrac)));
            }
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(FixedValue.of(d, t).raw().longValueExact(), q.fromDouble(d), () -> t + " " + d);
            }
        }
    }
}
