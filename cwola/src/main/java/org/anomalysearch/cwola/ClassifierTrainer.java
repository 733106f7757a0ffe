package org.anomalysearch.cwola;

/**
 * Configuration plus randomness, separate from the fitted {@link Classifier}. Implementations are immutable
 * and thread-compatible; the result depends only on the training set, the configuration and the seed.
 */
public interface ClassifierTrainer {

    /** Fits a classifier on {@code set} with the seed of the configuration. */
    Classifier fit(TrainingSet set);

    /** Fits a classifier on {@code set} with {@code seed} in place of the configured seed (k-fold, ensembles). */
    Classifier fit(TrainingSet set, long seed);
}
