package org.anomalysearch.core.select;

import java.util.List;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;

/**
 * Applies a {@link Selection} to event tables that hold the two leading jets' four-vectors (columns
 * {@code jet1_px .. jet2_e}): jet-level sources keep only two jets, so the jet-count cut sees two.
 */
public final class JetLevelSelection {

    private static final List<String> COLUMNS = List.of("jet1_px", "jet1_py", "jet1_pz", "jet1_e", "jet2_px", "jet2_py",
            "jet2_pz", "jet2_e");

    private JetLevelSelection() {
    }

    /** True if the schema holds both jets' four-vectors. */
    public static boolean applicable(FeatureSchema schema) {
        return COLUMNS.stream().allMatch(schema::contains);
    }

    /** The rows of {@code batch} that pass, each row counted in {@code flow} with its weight. */
    public static EventBatch filter(EventBatch batch, Selection selection, CutFlow flow) {
        if (!applicable(batch.schema())) {
            throw new IllegalArgumentException("the schema has no jet four-vectors: " + batch.schema());
        }
        double[][] c = new double[COLUMNS.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = batch.column(COLUMNS.get(i));
        }
        int cols = batch.schema().size();
        EventBatch.Builder out = new EventBatch.Builder(batch.schema(), batch.size());
        double[] row = new double[cols];
        for (int r = 0; r < batch.size(); r++) {
            Jet j1 = new Jet(new FourMomentum(c[0][r], c[1][r], c[2][r], c[3][r]), Jet.UNKNOWN_CONSTITUENTS,
                    Double.NaN, Double.NaN, Double.NaN);
            Jet j2 = new Jet(new FourMomentum(c[4][r], c[5][r], c[6][r], c[7][r]), Jet.UNKNOWN_CONSTITUENTS,
                    Double.NaN, Double.NaN, Double.NaN);
            int passed = selection.countPassed(List.of(j1, j2));
            flow.add(passed, batch.weights()[r]);
            if (passed == selection.cuts().size()) {
                for (int k = 0; k < cols; k++) {
                    row[k] = batch.columns()[k][r];
                }
                out.addRow(batch.ids()[r], batch.labels()[r], batch.weights()[r], row);
            }
        }
        return out.build();
    }
}
