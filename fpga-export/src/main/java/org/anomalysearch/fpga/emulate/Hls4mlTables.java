package org.anomalysearch.fpga.emulate;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.anomalysearch.fpga.fixed.FixedType;

/** hls4ml's weight text and activation tables, reproduced operation by operation (nnet_activation.h). */
final class Hls4mlTables {
    /** hls4ml's default table size. */
    static final int TABLE_SIZE = 1024;

    private Hls4mlTables() {
    }

    /**
     * The sigmoid table entries before quantization to table_t, as float values: for entry i,
     * {@code in_val = 2 * 8.0 * (i - N / 2.0) / N} (double arithmetic, stored as float), then
     * {@code 1.0 / (1 + std::exp(-in_val))} with the exp and the sum in single precision, the division in double
     * and the result rounded to float.
     */
    static float[] sigmoidTable(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float in = (float) (2 * 8.0 * (i - n / 2.0) / n);
            float e = (float) Math.exp(-in); // expf: correctly rounded
            float denom = 1.0f + e;
            out[i] = (float) (1.0 / denom);
        }
        return out;
    }

    /**
     * The decimal text hls4ml writes for a weight of type t: the float's exact value formatted with F fractional
     * digits (Python's {@code '{:.Ff}'}, round half to even on the exact value), F = max(0, fractional bits).
     */
    static String weightText(float w, FixedType t) {
        int digits = Math.max(0, t.fractionalBits());
        return new BigDecimal((double) w).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * The double the C++ compiler makes of that text (a literal in the weights header, or {@code operator>>}
     * from weights/*.txt: both go through double), which is then assigned to the weight type.
     */
    static double weightLiteral(float w, FixedType t) {
        return Double.parseDouble(weightText(w, t));
    }
}
