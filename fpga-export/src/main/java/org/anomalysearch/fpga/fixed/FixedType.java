package org.anomalysearch.fpga.fixed;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.anomalysearch.core.InvalidInputException;

/**
 * A Xilinx arbitrary-precision fixed-point type {@code ap_fixed<W, I, Q, O, N>} ({@code ap_ufixed} when unsigned).
 *
 * <p>W is the total number of bits, I the number of integer bits (the sign bit included for signed types; I may
 * be negative or larger than W), F = W - I the number of fractional bits. A value is an integer {@code raw}
 * of W bits times 2<sup>-F</sup>. Q is the quantization mode, O the overflow mode and N the number of saturation
 * bits used by {@link OverflowMode#AP_WRAP}; the defaults are AP_TRN, AP_WRAP, 0.
 *
 * <p>{@link #parse(String)} reads the Xilinx spelling ({@code ap_fixed<18,8,AP_RND,AP_SAT>}, {@code ap_ufixed},
 * {@code ap_int<N>}, {@code ap_uint<N>}) and the hls4ml spelling ({@code fixed<18,8,RND,SAT>}, {@code ufixed},
 * {@code int<N>}, {@code uint<N>}). {@link #toString()} gives the Xilinx spelling, {@link #toHls4mlString()}
 * the hls4ml one; both omit trailing default modes.
 *
 * @param width          W, total bits, 1 to {@value #MAX_WIDTH}
 * @param integerBits    I, integer bits including the sign bit
 * @param signed         false for {@code ap_ufixed}
 * @param quantization   Q
 * @param overflow       O
 * @param saturationBits N, 0 to W
 */
public record FixedType(int width, int integerBits, boolean signed, QuantMode quantization, OverflowMode overflow,
        int saturationBits) {

    /** The largest W accepted (the default {@code AP_INT_MAX_W} of the Xilinx headers). */
    public static final int MAX_WIDTH = 1024;

    public FixedType {
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("fixed-point width must be 1.." + MAX_WIDTH + ", got " + width);
        }
        if (Math.abs(integerBits) > 4 * MAX_WIDTH) {
            throw new IllegalArgumentException("integer bits out of range: " + integerBits);
        }
        if (quantization == null || overflow == null) {
            throw new IllegalArgumentException("quantization and overflow modes must not be null");
        }
        if (saturationBits < 0 || saturationBits > width) {
            throw new IllegalArgumentException("saturation bits must be 0.." + width + ", got " + saturationBits);
        }
    }

    /** {@code ap_fixed<W, I>} with the default modes (AP_TRN, AP_WRAP). */
    public static FixedType signed(int width, int integerBits) {
        return new FixedType(width, integerBits, true, QuantMode.AP_TRN, OverflowMode.AP_WRAP, 0);
    }

    /** {@code ap_ufixed<W, I>} with the default modes (AP_TRN, AP_WRAP). */
    public static FixedType unsigned(int width, int integerBits) {
        return new FixedType(width, integerBits, false, QuantMode.AP_TRN, OverflowMode.AP_WRAP, 0);
    }

    /** This type with other quantization and overflow modes (N = 0). */
    public FixedType withModes(QuantMode q, OverflowMode o) {
        return new FixedType(width, integerBits, signed, q, o, 0);
    }

    /** F = W - I, the number of fractional bits (negative when I > W). */
    public int fractionalBits() {
        return width - integerBits;
    }

    /** The smallest raw integer (-2^(W-1) signed, 0 unsigned). */
    public BigInteger minRaw() {
        return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
    }

    /** The largest raw integer (2^(W-1) - 1 signed, 2^W - 1 unsigned). */
    public BigInteger maxRaw() {
        return BigInteger.ONE.shiftLeft(signed ? width - 1 : width).subtract(BigInteger.ONE);
    }

    /** Whether every raw value of this type fits in a Java {@code long} (signed W <= 64, unsigned W <= 63). */
    public boolean fitsInLong() {
        return signed ? width <= 64 : width <= 63;
    }

    /** The smallest representable value as a double (exact for W <= 53). */
    public double minValue() {
        return Math.scalb(minRaw().doubleValue(), -fractionalBits());
    }

    /** The largest representable value as a double (exact for W <= 53). */
    public double maxValue() {
        return Math.scalb(maxRaw().doubleValue(), -fractionalBits());
    }

    /** The value of one least significant bit, 2^-F. */
    public double step() {
        return Math.scalb(1.0, -fractionalBits());
    }

    /**
     * The full-precision type of {@code a * b} in the Xilinx headers: W = W1 + W2, I = I1 + I2, signed if either
     * is; modes AP_TRN, AP_WRAP. Every product of two values of a and b is exact in it.
     */
    public static FixedType productType(FixedType a, FixedType b) {
        return new FixedType(a.width + b.width, a.integerBits + b.integerBits, a.signed || b.signed,
                QuantMode.AP_TRN, OverflowMode.AP_WRAP, 0);
    }

    /**
     * The full-precision type of {@code a + b} and {@code a - b}: I = max(I1 + (S2 and not S1), I2 + (S1 and not
     * S2)) + 1, F = max(F1, F2); signed if either is (always signed for a difference).
     */
    public static FixedType sumType(FixedType a, FixedType b, boolean difference) {
        int i = Math.max(a.integerBits + (b.signed && !a.signed ? 1 : 0),
                b.integerBits + (a.signed && !b.signed ? 1 : 0)) + 1;
        int f = Math.max(a.fractionalBits(), b.fractionalBits());
        return new FixedType(i + f, i, difference || a.signed || b.signed, QuantMode.AP_TRN, OverflowMode.AP_WRAP,
                0);
    }

    /** The Xilinx spelling, e.g. {@code ap_fixed<16,6>} or {@code ap_ufixed<8,3,AP_RND,AP_SAT>}. */
    @Override
    public String toString() {
        return (signed ? "ap_fixed<" : "ap_ufixed<") + args(true) + ">";
    }

    /** The Xilinx spelling with all five parameters, e.g. {@code ap_fixed<16,6,AP_TRN,AP_WRAP,0>}. */
    public String toFullXilinxString() {
        return (signed ? "ap_fixed<" : "ap_ufixed<") + width + "," + integerBits + "," + quantization + ","
                + overflow + "," + saturationBits + ">";
    }

    /** The hls4ml spelling, e.g. {@code fixed<16,6>} or {@code ufixed<8,3,RND,SAT>}. */
    public String toHls4mlString() {
        return (signed ? "fixed<" : "ufixed<") + args(false) + ">";
    }

    private String args(boolean xilinx) {
        StringBuilder sb = new StringBuilder().append(width).append(',').append(integerBits);
        boolean showN = saturationBits != 0;
        boolean showO = showN || overflow != OverflowMode.AP_WRAP;
        boolean showQ = showO || quantization != QuantMode.AP_TRN;
        if (showQ) {
            sb.append(',').append(xilinx ? quantization.name() : quantization.hls4mlName());
        }
        if (showO) {
            sb.append(',').append(xilinx ? overflow.name() : overflow.hls4mlName());
        }
        if (showN) {
            sb.append(',').append(saturationBits);
        }
        return sb.toString();
    }

    /**
     * Parses a precision string in the Xilinx or hls4ml spelling: {@code ap_fixed<W,I[,Q[,O[,N]]]>},
     * {@code ap_ufixed<...>}, {@code fixed<...>}, {@code ufixed<...>}, {@code ap_int<W>}, {@code ap_uint<W>},
     * {@code int<W>}, {@code uint<W>}. Modes may be written with or without the {@code AP_} prefix.
     *
     * @throws InvalidInputException naming the position and the field that is wrong
     */
    public static FixedType parse(String text) {
        if (text == null) {
            throw new InvalidInputException("precision", null, "no precision string given",
                    "write e.g. 'fixed<16,6>' or 'ap_fixed<16,6,AP_RND,AP_SAT>'");
        }
        return new Parser(text).parse();
    }

    /** A recursive-descent parser that reports the position (1-based) of the first problem. */
    private static final class Parser {
        private static final String HINT = "expected ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, fixed<...>, "
                + "ufixed<...>, ap_int<W>, ap_uint<W>, int<W> or uint<W>, e.g. 'fixed<16,6>' or "
                + "'ap_fixed<18,8,AP_RND,AP_SAT>'";
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        FixedType parse() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String kind = text.substring(start, pos);
            boolean integer;
            boolean signed;
            switch (kind) {
                case "ap_fixed":
                case "fixed":
                    integer = false;
                    signed = true;
                    break;
                case "ap_ufixed":
                case "ufixed":
                    integer = false;
                    signed = false;
                    break;
                case "ap_int":
                case "int":
                    integer = true;
                    signed = true;
                    break;
                case "ap_uint":
                case "uint":
                    integer = true;
                    signed = false;
                    break;
                default:
                    throw fail(start, "type name",
                            kind.isEmpty() ? "expected a type name, found " + found(start)
                                    : "unknown type name '" + kind + "'"
                                            + ("auto".equals(kind) ? " ('auto' is not a concrete precision)" : ""));
            }
            skipSpaces();
            expect('<', "'<' after '" + kind + "'");
            int width = intField("W (total bits)", 1, MAX_WIDTH);
            int intBits = width;
            QuantMode q = QuantMode.AP_TRN;
            OverflowMode o = OverflowMode.AP_WRAP;
            int n = 0;
            if (!integer) {
                skipSpaces();
                expect(',', "',' and the integer bits I after W");
                intBits = intField("I (integer bits)", -4 * MAX_WIDTH, 4 * MAX_WIDTH);
                skipSpaces();
                if (peek(',')) {
                    pos++;
                    q = enumField("Q (quantization mode)", QuantMode.values());
                    skipSpaces();
                    if (peek(',')) {
                        pos++;
                        o = enumField("O (overflow mode)", OverflowMode.values());
                        skipSpaces();
                        if (peek(',')) {
                            pos++;
                            n = intField("N (saturation bits)", 0, width);
                        }
                    }
                }
            }
            skipSpaces();
            expect('>', integer ? "'>' after W (integer types take one parameter)"
                    : "'>' or ',' (at most 5 parameters: W,I,Q,O,N)");
            skipSpaces();
            if (pos < text.length()) {
                throw fail(pos, "end", "unexpected text after '>': " + found(pos));
            }
            return new FixedType(width, intBits, signed, q, o, n);
        }

        private int intField(String field, int min, int max) {
            skipSpaces();
            int start = pos;
            if (peek('-') || peek('+')) {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            String s = text.substring(start, pos);
            if (s.isEmpty() || s.equals("-") || s.equals("+")) {
                throw fail(start, field, "expected an integer, found " + found(start));
            }
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < min || v > max) {
                throw fail(start, field, "must be in " + min + ".." + max + ", found " + s);
            }
            return (int) v;
        }

        private <E extends Enum<E>> E enumField(String field, E[] values) {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String s = text.substring(start, pos).toUpperCase(Locale.ROOT);
            String full = s.startsWith("AP_") ? s : "AP_" + s;
            for (E e : values) {
                if (e.name().equals(full)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : values) {
                names.add(e.name());
            }
            String extra = full.equals("AP_WRAP_SM") ? " (AP_WRAP_SM is not supported)" : "";
            throw fail(start, field, (s.isEmpty() ? "expected a mode, found " + found(start)
                    : "unknown mode '" + text.substring(start, pos) + "'" + extra) + "; valid: "
                    + String.join(", ", names) + " (the AP_ prefix is optional)");
        }

        private void expect(char c, String what) {
            if (!peek(c)) {
                throw fail(pos, "syntax", "expected " + what + ", found " + found(pos));
            }
            pos++;
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private String found(int at) {
            return at >= text.length() ? "the end of the string" : "'" + text.charAt(at) + "'";
        }

        private InvalidInputException fail(int at, String field, String problem) {
            return new InvalidInputException("precision '" + text + "'", "position " + (at + 1) + " (" + field + ")",
                    problem, HINT);
        }
    }
}
