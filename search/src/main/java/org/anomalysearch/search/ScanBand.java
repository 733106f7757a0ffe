package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

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

    /**
     * results.json's {@code scan.seeds}: the seeds, and per window and for the scan the median and band; {@code globals}
     * per seed (the band of the scan is left out when one is null).
     */
    public static Scan.SeedBand of(List<List<ScanWindow>> passes, List<Scan.Global> globals, List<Long> seeds) {
        List<Scan.WindowBand> windows = new ArrayList<>();
        List<ScanWindow> first = passes.get(0);
        for (int w = 0; w < first.size(); w++) {
            double[] z = new double[passes.size()];
            for (int r = 0; r < z.length; r++) {
                z[r] = passes.get(r).get(w).localZ();
            }
            double[] b = band(z);
            windows.add(new Scan.WindowBand(first.get(w).signalRegion(), z, b[1], new double[] {b[0], b[2]}));
        }
        Scan.GlobalBand global = null;
        if (globals.stream().allMatch(g -> g != null)) {
            double[] lz = globals.stream().mapToDouble(Scan.Global::localZ).toArray();
            double[] gz = globals.stream().mapToDouble(Scan.Global::globalZ).toArray();
            double[] bl = band(lz);
            double[] bg = band(gz);
            global = new Scan.GlobalBand(lz, bl[1], new double[] {bl[0], bl[2]}, gz, bg[1], new double[] {bg[0], bg[2]});
        }
        return new Scan.SeedBand(seeds, windows, global);
    }
}
