package org.anomalysearch.export.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void stagesNotRunSaySoAndStagesThatRanShowTheirNumbers() {
        RunSummary s = new RunSummary(Map.of("select", Map.of("eventsIn", 10L, "eventsOut", 8L)));
        List<RunSummary.StageRow> rows = s.stages();
        assertEquals(RunSummary.STAGES.size() - 1, rows.size(), "no generate step: not listed");
        assertEquals("8 of 10 events selected", rows.get(0).status());
        assertTrue(rows.get(0).done());
        assertFalse(rows.get(1).done());
        assertEquals("not computed yet", rows.get(1).status());
        assertTrue(rows.get(2).status().startsWith("not run"), rows.get(2).status());

        Map<String, Object> bh = Map.of("status", "passed", "fitRange", Map.of("lo", 3100.0, "rule", "auto"),
                "fit", Map.of("nParams", 4, "pValue", 0.32), "bumpHunter", Map.of("windowLo", 4200.0, "windowHi",
                        4300.0, "localZ", 2.27, "globalZ", 0.29, "globalP", 0.38, "globalZIsLowerBound", false));
        Map<String, Object> scan = Map.of("plannedWindows", 3, "windows", List.of(Map.of("signalRegion",
                List.of(3300.0, 3700.0), "localZ", 1.5, "selectedEvents", 40L, "expectedBackground", 31.0,
                "metrics", Map.of("bestEfficiency", 0.05, "eff.0.05.expectedError", 2.0))),
                "skippedWindows", List.of(Map.of("signalLo", 2900.0, "signalHi", 3300.0, "reason", "turn-on")),
                "global", Map.of("window", 0, "localZ", 1.5, "globalZ", 0.4, "globalP", 0.34, "toys", 100));
        RunSummary full = new RunSummary(Map.of("select", Map.of("eventsIn", 10L, "eventsOut", 8L), "bumpHunt", bh,
                "scan", scan));
        for (RunSummary.StageRow r : full.stages()) {
            assertTrue(r.done(), r.toString());
            assertFalse(r.status().contains("not computed"), r.toString());
        }
        assertTrue(full.stages().get(1).status().contains("[4200, 4300) GeV, local Z = 2.27, global Z = 0.29"),
                full.stages().get(1).status());
        assertTrue(full.stages().get(2).status().startsWith("1 of 3 windows computed; most significant SR [3300, "
                + "3700) GeV"), full.stages().get(2).status());
        List<RunSummary.WindowRow> w = full.scanWindows();
        assertEquals(2, w.size());
        assertFalse(w.get(0).computed());
        assertEquals("turn-on", w.get(0).note());
        assertEquals(1.5, w.get(1).localZ());
        assertEquals(2.0, w.get(1).expectedError());
        assertEquals(2, full.significance().size(), "BumpHunter and the scan's global significance");
        assertEquals(0.29, full.significance().get(0).globalZ());

        RunSummary rejected = new RunSummary(Map.of("bumpHunt", Map.of("status", "rejected", "rejection", "fails the "
                + "gate", "fitRange", Map.of("lo", 2400.0), "fit", Map.of("nParams", 3, "pValue", 1e-9))));
        assertTrue(rejected.stages().get(1).status().startsWith("background fit REJECTED"));
        assertFalse(rejected.significance().get(0).computed(), "no significance from a rejected fit");
    }

    @Test
    void significanceRowsReadTheConventionsAndKeepUnknownMethods() {
        Map<String, Object> sig = new java.util.LinkedHashMap<>();
        sig.put("sidebandFit", Map.of("Z", 3.2, "p", 6.9e-4));
        sig.put("myMethod", Map.of("localZ", 1.0, "globalZ", 0.5, "globalP", 0.31, "window", "3300-3700"));
        RunSummary s = new RunSummary(Map.of("significance", sig));
        List<RunSummary.SignificanceRow> rows = s.significance();
        assertEquals(2, rows.size(), "only the methods that ran");
        assertEquals(3.2, rows.get(0).z());
        assertEquals(6.9e-4, rows.get(0).p());
        assertNull(rows.get(0).globalZ());
        assertEquals("myMethod", rows.get(1).title());
        assertEquals(0.5, rows.get(1).globalZ());
        assertEquals(Map.of("window", "3300-3700"), rows.get(1).details());
    }

    @Test
    void numbersAreFormattedForTables() {
        assertEquals("12345", RunSummary.formatNumber(12345));
        assertEquals("3.142", RunSummary.formatNumber(Math.PI));
        assertEquals("6.900e-04", RunSummary.formatNumber(6.9e-4));
        assertEquals("0.001235", RunSummary.formatNumber(0.0012346));
        assertEquals("[a, 1, {...}]", RunSummary.format(List.of("a", 1L, Map.of("x", 1))));
        assertEquals(Map.of("a.b", "1", "c", "[]"), new RunSummary(Map.of("a", Map.of("b", 1L), "c", List.of()))
                .flatResults());
    }
}
