package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;
import org.junit.jupiter.api.Test;

/** {@code search.density.inFitRange}: the density models train on the sideband events at or above the fit start. */
class DensityInFitRangeTest {

    @Test
    void onlyTheSidebandEventsInsideTheFitRangeTrainTheDensityModel() {
        double[] mjj = new double[4000];
        for (int i = 0; i < mjj.length; i++) {
            mjj[i] = 2000 + i * 0.5; // 2000 .. 3999.5 GeV, one event every 0.5 GeV
        }
        EventBatch events = TurnOnWindowsTest.batch(mjj);
        RegionSet window = RegionSet.around(3000, 3400, 1000, 1000);
        List<RegionSet> windows = List.of(window);
        double fitLo = 2600;
        CwolaWindowStage all = new CwolaWindowStage(SearchConfig.defaults(), FitConfig.defaults())
                .prepare(events, windows, fitLo);
        CwolaWindowStage inRange = new CwolaWindowStage(SearchConfig.defaults().withDensityInFitRange(true),
                FitConfig.defaults()).prepare(events, windows, fitLo);

        EventBatch sidebands = EventBatches.subset(events, window::inSideband);
        assertSame(sidebands, all.densityTraining(sidebands), "default: every sideband event");
        EventBatch kept = inRange.densityTraining(sidebands);
        double[] m = kept.column("mjj");
        long expected = sidebands.size() - (long) ((fitLo - 2000) / 0.5); // 2000-2600 GeV left out
        assertEquals(expected, kept.size());
        for (double x : m) {
            assertTrue(x >= fitLo && window.inSideband(x), "kept " + x);
        }
        assertTrue(inRange.name().contains(";inFitRange"), inRange.name());
    }

    @Test
    void theKeyIsReadAndWritten() {
        AnalysisConfig c = AnalysisConfig.fromMap(Map.of("search", Map.of("density", Map.of("inFitRange", true))));
        assertTrue(c.search().densityInFitRange());
        assertEquals(c, AnalysisConfig.fromMap(c.toMap()), "the key survives the canonical tree");
        assertEquals(false, SearchConfig.defaults().densityInFitRange(), "off by default");
    }
}
