package org.anomalysearch.fpga.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedTypeTest {

    @Test
    void bothSpellingsParseToTheSameType() {
        FixedType t = new FixedType(18, 8, true, QuantMode.AP_RND, OverflowMode.AP_SAT, 0);
        assertEquals(t, FixedType.parse("fixed<18,8,RND,SAT>"));
        assertEquals(t, FixedType.parse("ap_fixed<18,8,AP_RND,AP_SAT>"));
        assertEquals(t, FixedType.parse(" ap_fixed < 18 , 8 , AP_RND , AP_SAT > "));
        assertEquals(t, FixedType.parse("ap_fixed<18,8,RND,SAT>"));
        assertEquals("ap_fixed<18,8,AP_RND,AP_SAT>", t.toString());
        assertEquals("fixed<18,8,RND,SAT>", t.toHls4mlString());
        assertEquals("ap_fixed<18,8,AP_RND,AP_SAT,0>", t.toFullXilinxString());
        assertEquals(FixedType.signed(16, 6), FixedType.parse("fixed<16,6>"));
        assertEquals(FixedType.signed(16, 6), FixedType.parse("ap_fixed<16,6,AP_TRN,AP_WRAP,0>"));
        assertEquals("ap_fixed<16,6>", FixedType.parse("fixed<16,6,TRN,WRAP>").toString());
        assertEquals("fixed<16,6>", FixedType.signed(16, 6).toHls4mlString());
        assertEquals(FixedType.unsigned(8, 3), FixedType.parse("ufixed<8,3>"));
        assertEquals("ap_ufixed<8,3>", FixedType.parse("ap_ufixed<8,3>").toString());
        assertEquals("ufixed<8,3,RND_CONV>", FixedType.parse("ap_ufixed<8,3,AP_RND_CONV>").toHls4mlString());
        assertEquals(FixedType.signed(8, 8), FixedType.parse("int<8>"));
        assertEquals(FixedType.unsigned(8, 8), FixedType.parse("ap_uint<8>"));
        FixedType n = FixedType.parse("ap_fixed<12,4,AP_RND_ZERO,AP_WRAP,2>");
        assertEquals(2, n.saturationBits());
        assertEquals(n, FixedType.parse(n.toString()));
        assertEquals(n, FixedType.parse(n.toHls4mlString()));
        assertEquals(FixedType.signed(8, 10), FixedType.parse("ap_fixed<8,10>"));
        assertEquals(-2, FixedType.parse("ap_fixed<8,-2>").integerBits());
    }

    @Test
    void rangeAndWidening() {
        FixedType t = FixedType.signed(16, 6);
        assertEquals(-32.0, t.minValue());
        assertEquals(32 - Math.scalb(1.0, -10), t.maxValue());
        assertEquals(Math.scalb(1.0, -10), t.step());
        assertEquals(FixedType.signed(17, 7), FixedType.sumType(t, t, false));
        assertEquals(FixedType.signed(32, 12), FixedType.productType(t, t));
        // unsigned + signed needs one more integer bit for the unsigned operand
        assertEquals(FixedType.signed(10, 5), FixedType.sumType(FixedType.unsigned(8, 3), FixedType.signed(8, 4),
                false));
        assertEquals(FixedType.unsigned(9, 4), FixedType.sumType(FixedType.unsigned(8, 3), FixedType.unsigned(8, 3),
                false));
        assertTrue(FixedType.signed(64, 10).fitsInLong());
        assertFalse(FixedType.unsigned(64, 10).fitsInLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fixed<16>|position 9 (syntax)|',' and the integer bits",
        "fixed<16,x>|position 10 (I (integer bits))|expected an integer, found 'x'",
        "fixd<16,6>|position 1 (type name)|unknown type name 'fixd'",
        "fixed<0,6>|position 7 (W (total bits))|must be in 1..1024, found 0",
        "ap_fixed<18,8,AP_RND,AP_SATURATE>|position 22 (O (overflow mode))|unknown mode 'AP_SATURATE'",
        "ap_fixed<18,8,AP_ROUND>|position 15 (Q (quantization mode))|valid: AP_TRN, AP_TRN_ZERO, AP_RND",
        "fixed<16,6|position 11 (syntax)|found the end of the string",
        "fixed<16,6,RND,SAT,0,1>|position 21 (syntax)|at most 5 parameters",
        "fixed<16,6,RND,SAT,17>|position 20 (N (saturation bits))|must be in 0..16",
        "fixed<16,6> x|position 13 (end)|unexpected text after '>'",
        "auto|position 1 (type name)|'auto' is not a concrete precision",
        "int<8,3>|position 6 (syntax)|integer types take one parameter",
        "ap_fixed<16,6,AP_TRN,AP_WRAP_SM>|position 22 (O (overflow mode))|AP_WRAP_SM is not supported",
        "|position 1 (type name)|expected a type name, found the end of the string"})
    void malformedStringsNameTheField(String text, String field, String problem) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FixedType.parse(text == null ? "" : text));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("precision '"), e.getMessage());
        assertTrue(e.hint().contains("ap_fixed<W,I"), e.hint());
    }
}
