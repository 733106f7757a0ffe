package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.hist.Binning;
import org.anomalysearch.core.hist.HistogramAccumulator;

/**
 * The mjj range of a run's background fits, resolved once from the data by the policy of {@link FitConfig} and used
 * by every bump hunt of the run (the inclusive one and each window's selected spectrum).
 *
 * <p>The rule for {@code lo: auto}: a leading-jet pT threshold sculpts the low-mass spectrum (the trigger turn-on);
 * its end is marked by the spectrum's peak, the upper edge of the tallest {@link #PEAK_BIN} GeV bin. Starts are tried
 * on the bin edges at or above peak + {@code turnOnMargin}, one bin further each time, up to
 * {@link FitConfig#AUTO_SEARCH} GeV above the first; the first start from which the inclusive fit (the configured
 * or F-test-chosen parameters) passes the quality gate is taken: the lowest mass from which the smooth dijet function
 * describes the spectrum. If none passes, the first start is kept and the inclusive bump hunt reports its fit as
 * rejected. A configured {@code lo} is used as it is (rounded up to a bin edge).
 *
 * <p>With {@link FitFunction#DIJET_TURNON} the turn-on is modelled, so the first start tried is the bin edge at or
 * below the peak instead (the fit takes in the peak and the upper part of the turn-on, where one error function
 * describes the efficiency; further down it does not, measured in docs/fit-range.md), and the search goes on
 * upwards in the same way.
 *
 * @param lo        first bin edge of the fit [GeV]
 * @param hi        end of the fit [GeV] (last bin edge)
 * @param binWidth  width of the inclusive spectrum's bins [GeV]
 * @param alignEdge a bin edge (the signal region's lower edge): every edge is alignEdge + k binWidth
 * @param peak      the spectrum's peak (upper edge of the tallest 50 GeV bin) [GeV]
 * @param auto      true when lo was chosen from the data
 * @param tried     the starts tried by the auto rule, in order (only the configured start otherwise)
 */
public record FitRange(double lo, double hi, double binWidth, double alignEdge, double peak, boolean auto,
                       List<Start> tried) implements Serializable {

    /** Width of the bins in which the spectrum's peak is found [GeV]. */
    public static final double PEAK_BIN = 50;

    /**
     * One start tried.
     *
     * @param lo      the start [GeV]
     * @param nParams parameters of its fit (0 if the fit failed)
     * @param pValue  its goodness-of-fit p-value (NaN if the fit failed)
     * @param passed  whether it passed the gate
     */
    public record Start(double lo, int nParams, double pValue, boolean passed) implements Serializable {
    }

    public FitRange {
        tried = List.copyOf(tried);
        if (!(lo < hi)) {
            throw new InvalidInputException("fit range", "lo", "the fit range [" + lo + ", " + hi + ") is empty",
                    "lower fit.lo or raise fit.hi");
        }
    }

    /** The start the auto rule took passed its gate (always true for a configured start). */
    public boolean passed() {
        return !auto || (!tried.isEmpty() && tried.get(tried.size() - 1).passed());
    }

    /** How the start was found, in one line. */
    public String describe() {
        if (!auto) {
            return String.format(java.util.Locale.ROOT, "fit range [%.0f, %.0f) GeV (configured; spectrum peak %.0f GeV)",
                    lo, hi, peak);
        }
        return String.format(java.util.Locale.ROOT, "fit range [%.0f, %.0f) GeV (auto: spectrum peak %.0f GeV, %d "
                + "start(s) tried, %s)", lo, hi, peak, tried.size(), passed() ? "the first whose fit passes the gate"
                : "none passed the gate: the first is kept");
    }

    /** {@link #describe()} naming the fit's function family (nothing added for the default, the dijet function). */
    public String describe(FitFunction function) {
        return !function.turnOn() ? describe() : describe() + ", function " + function.key()
                + (auto ? " (first start at or below the peak)" : "");
    }

    /** The upper edge of the tallest {@link #PEAK_BIN} GeV bin of {@code mjj}: the end of the trigger turn-on. */
    public static double spectrumPeak(double[] mjj) {
        if (mjj.length == 0) {
            throw new InvalidInputException("mjj", "events", "no events to find the mjj spectrum's peak in",
                    "check the input and the selection");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double m : mjj) {
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        double start = Math.floor(min / PEAK_BIN) * PEAK_BIN;
        int n = (int) Math.floor((max - start) / PEAK_BIN) + 1;
        long[] counts = new long[n];
        for (double m : mjj) {
            counts[Math.min(n - 1, (int) Math.floor((m - start) / PEAK_BIN))]++;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return start + (best + 1) * PEAK_BIN;
    }

    /** The first edge of the grid alignEdge + k width at or above {@code x}. */
    public static double edgeAtOrAbove(double x, double alignEdge, double width) {
        return alignEdge + Math.ceil((x - alignEdge) / width - 1e-9) * width;
    }

    /** The last edge of the grid alignEdge + k width at or below {@code x}. */
    public static double edgeAtOrBelow(double x, double alignEdge, double width) {
        return alignEdge + Math.floor((x - alignEdge) / width + 1e-9) * width;
    }

    /**
     * Resolves the policy of {@code fit} on the events' {@code mjj}, with bins aligned with {@code alignEdge}.
     *
     * @param source names the data in messages
     */
    public static FitRange resolve(String source, double[] mjj, FitConfig fit, double alignEdge) {
        double peak = spectrumPeak(mjj);
        double w = fit.binWidth();
        if (!fit.autoLo()) {
            double lo = edgeAtOrAbove(fit.lo(), alignEdge, w);
            return new FitRange(lo, fit.hi(), w, alignEdge, peak, false, List.of());
        }
        double first = fit.function().turnOn() ? edgeAtOrBelow(peak, alignEdge, w)
                : edgeAtOrAbove(peak + fit.turnOnMargin(), alignEdge, w);
        List<Start> tried = new ArrayList<>();
        for (double lo = first; lo <= first + FitConfig.AUTO_SEARCH + 1e-9 && lo < fit.hi(); lo += w) {
            Start s = tryStart(source, mjj, fit, lo, alignEdge);
            tried.add(s);
            if (s.passed()) {
                return new FitRange(lo, fit.hi(), w, alignEdge, peak, true, tried);
            }
        }
        if (!(first < fit.hi())) {
            throw new InvalidInputException(source, "mjj", "the spectrum peaks at " + peak + " GeV, so the fit would "
                    + "start at " + first + " GeV, at or above fit.hi = " + fit.hi() + " GeV",
                    "raise fit.hi or set fit.lo");
        }
        return new FitRange(first, fit.hi(), w, alignEdge, peak, true, tried);
    }

    private static Start tryStart(String source, double[] mjj, FitConfig fit, double lo, double alignEdge) {
        try {
            BinnedSpectrum s = histogram(source, mjj, lo, fit.hi(), fit.binWidth(), alignEdge);
            FitQuality.Gated g = FitQuality.Gated.fit(s, fit.function(), null, fit.params(), fit.gate(),
                    FitOptions.defaults());
            return new Start(lo, g.fit().nParams(), g.quality().pValue(), g.quality().passed());
        } catch (FitFailedException | InvalidInputException e) {
            return new Start(lo, 0, Double.NaN, false);
        }
    }

    /** The inclusive spectrum of {@code mjj} on this range's bins. */
    public BinnedSpectrum histogram(String source, double[] mjj) {
        return histogram(source, mjj, lo, hi, binWidth, alignEdge);
    }

    /**
     * Histograms {@code mjj} on bins of {@code width} aligned with {@code alignEdge}, from the first edge at or above
     * {@code lo} to the last edge at or below {@code hi}; events outside are not counted.
     */
    public static BinnedSpectrum histogram(String source, double[] mjj, double lo, double hi, double width,
                                           double alignEdge) {
        double first = edgeAtOrAbove(lo, alignEdge, width);
        int nBins = (int) Math.floor((hi - first) / width + 1e-9);
        if (nBins < 1) {
            throw new InvalidInputException(source, "mjj range", "the range [" + lo + ", " + hi + ") GeV holds no bin of "
                    + width + " GeV aligned with " + alignEdge + " GeV", "widen the range or use narrower bins");
        }
        Binning binning = Binning.uniform(nBins, first, first + nBins * width);
        HistogramAccumulator acc = HistogramAccumulator.identity(binning);
        for (double m : mjj) {
            acc.add(m);
        }
        return new BinnedSpectrum(source, binning.edges(), acc.toHistogram().contents());
    }
}
