package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.config.SearchConfig;
import org.junit.jupiter.api.Test;

/**
 * Cross-fitting's halves: a function of the event id and the window's seed (the same event is in the same half in the
 * SR and the sidebands, whichever batch holds it), about half the events each, and other halves for another seed.
 */
class CrossFitTest {

    @Test
    void halvesAreAFunctionOfIdAndSeed() {
        int[] count = new int[2];
        int differ = 0;
        for (long id = 0; id < 20_000; id++) {
            int h = CwolaWindowStage.half(id, 7);
            assertEquals(h, CwolaWindowStage.half(id, 7));
            count[h]++;
            if (h != CwolaWindowStage.half(id, 8)) {
                differ++;
            }
        }
        assertEquals(10_000, count[0], 300, "about half: " + count[0]);
        assertEquals(10_000, differ, 300, "another seed, other halves: " + differ);
        assertTrue(SearchConfig.defaults().crossFit(), "on by default");
        assertTrue(new CwolaWindowStage(SearchConfig.defaults(), FitConfig.defaults()).name().contains(";crossFit;"));
        assertFalse(new CwolaWindowStage(SearchConfig.defaults().withCrossFit(false), FitConfig.defaults()).name()
                .contains("crossFit"));
    }

    @Test
    void everyFoldIsScoredByTheModelThatLeftItOut() {
        for (int k = 2; k <= 6; k++) {
            int[] count = new int[k];
            for (long id = 0; id < 30_000; id++) {
                count[CwolaWindowStage.fold(id, 7, k)]++;
            }
            for (int f = 0; f < k; f++) {
                assertEquals(30_000.0 / k, count[f], 400, "k = " + k + ", fold " + f);
                int h = CwolaWindowStage.scorerOf(f, k);
                assertEquals(f, (h + 1) % k, "model " + h + " is trained without fold " + f + " and scores it");
            }
        }
        for (long id = 0; id < 1000; id++) {
            assertEquals(CwolaWindowStage.half(id, 3), CwolaWindowStage.fold(id, 3, 2), "k = 2: the halves");
            assertEquals(1 - CwolaWindowStage.half(id, 3), CwolaWindowStage.scorerOf(CwolaWindowStage.half(id, 3), 2));
        }
        assertEquals(2, SearchConfig.defaults().crossFitFolds());
        assertTrue(new CwolaWindowStage(SearchConfig.defaults().withCrossFitFolds(5), FitConfig.defaults()).name()
                .contains(";crossFit=5;"));
        assertThrows(InvalidConfigException.class, () -> SearchConfig.defaults().withCrossFitFolds(1));
    }
}
