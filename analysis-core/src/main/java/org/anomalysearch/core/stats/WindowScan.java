package org.anomalysearch.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitFailedException;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;

/**
 * A scan of sliding signal-region windows with the {@link SidebandFit} method: for each window the whole spectrum is
 * fitted with that window masked and the window's local Z computed. Windows come from
 * {@link org.anomalysearch.core.region.SlidingWindows} (their SRs) or from bin indices ({@link #binWindows}).
 */
public final class WindowScan {

    private WindowScan() {
    }

    /** The scan: one result per window, in order. */
    public record Result(List<SidebandFit.Result> windows) implements Serializable {
        public Result {
            windows = List.copyOf(windows);
        }

        /** The window with the largest local Z (the first one on ties). */
        public SidebandFit.Result mostSignificant() {
            SidebandFit.Result best = windows.get(0);
            for (SidebandFit.Result r : windows) {
                if (r.local().z() > best.local().z()) {
                    best = r;
                }
            }
            return best;
        }

        /** Local Z per window. */
        public double[] z() {
            return windows.stream().mapToDouble(r -> r.local().z()).toArray();
        }

        /** Local p-value per window. */
        public double[] pValues() {
            return windows.stream().mapToDouble(r -> r.local().pValue()).toArray();
        }

        /** Window centres, GeV. */
        public double[] centres() {
            return windows.stream().mapToDouble(r -> r.signalRegion().center()).toArray();
        }
    }

    /**
     * One pseudo-experiment of the sideband-fit scan, as a Spark job maps toy indices.
     *
     * @param index          toy index
     * @param seed           derived seed ({@link Toys#seed})
     * @param zSigned        per window the signed local Z ({@link LocalSignificance#zSigned()}); 0 where the fit failed
     * @param predictionPull per window (b_fit - b_true) / sigma_b: the fit's SR prediction against the truth the toy
     *                       was drawn from (its mean is the sculpting bias, its spread the coverage of sigma_b)
     * @param failed         per window, true if the fit did not converge (excluded from the other arrays' use)
     */
    public record ToyScan(int index, long seed, double[] zSigned, double[] predictionPull, boolean[] failed)
            implements Serializable {

        /** 1 - Phi(zSigned) of window w: uniform for background-only toys. */
        public double pSigned(int w) {
            return Significance.pFromZ(zSigned[w]);
        }

        public int nFailed() {
            int n = 0;
            for (boolean f : failed) {
                n += f ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Toy {@code index}: Poisson counts around {@code truth} (per bin of {@code binning}), fitted with each window
     * masked in turn; the background truth in each window is {@code background} (equal to truth for background-only
     * toys, truth minus an injected signal otherwise). Fit failures are recorded, not thrown.
     */
    public static ToyScan toy(BinnedSpectrum binning, double[] truth, double[] background, List<Region> windows,
                              int nParams, FitOptions options, Significance.Constraint constraint, long masterSeed,
                              int index) {
        double[] counts = Toys.generate(truth, masterSeed, index);
        BinnedSpectrum s = binning.withCounts(counts);
        int nw = windows.size();
        double[] z = new double[nw];
        double[] pull = new double[nw];
        boolean[] failed = new boolean[nw];
        for (int w = 0; w < nw; w++) {
            try {
                SidebandFit.Result r = SidebandFit.evaluate(s, windows.get(w), nParams, options, constraint);
                z[w] = r.local().zSigned();
                double b = 0;
                for (int i = r.firstBin(); i <= r.lastBin(); i++) {
                    b += background[i];
                }
                pull[w] = (r.background().value() - b) / r.background().error();
            } catch (org.anomalysearch.core.fit.FitFailedException e) {
                failed[w] = true;
            }
        }
        return new ToyScan(index, Toys.seed(masterSeed, index), z, pull, failed);
    }

    /**
     * Windows of {@code widthBins} bins every {@code stepBins} bins, keeping {@code marginBins} unmasked bins at each
     * end of the spectrum, as regions on the bin edges.
     */
    public static List<Region> binWindows(BinnedSpectrum spectrum, int widthBins, int stepBins, int marginBins) {
        if (widthBins < 1 || stepBins < 1 || marginBins < 0) {
            throw new InvalidInputException(spectrum.source(), "windows", "needs widthBins >= 1, stepBins >= 1 and "
                    + "marginBins >= 0, got " + widthBins + ", " + stepBins + ", " + marginBins, null);
        }
        List<Region> out = new ArrayList<>();
        for (int a = marginBins; a + widthBins + marginBins <= spectrum.nBins(); a += stepBins) {
            out.add(new Region(spectrum.lowEdge(a), spectrum.highEdge(a + widthBins - 1)));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(spectrum.source(), "windows", "no window of " + widthBins + " bins with "
                    + marginBins + " margin bins each side fits in " + spectrum.nBins() + " bins",
                    "use narrower windows or more bins");
        }
        return out;
    }

    /** The signal regions of region sets (e.g. from SlidingWindows). */
    public static List<Region> signalRegions(List<RegionSet> sets) {
        return sets.stream().map(RegionSet::signal).toList();
    }

    /**
     * Scans the windows. Every window is checked against the spectrum before any fit.
     *
     * @throws InvalidInputException if a window lies outside the spectrum or cuts through a bin
     * @throws FitFailedException    naming the window, if a fit does not converge
     */
    public static Result scan(BinnedSpectrum spectrum, List<Region> windows, int nParams, FitOptions options,
                              Significance.Constraint constraint) {
        return scan(spectrum, windows, org.anomalysearch.core.fit.FitFunction.DIJET, nParams, options, constraint);
    }

    /** As above with the background function {@code function} ({@code nParams} counts its dijet part). */
    public static Result scan(BinnedSpectrum spectrum, List<Region> windows,
                              org.anomalysearch.core.fit.FitFunction function, int nParams, FitOptions options,
                              Significance.Constraint constraint) {
        if (windows == null || windows.isEmpty()) {
            throw new InvalidInputException(spectrum.source(), "windows", "no windows to scan", null);
        }
        for (Region w : windows) {
            spectrum.binsOf(w); // fail before any work
        }
        List<SidebandFit.Result> out = new ArrayList<>();
        for (Region w : windows) {
            try {
                out.add(SidebandFit.evaluate(spectrum, w, w, function, nParams, options, constraint));
            } catch (FitFailedException e) {
                throw new FitFailedException("window " + w + " GeV: " + e.getMessage(), e.hint(), e.nParams(),
                        e.lastParams(), e.lastEdm());
            }
        }
        return new Result(out);
    }
}
