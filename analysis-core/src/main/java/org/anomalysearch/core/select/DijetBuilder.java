package org.anomalysearch.core.select;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.Jet;
import org.anomalysearch.core.jet.JetClusterer;
import org.anomalysearch.core.jet.JetDefinition;

/**
 * Particle-level event to selected dijet event: clusters the particles, applies the selection on the jets
 * sorted by pT (counting each event in a {@link CutFlow}), and keeps the two leading jets.
 *
 * <p>The builder itself is serializable configuration; the clustering state lives in a {@link Worker}, one per
 * thread or Spark partition (clusterers keep working arrays and are not thread-safe).
 */
public record DijetBuilder(JetDefinition jets, Selection selection) implements Serializable {

    public DijetBuilder {
        if (jets == null || selection == null) {
            throw new IllegalArgumentException("a jet definition and a selection are required");
        }
    }

    /** The LHCO convention: anti-kT R = 1.0, jets above 20 GeV, the default selection. */
    public static DijetBuilder lhco() {
        return new DijetBuilder(JetDefinition.lhco(), Selection.defaults());
    }

    /** A new worker with its own clusterer. */
    public Worker worker() {
        return new Worker(this);
    }

    /** Does the work of a {@link DijetBuilder} on one thread. */
    public static final class Worker {
        private final DijetBuilder spec;
        private final JetClusterer clusterer;
        private double[] pt = new double[0];
        private double[] eta = new double[0];
        private double[] phi = new double[0];

        Worker(DijetBuilder spec) {
            this.spec = spec;
            this.clusterer = new JetClusterer(spec.jets());
        }

        /**
         * Builds the event from particles {@code offset .. offset + n - 1} of the flat arrays, or returns null when
         * it fails the selection; either way the event is counted in {@code flow} with weight 1.
         */
        public DijetEvent build(long id, int label, double[] ptAll, double[] etaAll, double[] phiAll, int offset, int n,
                                CutFlow flow) {
            double[] p;
            double[] e;
            double[] f;
            if (offset == 0) {
                p = ptAll;
                e = etaAll;
                f = phiAll;
            } else {
                if (pt.length < n) {
                    pt = new double[Math.max(n, 2 * pt.length)];
                    eta = new double[pt.length];
                    phi = new double[pt.length];
                }
                System.arraycopy(ptAll, offset, pt, 0, n);
                System.arraycopy(etaAll, offset, eta, 0, n);
                System.arraycopy(phiAll, offset, phi, 0, n);
                p = pt;
                e = eta;
                f = phi;
            }
            List<Jet> jets = clusterer.clusterToJets(p, e, f, n);
            if (!spec.selection().apply(jets, flow)) {
                return null;
            }
            return new DijetEvent(id, jets.get(0), jets.get(1), label, 1.0);
        }
    }
}
