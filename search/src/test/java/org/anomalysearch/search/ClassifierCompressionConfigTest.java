package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.junit.jupiter.api.Test;

/** search.classifier.qat / prune / finetuneEpochs: read, written, checked when the window stage is built, named. */
class ClassifierCompressionConfigTest {

    static SearchConfig read(Map<String, Object> classifier) {
        return AnalysisConfig.fromMap(Map.of("search", Map.of("classifier", classifier))).search();
    }

    @Test
    void keysRoundTripAndReachTheStageName() {
        SearchConfig s = read(Map.of("kind", "mlp", "qat", "fixed<8,3,RND,SAT>", "prune", 0.5, "finetuneEpochs", 4));
        assertEquals("fixed<8,3,RND,SAT>", s.classifierQat());
        assertEquals(0.5, s.classifierPrune());
        assertEquals(4, s.classifierFinetuneEpochs());
        @SuppressWarnings("unchecked")
        Map<String, Object> cls = (Map<String, Object>) s.toMap().get("classifier");
        assertEquals("fixed<8,3,RND,SAT>", cls.get("qat"));
        assertEquals(s, read(cls));
        String name = new CwolaWindowStage(s, FitConfig.defaults()).name();
        assertTrue(name.contains(";qat=fixed<8,3,RND,SAT>;prune=0.5:4;"), name);
        assertFalse(new CwolaWindowStage(SearchConfig.defaults(), FitConfig.defaults()).name().contains("qat"),
                "names of runs without QAT are unchanged");
        assertEquals("none", SearchConfig.defaults().classifierQat());
    }

    @Test
    void badValuesAreNamedByTheirKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CwolaWindowStage(
                read(Map.of("kind", "mlp", "qat", "fixed<4>")), FitConfig.defaults()));
        assertTrue(e.getMessage().startsWith("search.classifier.qat: 'fixed<4>' is not a fixed-point type"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new CwolaWindowStage(
                read(Map.of("kind", "mlp", "prune", 1.5)), FitConfig.defaults()));
        assertTrue(e.getMessage().startsWith("search.classifier.prune: is 1.5"), e.getMessage());
        InvalidConfigException c = assertThrows(InvalidConfigException.class,
                () -> read(Map.of("kind", "hgb", "qat", "fixed<8,3>")));
        assertEquals("search.classifier.qat", c.key());
    }
}
