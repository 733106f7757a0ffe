package org.anomalysearch.core.select;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts of events passing each cut of a {@link Selection} in order, and the total seen: a mergeable
 * accumulator with the identity / add / merge shape of a Spark aggregator. Raw counts and weight sums are
 * kept. Not thread-safe; use one per partition and merge.
 */
public final class CutFlow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private long total;
    private double totalWeight;
    private final long[] passed;
    private final double[] passedWeight;

    private CutFlow(List<String> names) {
        this.names = List.copyOf(names);
        this.passed = new long[names.size()];
        this.passedWeight = new double[names.size()];
    }

    /** An empty cut flow for the named cuts: the identity of {@link #merge}. */
    public static CutFlow identity(List<String> cutNames) {
        return new CutFlow(cutNames);
    }

    /**
     * Records one event that passed the first {@code nPassed} cuts (0..number of cuts) with a weight.
     * Returns this.
     */
    public CutFlow add(int nPassed, double weight) {
        if (nPassed < 0 || nPassed > passed.length) {
            throw new IllegalArgumentException("nPassed must be in 0.." + passed.length + ", got " + nPassed);
        }
        total++;
        totalWeight += weight;
        for (int i = 0; i < nPassed; i++) {
            passed[i]++;
            passedWeight[i] += weight;
        }
        return this;
    }

    /** Adds {@code other}'s counts into this; the cut names must match. Returns this. */
    public CutFlow merge(CutFlow other) {
        if (!names.equals(other.names)) {
            throw new IllegalArgumentException("cannot merge cut flows of different cuts: " + names + " and " + other.names);
        }
        total += other.total;
        totalWeight += other.totalWeight;
        for (int i = 0; i < passed.length; i++) {
            passed[i] += other.passed[i];
            passedWeight[i] += other.passedWeight[i];
        }
        return this;
    }

    /** A copy of this cut flow. */
    public CutFlow copy() {
        return identity(names).merge(this);
    }

    public List<String> names() {
        return names;
    }

    /** Events seen. */
    public long total() {
        return total;
    }

    public double totalWeight() {
        return totalWeight;
    }

    /** Events passing cut {@code i} and every cut before it. */
    public long passed(int i) {
        return passed[i];
    }

    public double passedWeight(int i) {
        return passedWeight[i];
    }

    /** Events passing every cut. */
    public long passedAll() {
        return passed.length == 0 ? total : passed[passed.length - 1];
    }

    /** Fraction of all events passing every cut; NaN if no events were seen. */
    public double efficiency() {
        return total == 0 ? Double.NaN : (double) passedAll() / total;
    }

    /** Fraction of the events passing cut {@code i-1} that also pass cut {@code i}; NaN if none reached it. */
    public double relativeEfficiency(int i) {
        long before = i == 0 ? total : passed[i - 1];
        return before == 0 ? Double.NaN : (double) passed[i] / before;
    }

    /** Fraction of all events passing cuts 0..i. */
    public double cumulativeEfficiency(int i) {
        return total == 0 ? Double.NaN : (double) passed[i] / total;
    }

    /** A plain-text table: cut, events, relative and cumulative efficiency (%). */
    public String toTable() {
        int w = "all events".length();
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w + "s  %12s  %9s  %9s%n";
        sb.append(String.format(Locale.ROOT, fmt, "cut", "events", "rel. eff", "cum. eff"));
        sb.append(String.format(Locale.ROOT, fmt, "all events", total, "", ""));
        for (int i = 0; i < names.size(); i++) {
            sb.append(String.format(Locale.ROOT, fmt, names.get(i), passed[i], pct(relativeEfficiency(i)),
                    pct(cumulativeEfficiency(i))));
        }
        return sb.toString();
    }

    private static String pct(double f) {
        return Double.isNaN(f) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutFlow c && names.equals(c.names) && total == c.total && Arrays.equals(passed, c.passed)
                && Double.compare(totalWeight, c.totalWeight) == 0 && Arrays.equals(passedWeight, c.passedWeight);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(passed);
    }

    @Override
    public String toString() {
        return toTable();
    }
}
