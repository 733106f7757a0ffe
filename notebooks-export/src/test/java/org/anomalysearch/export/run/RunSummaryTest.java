package org.anomalysearch.export.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static RunResults results(BumpHunt bh, Scan scan, RunResults.SignalRegion sr) {
        return new RunResults(RunResults.SCHEMA_VERSION, "r", 1, null, null, null, new RunResults.Select(10, 8, null),
                bh, null, sr, scan, List.of(), null);
    }

    private static BumpHunt.Fit fit(int n, double p) {
        return new BumpHunt.Fit(n, new double[n], new double[n], 0, 0, 10, p, 0.01, p >= 0.01, List.of(), null);
    }

    @Test
    void stagesNotRunSaySoAndStagesThatRanShowTheirNumbers() {
        RunSummary s = new RunSummary(results(null, null, null));
        List<RunSummary.StageRow> rows = s.stages();
        assertEquals(RunSummary.STAGES.size() - 1, rows.size(), "no generate step: not listed");
        assertEquals("8 of 10 events selected", rows.get(0).status());
        assertTrue(rows.get(0).done());
        assertFalse(rows.get(1).done());
        assertEquals("not computed yet", rows.get(1).status());
        assertTrue(rows.get(2).status().startsWith("not run"), rows.get(2).status());

        BumpHunt bh = new BumpHunt(BumpHunt.PASSED, null, new BumpHunt.FitRange(3100, 7000, 100, 2650, "auto",
                List.of()), fit(4, 0.32), new BumpHunt.BumpHunter(4200, 4300, 120, 100, 0.0116, 2.27, 4.4, 100, 38,
                0.38, 0.05, 0.29, false, "refitted"), new double[0], new double[0], null);
        ScanWindow.Efficiency e = new ScanWindow.Efficiency(0.05, 0.9, 40, 100, null, 31, 2.0, 1.5, 0.07, 1.5, false,
                null, null, new double[0]);
        ScanWindow w = new ScanWindow(new double[] {2900, 3300}, new double[] {3300, 3700}, new double[] {3700, 4100},
                100, 800, 40, 31, 1.5, 0.05, 3200, 3100, 7000, new double[0], null, List.of(e));
        Scan.Global g = new Scan.Global("p", 0.07, 1.5, 0, 0.05, 100, 34, 0.34, 0.05, 0.4, false, 1, 0.07, 1.5, "toys",
                null);
        Scan scan = Scan.of("cwola", List.of(w), 3, List.of(new Scan.SkippedWindow(0, 2900, 3300, "turn-on")), g);
        RunSummary full = new RunSummary(results(bh, scan, null));
        for (RunSummary.StageRow r : full.stages()) {
            assertTrue(r.done(), r.toString());
            assertFalse(r.status().contains("not computed"), r.toString());
        }
        assertTrue(full.stages().get(1).status().contains("[4200, 4300) GeV, local Z = 2.27, global Z = 0.29"),
                full.stages().get(1).status());
        assertTrue(full.stages().get(2).status().startsWith("1 of 3 windows computed; most significant SR [3300, "
                + "3700) GeV"), full.stages().get(2).status());
        List<RunSummary.WindowRow> rows2 = full.scanWindows();
        assertEquals(2, rows2.size());
        assertFalse(rows2.get(0).computed());
        assertEquals("turn-on", rows2.get(0).note());
        assertEquals(1.5, rows2.get(1).localZ());
        assertEquals(0.05, rows2.get(1).efficiency());
        assertEquals(2.0, rows2.get(1).expectedError(), "the best efficiency's uncertainty");
        assertEquals(2, full.significance().size(), "BumpHunter and the scan's global significance");
        assertEquals(0.29, full.significance().get(0).globalZ());
        assertEquals(0.0116, full.significance().get(0).p());
        assertEquals(0.34, full.significance().get(1).globalP());

        BumpHunt rejectedFit = new BumpHunt(BumpHunt.REJECTED, "fails the gate", new BumpHunt.FitRange(2400, 7000,
                100, 2650, "configured", List.of()), fit(3, 1e-9), null, new double[0], new double[0], null);
        RunSummary rejected = new RunSummary(results(rejectedFit, null, null));
        assertTrue(rejected.stages().get(1).status().startsWith("background fit REJECTED"));
        assertFalse(rejected.significance().get(0).computed(), "no significance from a rejected fit");
    }

    @Test
    void theConfiguredSignalRegionsTestsAreRowsAndARejectedFitGivesNoSignificance() {
        RunSummary s = new RunSummary(results(null, null, TestRuns.signalRegion(3.5, 3.2, 6.9e-4)));
        List<RunSummary.SignificanceRow> rows = s.significance();
        assertEquals(2, rows.size(), "only the methods that ran");
        assertEquals(3.5, rows.get(0).z());
        assertNull(rows.get(0).p(), "the counting Z0 has no p in results.json");
        assertEquals(3.2, rows.get(1).z());
        assertEquals(6.9e-4, rows.get(1).p());
        assertNull(rows.get(1).globalZ());
        assertEquals("[3300, 3700) GeV", rows.get(1).details().get("window"));

        RunResults.SignalRegion bad = new RunResults.SignalRegion(new RunResults.Counting(1000, 900, 3.3),
                new BumpHunt.MaskedFit(3300, 3700, 1000, 900, 20, 1e-4, false, Double.NaN, Double.NaN, Double.NaN,
                        null));
        RunSummary.SignificanceRow fitRow = new RunSummary(results(null, null, bad)).significance().get(1);
        assertFalse(fitRow.computed(), "a masked fit that fails the gate reports no excess");
        assertNull(fitRow.z());
    }

    @Test
    void numbersAreFormattedForTables() {
        assertEquals("12345", RunSummary.formatNumber(12345));
        assertEquals("3.142", RunSummary.formatNumber(Math.PI));
        assertEquals("6.900e-04", RunSummary.formatNumber(6.9e-4));
        assertEquals("0.001235", RunSummary.formatNumber(0.0012346));
        assertEquals("[a, 1, {...}]", RunSummary.format(List.of("a", 1L, Map.of("x", 1))));
        assertEquals(Map.of("a.b", "1", "c", "[]", "d[0].e", "2"), RunSummary.flatten(Map.of("a", Map.of("b", 1L), "c",
                List.of(), "d", List.of(Map.of("e", 2)))));
        Map<String, String> flat = new RunSummary(results(null, null, null)).flatResults();
        assertEquals("8", flat.get("select.eventsOut"));
        assertFalse(flat.containsKey("bumpHunt"), "absent parts are not listed");
    }
}
