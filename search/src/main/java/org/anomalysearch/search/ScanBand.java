package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scan repeated with several seeds (as sk_cathode's demos report results): per window the median local Z with its
 * 68 % band (16th and 84th percentiles over the seeds), and the same for the scan's smallest-p local Z and global Z.
 * The first seed is the run's own; its numbers are the run's headline results.
 */
public final class ScanBand {

    private ScanBand() {
    }

    /** The 16th, 50th and 84th percentiles of {@code v} (linear interpolation between order statistics). */
    public static double[] band(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return new double[] {quantile(s, 0.16), quantile(s, 0.5), quantile(s, 0.84)};
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int a = (int) Math.floor(pos);
        int b = Math.min(sorted.length - 1, a + 1);
        return sorted[a] + (pos - a) * (sorted[b] - sorted[a]);
    }

    /** results.json's {@code scan.seeds}: the seeds, and per window and for the scan the median and band. */
    public static Map<String, Object> toMap(List<List<WindowResult>> passes, List<ScanSignificance.Result> globals,
                                     List<Long> seeds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", seeds);
        List<Object> windows = new ArrayList<>();
        List<WindowResult> first = passes.get(0);
        for (int w = 0; w < first.size(); w++) {
            double[] z = new double[passes.size()];
            for (int r = 0; r < z.length; r++) {
                z[r] = passes.get(r).get(w).localZ();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("signalRegion", new double[] {first.get(w).window().signal().lo(), first.get(w).window().signal()
                    .hi()});
            row.put("localZ", z);
            put(row, "localZ", band(z));
            windows.add(row);
        }
        m.put("windows", windows);
        if (globals.stream().allMatch(g -> g != null)) {
            double[] lz = globals.stream().mapToDouble(ScanSignificance.Result::localZ).toArray();
            double[] gz = globals.stream().mapToDouble(g -> g.global().z()).toArray();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("localZ", lz);
            put(g, "localZ", band(lz));
            g.put("globalZ", gz);
            put(g, "globalZ", band(gz));
            m.put("global", g);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, double[] band) {
        m.put(key + "Median", band[1]);
        m.put(key + "Band68", new double[] {band[0], band[2]});
    }
}
