package org.anomalysearch.core.hist;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable weighted one-dimensional histogram: per bin the sum of weights and the sum of squared
 * weights, plus underflow, overflow and NaN ("invalid") entries. Build it with a
 * {@link HistogramAccumulator} or {@link #of}.
 */
public final class Histogram implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Binning binning;
    private final double[] sumW;
    private final double[] sumW2;
    private final long entries;
    private final double underflow;
    private final double underflow2;
    private final double overflow;
    private final double overflow2;
    private final double invalid;

    Histogram(Binning binning, double[] sumW, double[] sumW2, long entries, double underflow, double underflow2,
              double overflow, double overflow2, double invalid) {
        this.binning = binning;
        this.sumW = sumW;
        this.sumW2 = sumW2;
        this.entries = entries;
        this.underflow = underflow;
        this.underflow2 = underflow2;
        this.overflow = overflow;
        this.overflow2 = overflow2;
        this.invalid = invalid;
    }

    /** Fills a histogram from values with unit weights. */
    public static Histogram of(Binning binning, double[] values) {
        HistogramAccumulator acc = HistogramAccumulator.identity(binning);
        for (double v : values) {
            acc.add(v, 1.0);
        }
        return acc.toHistogram();
    }

    /** Fills a histogram from values and weights of equal length. */
    public static Histogram of(Binning binning, double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
        }
        HistogramAccumulator acc = HistogramAccumulator.identity(binning);
        for (int i = 0; i < values.length; i++) {
            acc.add(values[i], weights[i]);
        }
        return acc.toHistogram();
    }

    public Binning binning() {
        return binning;
    }

    public int nBins() {
        return sumW.length;
    }

    /** Sum of weights in bin {@code i}. */
    public double content(int i) {
        return sumW[i];
    }

    /** Sum of squared weights in bin {@code i}. */
    public double sumW2(int i) {
        return sumW2[i];
    }

    /** Statistical error of bin {@code i}: sqrt(sum of squared weights). */
    public double error(int i) {
        return Math.sqrt(sumW2[i]);
    }

    /** A copy of all bin contents. */
    public double[] contents() {
        return sumW.clone();
    }

    /** A copy of all bins' sums of squared weights. */
    public double[] sumsW2() {
        return sumW2.clone();
    }

    /** Number of add calls, including under/overflow and NaN. */
    public long entries() {
        return entries;
    }

    public double underflow() {
        return underflow;
    }

    public double underflowW2() {
        return underflow2;
    }

    public double overflow() {
        return overflow;
    }

    public double overflowW2() {
        return overflow2;
    }

    /** Total weight of NaN values (never in any bin). */
    public double invalid() {
        return invalid;
    }

    /** Sum of weights in the bins (no under/overflow). */
    public double integral() {
        double s = 0;
        for (double w : sumW) {
            s += w;
        }
        return s;
    }

    /** Sum of weights in bins {@code from..to} inclusive. */
    public double integral(int from, int to) {
        double s = 0;
        for (int i = from; i <= to; i++) {
            s += sumW[i];
        }
        return s;
    }

    /** Bin contents divided by bin width and by the integral: a probability density; zeros if empty. */
    public double[] density() {
        double total = integral();
        double[] d = new double[sumW.length];
        if (total == 0) {
            return d;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = sumW[i] / binning.width(i) / total;
        }
        return d;
    }

    /** The bin-wise sum of two histograms of identical binning. */
    public Histogram plus(Histogram o) {
        return HistogramAccumulator.from(this).merge(HistogramAccumulator.from(o)).toHistogram();
    }

    /** This histogram with every weight multiplied by {@code factor} (squared weights by its square). */
    public Histogram scale(double factor) {
        double[] w = sumW.clone();
        double[] w2 = sumW2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
            w2[i] *= factor * factor;
        }
        return new Histogram(binning, w, w2, entries, underflow * factor, underflow2 * factor * factor,
                overflow * factor, overflow2 * factor * factor, invalid * factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && binning.equals(h.binning) && Arrays.equals(sumW, h.sumW)
                && Arrays.equals(sumW2, h.sumW2) && entries == h.entries
                && Double.compare(underflow, h.underflow) == 0 && Double.compare(overflow, h.overflow) == 0
                && Double.compare(underflow2, h.underflow2) == 0 && Double.compare(overflow2, h.overflow2) == 0
                && Double.compare(invalid, h.invalid) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * binning.hashCode() + Arrays.hashCode(sumW);
    }

    @Override
    public String toString() {
        return "Histogram[" + binning + ", entries=" + entries + ", integral=" + integral() + ", underflow=" + underflow
                + ", overflow=" + overflow + "]";
    }
}
