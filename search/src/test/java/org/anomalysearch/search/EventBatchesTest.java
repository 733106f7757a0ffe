package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.junit.jupiter.api.Test;

/** The scan's columns: stored ones are copied, derived ones (mj1_over_mjj, dmj_over_mjj) computed from their parts. */
class EventBatchesTest {

    @Test
    void derivedFeaturesAreComputedFromTheirParts() {
        EventBatch b = new EventBatch(FeatureSchema.of(List.of("mjj", "mj1", "dmj")), new long[] {1, 2},
                new int[] {0, 0}, new double[] {1, 1}, new double[][] {{3000, 5000}, {150, 400}, {30, 0}});
        EventBatch p = EventBatches.project(b, List.of("mjj", "mj1_over_mjj", "dmj_over_mjj"));
        assertEquals(List.of("mjj", "mj1_over_mjj", "dmj_over_mjj"), p.schema().names());
        assertArrayEquals(new double[] {0.05, 0.08}, p.column("mj1_over_mjj"), 1e-15);
        assertArrayEquals(new double[] {0.01, 0}, p.column("dmj_over_mjj"), 1e-15);
        assertArrayEquals(new long[] {1, 2}, p.ids());
        assertArrayEquals(new String[] {"mj1", "mjj"}, FeatureSchema.ratioOf("mj1_over_mjj"));
        assertNull(FeatureSchema.ratioOf("mj1"), "a stored column is no ratio");
        assertFalse(FeatureSchema.EVENT_TABLE.contains("mj1_over_mjj"), "derived features are not stored");

        EventBatch noMass = EventBatches.project(b, List.of("mjj", "dmj"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> EventBatches.project(noMass, List.of("mjj", "mj1_over_mjj")));
        assertEquals("search.features", e.key());
    }
}
