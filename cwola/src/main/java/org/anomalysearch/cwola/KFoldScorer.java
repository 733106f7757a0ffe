package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.provenance.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-fold scoring: every event of a training set is scored only by models that never saw it.
 *
 * <p>Folds are assigned by a hash of (event id, seed): {@code fold = floorMod(Seeds.derive(seed, "cwola.fold#"
 * + id), k)}, never by a random split, so the assignment does not depend on event order or partitioning, and
 * all events sharing an id (e.g. a data event and a sample that happen to share a number) fall in one fold. For
 * each fold a model is trained on the other k-1 folds (both classes) and scores the fold. With {@code repeats
 * > 1} the whole procedure runs again with other training seeds (same folds) and the scores are averaged: an
 * ensemble across folds and seeds.
 */
public final class KFoldScorer {

    private static final Logger LOG = LoggerFactory.getLogger(KFoldScorer.class);

    private final ClassifierTrainer trainer;
    private final int k;
    private final long seed;
    private final int repeats;

    /**
     * @param trainer the trainer of every fold model
     * @param k       number of folds, >= 2
     * @param seed    seed of the fold assignment and (derived) of each model's training
     * @param repeats number of trainings per fold with different seeds, >= 1
     */
    public KFoldScorer(ClassifierTrainer trainer, int k, long seed, int repeats) {
        if (k < 2) {
            throw new InvalidConfigException("classifier.folds", "got " + k + ", expected >= 2",
                    "CATHODE uses 5 folds");
        }
        if (repeats < 1) {
            throw new InvalidConfigException("classifier.repeats", "got " + repeats + ", expected >= 1",
                    "1 = one model per fold");
        }
        this.trainer = trainer;
        this.k = k;
        this.seed = seed;
        this.repeats = repeats;
    }

    /** The fold of event {@code id} among {@code k} under {@code seed}. */
    public static int fold(long id, long seed, int k) {
        return (int) Math.floorMod(Seeds.derive(seed, "cwola.fold#" + id), (long) k);
    }

    /** Trains k x repeats models and scores every event of {@code set} out of fold. */
    public Result score(TrainingSet set) {
        int n = set.size();
        int[] folds = new int[n];
        int[][] members = new int[k][];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            folds[i] = fold(set.ids()[i], seed, k);
            counts[folds[i]]++;
        }
        for (int f = 0; f < k; f++) {
            members[f] = new int[counts[f]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < n; i++) {
            members[folds[i]][fill[folds[i]]++] = i;
        }
        double[] scores = new double[n];
        List<FoldModel> models = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (int f = 0; f < k; f++) {
                if (members[f].length == 0) {
                    throw new InvalidConfigException("classifier.folds", "fold " + f + " of " + k + " is empty ("
                            + n + " events)", "use fewer folds or more events");
                }
                int[] train = new int[n - members[f].length];
                int t = 0;
                for (int i = 0; i < n; i++) {
                    if (folds[i] != f) {
                        train[t++] = i;
                    }
                }
                TrainingSet trainSet = set.subset(train);
                long s = Seeds.derive(seed, "cwola.kfold.train", r * k + f);
                LOG.info("fold {}/{} (repeat {}/{}): training on {} events, scoring {}", f + 1, k, r + 1, repeats,
                        train.length, members[f].length);
                Classifier c = trainer.fit(trainSet, s);
                double[][] xs = new double[members[f].length][];
                for (int j = 0; j < xs.length; j++) {
                    xs[j] = set.x()[members[f][j]];
                }
                double[] sc = c.score(xs);
                for (int j = 0; j < xs.length; j++) {
                    scores[members[f][j]] += sc[j] / repeats;
                }
                models.add(new FoldModel(f, r, s, c, trainSet.ids()));
            }
        }
        return new Result(scores, folds, models, k, seed);
    }

    /**
     * One trained fold model.
     *
     * @param fold        the fold it scores (it trained on all others)
     * @param repeat      the repeat index
     * @param seed        its training seed
     * @param classifier  the model
     * @param trainingIds the ids of the events it trained on (training and validation parts)
     */
    public record FoldModel(int fold, int repeat, long seed, Classifier classifier, long[] trainingIds) {
        /** Its member name in a model directory: fold-F, or fold-F-rR for repeat R &gt; 0. */
        public String name() {
            return "fold-" + fold + (repeat > 0 ? "-r" + repeat : "");
        }
    }

    /**
     * Out-of-fold scores of a training set.
     *
     * @param scores out-of-fold score of each event (mean over repeats)
     * @param folds  fold of each event
     * @param models all fold models
     * @param k      number of folds
     * @param seed   fold seed
     */
    public record Result(double[] scores, int[] folds, List<FoldModel> models, int k, long seed) {
        public Result {
            models = List.copyOf(models);
        }

        /** Scores of events none of the models saw (e.g. a test set): the mean over all fold models. */
        public double[] scoreNew(double[][] x) {
            double[] out = new double[x.length];
            for (FoldModel m : models) {
                double[] s = m.classifier().score(x);
                for (int i = 0; i < x.length; i++) {
                    out[i] += s[i] / models.size();
                }
            }
            return out;
        }
    }
}
