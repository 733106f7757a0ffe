package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.Arrays;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.hist.Histogram;
import org.anomalysearch.core.region.Region;

/**
 * Counts per mjj bin with the bin edges in GeV: what the binned fits and scans read. Counts are finite and
 * non-negative (they may be weighted, i.e. non-integer); edges increase strictly and lie inside (0, 13000) GeV so
 * the dijet function is defined on every bin.
 *
 * @param source a name for messages (file, histogram), never null
 * @param edges  nBins + 1 strictly increasing bin edges, GeV
 * @param counts nBins counts
 */
public record BinnedSpectrum(String source, double[] edges, double[] counts) implements Serializable {

    /** Relative tolerance (in units of the narrower neighbouring bin width) for a region edge to sit on a bin edge. */
    static final double EDGE_TOLERANCE = 1e-6;

    public BinnedSpectrum {
        source = source == null ? "spectrum" : source;
        if (edges == null || counts == null) {
            throw new InvalidInputException(source, "bins", "edges and counts are required", null);
        }
        if (counts.length == 0) {
            throw new InvalidInputException(source, "bins", "the spectrum has no bins",
                    "give at least one bin per fit parameter plus one");
        }
        if (edges.length != counts.length + 1) {
            throw new InvalidInputException(source, "bins", counts.length + " counts need " + (counts.length + 1)
                    + " bin edges, got " + edges.length, null);
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw new InvalidInputException(source, "edges", "bin edges must be finite and strictly increasing, "
                        + "but edge " + i + " is " + edges[i] + (i > 0 ? " after " + edges[i - 1] : ""), null);
            }
        }
        if (!(edges[0] > 0) || !(edges[edges.length - 1] < DijetFunction.SQRT_S)) {
            throw new InvalidInputException(source, "edges", "the mjj range [" + edges[0] + ", " + edges[edges.length - 1]
                    + "] GeV is not inside (0, 13000) GeV where the dijet function is defined",
                    "give mjj in GeV and cut the spectrum below sqrt(s)");
        }
        for (int i = 0; i < counts.length; i++) {
            if (!Double.isFinite(counts[i]) || counts[i] < 0) {
                throw new InvalidInputException(source, "counts", "bin " + i + " holds " + counts[i]
                        + "; counts must be finite and >= 0", null);
            }
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    /** From a histogram's bin contents (under/overflow are not part of the spectrum). */
    public static BinnedSpectrum of(Histogram h) {
        return new BinnedSpectrum("histogram", h.binning().edges(), h.contents());
    }

    public static BinnedSpectrum of(double[] edges, double[] counts) {
        return new BinnedSpectrum("spectrum", edges, counts);
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    public int nBins() {
        return counts.length;
    }

    public double count(int i) {
        return counts[i];
    }

    public double lowEdge(int i) {
        return edges[i];
    }

    public double highEdge(int i) {
        return edges[i + 1];
    }

    public double lo() {
        return edges[0];
    }

    public double hi() {
        return edges[edges.length - 1];
    }

    /** Sum of all counts. */
    public double total() {
        double s = 0;
        for (double c : counts) {
            s += c;
        }
        return s;
    }

    /** Sum of counts in bins {@code first..last} inclusive. */
    public double sum(int first, int last) {
        double s = 0;
        for (int i = first; i <= last; i++) {
            s += counts[i];
        }
        return s;
    }

    /** The same bins with other counts (e.g. a pseudo-experiment). */
    public BinnedSpectrum withCounts(double[] newCounts) {
        return new BinnedSpectrum(source, edges, newCounts);
    }

    /**
     * The bins {@code [first, last]} (inclusive) that exactly cover {@code region}: the region's edges must fall on
     * bin edges (within 1e-6 of a bin width) and inside the spectrum's range.
     *
     * @throws InvalidInputException if the region leaves the range or cuts through a bin
     */
    public int[] binsOf(Region region) {
        if (region.lo() < lo() - EDGE_TOLERANCE * (edges[1] - edges[0])
                || region.hi() > hi() + EDGE_TOLERANCE * (edges[edges.length - 1] - edges[edges.length - 2])) {
            throw new InvalidInputException(source, "window", "the window " + region + " GeV lies outside the fitted range ["
                    + fmt(lo()) + ", " + fmt(hi()) + "] GeV", "choose windows inside the spectrum's mjj range");
        }
        int a = edgeIndex(region.lo(), region);
        int b = edgeIndex(region.hi(), region);
        return new int[] {a, b - 1};
    }

    private int edgeIndex(double x, Region region) {
        int k = Arrays.binarySearch(edges, x);
        if (k >= 0) {
            return k;
        }
        int ins = -k - 1;
        int best = ins >= edges.length ? edges.length - 1 : ins;
        if (ins > 0 && Math.abs(edges[ins - 1] - x) < Math.abs(edges[best] - x)) {
            best = ins - 1;
        }
        double w = Double.MAX_VALUE;
        if (best > 0) {
            w = Math.min(w, edges[best] - edges[best - 1]);
        }
        if (best < edges.length - 1) {
            w = Math.min(w, edges[best + 1] - edges[best]);
        }
        if (Math.abs(edges[best] - x) <= EDGE_TOLERANCE * w) {
            return best;
        }
        throw new InvalidInputException(source, "window", "the window " + region + " GeV cuts through a bin: its edge "
                + fmt(x) + " GeV is not a bin edge (nearest: " + fmt(edges[best]) + " GeV)",
                "align the signal-region windows with the histogram's bin edges");
    }

    /** A mask with bins {@code first..last} set. */
    public boolean[] mask(int first, int last) {
        boolean[] m = new boolean[counts.length];
        for (int i = first; i <= last; i++) {
            m[i] = true;
        }
        return m;
    }

    /** A mask with the bins of {@code region} set (see {@link #binsOf}). */
    public boolean[] mask(Region region) {
        int[] ab = binsOf(region);
        return mask(ab[0], ab[1]);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinnedSpectrum s && Arrays.equals(edges, s.edges) && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "BinnedSpectrum[" + source + ", " + counts.length + " bins on [" + fmt(lo()) + ", " + fmt(hi())
                + "] GeV, total " + total() + "]";
    }
}
