package org.anomalysearch.export.plot;

import java.util.List;
import org.anomalysearch.core.InvalidInputException;

/** Validation of plot data, failing with an {@link InvalidInputException} that names the series. */
final class Check {

    static final String SOURCE = "plot data";

    private Check() {
    }

    static InvalidInputException bad(String series, String problem, String hint) {
        return new InvalidInputException(SOURCE, "series '" + series + "'", problem, hint);
    }

    static String label(String label, String what) {
        if (label == null || label.isBlank()) {
            throw new InvalidInputException(SOURCE, what, "a label is required, found " + (label == null ? "null"
                    : "a blank string"), "give every series a name for the legend");
        }
        return label;
    }

    /** A non-null, non-empty array of finite numbers; returns a copy. */
    static double[] finite(String series, String what, double[] values) {
        if (values == null) {
            throw bad(series, what + " is missing (null)", "pass an array of numbers");
        }
        if (values.length == 0) {
            throw bad(series, what + " is empty", "pass at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw bad(series, what + "[" + i + "] is " + values[i] + ", expected a finite number",
                        "remove or fix NaN/infinite entries before plotting");
            }
        }
        return values.clone();
    }

    /** Like {@link #finite} but null stays null (an optional array). */
    static double[] optionalFinite(String series, String what, double[] values) {
        return values == null ? null : finite(series, what, values);
    }

    static void sameLength(String series, String what, double[] values, String refWhat, int expected) {
        if (values != null && values.length != expected) {
            throw bad(series, what + " has " + values.length + " entries but " + refWhat + " has " + expected,
                    "all arrays of one series must have the same length");
        }
    }

    static void nonNegative(String series, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw bad(series, what + "[" + i + "] is " + values[i] + ", expected >= 0",
                        "counts and efficiencies cannot be negative");
            }
        }
    }

    static void inUnitInterval(String series, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 1) {
                throw bad(series, what + "[" + i + "] is " + values[i] + ", expected an efficiency in [0, 1]",
                        "pass efficiencies as fractions, not percentages");
            }
        }
    }

    static double[] edges(String series, double[] edges, int nBins) {
        double[] e = finite(series, "bin edges", edges);
        if (e.length != nBins + 1) {
            throw bad(series, "bin edges have " + e.length + " entries for " + nBins + " bins, expected "
                    + (nBins + 1), "pass one more edge than bins");
        }
        for (int i = 1; i < e.length; i++) {
            if (!(e[i] > e[i - 1])) {
                throw bad(series, "bin edges must increase strictly, but edge[" + i + "] = " + e[i]
                        + " <= edge[" + (i - 1) + "] = " + e[i - 1], "sort the edges and remove duplicates");
            }
        }
        return e;
    }

    static void bandOrdered(String series, double[] low, double[] mid, double[] high) {
        if (low == null && high == null) {
            return;
        }
        if (low == null || high == null) {
            throw bad(series, "only one side of the uncertainty band is given",
                    "pass both lower and upper band arrays, or neither");
        }
        for (int i = 0; i < low.length; i++) {
            if (low[i] > high[i]) {
                throw bad(series, "band lower[" + i + "] = " + low[i] + " is above upper[" + i + "] = " + high[i],
                        "swap the lower and upper arrays");
            }
        }
    }

    static <T> List<T> nonEmpty(String what, List<T> list) {
        if (list == null || list.isEmpty()) {
            throw new InvalidInputException(SOURCE, what, "no " + what + " to plot (empty list)",
                    "pass at least one");
        }
        for (T t : list) {
            if (t == null) {
                throw new InvalidInputException(SOURCE, what, "the list of " + what + " contains null",
                        "remove the null entries");
            }
        }
        return List.copyOf(list);
    }

    static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }
}
