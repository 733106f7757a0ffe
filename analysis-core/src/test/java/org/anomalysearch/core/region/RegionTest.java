package org.anomalysearch.core.region;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.anomalysearch.core.InvalidConfigException;
import org.junit.jupiter.api.Test;

class RegionTest {

    @Test
    void regionValidates() {
        assertThrows(IllegalArgumentException.class, () -> new Region(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Region(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Region(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Region(0, Double.POSITIVE_INFINITY));
        Region r = new Region(3300, 3700);
        assertTrue(r.contains(3300));
        assertFalse(r.contains(3700));
        assertEquals(400, r.width());
        assertEquals("[3300, 3700)", r.toString());
    }

    @Test
    void regionSetRequiresTouchingSidebands() {
        RegionSet ok = new RegionSet(new Region(2900, 3300), new Region(3300, 3700), new Region(3700, 4100));
        assertTrue(ok.inSideband(3000));
        assertTrue(ok.inSignal(3500));
        assertFalse(ok.inSideband(3500));
        InvalidConfigException gap = assertThrows(InvalidConfigException.class,
                () -> new RegionSet(new Region(2900, 3200), new Region(3300, 3700), new Region(3700, 4100)));
        assertEquals("regions.lowSideband", gap.key());
        assertTrue(gap.getMessage().contains("3200") && gap.getMessage().contains("3300"), gap.getMessage());
        InvalidConfigException overlap = assertThrows(InvalidConfigException.class,
                () -> new RegionSet(new Region(2900, 3300), new Region(3300, 3700), new Region(3600, 4100)));
        assertEquals("regions.highSideband", overlap.key());
    }

    @Test
    void signalRegionOutsideDataRangeNamesTheValues() {
        RegionSet rs = RegionSet.around(3300, 3700, 200, 200);
        assertSame(rs, rs.checkWithin(1500, 8000));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> rs.checkWithin(1500, 3500));
        assertTrue(e.getMessage().contains("SR outside the data range"), e.getMessage());
        assertTrue(e.getMessage().contains("[3300, 3700)") && e.getMessage().contains("[1500, 3500]"), e.getMessage());
        InvalidConfigException tev = assertThrows(InvalidConfigException.class, () -> rs.checkWithin(1.5, 8.0));
        assertTrue(tev.hint().contains("TeV"));
    }

    @Test
    void linearWindowsTileTheSearchedRangeWithSidebandsBeyond() {
        List<RegionSet> w = SlidingWindows.linear(2000, 4000, 400, 200, 300);
        // SRs start at 2000, 2200, ... while start + 400 <= 4000 -> last start 3600: the SRs cover [2000, 4000]
        assertEquals(9, w.size());
        assertEquals(2000, w.get(0).signal().lo(), 1e-9);
        assertEquals(1700, w.get(0).lowSideband().lo(), 1e-9, "the first window's sideband lies below the range");
        assertEquals(4000, w.get(8).signal().hi(), 1e-9);
        for (RegionSet r : w) {
            assertTrue(r.signal().lo() >= 2000 - 1e-9 && r.signal().hi() <= 4000 + 1e-9);
            assertEquals(400, r.signal().width(), 1e-9);
            assertEquals(300, r.lowSideband().width(), 1e-9);
        }
        assertTrue(w.get(0).signal().overlaps(w.get(1).signal()));
        assertThrows(InvalidConfigException.class, () -> SlidingWindows.linear(2000, 2300, 400, 200, 300));
    }

    @Test
    void logWindowsAreLogSpaced() {
        List<RegionSet> w = SlidingWindows.logarithmic(1000, 8000, 12, 2, 1, 1);
        assertEquals(12 - 4 + 1, w.size());
        double ratio = Math.pow(8.0, 1.0 / 12);
        RegionSet first = w.get(0);
        assertEquals(1000, first.lowSideband().lo(), 1e-9);
        assertEquals(1000 * ratio, first.signal().lo(), 1e-6);
        assertEquals(1000 * ratio * ratio * ratio, first.signal().hi(), 1e-6);
        assertEquals(8000, w.get(w.size() - 1).highSideband().hi(), 1e-9);
        assertThrows(InvalidConfigException.class, () -> SlidingWindows.logarithmic(1000, 8000, 3, 2, 1, 1));
    }

    @Test
    void tooManyWindowsFailBeforeAnyIsMadeNamingTheKey() {
        // issue 18: step 0.000001 and bins 2e9 ran out of memory generating the windows
        InvalidConfigException step = assertThrows(InvalidConfigException.class,
                () -> SlidingWindows.linear(2600, 6000, 400, 0.000001, 400));
        assertEquals("regions.scan.step", step.key());
        assertTrue(step.getMessage().contains("more than 10000"), step.getMessage());
        InvalidConfigException bins = assertThrows(InvalidConfigException.class,
                () -> SlidingWindows.logarithmic(1000, 8000, 2_000_000_000, 2, 1, 1));
        assertEquals("regions.scan.bins", bins.key());
        assertEquals(10_000, SlidingWindows.linear(0, 10_000, 1, 1, 1).size());
        InvalidConfigException width = assertThrows(InvalidConfigException.class,
                () -> org.anomalysearch.core.config.FitConfig.defaults().withBinWidth(0.001));
        assertEquals("fit.binWidth", width.key());
    }
}
