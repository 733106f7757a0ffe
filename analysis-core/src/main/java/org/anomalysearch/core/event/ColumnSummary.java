package org.anomalysearch.core.event;

import java.io.Serializable;

/**
 * Streaming summary of one column: count, mean and standard deviation (Welford, with Chan's merge), minimum
 * and maximum. Mergeable, so chunked reads and Spark partitions share it.
 */
public final class ColumnSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public ColumnSummary add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
        return this;
    }

    public ColumnSummary addAll(double[] xs) {
        for (double x : xs) {
            add(x);
        }
        return this;
    }

    /** Folds {@code o} into this summary. */
    public ColumnSummary merge(ColumnSummary o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            min = o.min;
            max = o.max;
            return this;
        }
        long total = n + o.n;
        double d = o.mean - mean;
        mean += d * o.n / total;
        m2 += o.m2 + d * d * ((double) n * o.n / total);
        n = total;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        return this;
    }

    public long count() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Sample standard deviation (n - 1). */
    public double std() {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }

    public double min() {
        return n == 0 ? Double.NaN : min;
    }

    public double max() {
        return n == 0 ? Double.NaN : max;
    }
}
