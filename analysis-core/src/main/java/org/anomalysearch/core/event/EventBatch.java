package org.anomalysearch.core.event;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A columnar block of events: ids, truth labels ({@link DijetEvent#NO_LABEL} when unknown), weights, and one
 * double column per feature of the schema. This is what readers stream and writers consume; the arrays are
 * owned by the batch and must not be changed after construction.
 */
public record EventBatch(FeatureSchema schema, long[] ids, int[] labels, double[] weights, double[][] columns)
        implements Serializable {

    public EventBatch {
        Objects.requireNonNull(schema, "schema");
        int n = ids.length;
        if (labels.length != n || weights.length != n) {
            throw new IllegalArgumentException("ids, labels and weights must have the same length");
        }
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " columns, got " + columns.length);
        }
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != n) {
                throw new IllegalArgumentException("column " + schema.get(c).name() + " has " + columns[c].length
                        + " rows, expected " + n);
            }
        }
    }

    public int size() {
        return ids.length;
    }

    /** The column of the named feature; throws if the schema has no such column. */
    public double[] column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + schema);
        }
        return columns[i];
    }

    /** Builds a batch from whole events, computing every column of {@code schema}. */
    public static EventBatch of(FeatureSchema schema, List<DijetEvent> events) {
        Builder b = new Builder(schema, events.size());
        events.forEach(b::add);
        return b.build();
    }

    /** Concatenates batches of one schema. */
    public static EventBatch concat(FeatureSchema schema, List<EventBatch> batches) {
        int n = batches.stream().mapToInt(EventBatch::size).sum();
        Builder b = new Builder(schema, n);
        for (EventBatch batch : batches) {
            if (!batch.schema().equals(schema)) {
                throw new IllegalArgumentException("cannot concatenate " + batch.schema() + " to " + schema);
            }
            for (int r = 0; r < batch.size(); r++) {
                double[] row = new double[schema.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = batch.columns()[c][r];
                }
                b.addRow(batch.ids()[r], batch.labels()[r], batch.weights()[r], row);
            }
        }
        return b.build();
    }

    /** True if both batches hold the same schema and bit-identical values. */
    public boolean sameContent(EventBatch o) {
        if (!schema.equals(o.schema) || !Arrays.equals(ids, o.ids) || !Arrays.equals(labels, o.labels)
                || !Arrays.equals(weights, o.weights)) {
            return false;
        }
        for (int c = 0; c < columns.length; c++) {
            if (!Arrays.equals(columns[c], o.columns[c])) {
                return false;
            }
        }
        return true;
    }

    /** Accumulates rows into a batch; grows as needed. */
    public static final class Builder {
        private final FeatureSchema schema;
        private long[] ids;
        private int[] labels;
        private double[] weights;
        private double[][] columns;
        private int n;

        public Builder(FeatureSchema schema, int capacity) {
            this.schema = schema;
            int cap = Math.max(16, capacity);
            ids = new long[cap];
            labels = new int[cap];
            weights = new double[cap];
            columns = new double[schema.size()][cap];
        }

        public int size() {
            return n;
        }

        private void ensure() {
            if (n == ids.length) {
                int cap = ids.length * 2;
                ids = Arrays.copyOf(ids, cap);
                labels = Arrays.copyOf(labels, cap);
                weights = Arrays.copyOf(weights, cap);
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = Arrays.copyOf(columns[c], cap);
                }
            }
        }

        public Builder add(DijetEvent e) {
            ensure();
            ids[n] = e.id();
            labels[n] = e.label();
            weights[n] = e.weight();
            for (int c = 0; c < columns.length; c++) {
                columns[c][n] = schema.value(c, e);
            }
            n++;
            return this;
        }

        public Builder addRow(long id, int label, double weight, double[] values) {
            if (values.length != columns.length) {
                throw new IllegalArgumentException("expected " + columns.length + " values, got " + values.length);
            }
            ensure();
            ids[n] = id;
            labels[n] = label;
            weights[n] = weight;
            for (int c = 0; c < columns.length; c++) {
                columns[c][n] = values[c];
            }
            n++;
            return this;
        }

        public EventBatch build() {
            double[][] cols = new double[columns.length][];
            for (int c = 0; c < cols.length; c++) {
                cols[c] = Arrays.copyOf(columns[c], n);
            }
            return new EventBatch(schema, Arrays.copyOf(ids, n), Arrays.copyOf(labels, n), Arrays.copyOf(weights, n), cols);
        }
    }
}
