package org.anomalysearch.cwola;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.event.EventBatch;

/**
 * A fitted, immutable classifier: higher scores are more like class 1 (signal-region data, or signal).
 * Carries the provenance of its training and can be saved and loaded ({@link Classifiers#load(Path)}).
 */
public interface Classifier {

    /** The model kind written to disk, e.g. {@code "mlp"}. */
    String kind();

    /** The feature names the classifier was trained on, in column order. */
    List<String> features();

    /** Scores of rows {@code x[event][feature]} with the columns of {@link #features()}; no NaN allowed. */
    double[] score(double[][] x);

    /** Scores of the events of {@code batch}, taking the columns named by {@link #features()}. */
    default double[] score(EventBatch batch) {
        return score(TrainingSet.rows(batch, features(), "events to score"));
    }

    /**
     * Where the classifier came from: mode, seeds, class sizes, training history, library versions, in a fixed
     * key order.
     */
    Map<String, String> provenance();

    /** Writes the classifier to {@code dir} (created if missing); existing files of the same names are replaced. */
    void save(Path dir) throws IOException;
}
