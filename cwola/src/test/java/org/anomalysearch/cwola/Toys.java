package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.event.FeatureSchema;

/** Seeded toy events: 4-D standard-normal background, signal a narrow shifted cluster. */
final class Toys {

    static final FeatureSchema SCHEMA = new FeatureSchema(List.of(Feature.of("f0", "", ""), Feature.of("f1", "", ""),
            Feature.of("f2", "", ""), Feature.of("f3", "", "")));
    static final List<String> FEATURES = List.of("f0", "f1", "f2", "f3");
    static final double[] SIGNAL_CENTRE = {1.5, 1.5, -1.5, 0.0};
    static final double SIGNAL_WIDTH = 0.3;

    private Toys() {
    }

    /** {@code nBkg} background then {@code nSig} signal events, ids starting at {@code firstId}, truth labels set. */
    static EventBatch events(int nBkg, int nSig, long firstId, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventBatch.Builder b = new EventBatch.Builder(SCHEMA, nBkg + nSig);
        for (int i = 0; i < nBkg + nSig; i++) {
            boolean sig = i >= nBkg;
            double[] v = new double[4];
            for (int c = 0; c < 4; c++) {
                v[c] = sig ? SIGNAL_CENTRE[c] + SIGNAL_WIDTH * gauss(r) : gauss(r);
            }
            b.addRow(firstId + i, sig ? 1 : 0, 1.0, v);
        }
        return b.build();
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** A small, fast configuration: 16-16, 20 epochs, ensemble of 5. */
    static MlpConfig tiny(long seed) {
        return MlpConfig.cathode().withHidden(16, 16).withEpochs(20, 5).withSeed(seed);
    }

    static EventBatch withColumnValue(EventBatch b, int col, int row, double value) {
        double[][] cols = new double[b.columns().length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = b.columns()[c].clone();
        }
        cols[col][row] = value;
        return new EventBatch(b.schema(), b.ids(), b.labels(), b.weights(), cols);
    }

    static List<Long> ids(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }
}
