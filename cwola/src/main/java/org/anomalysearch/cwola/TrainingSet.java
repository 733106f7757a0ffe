package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;

/**
 * The events a classifier learns from: feature rows with their event ids and class labels (1 or 0).
 * Validated on construction: the same feature count in every row, no NaN or infinite value, both classes
 * present, so training fails before any expensive work.
 *
 * @param mode     how the classes were formed
 * @param features feature names, in column order
 * @param x        rows {@code x[i][feature]}
 * @param labels   class labels, 1 or 0
 * @param ids      event ids (used for k-fold assignment; unique within a class)
 */
public record TrainingSet(TrainingMode mode, List<String> features, double[][] x, int[] labels, long[] ids) {

    public TrainingSet {
        Objects.requireNonNull(mode, "mode");
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new InvalidInputException("training set", "features", "no features given",
                    "name at least one feature column, e.g. mj1, dmj, tau21_j1, tau21_j2");
        }
        if (x.length != labels.length || x.length != ids.length) {
            throw new InvalidInputException("training set", null, "x, labels and ids differ in length: " + x.length
                    + ", " + labels.length + ", " + ids.length, "build training sets with the factory methods");
        }
        int n1 = 0;
        for (int i = 0; i < x.length; i++) {
            checkRow("training set", features, x[i], i);
            if (labels[i] == 1) {
                n1++;
            } else if (labels[i] != 0) {
                throw new InvalidInputException("training set", "label", "row " + i + " has label " + labels[i]
                        + ", expected 0 or 1", "labels are the class of the event in this training, not truth labels");
            }
        }
        if (n1 == 0 || n1 == x.length) {
            throw new InvalidInputException("training set", "label", "class " + (n1 == 0 ? 1 : 0) + " ("
                    + className(mode, n1 == 0 ? 1 : 0) + ") is empty among " + x.length + " events",
                    "a classifier needs events of both classes");
        }
    }

    static String className(TrainingMode mode, int label) {
        return switch (mode) {
            case CWOLA -> label == 1 ? "signal-region data" : "sampled background";
            case IDEALIZED -> label == 1 ? "signal-region data" : "true background";
            case SUPERVISED -> label == 1 ? "signal" : "background";
        };
    }

    static void checkRow(String source, List<String> features, double[] row, int i) {
        if (row.length != features.size()) {
            throw new InvalidInputException(source, "row " + i, "has " + row.length + " values, expected "
                    + features.size() + " " + features, "all rows need the same feature set");
        }
        for (int c = 0; c < row.length; c++) {
            if (!Double.isFinite(row[c])) {
                throw new InvalidInputException(source, features.get(c), "row " + i + " is " + row[c]
                        + ", expected a finite number", "drop or repair events with missing features first");
            }
        }
    }

    /**
     * The training set of {@code mode}: every event of {@code positive} gets label 1 and every event of
     * {@code negative} label 0. For CWOLA and IDEALIZED {@code positive} is the signal-region data and
     * {@code negative} the sampled / true background; for SUPERVISED they are signal and background.
     * Both batches must hold all {@code features}.
     */
    public static TrainingSet of(TrainingMode mode, EventBatch positive, EventBatch negative, List<String> features) {
        return of(mode, features, rows(positive, features, className(mode, 1)), positive.ids(),
                rows(negative, features, className(mode, 0)), negative.ids());
    }

    /**
     * As {@link #of(TrainingMode, EventBatch, EventBatch, List)} from feature rows (columns in the order of
     * {@code features}) and their event ids: {@code positive} rows get label 1, {@code negative} rows label 0.
     */
    public static TrainingSet of(TrainingMode mode, List<String> features, double[][] positive, long[] positiveIds,
            double[][] negative, long[] negativeIds) {
        double[][] x = new double[positive.length + negative.length][];
        System.arraycopy(positive, 0, x, 0, positive.length);
        System.arraycopy(negative, 0, x, positive.length, negative.length);
        int[] labels = new int[x.length];
        Arrays.fill(labels, 0, positive.length, 1);
        long[] ids = new long[x.length];
        System.arraycopy(positiveIds, 0, ids, 0, positive.length);
        System.arraycopy(negativeIds, 0, ids, positive.length, negative.length);
        return new TrainingSet(mode, features, x, labels, ids);
    }

    /** CWoLa: signal-region data (1) vs sampled background (0). */
    public static TrainingSet cwola(EventBatch srData, EventBatch sampledBackground, List<String> features) {
        return of(TrainingMode.CWOLA, srData, sampledBackground, features);
    }

    /** Idealized anomaly detector: signal-region data (1) vs true background (0). */
    public static TrainingSet idealized(EventBatch srData, EventBatch trueBackground, List<String> features) {
        return of(TrainingMode.IDEALIZED, srData, trueBackground, features);
    }

    /** Supervised: the truth labels of {@code events} (1 signal, 0 background) are the classes. */
    public static TrainingSet supervised(EventBatch events, List<String> features) {
        double[][] x = rows(events, features, "labelled events");
        for (int i = 0; i < events.size(); i++) {
            int l = events.labels()[i];
            if (l != 0 && l != 1) {
                throw new InvalidInputException("labelled events", "label", "event " + events.ids()[i]
                        + " has truth label " + l + ", expected 0 or 1",
                        "supervised training needs simulation with truth labels");
            }
        }
        return new TrainingSet(TrainingMode.SUPERVISED, features, x, events.labels().clone(), events.ids().clone());
    }

    /** Rows {@code [event][feature]} of the named columns of {@code batch}, with a clear error for a missing one. */
    public static double[][] rows(EventBatch batch, List<String> features, String what) {
        List<String> missing = new ArrayList<>();
        double[][] cols = new double[features.size()][];
        for (int c = 0; c < cols.length; c++) {
            int j = batch.schema().indexOf(features.get(c));
            if (j < 0) {
                missing.add(features.get(c));
            } else {
                cols[c] = batch.columns()[j];
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(what, "features", "missing feature column(s) " + missing + "; it has "
                    + batch.schema(), "use the same feature set for training and scoring");
        }
        double[][] x = new double[batch.size()][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < cols.length; c++) {
                x[i][c] = cols[c][i];
            }
        }
        return x;
    }

    /** Number of events. */
    public int size() {
        return x.length;
    }

    /** Number of events of class {@code label}. */
    public int count(int label) {
        int n = 0;
        for (int l : labels) {
            if (l == label) {
                n++;
            }
        }
        return n;
    }

    /** The events at {@code index}, in that order. */
    public TrainingSet subset(int[] index) {
        double[][] xs = new double[index.length][];
        int[] ls = new int[index.length];
        long[] is = new long[index.length];
        for (int k = 0; k < index.length; k++) {
            xs[k] = x[index[k]];
            ls[k] = labels[index[k]];
            is[k] = ids[index[k]];
        }
        return new TrainingSet(mode, features, xs, ls, is);
    }
}
