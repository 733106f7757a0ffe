package org.anomalysearch.core.region;

import java.io.Serializable;

/** A half-open mjj interval [lo, hi) in GeV; lo and hi are finite and lo &lt; hi. */
public record Region(double lo, double hi) implements Serializable {

    public Region {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("region bounds must be finite, got [" + lo + ", " + hi + ")");
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("region needs lo < hi, got [" + lo + ", " + hi + ")");
        }
    }

    public double width() {
        return hi - lo;
    }

    public double center() {
        return 0.5 * (lo + hi);
    }

    /** True if lo &lt;= x &lt; hi. */
    public boolean contains(double x) {
        return x >= lo && x < hi;
    }

    /** True if the two regions share any interior point. */
    public boolean overlaps(Region o) {
        return lo < o.hi && o.lo < hi;
    }

    @Override
    public String toString() {
        return "[" + fmt(lo) + ", " + fmt(hi) + ")";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
