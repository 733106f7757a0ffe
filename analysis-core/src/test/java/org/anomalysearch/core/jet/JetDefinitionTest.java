package org.anomalysearch.core.jet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anomalysearch.core.InvalidConfigException;
import org.junit.jupiter.api.Test;

class JetDefinitionTest {

    @Test
    void factoriesSetAlgorithmRadiusAndThreshold() {
        JetDefinition d = JetDefinition.antiKt(1.0, 20.0);
        assertEquals(JetAlgorithm.ANTI_KT, d.algorithm());
        assertEquals(1.0, d.radius());
        assertEquals(20.0, d.ptMin());
        assertEquals(JetAlgorithm.KT, JetDefinition.kt(0.4, 0).algorithm());
        assertEquals(JetAlgorithm.CAMBRIDGE_AACHEN, JetDefinition.cambridgeAachen(0.8, 5).algorithm());
        assertEquals(d, JetDefinition.lhco());
    }

    @Test
    void powersAndScalesAreFastJets() {
        assertEquals(-1, JetAlgorithm.ANTI_KT.p());
        assertEquals(1, JetAlgorithm.KT.p());
        assertEquals(0, JetAlgorithm.CAMBRIDGE_AACHEN.p());
        assertEquals(4.0, JetAlgorithm.KT.scale(4.0));
        assertEquals(0.25, JetAlgorithm.ANTI_KT.scale(4.0));
        assertEquals(1e300, JetAlgorithm.ANTI_KT.scale(0.0));
        assertEquals(1.0, JetAlgorithm.CAMBRIDGE_AACHEN.scale(4.0));
    }

    @Test
    void invalidValuesAreRejectedWithTheKeyAndTheValueFound() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> JetDefinition.antiKt(0.0, 20));
        assertEquals("jet.radius", e.key());
        assertTrue(e.getMessage().contains("found 0.0"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> JetDefinition.antiKt(Double.NaN, 20));
        assertThrows(InvalidConfigException.class, () -> JetDefinition.antiKt(Double.POSITIVE_INFINITY, 20));
        assertThrows(InvalidConfigException.class, () -> JetDefinition.antiKt(1001, 20));
        InvalidConfigException p = assertThrows(InvalidConfigException.class, () -> JetDefinition.kt(1.0, -1));
        assertEquals("jet.ptMin", p.key());
        assertTrue(p.getMessage().contains("-1.0"), p.getMessage());
        assertThrows(InvalidConfigException.class, () -> JetDefinition.kt(1.0, Double.NaN));
        assertThrows(InvalidConfigException.class, () -> new JetDefinition(null, 1.0, 0));
    }
}
