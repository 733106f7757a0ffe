package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.fit.ModelSelection;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.results.BumpHunt;

/**
 * The inclusive bump hunt's entry of results.json, the same in {@code run}, {@code bumphunt} and the demo:
 * {@code status} ("passed" or "rejected", with {@code rejection}), {@code fitRange} (how its start was found),
 * {@code fit} (parameters, goodness of fit, gate, the F-test steps), {@code bumpHunter} (only when the fit passed)
 * and the spectrum with the fit's expectation.
 */
public final class BumpHuntResults {

    private BumpHuntResults() {
    }

    /** The results.json entry of {@code r}. */
    public static BumpHunt toRecord(InclusiveBumpHunt.Result r) {
        BumpHunt.Fit fit = null;
        if (r.background() != null) {
            BumpHunt.Exclusion excluded = r.excludedFirst() < 0 ? null : new BumpHunt.Exclusion(
                    r.spectrum().lowEdge(r.excludedFirst()), r.spectrum().highEdge(r.excludedLast()),
                    "the fit of every bin failed the quality gate; BumpHunter's most discrepant window was excluded "
                            + "and the fit repeated");
            fit = fit(r.background(), excluded);
        }
        BumpHunt.BumpHunter hunter = null;
        if (!r.rejected()) {
            BumpHunter.Result bh = r.bumpHunter();
            hunter = new BumpHunt.BumpHunter(r.windowLo(), r.windowHi(), bh.data().observed(), bh.data().background(),
                    bh.data().minPValue(), r.localZ(), bh.data().tStatistic(), bh.global().nToys(),
                    bh.global().nAtLeast(), bh.global().pValue(), bh.global().pValueError(), bh.global().z(),
                    bh.global().zIsLowerBound(), "each toy drawn from the accepted fit and put through the same "
                    + "procedure (fit, gate, window exclusion), then scanned against its own fit");
        }
        return new BumpHunt(r.rejected() ? BumpHunt.REJECTED : BumpHunt.PASSED, r.rejected() ? r.rejection() : null,
                range(r.range()), fit, hunter, r.spectrum().edges(), r.spectrum().counts(),
                r.background() == null ? null : r.background().fit().expected());
    }

    static BumpHunt.FitRange range(FitRange range) {
        List<BumpHunt.FitStart> tried = new ArrayList<>();
        for (FitRange.Start s : range.tried()) {
            tried.add(new BumpHunt.FitStart(s.lo(), s.nParams(), s.pValue(), s.passed()));
        }
        return new BumpHunt.FitRange(range.lo(), range.hi(), range.binWidth(), range.peak(), range.auto() ? "auto"
                : "configured", tried);
    }

    /** A gated fit's entry: parameters, goodness of fit, the gate and the F-test steps; {@code excluded} may be null. */
    public static BumpHunt.Fit fit(FitQuality.Gated g, BumpHunt.Exclusion excluded) {
        FitQuality q = g.quality();
        List<BumpHunt.ModelChoice> steps = new ArrayList<>();
        for (ModelSelection.Comparison c : q.choice()) {
            steps.add(new BumpHunt.ModelChoice(c.simplerParams(), c.richerParams(), c.fPValue(), c.lrPValue()));
        }
        return new BumpHunt.Fit(q.nParams(), g.fit().params(), g.fit().parameterErrors(), q.deviance(),
                q.pearsonChi2(), q.ndf(), q.pValue(), q.gate(), q.passed(), steps, excluded, g.fit().family().key());
    }

    /**
     * A window tested with its bins masked; a fit that fails the gate reports no excess (its Zs and p are NaN).
     *
     * @param withFit whether the entry holds the fit itself (the configured SR) or not (sliding windows)
     */
    public static BumpHunt.MaskedFit masked(SidebandFit.Result w, FitQuality q, boolean withFit) {
        boolean ok = q.passed();
        return new BumpHunt.MaskedFit(w.signalRegion().lo(), w.signalRegion().hi(), w.observed(),
                w.background().value(), w.background().error(), q.pValue(), ok, ok ? w.local().z() : Double.NaN,
                ok ? w.local().zSigned() : Double.NaN, ok ? w.local().pValue() : Double.NaN,
                withFit ? fit(new FitQuality.Gated(w.fit(), q), null) : null);
    }

    /** One line for the console. */
    public static String summary(InclusiveBumpHunt.Result r) {
        if (r.rejected()) {
            return "background fit REJECTED, no excess reported: " + r.rejection();
        }
        BumpHunter.Result bh = r.bumpHunter();
        if (bh.data().firstBin() < 0) {
            return String.format(Locale.ROOT, "no window above the fit (%s); global Z = 0", r.background().quality()
                    .describe());
        }
        return String.format(Locale.ROOT, "most significant window [%.0f, %.0f) GeV: %.0f observed on %.1f expected, "
                + "local Z = %.2f; global Z %s%.2f (%d refitted toys); %s", r.windowLo(), r.windowHi(),
                bh.data().observed(), bh.data().background(), r.localZ(), bh.global().zIsLowerBound() ? ">= " : "= ",
                bh.global().z(), bh.global().nToys(), r.background().quality().describe());
    }
}
