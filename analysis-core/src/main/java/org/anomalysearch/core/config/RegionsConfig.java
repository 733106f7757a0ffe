package org.anomalysearch.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.region.RegionSet;

/**
 * Config section {@code regions}: one signal region with sidebands, or (when {@code scan} is given) sliding
 * windows. GeV.
 *
 * @param signalLo          SR lower edge (default 3300)
 * @param signalHi          SR upper edge (default 3700)
 * @param lowSidebandWidth  width of the sideband below the SR (default 400)
 * @param highSidebandWidth width of the sideband above the SR (default 400)
 * @param scan              sliding windows, or null (key absent: the single SR above)
 */
public record RegionsConfig(double signalLo, double signalHi, double lowSidebandWidth, double highSidebandWidth,
                            ScanConfig scan) {
    static final List<String> KEYS = List.of("signalLo", "signalHi", "lowSidebandWidth", "highSidebandWidth", "scan");

    public RegionsConfig {
        if (!Double.isFinite(signalLo) || !Double.isFinite(signalHi) || !(signalLo < signalHi)) {
            throw new org.anomalysearch.core.InvalidConfigException("regions.signalLo",
                    "the signal region needs finite signalLo < signalHi, got [" + signalLo + ", " + signalHi + "]",
                    "e.g. signalLo: 3300, signalHi: 3700 (GeV)");
        }
        RegionSet.around(signalLo, signalHi, lowSidebandWidth, highSidebandWidth);
    }

    public static RegionsConfig defaults() {
        return new RegionsConfig(3300, 3700, 400, 400, null);
    }

    public boolean isScan() {
        return scan != null;
    }

    /** The single signal region with its sidebands. */
    public RegionSet signalRegionSet() {
        return RegionSet.around(signalLo, signalHi, lowSidebandWidth, highSidebandWidth);
    }

    /** The scan's windows if {@link #isScan()}, else the single region set. */
    public List<RegionSet> regionSets() {
        return scan != null ? scan.regionSets() : List.of(signalRegionSet());
    }

    static RegionsConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        RegionsConfig d = defaults();
        ScanConfig scan = m.has("scan") ? ScanConfig.fromMap(m.key("scan"), m.raw("scan")) : null;
        return new RegionsConfig(m.getDouble("signalLo", d.signalLo), m.getDouble("signalHi", d.signalHi),
                m.getDouble("lowSidebandWidth", d.lowSidebandWidth), m.getDouble("highSidebandWidth", d.highSidebandWidth),
                scan);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signalLo", signalLo);
        m.put("signalHi", signalHi);
        m.put("lowSidebandWidth", lowSidebandWidth);
        m.put("highSidebandWidth", highSidebandWidth);
        if (scan != null) {
            m.put("scan", scan.toMap());
        }
        return m;
    }
}
