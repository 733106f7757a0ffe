package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anomalysearch.core.AnalysisException;
import org.junit.jupiter.api.Test;

/** A missing engine gives a message naming it and a hint; the real one loads offline. */
class DjlEngineTest {

    @Test
    void missingEngineGivesClearMessageWithHint() {
        AnalysisException e = assertThrows(AnalysisException.class, () -> Djl.engine("NoSuchEngine"));
        assertTrue(e.getMessage().contains("DJL NoSuchEngine engine is not available"), e.getMessage());
        assertTrue(e.hint().contains("pytorch-native-cpu"), e.hint());
    }

    @Test
    void pytorchEngineLoadsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "surefire runs DJL in offline mode");
        assertEquals("PyTorch", Djl.engine().getEngineName());
    }
}
