package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

/**
 * The scan over several trainings reports, per (window, efficiency), the entry of its median training by signed local
 * Z (the lower middle one for an even number), whole; a window's headline is then its combined efficiency with the
 * smallest p.
 */
class ScanCombinationTest {

    private static ScanWindow.Efficiency entry(double eff, double z, long selected) {
        return new ScanWindow.Efficiency(eff, 0.5, selected, 10 * selected, null, selected - 1.0, 1, Math.max(0, z),
                z > 0 ? Significance.pFromZ(z) : 0.5, z, false, null, null, new double[0]);
    }

    /** A pass of two windows; {@code z[w][e]} for efficiencies 0.2 and 0.05, selected count {@code tag}. */
    private static List<ScanWindow> pass(double[][] z, long tag) {
        List<ScanWindow> out = new ArrayList<>();
        for (int w = 0; w < z.length; w++) {
            RegionSet rs = RegionSet.around(3300 + 200 * w, 3700 + 200 * w, 400, 400);
            List<ScanWindow.Efficiency> effs = List.of(entry(0.2, z[w][0], tag), entry(0.05, z[w][1], tag + 1));
            out.add(new ScanWindow(ScanWindow.range(rs.lowSideband()), ScanWindow.range(rs.signal()),
                    ScanWindow.range(rs.highSideband()), 100, 50, 0, 0, 0, Double.NaN, 200, 3100, 7000,
                    new double[] {3100, 7000}, null, effs));
        }
        return out;
    }

    @Test
    void eachTestReportsItsMedianTraining() {
        List<ScanWindow> a = pass(new double[][] {{3.5, 0.1}, {-1, 2.0}}, 100);
        List<ScanWindow> b = pass(new double[][] {{0.2, 0.3}, {1.0, 2.5}}, 200);
        List<ScanWindow> c = pass(new double[][] {{1.1, -0.4}, {0.5, 2.2}}, 300);
        List<Double> effs = List.of(0.2, 0.05);
        int[][] pick = ScanCombination.medianPasses(List.of(a, b, c), effs);
        assertEquals(2, pick[0][0], "3.5, 0.2, 1.1: the median is the third training's 1.1");
        assertEquals(0, pick[0][1], "0.1, 0.3, -0.4: the first's 0.1");
        assertEquals(2, pick[1][0], "-1, 1.0, 0.5: the third's 0.5");
        assertEquals(2, pick[1][1]);
        List<ScanWindow> m = ScanCombination.combine(List.of(a, b, c), effs);
        assertSame(c.get(0).at(0.2), m.get(0).at(0.2), "the median training's entry, whole");
        assertEquals(1.1, m.get(0).localZ(), 1e-12, "window 0's headline: the combined 0.2 (Z 1.1) beats 0.05 (0.1)");
        assertEquals(0.2, m.get(0).bestEfficiency());
        assertEquals(300, m.get(0).selectedEvents());
        assertEquals(2.2, m.get(1).localZ(), 1e-12);
        assertEquals(301, m.get(1).selectedEvents(), "its selected count is the third training's at 0.05");

        int[][] two = ScanCombination.medianPasses(List.of(a, b), effs);
        assertEquals(1, two[0][0], "two trainings: the lower of 3.5 and 0.2");
        assertEquals(0, two[1][1], "the lower of 2.0 and 2.5");
        assertEquals(List.of(a.get(0), a.get(1)).get(0).at(0.2), ScanCombination.combine(List.of(a), effs).get(0)
                .at(0.2), "one training is itself");
    }

    @Test
    void trainingsOfDifferentWindowsAreRefused() {
        List<ScanWindow> a = pass(new double[][] {{1, 1}, {1, 1}}, 1);
        List<ScanWindow> b = pass(new double[][] {{1, 1}}, 1);
        assertThrows(IllegalArgumentException.class, () -> ScanCombination.combine(List.of(a, b), List.of(0.2)));
        assertEquals(0, ScanCombination.medianRank(1));
        assertEquals(0, ScanCombination.medianRank(2));
        assertEquals(1, ScanCombination.medianRank(3));
        assertEquals(1, ScanCombination.medianRank(4));
    }
}
