package org.anomalysearch.export.formats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.export.plot.SpectrumPlot;
import org.anomalysearch.export.run.RunSummary;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A run's results as a HEPData submission (schema 1.1.1 of hepdata-validator): {@code submission.yaml} and one YAML
 * file per table, each present when the run computed it:
 * <ul>
 *   <li>{@code mjj_spectrum.yaml}: the inclusive m_jj spectrum (events per bin with Garwood 68.27 % intervals) and
 *       the background fit's expectation per bin;</li>
 *   <li>{@code selected_spectrum.yaml}: the spectrum the classifier selects in the ML scan's globally most
 *       significant window, with its masked fit;</li>
 *   <li>{@code scan_windows.yaml}: the ML scan's computed windows (SR edges, efficiency, selected events, the
 *       masked fit's prediction with its uncertainty, local Z);</li>
 *   <li>{@code significances.yaml}: each method's local and global significance (global p with its toy
 *       uncertainty).</li>
 * </ul>
 * A number the run has not (NaN) is written as HEPData's "-". Values keep 6 significant digits (significances 4).
 */
public final class HepDataRecord {

    /** The submission file. */
    public static final String SUBMISSION = "submission.yaml";
    static final String MISSING = "-";

    private HepDataRecord() {
    }

    /** File name to YAML text: {@value #SUBMISSION} first, then the tables in the order above. */
    public static Map<String, String> files(RunResults r, SampleLabel sample) {
        List<Map<String, Object>> docs = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("comment", "anomaly-search run '" + r.run() + "' (seed " + r.seed() + ", config SHA-256 "
                + r.configSha256() + ")" + (sample.text().isEmpty() ? "" : ": " + sample.text()) + ".");
        docs.add(info);
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SUBMISSION, "");
        if (r.bumpHunt() != null) {
            table(docs, out, sample, "Dijet invariant mass spectrum", "mjj_spectrum.yaml", "The selected events' "
                    + "m_jj spectrum in the fit range with the background fit (dijet function) expected per bin; data "
                    + "uncertainties are Garwood 68.27 % Poisson intervals.", "N", spectrum(r.bumpHunt(), sample));
        }
        ScanWindow.Efficiency chosen = PyhfWorkspace.scanWindow(r.scan());
        if (chosen != null && chosen.counts() != null && chosen.counts().length > 0) {
            ScanWindow w = r.scan().windows().get(r.scan().global().window());
            String sel = "Selected at efficiency " + RunSummary.formatNumber(chosen.efficiency()) + ", SR ["
                    + RunSummary.formatNumber(w.signalRegion()[0]) + ", " + RunSummary.formatNumber(w.signalRegion()[1])
                    + "] GeV";
            table(docs, out, sample, "Selected spectrum of the most significant window", "selected_spectrum.yaml",
                    "The m_jj spectrum of the events the classifier selects in the ML scan's globally most significant "
                    + "window, with the fit of the dijet function with the signal region masked (expected per bin, "
                    + "signal region included); data uncertainties are Garwood 68.27 % intervals.", "N",
                    spectrum(w.edges(), chosen.counts(), chosen.fit().expected(), sel, "Masked sideband fit", sample));
        }
        if (r.scan() != null && !r.scan().windows().isEmpty()) {
            table(docs, out, sample, "ML scan windows", "scan_windows.yaml", "Per signal region of the density "
                    + "model + CWoLa scan, at its most significant efficiency: events selected, the background the "
                    + "masked fit of the selected spectrum predicts, and the local significance.", "N",
                    windows(r.scan()));
        }
        List<Map<String, Object>> sig = significances(r);
        if (sig != null) {
            table(docs, out, sample, "Significances", "significances.yaml", "Local and global significance of "
                    + "each method (one-sided Z in standard deviations); global p-values from pseudo-experiments "
                    + "with their binomial uncertainty.", "SIG", sigTable(sig));
        }
        out.put(SUBMISSION, yaml().dumpAll(docs.iterator()));
        return out;
    }

    private static void table(List<Map<String, Object>> docs, Map<String, String> out, SampleLabel sample, String name,
                              String file, String description, String observable, Map<String, Object> data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("description", description);
        List<Map<String, Object>> keywords = new ArrayList<>();
        keywords.add(keyword("cmenergies", number(sample.sqrtSGeV())));
        keywords.add(keyword("observables", observable));
        keywords.add(keyword("reactions", "P P --> JET JET X"));
        doc.put("keywords", keywords);
        doc.put("data_file", file);
        docs.add(doc);
        out.put(file, yaml().dump(data));
    }

    private static Map<String, Object> keyword(String name, Object value) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("name", name);
        k.put("values", List.of(value));
        return k;
    }

    static Map<String, Object> spectrum(BumpHunt b, SampleLabel sample) {
        String what = b.fit() == null ? "Background fit" : b.fit().nParams() + "-parameter "
                + (b.fit().function() == null ? "dijet" : b.fit().function()) + " fit, p = "
                + RunSummary.formatNumber(round(b.fit().pValue(), 2));
        return spectrum(b.binEdges(), b.counts(), b.expected(), "Data", what, sample);
    }

    /** A binned m_jj spectrum: N per bin with Garwood errors, and the fit's N per bin when {@code expected} is given. */
    static Map<String, Object> spectrum(double[] e, double[] n, double[] expected, String dataName, String fitName,
                                        SampleLabel sample) {
        List<Object> mjj = new ArrayList<>();
        List<Object> events = new ArrayList<>();
        List<Object> fit = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            mjj.add(range(e[i], e[i + 1]));
            double[] g = SpectrumPlot.garwood(n[i]);
            events.add(value(n[i], asym(g[0] - n[i], g[1] - n[i], "stat")));
            if (expected != null) {
                fit.add(value(expected[i], null));
            }
        }
        List<Object> deps = new ArrayList<>();
        deps.add(variable("N", null, events, qualifiers(sample, dataName)));
        if (expected != null) {
            deps.add(variable("N", null, fit, qualifiers(sample, fitName)));
        }
        return data(List.of(variable("M_{jj}", "GeV", mjj, null)), deps);
    }

    static Map<String, Object> windows(Scan scan) {
        List<ScanWindow> ws = new ArrayList<>(scan.windows());
        ws.sort(Comparator.comparingDouble(w -> w.signalRegion()[0]));
        List<Object> sr = new ArrayList<>();
        List<Object> eff = new ArrayList<>();
        List<Object> selected = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        List<Object> z = new ArrayList<>();
        for (ScanWindow w : ws) {
            ScanWindow.Efficiency best = w.at(w.bestEfficiency());
            sr.add(range(w.signalRegion()[0], w.signalRegion()[1]));
            eff.add(value(w.bestEfficiency(), null));
            selected.add(value(w.selectedEvents(), null));
            expected.add(value(w.expectedBackground(), best == null || !(best.expectedError() > 0) ? null
                    : sym(best.expectedError(), "fit")));
            z.add(value(round(w.localZ(), 4), null));
        }
        return data(List.of(variable("Signal region M_{jj}", "GeV", sr, null)), List.of(
                variable("Selection efficiency (fraction of SR data kept)", null, eff, null),
                variable("Selected events", null, selected, null),
                variable("Expected background (masked fit)", null, expected, null),
                variable("Local significance Z", null, z, null)));
    }

    /** The rows of the significance table (null when there are none): method, local Z and p, global Z and p. */
    static List<Map<String, Object>> significances(RunResults r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunSummary.SignificanceRow row : new RunSummary(r).significance()) {
            if (!row.computed()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", row.title());
            m.put("localZ", row.z());
            m.put("localP", row.p());
            m.put("globalZ", row.globalZ());
            m.put("globalP", row.globalP());
            m.put("globalPError", globalPError(r, row.key()));
            m.put("toysIfLowerBound", toysIfLowerBound(r, row.key()));
            rows.add(m);
        }
        return rows.isEmpty() ? null : rows;
    }

    /** The toys of a global Z that is a lower bound (no toy reached the data), else null. */
    private static Integer toysIfLowerBound(RunResults r, String key) {
        if ("bumpHunt".equals(key) && r.bumpHunt() != null && r.bumpHunt().bumpHunter() != null
                && r.bumpHunt().bumpHunter().globalZIsLowerBound()) {
            return r.bumpHunt().bumpHunter().toys();
        }
        Scan.Global g = r.scan() == null ? null : r.scan().global();
        return "scan".equals(key) && g != null && g.globalZIsLowerBound() ? g.toys() : null;
    }

    private static Double globalPError(RunResults r, String key) {
        if ("bumpHunt".equals(key) && r.bumpHunt() != null && r.bumpHunt().bumpHunter() != null) {
            return r.bumpHunt().bumpHunter().globalPError();
        }
        Scan.Global g = r.scan() == null ? null : r.scan().global();
        return "scan".equals(key) && g != null ? g.globalPError() : null;
    }

    private static Map<String, Object> sigTable(List<Map<String, Object>> rows) {
        List<Object> method = new ArrayList<>();
        List<Object> lz = new ArrayList<>();
        List<Object> lp = new ArrayList<>();
        List<Object> gz = new ArrayList<>();
        List<Object> gp = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", row.get("method"));
            method.add(m);
            lz.add(value(sig(row.get("localZ")), null));
            lp.add(value(sig(row.get("localP")), null));
            Integer bound = (Integer) row.get("toysIfLowerBound");
            Double err = (Double) row.get("globalPError");
            if (bound != null) {
                // no toy reached the data: p < 1 / toys and Z above the value, said as text (HEPData allows it)
                gz.add(text(">= " + sig(row.get("globalZ"))));
                gp.add(text("< " + RunSummary.formatNumber(round(1.0 / bound, 2))));
            } else {
                gz.add(value(sig(row.get("globalZ")), null));
                gp.add(value(sig(row.get("globalP")), err == null || !(err > 0) ? null : sym(round(err, 2), "toys")));
            }
        }
        return data(List.of(variable("Method", null, method, null)), List.of(
                variable("Local significance Z", null, lz, null), variable("Local p-value", null, lp, null),
                variable("Global significance Z", null, gz, null), variable("Global p-value", null, gp, null)));
    }

    private static Map<String, Object> text(String v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v);
        return m;
    }

    private static double sig(Object v) {
        return v == null ? Double.NaN : round((Double) v, 4);
    }

    private static Map<String, Object> data(List<Object> independent, List<Object> dependent) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("independent_variables", independent);
        d.put("dependent_variables", dependent);
        return d;
    }

    private static Map<String, Object> variable(String name, String units, List<Object> values,
                                                List<Object> qualifiers) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", name);
        if (units != null) {
            header.put("units", units);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("header", header);
        if (qualifiers != null) {
            v.put("qualifiers", qualifiers);
        }
        v.put("values", values);
        return v;
    }

    private static List<Object> qualifiers(SampleLabel sample, String what) {
        List<Object> q = new ArrayList<>();
        q.add(qualifier("SQRT(S)", number(sample.sqrtSGeV()), "GeV"));
        if (!sample.text().isEmpty()) {
            q.add(qualifier("Sample", sample.text(), null));
        }
        q.add(qualifier("Curve", what, null));
        return q;
    }

    private static Map<String, Object> qualifier(String name, Object value, String units) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        if (units != null) {
            m.put("units", units);
        }
        return m;
    }

    private static Map<String, Object> range(double lo, double hi) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", lo);
        m.put("high", hi);
        return m;
    }

    /** {@code value: v} (rounded to 6 significant digits, "-" when not finite) with its errors. */
    private static Map<String, Object> value(double v, Map<String, Object> error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", Double.isFinite(v) ? number(round(v, 6)) : MISSING);
        if (error != null && Double.isFinite(v)) {
            m.put("errors", List.of(error));
        }
        return m;
    }

    private static Map<String, Object> sym(double e, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symerror", number(round(e, 6)));
        m.put("label", label);
        return m;
    }

    /** HEPData's convention: minus is negative. */
    private static Map<String, Object> asym(double minus, double plus, String label) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("minus", number(round(minus, 4)));
        a.put("plus", number(round(plus, 4)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asymerror", a);
        m.put("label", label);
        return m;
    }

    /** Integers as integers ("6138", not "6138.0"). */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    /** {@code v} to {@code digits} significant digits. */
    static double round(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    private static Yaml yaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(120);
        o.setSplitLines(false);
        o.setAllowUnicode(true);
        return new Yaml(o);
    }
}
