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

    @Test
    void zeroGradientsClearsNonFiniteGradientsInPlace() {
        ai.djl.engine.Engine engine = Djl.engine();
        try (ai.djl.ndarray.NDManager m = Djl.newManager(engine, ai.djl.Device.cpu())) {
            ai.djl.ndarray.NDArray w = m.create(new float[] {0f, 1f, 4f, 9f}, new ai.djl.ndarray.types.Shape(2, 2));
            w.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = engine.newGradientCollector()) {
                gc.backward(w.sqrt().sum());   // d sqrt(w) / dw = 1 / (2 sqrt(w)): +inf at 0
            }
            try (ai.djl.ndarray.NDArray g = w.getGradient()) {
                assertEquals(Float.POSITIVE_INFINITY, g.toFloatArray()[0]);
            }
            Djl.zeroGradients(java.util.List.of(w));
            System.gc();   // the cleared gradient must not depend on a Java buffer that can be collected
            try (ai.djl.ndarray.NDArray g = w.getGradient()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, g.toFloatArray());
            }
            try (ai.djl.training.GradientCollector gc = engine.newGradientCollector()) {
                gc.backward(w.mul(3f).sum());   // the next backward accumulates onto clean zeros
            }
            try (ai.djl.ndarray.NDArray g = w.getGradient()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, g.toFloatArray());
            }
        }
    }
}
