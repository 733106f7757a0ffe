package org.anomalysearch.core.stats;

import java.io.Serializable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitFailedException;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;

/**
 * The bump hunt of the inclusive mjj spectrum, the same for {@code run}, {@code bumphunt} and the demo. The
 * procedure, applied alike to the data and to every toy:
 * <ol>
 *   <li>fit the dijet function to every bin of the run's {@link FitRange} (the configured parameters or the
 *       F-test's choice) and judge it against the quality gate;</li>
 *   <li>if it fails, exclude BumpHunter's most discrepant window, widened by its own width on either side (a
 *       resonance is wider than the narrowest window that finds it), from the fit and refit, as ATLAS's dijet
 *       searches do: a localised signal spoils an unmasked fit, a global mismodelling is not cured by masking one
 *       window. A discrepancy whose widened window reaches the fit range's first bin is not excluded: there it
 *       cannot be told from the trigger turn-on. If the refit fails the gate too, the background fit is
 *       <em>rejected</em>: no excess is reported, and the result says why, with the fit's numbers;</li>
 *   <li>BumpHunter against the accepted fit; its global significance from background-only toys drawn from that
 *       fit, each put through steps 1-2 and scanned against its own fit (a toy whose fit does not converge or is
 *       rejected counts as more extreme than the data: conservative).</li>
 * </ol>
 * The toys therefore carry the background model's own uncertainty and its freedom to absorb or create bumps.
 */
public final class InclusiveBumpHunt {

    private InclusiveBumpHunt() {
    }

    /**
     * @param windowBins widest BumpHunter window in bins
     * @param toys       pseudo-experiments of the global significance
     */
    public record Settings(int windowBins, int toys) implements Serializable {
        public Settings {
            if (windowBins < 1 || toys < 1) {
                throw new InvalidInputException("bump hunt", "settings", "needs window bins >= 1 and toys >= 1, got "
                        + windowBins + " and " + toys, null);
            }
        }
    }

    /**
     * @param range         the fit range used
     * @param spectrum      the inclusive spectrum on it
     * @param background    the accepted (or, when rejected, the last tried) background fit with its quality; null if
     *                      no fit converged
     * @param excludedFirst first bin excluded from the fit (step 2), -1 if none
     * @param excludedLast  last excluded bin, -1 if none
     * @param bumpHunter    BumpHunter's scan and global significance, null when the fit was rejected
     * @param rejection     why the fit was rejected, null when it was accepted
     */
    public record Result(FitRange range, BinnedSpectrum spectrum, FitQuality.Gated background, int excludedFirst,
                         int excludedLast, BumpHunter.Result bumpHunter, String rejection) implements Serializable {

        /** True when no excess may be reported: the background fit failed its gate or did not converge. */
        public boolean rejected() {
            return bumpHunter == null;
        }

        /** BumpHunter's smallest local p as a one-sided Z (0 without an excess); NaN when rejected. */
        public double localZ() {
            if (rejected()) {
                return Double.NaN;
            }
            return Math.max(0, Significance.zFromP(bumpHunter.data().minPValue()));
        }

        /** The global Z from the toys; NaN when rejected. */
        public double globalZ() {
            return rejected() ? Double.NaN : bumpHunter.global().z();
        }

        /** The most significant window's lower edge [GeV]; NaN when rejected or without an excess. */
        public double windowLo() {
            return rejected() || bumpHunter.data().firstBin() < 0 ? Double.NaN
                    : spectrum.lowEdge(bumpHunter.data().firstBin());
        }

        /** Its upper edge [GeV]. */
        public double windowHi() {
            return rejected() || bumpHunter.data().lastBin() < 0 ? Double.NaN
                    : spectrum.highEdge(bumpHunter.data().lastBin());
        }
    }

    /** The outcome of steps 1-2 on one spectrum. */
    record Outcome(FitQuality.Gated fit, int excludedFirst, int excludedLast, BumpHunter.Scan scan, String rejection) {
    }

    /** Steps 1-2 and BumpHunter's scan against the accepted fit. */
    static Outcome procedure(BinnedSpectrum spectrum, FitConfig fit, BumpHunter.Config config) {
        FitOptions options = FitOptions.defaults();
        FitQuality.Gated all;
        try {
            all = FitQuality.Gated.fit(spectrum, fit.function(), null, fit.params(), fit.gate(), options);
        } catch (FitFailedException e) {
            return new Outcome(null, -1, -1, null, "the background fit did not converge: " + e.getMessage());
        }
        BumpHunter.Scan scan = BumpHunter.scan(spectrum.counts(), all.fit().expected(), config);
        if (all.quality().passed()) {
            return new Outcome(all, -1, -1, scan, null);
        }
        String why = "the background fit fails the quality gate: " + all.quality().describe();
        if (scan.firstBin() < 0) {
            return new Outcome(all, -1, -1, null, why);
        }
        int width = scan.lastBin() - scan.firstBin() + 1;
        int first = scan.firstBin() - width;
        int last = Math.min(spectrum.nBins() - 1, scan.lastBin() + width);
        if (first <= 0) {
            return new Outcome(all, -1, -1, null, why + "; its most discrepant window [" + spectrum.lowEdge(
                    scan.firstBin()) + ", " + spectrum.highEdge(scan.lastBin()) + ") GeV lies at the fit range's lower "
                    + "edge, where an excess cannot be told from the trigger turn-on: start the fit higher (fit.lo)");
        }
        FitQuality.Gated masked;
        try {
            masked = FitQuality.Gated.fit(spectrum, fit.function(), spectrum.mask(first, last), fit.params(),
                    fit.gate(), options);
        } catch (FitFailedException | InvalidInputException e) {
            return new Outcome(all, -1, -1, null, why + "; with the most discrepant window excluded it did not "
                    + "converge");
        }
        if (!masked.quality().passed()) {
            return new Outcome(masked, first, last, null, why + "; with [" + spectrum.lowEdge(first) + ", "
                    + spectrum.highEdge(last) + ") GeV around the most discrepant window excluded it still fails: "
                    + masked.quality().describe());
        }
        return new Outcome(masked, first, last,
                BumpHunter.scan(spectrum.counts(), masked.fit().expected(), config), null);
    }

    /**
     * Runs the inclusive bump hunt on the events' {@code mjj}.
     *
     * @param fit  the fit policy (parameters and gate; the range comes from {@code range})
     * @param seed the bump hunt's seed (toys derive theirs from it by index)
     */
    public static Result run(String source, double[] mjj, FitRange range, FitConfig fit, Settings settings, long seed,
                             ToyExecutor toys) {
        return run(range.histogram(source, mjj), range, fit, settings, seed, toys);
    }

    /** The same on an already binned spectrum (the bins of {@code range}, e.g. a counts file). */
    public static Result run(BinnedSpectrum spectrum, FitRange range, FitConfig fit, Settings settings, long seed,
                             ToyExecutor toys) {
        BumpHunter.Config config = BumpHunter.Config.widths(Math.min(settings.windowBins(), spectrum.nBins()));
        Outcome data = procedure(spectrum, fit, config);
        if (data.rejection() != null) {
            return new Result(range, spectrum, data.fit(), data.excludedFirst(), data.excludedLast(), null,
                    data.rejection());
        }
        double[] expected = data.fit().fit().expected();
        double[] t = toys.map(settings.toys(), i -> toyStatistic(spectrum, expected, fit, config, seed, i));
        BumpHunter.Result bh = new BumpHunter.Result(data.scan(), GlobalSignificance.of(data.scan().tStatistic(), t));
        return new Result(range, spectrum, data.fit(), data.excludedFirst(), data.excludedLast(), bh, null);
    }

    /** Toy {@code index}: a Poisson fluctuation of {@code expected}, through the same procedure. */
    static double toyStatistic(BinnedSpectrum binning, double[] expected, FitConfig fit, BumpHunter.Config config,
                               long seed, int index) {
        Outcome o = procedure(binning.withCounts(Toys.generate(expected, seed, index)), fit, config);
        return o.rejection() != null ? Double.POSITIVE_INFINITY : o.scan().tStatistic();
    }
}
