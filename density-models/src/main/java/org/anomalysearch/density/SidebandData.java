package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;

/**
 * The training set of a density model: one row of feature values per sideband event and its mjj (the
 * conditioning variable). Validated on construction, before any training: at least {@link #MIN_EVENTS} rows,
 * every value finite, every feature and mjj with a non-zero range, distinct feature names.
 *
 * <p>The arrays are copied in; accessors return the internal arrays, which must not be modified.
 *
 * @param features feature names, one per column of {@code x}
 * @param x        rows of feature values, {@code x[event][feature]}
 * @param mjj      the conditioning value of each row
 */
public record SidebandData(List<String> features, double[][] x, double[] mjj) {

    /**
     * The smallest sideband a model may be fitted on: 200 events. A 10 % validation split then still holds 20
     * events; below that the preprocessing range and any early stopping are meaningless.
     */
    public static final int MIN_EVENTS = 200;

    public SidebandData {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(mjj, "mjj");
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new InvalidInputException("sideband data", "features", "no features given",
                    "name at least one feature column to model");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new InvalidInputException("sideband data", "features", "duplicate feature names in " + features,
                    "give each feature once");
        }
        if (x.length != mjj.length) {
            throw new InvalidInputException("sideband data", "mjj", x.length + " feature rows but " + mjj.length
                    + " mjj values", "pass one mjj value per event");
        }
        if (x.length < MIN_EVENTS) {
            throw new InvalidInputException("sideband data", null, "only " + x.length
                    + " sideband events; a density model needs at least " + MIN_EVENTS,
                    "widen the sidebands or use more data");
        }
        int d = features.size();
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new InvalidInputException("sideband data", "row " + i, "expected " + d + " values ("
                        + features + "), found " + (x[i] == null ? "null" : x[i].length), "check the feature columns");
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(x[i][c])) {
                    throw new InvalidInputException("sideband data", features.get(c), "non-finite value " + x[i][c]
                            + " in row " + i, "remove or repair events with NaN/Inf features before training");
                }
            }
            if (!Double.isFinite(mjj[i])) {
                throw new InvalidInputException("sideband data", "mjj", "non-finite value " + mjj[i] + " in row " + i,
                        "remove or repair events with NaN/Inf mjj before training");
            }
            copy[i] = x[i].clone();
        }
        x = copy;
        mjj = mjj.clone();
        for (int c = 0; c <= d; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                double v = c < d ? x[i][c] : mjj[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (!(hi > lo)) {
                throw new InvalidInputException("sideband data", c < d ? features.get(c) : "mjj",
                        "constant column (every value " + lo + ")", "drop constant features; they need no model");
            }
        }
    }

    /** Shorthand for the canonical constructor. */
    public static SidebandData of(List<String> features, double[][] x, double[] mjj) {
        return new SidebandData(features, x, mjj);
    }

    /**
     * The sideband events of a batch: rows whose {@code mjjColumn} lies in either sideband of {@code regions},
     * with the named feature columns.
     */
    public static SidebandData fromBatch(EventBatch batch, List<String> features, String mjjColumn, RegionSet regions) {
        for (String f : features) {
            if (batch.schema().indexOf(f) < 0) {
                throw new InvalidInputException("event batch", f, "no such column in " + batch.schema(),
                        "choose features from the batch's schema");
            }
        }
        if (batch.schema().indexOf(mjjColumn) < 0) {
            throw new InvalidInputException("event batch", mjjColumn, "no such column in " + batch.schema(),
                    "name the mjj column");
        }
        double[] m = batch.column(mjjColumn);
        double[][] cols = new double[features.size()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = batch.column(features.get(c));
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (regions.inSideband(m[i])) {
                double[] r = new double[cols.length];
                for (int c = 0; c < cols.length; c++) {
                    r[c] = cols[c][i];
                }
                rows.add(r);
                ms.add(m[i]);
            }
        }
        return new SidebandData(features, rows.toArray(new double[0][]),
                ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Number of events. */
    public int size() {
        return x.length;
    }

    /** Number of features. */
    public int dimension() {
        return features.size();
    }
}
