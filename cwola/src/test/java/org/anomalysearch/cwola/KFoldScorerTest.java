package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.junit.jupiter.api.Test;

class KFoldScorerTest {

    @Test
    void foldsDependOnIdAndSeedOnlyAndAreBalanced() {
        int k = 5;
        int[] counts = new int[k];
        for (long id = 0; id < 50_000; id++) {
            int f = KFoldScorer.fold(id, 42, k);
            assertEquals(f, KFoldScorer.fold(id, 42, k));
            counts[f]++;
        }
        for (int c : counts) {
            // binomial(50000, 0.2): sd ~ 89
            assertEquals(10_000, c, 450, "fold sizes");
        }
        int same = 0;
        for (long id = 0; id < 1000; id++) {
            same += KFoldScorer.fold(id, 42, k) == KFoldScorer.fold(id, 43, k) ? 1 : 0;
        }
        assertTrue(same < 300, "another seed gives other folds (" + same + " of 1000 agree, ~200 expected)");
    }

    @Test
    void noEventIsScoredByAModelThatTrainedOnIt() {
        EventBatch data = Toys.events(1500, 100, 0, 11);
        EventBatch sampled = Toys.events(1500, 0, 10_000, 12);
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        KFoldScorer scorer = new KFoldScorer(new MlpTrainer(Toys.tiny(0).withEpochs(6, 2)), 3, 5, 1);
        KFoldScorer.Result r = scorer.score(set);
        assertEquals(3, r.models().size());
        for (KFoldScorer.FoldModel m : r.models()) {
            Set<Long> trained = new HashSet<>(Toys.ids(m.trainingIds()));
            int scored = 0;
            for (int i = 0; i < set.size(); i++) {
                assertEquals(KFoldScorer.fold(set.ids()[i], 5, 3), r.folds()[i]);
                if (r.folds()[i] == m.fold()) {
                    scored++;
                    assertFalse(trained.contains(set.ids()[i]), "event " + set.ids()[i] + " of fold " + m.fold()
                            + " was in the training of the model that scored it");
                }
            }
            assertEquals(set.size(), scored + m.trainingIds().length, "each model trains on all other folds");
        }
        // the out-of-fold data scores separate signal from background in the data (labels = truth)
        double[] dataScores = java.util.Arrays.copyOf(r.scores(), data.size());
        double auc = ClassifierMetrics.auc(dataScores, data.labels());
        assertTrue(auc > 0.8, "out-of-fold AUC on data " + auc);
        // scoring new events averages all fold models
        EventBatch test = Toys.events(200, 20, 100_000, 13);
        double[] s = r.scoreNew(TrainingSet.rows(test, Toys.FEATURES, "test"));
        double[] expected = new double[s.length];
        for (KFoldScorer.FoldModel m : r.models()) {
            double[] t = m.classifier().score(test);
            for (int i = 0; i < t.length; i++) {
                expected[i] += t[i] / 3;
            }
        }
        assertArrayEquals(expected, s, 1e-15);
    }

    @Test
    void badSettingsAreRejected() {
        MlpTrainer t = new MlpTrainer(Toys.tiny(0));
        assertThrows(InvalidConfigException.class, () -> new KFoldScorer(t, 1, 0, 1));
        assertThrows(InvalidConfigException.class, () -> new KFoldScorer(t, 5, 0, 0));
    }
}
