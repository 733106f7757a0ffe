package org.anomalysearch.cwola;

import java.util.Arrays;
import java.util.Locale;
import org.anomalysearch.core.InvalidInputException;

/**
 * The check that the two classes of a CWoLa (or idealized) training cover the same mjj range. A classifier trained on
 * data of the whole spectrum against background samples of the signal region only learns mjj, which the features
 * carry through their correlations, not an anomaly; it then trains without a sign of trouble. Each class's range is
 * taken as its {@link #LOW} to {@link #HIGH} quantile (robust to a few outliers); the classes differ when either end
 * differs by more than {@link #TOLERANCE} of the wider range.
 */
public final class MjjCoverage {

    /** The quantiles that define a class's mjj range. */
    public static final double LOW = 0.01;
    public static final double HIGH = 0.99;
    /** The largest difference of either end, as a fraction of the wider of the two ranges. */
    public static final double TOLERANCE = 0.10;

    private MjjCoverage() {
    }

    /** A class's mjj range: its {@link #LOW} and {@link #HIGH} quantiles [GeV]. */
    public record Range(double lo, double hi) {
        public double width() {
            return hi - lo;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f-%.0f GeV", lo, hi);
        }
    }

    /** The {@link #LOW} to {@link #HIGH} quantile range of {@code mjj} (linear interpolation between order statistics). */
    public static Range of(double[] mjj) {
        if (mjj.length == 0) {
            throw new IllegalArgumentException("no events");
        }
        double[] s = mjj.clone();
        Arrays.sort(s);
        return new Range(quantile(s, LOW), quantile(s, HIGH));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** True if the two ranges agree within {@link #TOLERANCE}. */
    public static boolean same(Range a, Range b) {
        double tol = TOLERANCE * Math.max(a.width(), b.width());
        return Math.abs(a.lo() - b.lo()) <= tol && Math.abs(a.hi() - b.hi()) <= tol;
    }

    /**
     * Refuses two classes whose mjj ranges differ, naming both (as {@code nameA}, {@code nameB}) and the cut that
     * fixes it.
     */
    public static void requireSame(String nameA, double[] mjjA, String nameB, double[] mjjB) {
        Range a = of(mjjA);
        Range b = of(mjjB);
        if (!same(a, b)) {
            throw new InvalidInputException(nameA + " / " + nameB, "mjj", String.format(Locale.ROOT,
                    "the classes cover different mjj ranges: %s spans %s, %s spans %s (%.0f to %.0f %% quantiles); a "
                            + "classifier trained on them learns mjj, not an anomaly", nameA, a, nameB, b, 100 * LOW,
                    100 * HIGH),
                    "cut both to the signal region first, e.g. 'anomaly-search convert FILE --mjj-range 3300,3700 -o "
                            + "sr.parquet' (or 'select --mjj-range' on Spark)");
        }
    }
}
