package org.anomalysearch.search;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;

/**
 * The outcome of one window of the scan.
 *
 * @param window             the signal region and sidebands
 * @param sidebandEvents     selected events in the sidebands
 * @param signalRegionEvents selected events in the signal region
 * @param selectedEvents     signal-region events passing the window's classifier cut
 * @param expectedBackground background expected among the selected events
 * @param localZ             local significance of the selected excess
 * @param metrics            further numbers of the stage (e.g. "sic.max", "eff.0.01.selected"), sorted by name
 * @param series             arrays of the stage (e.g. bin edges and selected counts per bin), sorted by name
 */
public record WindowResult(RegionSet window, long sidebandEvents, long signalRegionEvents, long selectedEvents,
                           double expectedBackground, double localZ, Map<String, Double> metrics,
                           Map<String, double[]> series) implements Serializable {

    public WindowResult {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        TreeMap<String, double[]> s = new TreeMap<>();
        series.forEach((k, v) -> s.put(k, v.clone()));
        series = Collections.unmodifiableMap(s);
    }

    /** Without series. */
    public WindowResult(RegionSet window, long sidebandEvents, long signalRegionEvents, long selectedEvents,
                        double expectedBackground, double localZ, Map<String, Double> metrics) {
        this(window, sidebandEvents, signalRegionEvents, selectedEvents, expectedBackground, localZ, metrics, Map.of());
    }

    /** Series {@code name} (a copy), or null. */
    public double[] series(String name) {
        double[] v = series.get(name);
        return v == null ? null : v.clone();
    }

    /** As text values for a checkpoint (exact: doubles via {@link Double#toString}). */
    public Map<String, String> toValues() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lowSideband.lo", Double.toString(window.lowSideband().lo()));
        m.put("signal.lo", Double.toString(window.signal().lo()));
        m.put("signal.hi", Double.toString(window.signal().hi()));
        m.put("highSideband.hi", Double.toString(window.highSideband().hi()));
        m.put("sidebandEvents", Long.toString(sidebandEvents));
        m.put("signalRegionEvents", Long.toString(signalRegionEvents));
        m.put("selectedEvents", Long.toString(selectedEvents));
        m.put("expectedBackground", Double.toString(expectedBackground));
        m.put("localZ", Double.toString(localZ));
        metrics.forEach((k, v) -> m.put("metric." + k, Double.toString(v)));
        series.forEach((k, v) -> {
            StringBuilder sb = new StringBuilder();
            for (double x : v) {
                sb.append(sb.length() == 0 ? "" : ",").append(x);
            }
            m.put("series." + k, sb.toString());
        });
        return m;
    }

    /** Reads {@link #toValues()} back. */
    public static WindowResult fromValues(Map<String, String> v) {
        double slo = Double.parseDouble(v.get("signal.lo"));
        double shi = Double.parseDouble(v.get("signal.hi"));
        RegionSet w = new RegionSet(new Region(Double.parseDouble(v.get("lowSideband.lo")), slo), new Region(slo, shi),
                new Region(shi, Double.parseDouble(v.get("highSideband.hi"))));
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, double[]> series = new TreeMap<>();
        v.forEach((k, x) -> {
            if (k.startsWith("metric.")) {
                metrics.put(k.substring(7), Double.parseDouble(x));
            } else if (k.startsWith("series.")) {
                series.put(k.substring(7), x.isEmpty() ? new double[0]
                        : Arrays.stream(x.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        });
        return new WindowResult(w, Long.parseLong(v.get("sidebandEvents")), Long.parseLong(v.get("signalRegionEvents")),
                Long.parseLong(v.get("selectedEvents")), Double.parseDouble(v.get("expectedBackground")),
                Double.parseDouble(v.get("localZ")), metrics, series);
    }

    /** For results.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lowSideband", new double[] {window.lowSideband().lo(), window.lowSideband().hi()});
        m.put("signalRegion", new double[] {window.signal().lo(), window.signal().hi()});
        m.put("highSideband", new double[] {window.highSideband().lo(), window.highSideband().hi()});
        m.put("sidebandEvents", sidebandEvents);
        m.put("signalRegionEvents", signalRegionEvents);
        m.put("selectedEvents", selectedEvents);
        m.put("expectedBackground", expectedBackground);
        m.put("localZ", localZ);
        m.put("metrics", new LinkedHashMap<>(metrics));
        if (!series.isEmpty()) {
            m.put("series", new LinkedHashMap<>(series));
        }
        return m;
    }

    /** Reads {@link #toMap()} back from results.json as Jackson parses it (numbers, lists, maps). */
    public static WindowResult fromMap(Map<String, Object> m) {
        double[] lsb = doubles(m.get("lowSideband"));
        double[] sr = doubles(m.get("signalRegion"));
        double[] hsb = doubles(m.get("highSideband"));
        RegionSet w = new RegionSet(new Region(lsb[0], lsb[1]), new Region(sr[0], sr[1]), new Region(hsb[0], hsb[1]));
        Map<String, Double> metrics = new TreeMap<>();
        if (m.get("metrics") instanceof Map<?, ?> mm) {
            mm.forEach((k, v) -> metrics.put(String.valueOf(k), ((Number) v).doubleValue()));
        }
        Map<String, double[]> series = new TreeMap<>();
        if (m.get("series") instanceof Map<?, ?> ss) {
            ss.forEach((k, v) -> series.put(String.valueOf(k), doubles(v)));
        }
        return new WindowResult(w, ((Number) m.get("sidebandEvents")).longValue(),
                ((Number) m.get("signalRegionEvents")).longValue(), ((Number) m.get("selectedEvents")).longValue(),
                ((Number) m.get("expectedBackground")).doubleValue(), ((Number) m.get("localZ")).doubleValue(), metrics,
                series);
    }

    private static double[] doubles(Object o) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list of numbers, got " + o);
        }
        return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
}
