package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.provenance.Seeds;

/**
 * N models of one trainer on all events, differing only in their training seed; their scores are averaged (the
 * classifier's score is the mean over a model directory's members). Member 0 trains with the seed itself, so one
 * member is the plain single model; member r &gt; 0 with {@code Seeds.derive(seed, "cwola.ensemble.train", r)}. With
 * k folds the same ensemble is {@link KFoldScorer}'s repeats (N trainings per fold), as the scan uses it.
 */
public final class SeedEnsemble {

    private SeedEnsemble() {
    }

    /** The training seed of member {@code r}. */
    public static long memberSeed(long seed, int r) {
        return r == 0 ? seed : Seeds.derive(seed, "cwola.ensemble.train", r);
    }

    /** {@code n} members trained on all of {@code set}. */
    public static List<Classifier> train(ClassifierTrainer trainer, TrainingSet set, long seed, int n) {
        if (n < 1) {
            throw new InvalidConfigException("ensemble", "got " + n + ", expected >= 1", "1 = one model");
        }
        List<Classifier> members = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            members.add(trainer.fit(set, memberSeed(seed, r)));
        }
        return members;
    }
}
