package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

class SearchPlotsTest {

    private static ScanWindow computed(double srLo, double srHi) {
        return new ScanWindow(new double[] {srLo - 400, srLo}, new double[] {srLo, srHi}, new double[] {srHi,
            srHi + 400}, 0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, Double.NaN, new double[0], null, List.of());
    }

    @Test
    void skippedWindowsAreShadedOverTheirCentreRangeOnTheScanPlot() {
        // the example config's plan: SRs 400 GeV wide every 200 GeV; the first two not computed
        List<ScanWindow> done = List.of(computed(3000, 3400), computed(3200, 3600), computed(3400, 3800));
        List<Scan.SkippedWindow> skipped = List.of(new Scan.SkippedWindow(0, 2600, 3000, "below the fit range"),
                new Scan.SkippedWindow(1, 2800, 3200, "below the fit range"));
        List<double[]> r = SearchPlots.notComputedRanges(done, skipped);
        assertEquals(2, r.size());
        // centres 2800 and 3000, step 200: each shaded +- 100 GeV, touching the first computed centre's half step
        assertArrayEquals(new double[] {2700, 2900}, r.get(0), 1e-9);
        assertArrayEquals(new double[] {2900, 3100}, r.get(1), 1e-9);
        assertEquals(List.of(), SearchPlots.notComputedRanges(done, List.of()));
    }
}
