package org.anomalysearch.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColumnSummaryTest {

    @Test
    void mergedSummaryEqualsTwoPassStatistics() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[10_001];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e6 + rng.nextGaussian() * 3;
        }
        ColumnSummary a = new ColumnSummary();
        ColumnSummary b = new ColumnSummary();
        for (int i = 0; i < x.length; i++) {
            (i < 3000 ? a : b).add(x[i]);
        }
        a.merge(b);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(x.length, a.count());
        assertEquals(mean, a.mean(), 1e-13 * mean);
        assertEquals(Math.sqrt(ss / (x.length - 1)), a.std(), 1e-9);
        assertEquals(min, a.min());
        assertEquals(max, a.max());
    }

    @Test
    void emptySummaryIsNaN() {
        ColumnSummary s = new ColumnSummary().merge(new ColumnSummary());
        assertEquals(0, s.count());
        assertEquals(Double.NaN, s.mean());
        assertEquals(Double.NaN, s.std());
    }
}
