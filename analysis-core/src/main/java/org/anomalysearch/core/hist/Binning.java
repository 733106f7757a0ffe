package org.anomalysearch.core.hist;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Bin edges of a one-dimensional histogram: either {@link #uniform uniform} or {@link #of variable}.
 * Bins are half-open, {@code [edge[i], edge[i+1])}; {@link #index(double)} returns -1 for underflow and
 * {@link #nBins()} for overflow (including the upper edge itself).
 */
public final class Binning implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] edges;
    private final boolean uniform;

    private Binning(double[] edges, boolean uniform) {
        this.edges = edges;
        this.uniform = uniform;
    }

    /** {@code n} equal bins on [lo, hi). */
    public static Binning uniform(int n, double lo, double hi) {
        if (n < 1) {
            throw new IllegalArgumentException("a binning needs at least 1 bin, got " + n);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("uniform binning needs finite lo < hi, got [" + lo + ", " + hi + ")");
        }
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = lo + (hi - lo) * i / n;
        }
        e[n] = hi;
        return new Binning(e, true);
    }

    /** Variable bins from strictly increasing, finite edges (at least two). */
    public static Binning of(double... edges) {
        if (edges == null || edges.length < 2) {
            throw new IllegalArgumentException("a binning needs at least 2 edges");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("bin edge " + i + " is not finite: " + edges[i]);
            }
            if (i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("bin edges must increase strictly, but edge " + i + " = " + edges[i]
                        + " follows " + edges[i - 1]);
            }
        }
        return new Binning(edges.clone(), false);
    }

    /** {@code n} bins equally spaced in ln(x) on [lo, hi); lo must be positive. */
    public static Binning logarithmic(int n, double lo, double hi) {
        if (!(lo > 0) || !(hi > lo) || n < 1) {
            throw new IllegalArgumentException("log binning needs n >= 1 and 0 < lo < hi, got n=" + n + " [" + lo + ", " + hi + ")");
        }
        double[] e = new double[n + 1];
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i <= n; i++) {
            e[i] = Math.exp(a + (b - a) * i / n);
        }
        e[0] = lo;
        e[n] = hi;
        return of(e);
    }

    public int nBins() {
        return edges.length - 1;
    }

    public double lo() {
        return edges[0];
    }

    public double hi() {
        return edges[edges.length - 1];
    }

    public boolean isUniform() {
        return uniform;
    }

    /** A copy of the edges (nBins + 1 values). */
    public double[] edges() {
        return edges.clone();
    }

    public double edge(int i) {
        return edges[i];
    }

    public double lowEdge(int bin) {
        return edges[bin];
    }

    public double highEdge(int bin) {
        return edges[bin + 1];
    }

    public double center(int bin) {
        return 0.5 * (edges[bin] + edges[bin + 1]);
    }

    public double width(int bin) {
        return edges[bin + 1] - edges[bin];
    }

    /** The bin holding {@code x}: -1 below {@link #lo()}, {@link #nBins()} at or above {@link #hi()}; NaN gives -2. */
    public int index(double x) {
        if (Double.isNaN(x)) {
            return -2;
        }
        int n = edges.length - 1;
        if (x < edges[0]) {
            return -1;
        }
        if (x >= edges[n]) {
            return n;
        }
        if (uniform) {
            int i = (int) ((x - edges[0]) / (edges[n] - edges[0]) * n);
            // guard rounding at the edges
            if (i >= n) {
                i = n - 1;
            }
            while (i > 0 && x < edges[i]) {
                i--;
            }
            while (i < n - 1 && x >= edges[i + 1]) {
                i++;
            }
            return i;
        }
        int i = Arrays.binarySearch(edges, x);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binning b && Arrays.equals(edges, b.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        if (uniform) {
            return "Binning[" + nBins() + " uniform bins on [" + lo() + ", " + hi() + ")]";
        }
        return "Binning" + Arrays.toString(edges);
    }
}
