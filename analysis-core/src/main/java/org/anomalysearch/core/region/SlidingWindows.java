package org.anomalysearch.core.region;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidConfigException;

/**
 * Sliding signal-region windows over an mjj range, each with its sidebands, as a list of validated
 * {@link RegionSet}s. Windows may overlap (step &lt; width). Linear windows: the signal regions tile [lo, hi] (the
 * searched mass range) and the sidebands extend beyond it; log-spaced windows: every set lies in [lo, hi].
 */
public final class SlidingWindows {

    /** The most windows (and, log-spaced, bins) a scan may have: each window is a density fit and a training. */
    public static final int MAX_WINDOWS = 10_000;

    private SlidingWindows() {
    }

    /**
     * Fixed-width windows: SR [a, a + width) for a = lo, lo + step, ... while the SR ends at or below hi, with
     * sidebands of {@code sidebandWidth} each side (below lo and above hi for the first and last windows): the
     * range [lo, hi] is the searched mass range. Whether a window can be computed (its sidebands in the data, its SR
     * above the trigger turn-on) is for the scan to judge and report.
     */
    public static List<RegionSet> linear(double lo, double hi, double width, double step, double sidebandWidth) {
        checkRange(lo, hi);
        positive("regions.scan.width", width);
        positive("regions.scan.step", step);
        positive("regions.scan.sidebandWidth", sidebandWidth);
        double eps = 1e-9 * Math.max(1, Math.abs(hi));
        double windows = Math.floor((hi + eps - lo - width) / step) + 1;
        if (windows > MAX_WINDOWS) {
            throw new InvalidConfigException("regions.scan.step", "got " + step + " GeV, which makes "
                    + (long) windows + " windows of width " + width + " in [" + lo + ", " + hi + "], more than "
                    + MAX_WINDOWS, "use a step of at least " + (hi - lo - width) / (MAX_WINDOWS - 1) + " GeV");
        }
        List<RegionSet> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            double a = lo + k * step;
            if (a + width > hi + eps) {
                break;
            }
            out.add(RegionSet.around(a, a + width, sidebandWidth, sidebandWidth));
        }
        if (out.isEmpty()) {
            throw new InvalidConfigException("regions.scan", "no signal region of width " + width + " fits in [" + lo
                    + ", " + hi + "]", "widen the range or shrink the windows");
        }
        return out;
    }

    /**
     * Log-spaced windows in the style of CWoLa hunting: [lo, hi] is cut into {@code nBins} bins equally spaced
     * in ln(mjj); each SR is {@code signalBins} consecutive bins with {@code sidebandBins} bins on each side,
     * and consecutive windows start {@code stepBins} bins apart.
     */
    public static List<RegionSet> logarithmic(double lo, double hi, int nBins, int signalBins, int sidebandBins,
                                              int stepBins) {
        checkRange(lo, hi);
        if (!(lo > 0)) {
            throw new InvalidConfigException("regions.scan.lo", "log-spaced windows need lo > 0, got " + lo, null);
        }
        if (nBins < 1 || signalBins < 1 || sidebandBins < 1 || stepBins < 1) {
            throw new InvalidConfigException("regions.scan", "bins, signalBins, sidebandBins and stepBins must be >= 1, got "
                    + nBins + ", " + signalBins + ", " + sidebandBins + ", " + stepBins, null);
        }
        if (nBins > MAX_WINDOWS) {
            throw new InvalidConfigException("regions.scan.bins", "got " + nBins + ", more than " + MAX_WINDOWS
                    + " log-spaced bins", "a scan needs tens of bins (default 16)");
        }
        if ((long) signalBins + 2L * sidebandBins > nBins) {
            throw new InvalidConfigException("regions.scan.bins", "a window needs " + (signalBins + 2 * sidebandBins)
                    + " bins (signal " + signalBins + " + 2 x sideband " + sidebandBins + ") but there are only " + nBins,
                    "use more bins or fewer per window");
        }
        double[] e = new double[nBins + 1];
        double la = Math.log(lo);
        double lb = Math.log(hi);
        for (int i = 0; i <= nBins; i++) {
            e[i] = Math.exp(la + (lb - la) * i / nBins);
        }
        e[0] = lo;
        e[nBins] = hi;
        List<RegionSet> out = new ArrayList<>();
        for (int s = 0; s + 2 * sidebandBins + signalBins <= nBins; s += stepBins) {
            int a = s + sidebandBins;
            int b = a + signalBins;
            out.add(new RegionSet(new Region(e[s], e[a]), new Region(e[a], e[b]), new Region(e[b], e[b + sidebandBins])));
        }
        return out;
    }

    private static void checkRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new InvalidConfigException("regions.scan", "the scan range needs finite lo < hi, got [" + lo + ", "
                    + hi + "]", null);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidConfigException(key, "must be a positive number of GeV, got " + v, null);
        }
    }
}
