package org.anomalysearch.search;

import java.util.List;
import java.util.function.DoublePredicate;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;

/** Row and column selections of an {@link EventBatch} that the scan ships to its windows. */
public final class EventBatches {

    private EventBatches() {
    }

    /** The rows of {@code b} whose mjj passes {@code keep}. */
    public static EventBatch subset(EventBatch b, DoublePredicate keep) {
        double[] mjj = b.column("mjj");
        EventBatch.Builder out = new EventBatch.Builder(b.schema(), 16);
        double[] row = new double[b.columns().length];
        for (int i = 0; i < b.size(); i++) {
            if (keep.test(mjj[i])) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = b.columns()[c][i];
                }
                out.addRow(b.ids()[i], b.labels()[i], b.weights()[i], row);
            }
        }
        return out.build();
    }

    /** The rows {@code rows} of {@code b}, in that order. */
    public static EventBatch rows(EventBatch b, List<Integer> rows) {
        EventBatch.Builder out = new EventBatch.Builder(b.schema(), Math.max(16, rows.size()));
        double[] row = new double[b.columns().length];
        for (int i : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = b.columns()[c][i];
            }
            out.addRow(b.ids()[i], b.labels()[i], b.weights()[i], row);
        }
        return out.build();
    }

    /** {@code b} with only {@code columns} (all when null): what the window tasks need, no more. */
    public static EventBatch project(EventBatch b, List<String> columns) {
        if (columns == null) {
            return b;
        }
        for (String c : columns) {
            String[] ratio = b.schema().contains(c) ? null : FeatureSchema.ratioOf(c);
            if (!b.schema().contains(c) && (ratio == null || !b.schema().contains(ratio[0])
                    || !b.schema().contains(ratio[1]))) {
                throw new InvalidConfigException("search.features", "the event table has no column '" + c + "'"
                        + (ratio == null ? "" : " nor its parts " + ratio[0] + " and " + ratio[1]),
                        "its columns: " + String.join(", ", b.schema().names()));
            }
        }
        double[][] cols = new double[columns.size()][];
        for (int i = 0; i < cols.length; i++) {
            String c = columns.get(i);
            if (b.schema().contains(c)) {
                cols[i] = b.column(c);
            } else {
                // a derived feature (FeatureSchema.ratioOf), computed from its stored parts
                String[] ratio = FeatureSchema.ratioOf(c);
                double[] num = b.column(ratio[0]);
                double[] den = b.column(ratio[1]);
                cols[i] = new double[num.length];
                for (int j = 0; j < num.length; j++) {
                    cols[i][j] = num[j] / den[j];
                }
            }
        }
        return new EventBatch(FeatureSchema.of(columns), b.ids(), b.labels(), b.weights(),
                cols);
    }
}
