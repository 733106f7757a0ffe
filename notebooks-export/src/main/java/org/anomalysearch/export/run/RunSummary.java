package org.anomalysearch.export.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables both exporters show, read from a run's results.json (schema version 2, the same for {@code run} and the
 * demo): the pipeline stages that ran with their headline numbers, the significance of each method, and the ML scan's
 * windows. A stage the run did not reach says so; a stage that ran is never shown as missing.
 *
 * <p>Keys: {@code generate} ({@code events}; demo only), {@code select} ({@code eventsIn}, {@code eventsOut}),
 * {@code bumpHunt} (the inclusive bump hunt: {@code status}, {@code fitRange}, {@code fit}, {@code bumpHunter}),
 * {@code scan} (the density + CWoLa scan: {@code windows}, {@code skippedWindows}, {@code plannedWindows},
 * {@code global}) and {@code significance} (further methods by name, each with {@code Z}, {@code p}, ...).
 */
public final class RunSummary {

    /** What a table cell shows for a stage or method that the run did not reach. */
    public static final String NOT_COMPUTED = "not computed yet";

    /** A pipeline stage and the results.json key its result is stored under. */
    public record Stage(String title, String key) {
    }

    /** The stages in pipeline order; {@code generate} is listed only when present. */
    public static final List<Stage> STAGES = List.of(
            new Stage("Generate (synthetic events)", "generate"),
            new Stage("Selection (event table)", "select"),
            new Stage("Bump hunt (inclusive spectrum)", "bumpHunt"),
            new Stage("Density model + CWoLa scan", "scan"));

    /** A significance method: its results.json key (under {@code significance}) and its title. */
    public record Method(String key, String title) {
    }

    /** Titles of the methods under {@code significance} that the demo writes. */
    public static final List<Method> METHODS = List.of(
            new Method("counting", "Counting, Z0 without background uncertainty"),
            new Method("sidebandFit", "Sideband fit of the configured SR, profile likelihood (local)"));

    /** One row of the stage table: status is a short summary or {@link #NOT_COMPUTED}. */
    public record StageRow(String title, String key, boolean done, String status) {
    }

    /**
     * One row of the significance table; absent numbers are null.
     *
     * @param details every other scalar of the method's object, formatted
     */
    public record SignificanceRow(String title, String key, boolean computed, Double z, Double p, Double globalZ,
                                  Double globalP, Map<String, String> details) {
    }

    /**
     * One window of the ML scan.
     *
     * @param computed false for a window the scan could not compute (then {@code note} says why)
     */
    public record WindowRow(double signalLo, double signalHi, boolean computed, Double localZ, Double efficiency,
                            Double selected, Double expected, Double expectedError, String note) {
    }

    private static final List<String> Z_KEYS = List.of("Z", "z", "localZ");
    private static final List<String> P_KEYS = List.of("p", "pValue", "localP");
    private static final List<String> GLOBAL_Z_KEYS = List.of("globalZ");
    private static final List<String> GLOBAL_P_KEYS = List.of("globalP");

    private final Map<String, Object> results;

    public RunSummary(Map<String, Object> results) {
        this.results = results;
    }

    /** The stages with their status: every stage of {@link #STAGES} but {@code generate} when absent. */
    public List<StageRow> stages() {
        List<StageRow> rows = new ArrayList<>();
        for (Stage s : STAGES) {
            Object v = results.get(s.key());
            if (v == null && s.key().equals("generate")) {
                continue;
            }
            String status = v == null ? (s.key().equals("scan") ? "not run (no search section, or --stage none)"
                    : NOT_COMPUTED) : switch (s.key()) {
                case "select" -> select(asObject(v));
                case "bumpHunt" -> bumpHunt(asObject(v));
                case "scan" -> scan(asObject(v));
                default -> brief(v);
            };
            rows.add(new StageRow(s.title(), s.key(), v != null, status));
        }
        return rows;
    }

    private static String select(Map<String, Object> m) {
        return num(m.get("eventsOut")) + " of " + num(m.get("eventsIn")) + " events selected";
    }

    private static String bumpHunt(Map<String, Object> m) {
        Map<String, Object> range = asObject(m.getOrDefault("fitRange", Map.of()));
        Map<String, Object> fit = asObject(m.getOrDefault("fit", Map.of()));
        String fitPart = "fit from " + num(range.get("lo")) + " GeV (" + range.getOrDefault("rule", "?") + "), "
                + num(fit.get("nParams")) + " parameters, p = " + num(fit.get("pValue"));
        if (!"passed".equals(m.get("status"))) {
            return "background fit REJECTED, no excess reported: " + m.getOrDefault("rejection", "") + " (" + fitPart
                    + ")";
        }
        Map<String, Object> b = asObject(m.getOrDefault("bumpHunter", Map.of()));
        return fitPart + "; most significant window [" + num(b.get("windowLo")) + ", " + num(b.get("windowHi"))
                + ") GeV, local Z = " + num(b.get("localZ")) + ", global Z = "
                + (Boolean.TRUE.equals(b.get("globalZIsLowerBound")) ? ">= " : "") + num(b.get("globalZ"));
    }

    private static String scan(Map<String, Object> m) {
        List<?> windows = m.get("windows") instanceof List<?> l ? l : List.of();
        String counts = windows.size() + " of " + num(m.getOrDefault("plannedWindows", windows.size()))
                + " windows computed";
        if (!(m.get("global") instanceof Map<?, ?> g)) {
            return counts;
        }
        Map<String, Object> global = asObject(g);
        Object w = global.get("window");
        String where = "";
        if (w instanceof Number n && n.intValue() >= 0 && n.intValue() < windows.size()) {
            Map<String, Object> win = asObject(windows.get(n.intValue()));
            if (win.get("signalRegion") instanceof List<?> sr && sr.size() == 2) {
                where = "; most significant SR [" + num(sr.get(0)) + ", " + num(sr.get(1)) + ") GeV";
            }
        }
        return counts + where + ", local Z = " + num(global.get("localZ")) + ", global Z = "
                + (Boolean.TRUE.equals(global.get("globalZIsLowerBound")) ? ">= " : "") + num(global.get("globalZ"))
                + " (" + num(global.get("toys")) + " toys)";
    }

    /**
     * The significance rows: BumpHunter on the inclusive spectrum and the ML scan's global significance when they
     * ran, then every method under results.json's {@code significance} object.
     */
    public List<SignificanceRow> significance() {
        List<SignificanceRow> rows = new ArrayList<>();
        if (results.get("bumpHunt") instanceof Map<?, ?> bh) {
            Map<String, Object> m = asObject(bh);
            if (m.get("bumpHunter") instanceof Map<?, ?> b) {
                Map<String, Object> copy = new LinkedHashMap<>(asObject(b));
                copy.remove("toyProcedure");
                rows.add(row("BumpHunter, inclusive spectrum (global: refitted toys)", "bumpHunt", copy));
            } else {
                rows.add(new SignificanceRow("BumpHunter, inclusive spectrum", "bumpHunt", false, null, null, null,
                        null, Map.of("status", "background fit rejected: no excess reported")));
            }
        }
        if (results.get("scan") instanceof Map<?, ?> sc && asObject(sc).get("global") instanceof Map<?, ?> g) {
            Map<String, Object> copy = new LinkedHashMap<>(asObject(g));
            copy.remove("statistic");
            copy.remove("method");
            Object en = copy.remove("empiricalNull");
            rows.add(row("Density model + CWoLa scan (global: toys)", "scan", copy));
            if (en instanceof Map<?, ?> e) {
                Map<String, Object> n = new LinkedHashMap<>(asObject(e));
                n.remove("method");
                rows.add(row("Density model + CWoLa scan, empirical null (the scan's own spread; cross-check)",
                        "scanEmpiricalNull", n));
            }
        }
        Object sig = results.get("significance");
        if (sig instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                String title = METHODS.stream().filter(x -> x.key().equals(key)).map(Method::title).findFirst()
                        .orElse(key);
                rows.add(row(title, key, asObject(e.getValue())));
            }
        }
        return rows;
    }

    /** The ML scan's windows in order of the SR, computed ones and those it could not compute. */
    public List<WindowRow> scanWindows() {
        List<WindowRow> rows = new ArrayList<>();
        if (!(results.get("scan") instanceof Map<?, ?> sc)) {
            return rows;
        }
        Map<String, Object> scan = asObject(sc);
        if (scan.get("windows") instanceof List<?> ws) {
            for (Object o : ws) {
                Map<String, Object> w = asObject(o);
                List<?> sr = w.get("signalRegion") instanceof List<?> l ? l : List.of(Double.NaN, Double.NaN);
                Map<String, Object> metrics = w.get("metrics") instanceof Map<?, ?> mm ? asObject(mm) : Map.of();
                Double eff = dbl(metrics.get("bestEfficiency"));
                String k = eff == null ? null : "eff." + eff;
                rows.add(new WindowRow(dbl(sr.get(0)), dbl(sr.get(1)), true, dbl(w.get("localZ")), eff,
                        dbl(w.get("selectedEvents")), dbl(w.get("expectedBackground")),
                        k == null ? null : dbl(metrics.get(k + ".expectedError")), ""));
            }
        }
        if (scan.get("skippedWindows") instanceof List<?> sk) {
            for (Object o : sk) {
                Map<String, Object> w = asObject(o);
                rows.add(new WindowRow(dbl(w.get("signalLo")), dbl(w.get("signalHi")), false, null, null, null, null,
                        null, String.valueOf(w.get("reason"))));
            }
        }
        rows.sort(java.util.Comparator.comparingDouble(WindowRow::signalLo));
        return rows;
    }

    private static Double dbl(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static String num(Object o) {
        return o == null ? "?" : format(o instanceof Number n && !(o instanceof Double) ? n.doubleValue() : o);
    }

    /** The scalar entries of results.json (nested objects flattened with dots), formatted, in file order. */
    public Map<String, String> flatResults() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", results, out);
        return out;
    }

    private static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, format(v));
        }
    }

    private static SignificanceRow row(String title, String key, Map<String, Object> m) {
        Map<String, String> details = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        used.add("method");
        Double z = number(m, Z_KEYS, used);
        Double p = number(m, P_KEYS, used);
        Double gz = number(m, GLOBAL_Z_KEYS, used);
        Double gp = number(m, GLOBAL_P_KEYS, used);
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!used.contains(e.getKey())) {
                details.put(e.getKey(), format(e.getValue()));
            }
        }
        return new SignificanceRow(title, key, true, z, p, gz, gp, details);
    }

    private static Double number(Map<String, Object> m, List<String> keys, List<String> used) {
        for (String k : keys) {
            if (m.get(k) instanceof Number n) {
                used.add(k);
                return n.doubleValue();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Z", o);
        return m;
    }

    /** A one-line summary of a results.json value. */
    static String brief(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof Map) && !(e.getValue() instanceof List)) {
                    parts.add(e.getKey() + " = " + format(e.getValue()));
                }
                if (parts.size() == 4) {
                    break;
                }
            }
            return parts.isEmpty() ? "done" : String.join(", ", parts);
        }
        return format(v);
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
