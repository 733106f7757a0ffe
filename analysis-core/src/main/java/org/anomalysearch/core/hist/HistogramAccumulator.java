package org.anomalysearch.core.hist;

import java.io.Serializable;

/**
 * A mutable, mergeable histogram builder with the identity / add / merge shape of a Spark aggregator,
 * so plain loops and distributed aggregations share one implementation:
 * <pre>{@code
 * HistogramAccumulator acc = HistogramAccumulator.identity(binning);
 * for (double x : values) acc.add(x, 1.0);
 * Histogram h = acc.toHistogram();
 * }</pre>
 * {@link #merge} requires identical binning. Not thread-safe; use one per thread/partition and merge.
 */
public final class HistogramAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Binning binning;
    private final double[] sumW;
    private final double[] sumW2;
    private long entries;
    private double underflow;
    private double underflow2;
    private double overflow;
    private double overflow2;
    private double invalid;

    private HistogramAccumulator(Binning binning) {
        this.binning = binning;
        this.sumW = new double[binning.nBins()];
        this.sumW2 = new double[binning.nBins()];
    }

    /** An empty accumulator: the identity of {@link #merge}. */
    public static HistogramAccumulator identity(Binning binning) {
        if (binning == null) {
            throw new IllegalArgumentException("binning must not be null");
        }
        return new HistogramAccumulator(binning);
    }

    /** An accumulator holding the content of {@code h}. */
    public static HistogramAccumulator from(Histogram h) {
        HistogramAccumulator a = new HistogramAccumulator(h.binning());
        for (int i = 0; i < a.sumW.length; i++) {
            a.sumW[i] = h.content(i);
            a.sumW2[i] = h.sumW2(i);
        }
        a.entries = h.entries();
        a.underflow = h.underflow();
        a.underflow2 = h.underflowW2();
        a.overflow = h.overflow();
        a.overflow2 = h.overflowW2();
        a.invalid = h.invalid();
        return a;
    }

    public Binning binning() {
        return binning;
    }

    /** Adds one value with unit weight. */
    public HistogramAccumulator add(double value) {
        return add(value, 1.0);
    }

    /** Adds one value with a weight; NaN values go to {@link Histogram#invalid()}. Returns this. */
    public HistogramAccumulator add(double value, double weight) {
        entries++;
        int i = binning.index(value);
        double w2 = weight * weight;
        if (i >= 0 && i < sumW.length) {
            sumW[i] += weight;
            sumW2[i] += w2;
        } else if (i == -1) {
            underflow += weight;
            underflow2 += w2;
        } else if (i == -2) {
            invalid += weight;
        } else {
            overflow += weight;
            overflow2 += w2;
        }
        return this;
    }

    /** Adds the content of {@code other} (which is not changed) into this; returns this. */
    public HistogramAccumulator merge(HistogramAccumulator other) {
        if (!binning.equals(other.binning)) {
            throw new IllegalArgumentException("cannot merge histograms of different binning: " + binning + " and "
                    + other.binning);
        }
        for (int i = 0; i < sumW.length; i++) {
            sumW[i] += other.sumW[i];
            sumW2[i] += other.sumW2[i];
        }
        entries += other.entries;
        underflow += other.underflow;
        underflow2 += other.underflow2;
        overflow += other.overflow;
        overflow2 += other.overflow2;
        invalid += other.invalid;
        return this;
    }

    /** An immutable snapshot; the accumulator can go on accumulating. */
    public Histogram toHistogram() {
        return new Histogram(binning, sumW.clone(), sumW2.clone(), entries, underflow, underflow2, overflow, overflow2,
                invalid);
    }
}
