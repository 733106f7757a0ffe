package org.anomalysearch.export.plot;

/**
 * One labelled line y(x), optionally with an uncertainty band [low, high] at each x. Used for significance
 * scans. Arrays are copied in and out, so a curve never changes after it is built.
 *
 * @param label legend text
 * @param x     the abscissae
 * @param y     the values, same length as x, finite
 * @param low   lower band edge per point, or null for no band
 * @param high  upper band edge per point, or null for no band
 */
public record Curve(String label, double[] x, double[] y, double[] low, double[] high) {

    public Curve {
        Check.label(label, "curve label");
        x = Check.finite(label, "x", x);
        y = Check.finite(label, "y", y);
        Check.sameLength(label, "y", y, "x", x.length);
        low = Check.optionalFinite(label, "band lower", low);
        high = Check.optionalFinite(label, "band upper", high);
        Check.sameLength(label, "band lower", low, "x", x.length);
        Check.sameLength(label, "band upper", high, "x", x.length);
        Check.bandOrdered(label, low, y, high);
    }

    /** A curve without band. */
    public static Curve of(String label, double[] x, double[] y) {
        return new Curve(label, x, y, null, null);
    }

    /** This curve with the band [low, high]. */
    public Curve withBand(double[] low, double[] high) {
        return new Curve(label, x, y, low, high);
    }

    /** Whether a band is drawn. */
    public boolean hasBand() {
        return low != null;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] low() {
        return Check.copy(low);
    }

    @Override
    public double[] high() {
        return Check.copy(high);
    }

    @Override
    public String toString() {
        return "Curve[" + label + ", " + x.length + " points" + (hasBand() ? ", band" : "") + "]";
    }
}
