package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.fit.ModelSelection;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.InclusiveBumpHunt;

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
    public static Map<String, Object> toMap(InclusiveBumpHunt.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.rejected() ? "rejected" : "passed");
        if (r.rejected()) {
            m.put("rejection", r.rejection());
        }
        m.put("fitRange", range(r.range()));
        if (r.background() != null) {
            Map<String, Object> f = fit(r.background());
            if (r.excludedFirst() >= 0) {
                f.put("excludedLo", r.spectrum().lowEdge(r.excludedFirst()));
                f.put("excludedHi", r.spectrum().highEdge(r.excludedLast()));
                f.put("excludedBecause", "the fit of every bin failed the quality gate; BumpHunter's most discrepant "
                        + "window was excluded and the fit repeated");
            }
            m.put("fit", f);
        }
        if (!r.rejected()) {
            BumpHunter.Result bh = r.bumpHunter();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("windowLo", r.windowLo());
            b.put("windowHi", r.windowHi());
            b.put("observed", bh.data().observed());
            b.put("expected", bh.data().background());
            b.put("localP", bh.data().minPValue());
            b.put("localZ", r.localZ());
            b.put("t", bh.data().tStatistic());
            b.put("toys", bh.global().nToys());
            b.put("toysAtLeast", bh.global().nAtLeast());
            b.put("globalP", bh.global().pValue());
            b.put("globalPError", bh.global().pValueError());
            b.put("globalZ", bh.global().z());
            b.put("globalZIsLowerBound", bh.global().zIsLowerBound());
            b.put("toyProcedure", "each toy drawn from the accepted fit and put through the same procedure (fit, "
                    + "gate, window exclusion), then scanned against its own fit");
            m.put("bumpHunter", b);
        }
        m.put("binEdges", r.spectrum().edges());
        m.put("counts", r.spectrum().counts());
        if (r.background() != null) {
            m.put("expected", r.background().fit().expected());
        }
        return m;
    }

    static Map<String, Object> range(FitRange range) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lo", range.lo());
        m.put("hi", range.hi());
        m.put("binWidth", range.binWidth());
        m.put("spectrumPeak", range.peak());
        m.put("rule", range.auto() ? "auto" : "configured");
        List<Object> tried = new ArrayList<>();
        for (FitRange.Start s : range.tried()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("lo", s.lo());
            t.put("nParams", s.nParams());
            t.put("pValue", s.pValue());
            t.put("passed", s.passed());
            tried.add(t);
        }
        m.put("tried", tried);
        return m;
    }

    /** A gated fit's entry: parameters, goodness of fit, the gate and the F-test steps. */
    public static Map<String, Object> fit(FitQuality.Gated g) {
        Map<String, Object> m = new LinkedHashMap<>();
        FitQuality q = g.quality();
        m.put("nParams", q.nParams());
        m.put("params", g.fit().params());
        m.put("paramErrors", g.fit().parameterErrors());
        m.put("deviance", q.deviance());
        m.put("pearsonChi2", q.pearsonChi2());
        m.put("ndf", q.ndf());
        m.put("pValue", q.pValue());
        m.put("gate", q.gate());
        m.put("passed", q.passed());
        List<Object> steps = new ArrayList<>();
        for (ModelSelection.Comparison c : q.choice()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("simpler", c.simplerParams());
            s.put("richer", c.richerParams());
            s.put("fPValue", c.fPValue());
            s.put("lrPValue", c.lrPValue());
            steps.add(s);
        }
        m.put("choice", steps);
        return m;
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
                + "local Z = %.2f; global Z = %s%.2f (%d refitted toys); %s", r.windowLo(), r.windowHi(),
                bh.data().observed(), bh.data().background(), r.localZ(), bh.global().zIsLowerBound() ? ">= " : "",
                bh.global().z(), bh.global().nToys(), r.background().quality().describe());
    }
}
