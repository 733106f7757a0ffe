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
        if (windows == null || windows.isEmpty()) {
            throw new InvalidInputException(spectrum.source(), "windows", "no windows to scan", null);
        }
        for (Region w : windows) {
            spectrum.binsOf(w); // fail before any work
        }
        List<SidebandFit.Result> out = new ArrayList<>();
        for (Region w : windows) {
            try {
                out.add(SidebandFit.evaluate(spectrum, w, nParams, options, constraint));
            } catch (FitFailedException e) {
                throw new FitFailedException("window " + w + " GeV: " + e.getMessage(), e.hint(), e.nParams(),
                        e.lastParams(), e.lastEdm());
            }
        }
        return new Result(out);
    }
}
