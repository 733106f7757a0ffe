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
    void stagesNotRunAreNotComputedYet() {
        RunSummary s = new RunSummary(Map.of("generatedEvents", 10L, "selectedEvents", 8L));
        List<RunSummary.StageRow> rows = s.stages();
        assertEquals(RunSummary.STAGES.size(), rows.size());
        assertEquals("10", rows.get(0).status());
        assertTrue(rows.get(1).done());
        for (RunSummary.StageRow r : rows.subList(2, rows.size())) {
            assertFalse(r.done());
            assertEquals("not computed yet", r.status());
        }
    }

    @Test
    void significanceRowsReadTheConventionsAndKeepUnknownMethods() {
        Map<String, Object> sig = new java.util.LinkedHashMap<>();
        sig.put("sidebandFit", Map.of("Z", 3.2, "p", 6.9e-4));
        sig.put("myMethod", Map.of("localZ", 1.0, "globalZ", 0.5, "globalP", 0.31, "window", "3300-3700"));
        RunSummary s = new RunSummary(Map.of("significance", sig));
        List<RunSummary.SignificanceRow> rows = s.significance();
        assertEquals(5, rows.size());
        assertFalse(rows.get(0).computed(), "counting was not run");
        assertNull(rows.get(0).z());
        assertEquals(3.2, rows.get(1).z());
        assertEquals(6.9e-4, rows.get(1).p());
        assertEquals("myMethod", rows.get(4).title());
        assertEquals(0.5, rows.get(4).globalZ());
        assertEquals(Map.of("window", "3300-3700"), rows.get(4).details());
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
