package org.anomalysearch.export.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables both exporters show: the pipeline stages (done, or "not computed yet") and the significance of
 * each method, read from a run's results.json.
 */
public final class RunSummary {

    /** What a table cell shows for a stage or method that the run did not reach. */
    public static final String NOT_COMPUTED = "not computed yet";

    /** A pipeline stage and the results.json key its result is stored under. */
    public record Stage(String title, String key) {
    }

    /** The stages in pipeline order. */
    public static final List<Stage> STAGES = List.of(
            new Stage("Generate (synthetic events)", "generatedEvents"),
            new Stage("Selection (event table)", "selectedEvents"),
            new Stage("Background model (density estimation)", "densityModel"),
            new Stage("Classifier (CWoLa)", "classifier"),
            new Stage("Bump hunt", "bumpHunt"),
            new Stage("FPGA export", "fpga"));

    /** A significance method: its results.json key (under {@code significance}) and its title. */
    public record Method(String key, String title) {
    }

    /** The methods always listed, in this order; other methods found in results.json follow. */
    public static final List<Method> METHODS = List.of(
            new Method("counting", "Counting, Z0 without background uncertainty"),
            new Method("sidebandFit", "Sideband fit, profile likelihood (local)"),
            new Method("template", "Template (sampled background)"),
            new Method("bumpHunter", "BumpHunter scan (global, look-elsewhere)"));

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

    private static final List<String> Z_KEYS = List.of("Z", "z", "localZ", "zLocal", "significance");
    private static final List<String> P_KEYS = List.of("p", "pValue", "localP", "pLocal");
    private static final List<String> GLOBAL_Z_KEYS = List.of("globalZ", "zGlobal");
    private static final List<String> GLOBAL_P_KEYS = List.of("globalP", "pGlobal");

    private final Map<String, Object> results;

    public RunSummary(Map<String, Object> results) {
        this.results = results;
    }

    /** The stages of {@link #STAGES} with their status. */
    public List<StageRow> stages() {
        List<StageRow> rows = new ArrayList<>();
        for (Stage s : STAGES) {
            Object v = results.get(s.key());
            rows.add(v == null ? new StageRow(s.title(), s.key(), false, NOT_COMPUTED)
                    : new StageRow(s.title(), s.key(), true, brief(v)));
        }
        return rows;
    }

    /**
     * The significance rows: every method of {@link #METHODS} (computed or not), then any other method under
     * results.json's {@code significance} object (or list of objects with a {@code method} key).
     */
    public List<SignificanceRow> significance() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        Object sig = results.get("significance");
        if (sig instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                found.put(String.valueOf(e.getKey()), asObject(e.getValue()));
            }
        } else if (sig instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = asObject(o);
                found.put(String.valueOf(m.getOrDefault("method", "method " + (found.size() + 1))), m);
            }
        } else if (sig != null) {
            found.put("significance", asObject(sig));
        }
        List<SignificanceRow> rows = new ArrayList<>();
        for (Method method : METHODS) {
            Map<String, Object> m = found.remove(method.key());
            rows.add(m == null ? new SignificanceRow(method.title(), method.key(), false, null, null, null, null,
                    Map.of()) : row(method.title(), method.key(), m));
        }
        for (Map.Entry<String, Map<String, Object>> e : found.entrySet()) {
            rows.add(row(e.getKey(), e.getKey(), e.getValue()));
        }
        return rows;
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
