package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.ScanConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.region.SlidingWindows;
import org.anomalysearch.results.Scan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan adds the lowest window the fit range allows when the configured grid misses it: on a Pythia-like
 * spectrum (TurnOnWindowsTest's draw) the plain fit starts 450-550 GeV above the peak, and the default grid (SRs
 * from 2600 GeV every 200 GeV) has its first computable SR up to 100 GeV above the lowest one the masked fit accepts.
 */
class ScanCoverageTest {

    static double[] mjj;
    static EventBatch events;
    static CwolaWindowStage stage;

    @BeforeAll
    static void spectrum() {
        mjj = TurnOnWindowsTest.draw(300_000, 15);
        events = TurnOnWindowsTest.batch(mjj);
        FitConfig fit = FitConfig.defaults();
        FitRange range = FitRange.resolve("draw", mjj, fit, 3300);
        stage = new CwolaWindowStage(SearchConfig.defaults(), fit).prepare(events, ScanConfig.defaults().regionSets(),
                range.lo());
    }

    @Test
    void theLowestComputableWindowIsAppendedWhenTheGridMissesIt() {
        List<RegionSet> planned = ScanConfig.defaults().regionSets();
        double s = stage.lowestSignalStart(400);
        assertEquals(stage.fitLo() + 200, s, 1e-9, "two fit bins of 100 GeV below the SR");
        RegionSet firstOnGrid = planned.stream().filter(w -> stage.skipReason(w, events) == null).findFirst()
                .orElseThrow();
        List<Scan.AddedWindow> added = new ArrayList<>();
        List<RegionSet> windows = ScanCoverage.withLowestWindow(stage, planned, events, added, null);
        assertEquals(3300, s, 1e-9, "this draw's plain fit starts at 3100 GeV (peak 2650 + 450), off the grid's "
                + "3200 / 3400 GeV");
        assertTrue(firstOnGrid.signal().lo() > s, firstOnGrid + " vs " + s);
        assertEquals(planned.size() + 1, windows.size());
        assertEquals(planned, windows.subList(0, planned.size()), "the configured windows keep their indices");
        RegionSet low = windows.get(planned.size());
        assertEquals(s, low.signal().lo(), 1e-9);
        assertEquals(400, low.signal().width(), 1e-9);
        assertEquals(planned.get(0).lowSideband().width(), low.lowSideband().width(), 1e-9, "the grid's sidebands");
        assertEquals(planned.get(0).highSideband().width(), low.highSideband().width(), 1e-9);
        assertNull(stage.skipReason(low, events), "the added window is computable");
        RegionSet lower = RegionSet.around(s - 100, s + 300, 400, 400);
        assertNotNull(stage.skipReason(lower, events), "100 GeV lower it is not: " + lower);
        assertEquals(1, added.size());
        assertEquals(planned.size(), added.get(0).index());
        assertEquals(s, added.get(0).signalLo(), 1e-9);
        assertTrue(added.get(0).reason().contains(String.format("at %.0f GeV", firstOnGrid.signal().lo())),
                added.get(0).reason());
    }

    @Test
    void aGridThatHasTheWindowAlreadyOrStartsAboveItGetsNothing() {
        double s = stage.lowestSignalStart(400);
        List<RegionSet> fine = SlidingWindows.linear(s - 300, 6000, 400, 100, 400);
        assertSame(fine, ScanCoverage.withLowestWindow(stage, fine, events, new ArrayList<>(), null),
                "a 100 GeV step has a window at " + s);
        List<RegionSet> above = SlidingWindows.linear(s + 100, 6000, 400, 200, 400);
        assertSame(above, ScanCoverage.withLowestWindow(stage, above, events, new ArrayList<>(), null),
                "the configured range starts above " + s + ": not asked for");
        List<RegionSet> log = SlidingWindows.logarithmic(2600, 6000, 16, 2, 2, 1);
        assertSame(log, ScanCoverage.withLowestWindow(stage, log, events, new ArrayList<>(), null),
                "log-spaced windows have no one width");
    }

    @Test
    void aWindowWithTooFewEventsIsNotAdded() {
        double[] few = new double[150];
        for (int i = 0; i < few.length; i++) {
            few[i] = 2000 + 20 * i; // 2000-5000 GeV, 150 events: no window has the density model's sideband events
        }
        EventBatch sparse = TurnOnWindowsTest.batch(few);
        List<RegionSet> planned = ScanConfig.defaults().regionSets();
        assertNotNull(stage.skipReason(RegionSet.around(stage.lowestSignalStart(400),
                stage.lowestSignalStart(400) + 400, 400, 400), sparse));
        assertSame(planned, ScanCoverage.withLowestWindow(stage, planned, sparse, new ArrayList<>(), null));
    }
}
