package org.anomalysearch.core.hist;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void uniformIndexIsHalfOpenWithUnderAndOverflow() {
        Binning b = Binning.uniform(10, 0, 1);
        assertEquals(-1, b.index(-1e-12));
        assertEquals(0, b.index(0.0));
        assertEquals(2, b.index(0.25));
        assertEquals(3, b.index(0.3)); // edge 3 = 1 * 3 / 10 = 0.3 exactly
        assertEquals(9, b.index(0.9999999));
        assertEquals(10, b.index(1.0));
        assertEquals(-2, b.index(Double.NaN));
        for (int i = 0; i <= 10; i++) {
            double e = b.edge(i);
            if (i < 10) {
                assertEquals(i, b.index(e), "edge " + i + " belongs to bin " + i);
            }
        }
    }

    @Test
    void variableBinsMatchLinearSearch() {
        Binning b = Binning.of(1, 2, 4, 8, 16);
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 1000; k++) {
            double x = r.nextDouble(0, 20);
            int expect = x < 1 ? -1 : x >= 16 ? 4 : x < 2 ? 0 : x < 4 ? 1 : x < 8 ? 2 : 3;
            assertEquals(expect, b.index(x), "x=" + x);
        }
        assertThrows(IllegalArgumentException.class, () -> Binning.of(1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Binning.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Binning.uniform(0, 0, 1));
    }

    @Test
    void weightsAndSquaredWeightsAccumulate() {
        HistogramAccumulator a = HistogramAccumulator.identity(Binning.uniform(4, 0, 4));
        a.add(0.5, 2.0).add(0.7, 3.0).add(-1, 1.5).add(4.0, 0.5).add(Double.NaN, 7);
        Histogram h = a.toHistogram();
        assertEquals(5.0, h.content(0));
        assertEquals(13.0, h.sumW2(0));
        assertEquals(Math.sqrt(13.0), h.error(0));
        assertEquals(1.5, h.underflow());
        assertEquals(2.25, h.underflowW2());
        assertEquals(0.5, h.overflow());
        assertEquals(7, h.invalid());
        assertEquals(5, h.entries());
        assertEquals(5.0, h.integral());
    }

    @Test
    void mergeOfPartsEqualsOneLoop() {
        Binning b = Binning.logarithmic(20, 1000, 8000);
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[3000];
        double[] w = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(500, 9000);
            w[i] = r.nextDouble();
        }
        HistogramAccumulator all = HistogramAccumulator.identity(b);
        HistogramAccumulator p1 = HistogramAccumulator.identity(b);
        HistogramAccumulator p2 = HistogramAccumulator.identity(b);
        for (int i = 0; i < x.length; i++) {
            all.add(x[i], w[i]);
            (i % 3 == 0 ? p1 : p2).add(x[i], w[i]);
        }
        Histogram merged = HistogramAccumulator.identity(b).merge(p1).merge(p2).toHistogram();
        Histogram direct = all.toHistogram();
        for (int i = 0; i < b.nBins(); i++) {
            assertEquals(direct.content(i), merged.content(i), 1e-9);
            assertEquals(direct.sumW2(i), merged.sumW2(i), 1e-9);
        }
        assertEquals(direct.entries(), merged.entries());
        assertEquals(direct.underflow(), merged.underflow(), 1e-9);
        // identity is neutral
        assertEquals(direct, HistogramAccumulator.from(direct).merge(HistogramAccumulator.identity(b)).toHistogram());
    }

    @Test
    void mergeRefusesDifferentBinning() {
        HistogramAccumulator a = HistogramAccumulator.identity(Binning.uniform(4, 0, 4));
        HistogramAccumulator c = HistogramAccumulator.identity(Binning.uniform(4, 0, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(c));
        assertTrue(e.getMessage().contains("different binning"));
    }

    @Test
    void histogramIsImmutableSnapshot() {
        HistogramAccumulator a = HistogramAccumulator.identity(Binning.uniform(2, 0, 2));
        a.add(0.5);
        Histogram h = a.toHistogram();
        a.add(0.5);
        assertEquals(1.0, h.content(0));
        double[] c = h.contents();
        c[0] = 99;
        assertEquals(1.0, h.content(0));
        assertEquals(2.0, h.plus(h).content(0));
        assertEquals(4.0, h.scale(2).sumW2(0));
        double[] d = Histogram.of(Binning.uniform(2, 0, 2), new double[] {0.5, 1.5, 1.5}).density();
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, d, 1e-15);
    }
}
