package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.region.RegionSet;
import org.junit.jupiter.api.Test;

/** A window's results.json entry reads back to the same numbers (bench scan-null relies on it). */
class WindowResultTest {

    @Test
    void resultsJsonEntryRoundTrips() throws Exception {
        WindowResult r = new WindowResult(RegionSet.around(3300, 3700, 400, 300), 120, 80, 8, 6.5, 0.73,
                Map.of("eff.0.1.localP", 0.231, "bestEfficiency", 0.1),
                Map.of("edges", new double[] {3000, 3100, 3200.5}, "eff.0.1.fit", new double[] {1e-3, 2.5}));
        Map<String, Object> back = new ObjectMapper().readValue(Json.write(r.toMap()),
                new TypeReference<Map<String, Object>>() { });
        WindowResult x = WindowResult.fromMap(back);
        assertEquals(r.window(), x.window());
        assertEquals(r.localZ(), x.localZ());
        assertEquals(r.selectedEvents(), x.selectedEvents());
        assertEquals(r.metrics(), x.metrics());
        assertArrayEquals(r.series("edges"), x.series("edges"));
        assertArrayEquals(r.series("eff.0.1.fit"), x.series("eff.0.1.fit"));
    }
}
