package org.anomalysearch.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.region.SlidingWindows;

/**
 * Config section {@code regions.scan}: sliding signal-region windows (see {@link SlidingWindows}).
 *
 * @param spacing       {@code linear} (default: fixed-width windows) or {@code log} (log-spaced bins)
 * @param lo            lower end of the searched mjj range, GeV (default 2600); linear: the first SR's lower edge
 * @param hi            upper end, GeV (default 6000); linear: the last SR ends at or below it (sidebands beyond)
 * @param width         linear: SR width, GeV (default 400)
 * @param step          linear: distance between consecutive SR starts, GeV (default 200; &lt; width overlaps)
 * @param sidebandWidth linear: width of each sideband, GeV (default 1000: the density models train on 2.5 times the
 *                      events of 400 GeV sidebands; docs/fit-range.md, session 12)
 * @param bins          log: number of log-spaced bins on [lo, hi] (default 16)
 * @param signalBins    log: bins per SR (default 2)
 * @param sidebandBins  log: bins per sideband (default 2)
 * @param stepBins      log: bins between consecutive windows (default 1)
 */
public record ScanConfig(String spacing, double lo, double hi, double width, double step, double sidebandWidth,
                         int bins, int signalBins, int sidebandBins, int stepBins) {
    static final List<String> KEYS = List.of("spacing", "lo", "hi", "width", "step", "sidebandWidth", "bins",
            "signalBins", "sidebandBins", "stepBins");
    public static final List<String> SPACINGS = List.of("linear", "log");

    public ScanConfig {
        if (!SPACINGS.contains(spacing)) {
            throw new InvalidConfigException("regions.scan.spacing", "unknown spacing '" + spacing + "'",
                    "use linear or log");
        }
        regionSetsOf(spacing, lo, hi, width, step, sidebandWidth, bins, signalBins, sidebandBins, stepBins);
    }

    public static ScanConfig defaults() {
        return new ScanConfig("linear", 2600, 6000, 400, 200, 1000, 16, 2, 2, 1);
    }

    /** The windows, each a validated {@link RegionSet}. */
    public List<RegionSet> regionSets() {
        return regionSetsOf(spacing, lo, hi, width, step, sidebandWidth, bins, signalBins, sidebandBins, stepBins);
    }

    private static List<RegionSet> regionSetsOf(String spacing, double lo, double hi, double width, double step,
                                                double sidebandWidth, int bins, int signalBins, int sidebandBins,
                                                int stepBins) {
        return spacing.equals("log") ? SlidingWindows.logarithmic(lo, hi, bins, signalBins, sidebandBins, stepBins)
                : SlidingWindows.linear(lo, hi, width, step, sidebandWidth);
    }

    static ScanConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        ScanConfig d = defaults();
        return new ScanConfig(m.getString("spacing", d.spacing), m.getDouble("lo", d.lo), m.getDouble("hi", d.hi),
                m.getDouble("width", d.width), m.getDouble("step", d.step), m.getDouble("sidebandWidth", d.sidebandWidth),
                m.getInt("bins", d.bins), m.getInt("signalBins", d.signalBins), m.getInt("sidebandBins", d.sidebandBins),
                m.getInt("stepBins", d.stepBins));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spacing", spacing);
        m.put("lo", lo);
        m.put("hi", hi);
        m.put("width", width);
        m.put("step", step);
        m.put("sidebandWidth", sidebandWidth);
        m.put("bins", bins);
        m.put("signalBins", signalBins);
        m.put("sidebandBins", sidebandBins);
        m.put("stepBins", stepBins);
        return m;
    }
}
