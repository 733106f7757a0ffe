package org.anomalysearch.export.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

/**
 * The tables both exporters show, read from a run's typed results ({@link RunResults}, the same structure for
 * {@code run} and the demo): the pipeline stages that ran with their headline numbers, the significance of each
 * method, and the ML scan's windows. A stage the run did not reach says so; a stage that ran is never shown as
 * missing.
 */
public final class RunSummary {

    /** What a table cell shows for a stage or method that the run did not reach. */
    public static final String NOT_COMPUTED = "not computed yet";

    /** The stages in pipeline order, by their results.json key; {@code generate} is listed only when present. */
    public static final List<String> STAGES = List.of("generate", "select", "bumpHunt", "scan");

    /** One row of the stage table: status is a short summary or {@link #NOT_COMPUTED}. */
    public record StageRow(String title, String key, boolean done, String status) {
    }

    /**
     * One row of the significance table; absent numbers are null.
     *
     * @param details further numbers of the method, formatted
     */
    public record SignificanceRow(String title, String key, boolean computed, Double z, Double p, Double globalZ,
                                  Double globalP, Map<String, String> details) {
    }

    /**
     * One window of the ML scan.
     *
     * @param computed false for a window the scan could not compute (then {@code note} says why; for a computed one
     *                 it gives each training's local Z when the scan was trained several times)
     */
    public record WindowRow(double signalLo, double signalHi, boolean computed, Double localZ, Double efficiency,
                            Double selected, Double expected, Double expectedError, String note) {
    }

    private final RunResults results;

    public RunSummary(RunResults results) {
        this.results = results;
    }

    /** The stages with their status: every stage of {@link #STAGES} but {@code generate} when absent. */
    public List<StageRow> stages() {
        List<StageRow> rows = new ArrayList<>();
        RunResults r = results;
        if (r.generate() != null) {
            rows.add(new StageRow("Generate (synthetic events)", "generate", true,
                    num(r.generate().events()) + " events"));
        }
        rows.add(r.select() == null ? todo("Selection (event table)", "select", NOT_COMPUTED)
                : new StageRow("Selection (event table)", "select", true, num(r.select().eventsOut()) + " of "
                + num(r.select().eventsIn()) + " events selected"));
        rows.add(r.bumpHunt() == null ? todo("Bump hunt (inclusive spectrum)", "bumpHunt", r.bumpHuntSummary() == null
                ? NOT_COMPUTED : r.bumpHuntSummary())
                : new StageRow("Bump hunt (inclusive spectrum)", "bumpHunt", true, bumpHunt(r.bumpHunt())));
        rows.add(r.scan() == null ? todo("Density model + CWoLa scan", "scan",
                "not run (no search section, or --stage none)")
                : new StageRow("Density model + CWoLa scan", "scan", true, scan(r.scan())));
        return rows;
    }

    private static StageRow todo(String title, String key, String status) {
        return new StageRow(title, key, false, status);
    }

    private static String bumpHunt(BumpHunt b) {
        String fitPart = "fit from " + num(b.fitRange().lo()) + " GeV (" + b.fitRange().rule() + "), "
                + (b.fit() == null ? "no converged fit" : b.fit().nParams() + " parameters"
                + (b.fit().function() == null || b.fit().function().equals("dijet") ? "" : " (" + b.fit().function()
                + ")") + ", p = "
                + Headline.p(b.fit().pValue()));
        if (!b.passed()) {
            return "background fit REJECTED, no excess reported: " + b.rejection() + " (" + fitPart + ")";
        }
        BumpHunt.BumpHunter h = b.bumpHunter();
        return fitPart + "; most significant window [" + num(h.windowLo()) + ", " + num(h.windowHi())
                + ") GeV, local Z = " + Headline.z(h.localZ()) + ", global Z " + (h.globalZIsLowerBound() ? ">= "
                : "= ") + Headline.z(h.globalZ());
    }

    private static String scan(Scan s) {
        String counts = s.computedWindows() + " of " + s.plannedWindows() + " windows computed";
        Scan.Global g = s.global();
        if (g == null) {
            return s.summary() == null ? counts : counts + "; " + s.summary();
        }
        String where = g.window() >= 0 && g.window() < s.windows().size() ? "; most significant SR ["
                + num(s.windows().get(g.window()).signalRegion()[0]) + ", "
                + num(s.windows().get(g.window()).signalRegion()[1]) + ") GeV" : "";
        return counts + where + ", local Z = " + Headline.z(g.localZ()) + ", global Z " + (g.globalZIsLowerBound()
                ? ">= " : "= ") + Headline.z(g.globalZ()) + " (" + g.toys() + " toys)";
    }

    /**
     * The significance rows: BumpHunter on the inclusive spectrum, the ML scan's global significance and its
     * empirical null, and the configured signal region's tests, each when it ran.
     */
    public List<SignificanceRow> significance() {
        List<SignificanceRow> rows = new ArrayList<>();
        BumpHunt b = results.bumpHunt();
        if (b != null) {
            BumpHunt.BumpHunter h = b.bumpHunter();
            if (h != null) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("window", "[" + num(h.windowLo()) + ", " + num(h.windowHi()) + ") GeV");
                d.put("observed", num(h.observed()));
                d.put("expected", num(h.expected()));
                d.put("toys", h.toys() + (h.globalZIsLowerBound() ? " (global Z is a lower bound)" : ""));
                rows.add(new SignificanceRow("BumpHunter, inclusive spectrum (global: refitted toys)", "bumpHunt",
                        true, h.localZ(), h.localP(), h.globalZ(), h.globalP(), d));
            } else {
                rows.add(new SignificanceRow("BumpHunter, inclusive spectrum", "bumpHunt", false, null, null, null,
                        null, Map.of("status", "background fit rejected: no excess reported")));
            }
        }
        Scan.Global g = results.scan() == null ? null : results.scan().global();
        if (g != null) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("window", Integer.toString(g.window()));
            d.put("efficiency", num(g.efficiency()));
            d.put("toys", g.toys() + (g.globalZIsLowerBound() ? " (global Z is a lower bound)" : ""));
            d.put("trials factor", num(g.trialsFactor()));
            d.put("trials-factor global Z (cross-check, not the headline)", num(g.globalZTrials()));
            Scan.SeedBand band = results.scan().seeds();
            String name = "Density model + CWoLa scan (global: toys)";
            if (band != null && band.global() != null) {
                int n = band.seeds().size();
                name = "Density model + CWoLa scan, median of " + n + " trainings (global: toys)";
                d.put("each training alone: local Z", list(band.global().localZ()) + " (median "
                        + num(band.global().localZMedian()) + ", 68 % band " + num(band.global().localZBand68()[0])
                        + "-" + num(band.global().localZBand68()[1]) + ")");
                d.put("each training alone: global Z (its own toys)", list(band.global().globalZ()) + " (median "
                        + num(band.global().globalZMedian()) + ", 68 % band " + num(band.global().globalZBand68()[0])
                        + "-" + num(band.global().globalZBand68()[1]) + ")");
            }
            rows.add(new SignificanceRow(name, "scan", true, g.localZ(), g.minLocalP(), g.globalZ(), g.globalP(), d));
            Scan.EmpiricalNull e = g.empiricalNull();
            if (e != null) {
                Map<String, String> n = new LinkedHashMap<>();
                n.put("tests", Integer.toString(e.tests()));
                n.put("median", num(e.median()));
                n.put("sigma", num(e.sigma()));
                rows.add(new SignificanceRow("Density model + CWoLa scan, empirical null (the scan's own spread; "
                        + "cross-check)", "scanEmpiricalNull", true, e.localZ(), e.minLocalP(), e.globalZ(),
                        e.globalP(), n));
            }
        }
        RunResults.SignalRegion sr = results.signalRegion();
        if (sr != null) {
            BumpHunt.MaskedFit f = sr.sidebandFit();
            String window = "[" + num(f.lo()) + ", " + num(f.hi()) + ") GeV";
            Map<String, String> c = new LinkedHashMap<>();
            c.put("window", window);
            c.put("observed", num(sr.counting().observed()));
            c.put("expected", num(sr.counting().expected()));
            rows.add(new SignificanceRow("Counting, Z0 without background uncertainty", "counting", true,
                    sr.counting().z0(), null, null, null, c));
            if (f.fitPassed()) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("window", window);
                d.put("observed", num(f.observed()));
                d.put("predicted", num(f.predicted()) + " +- " + num(f.predictedError()));
                d.put("fit p", num(f.fitP()));
                rows.add(new SignificanceRow("Sideband fit of the configured SR, profile likelihood (local)",
                        "sidebandFit", true, f.localZ(), f.localP(), null, null, d));
            } else {
                rows.add(new SignificanceRow("Sideband fit of the configured SR, profile likelihood (local)",
                        "sidebandFit", false, null, null, null, null, Map.of("status", "the masked fit fails the "
                        + "quality gate (p = " + num(f.fitP()) + "): no excess reported")));
            }
        }
        return rows;
    }

    /** The ML scan's windows in order of the SR, computed ones and those it could not compute. */
    public List<WindowRow> scanWindows() {
        List<WindowRow> rows = new ArrayList<>();
        Scan scan = results.scan();
        if (scan == null) {
            return rows;
        }
        for (int i = 0; i < scan.windows().size(); i++) {
            ScanWindow w = scan.windows().get(i);
            ScanWindow.Efficiency best = w.at(w.bestEfficiency());
            String note = "";
            if (scan.seeds() != null && i < scan.seeds().windows().size()) {
                Scan.WindowBand b = scan.seeds().windows().get(i);
                note = "local Z of each training alone: " + list(b.localZ()) + " (68 % band "
                        + num(b.localZBand68()[0]) + "-" + num(b.localZBand68()[1]) + ")";
            }
            for (Scan.AddedWindow a : scan.addedWindows() == null ? List.<Scan.AddedWindow>of() : scan.addedWindows()) {
                if (a.signalLo() == w.signalRegion()[0] && a.signalHi() == w.signalRegion()[1]) {
                    note = (note.isEmpty() ? "" : note + "; ") + "added by the scan: " + a.reason();
                }
            }
            rows.add(new WindowRow(w.signalRegion()[0], w.signalRegion()[1], true, w.localZ(),
                    best == null ? null : best.efficiency(), (double) w.selectedEvents(), w.expectedBackground(),
                    best == null ? null : best.expectedError(), note));
        }
        for (Scan.SkippedWindow w : scan.skippedWindows()) {
            rows.add(new WindowRow(w.signalLo(), w.signalHi(), false, null, null, null, null, null, w.reason()));
        }
        rows.sort(Comparator.comparingDouble(WindowRow::signalLo));
        return rows;
    }

    private static String list(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(Headline.z(x));
        }
        return String.join(", ", out);
    }

    private static String num(double d) {
        return formatNumber(d);
    }

    /** Every scalar of results.json (nested objects flattened with dots), formatted, in file order. */
    public Map<String, String> flatResults() {
        return flatten(ResultsCodec.toMap(results));
    }

    /** The scalar entries of a JSON object (nested objects flattened with dots), formatted, in file order. */
    public static Map<String, String> flatten(Map<String, Object> json) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", json, out);
        return out;
    }

    private static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(prefix, format(v));
        }
    }

    /** Numbers with up to 4 significant digits after the point (integers in full), others as text. */
    public static String format(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            return formatNumber(((Number) v).doubleValue());
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(o instanceof Map || o instanceof List ? "{...}" : format(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty() ? "{}" : "{...}";
        }
        return String.valueOf(v);
    }

    /** A double for a table: integers in full, else 4 significant digits (scientific when tiny or huge). */
    public static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        double a = Math.abs(d);
        if (a >= 1e-3 && a < 1e6) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", d);
    }
}
