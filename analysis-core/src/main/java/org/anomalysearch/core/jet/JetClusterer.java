package org.anomalysearch.core.jet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;

/**
 * Sequential-recombination jet clustering that reproduces FastJet 3.4 (E-scheme): FastJet's distances
 * ({@code d_ij = min(kt_i^{2p}, kt_j^{2p}) dR_ij^2 / R^2}, {@code d_iB = kt_i^{2p}}, dR in rapidity and
 * azimuth), FastJet's rapidity/azimuth formulas for every merged jet, and FastJet's N2Tiled strategy
 * (nearest neighbours kept per jet, tiles of size ~R in the rapidity-azimuth plane), so the cost is about
 * O(N^2) with a small constant rather than the naive O(N^3).
 *
 * <p>Inclusive jets are those that recombine with the beam; {@code cluster} keeps those with
 * {@code pT^2 >= ptMin^2} (FastJet's {@code inclusive_jets(ptmin)}) and sorts them by decreasing pT.
 * Exactly equal distances are resolved by array order, as FastJet does, but the array order differs
 * from FastJet's, so such (measure-zero) ties may be resolved differently.
 *
 * <p>An instance keeps its working arrays from event to event and is therefore <b>not thread-safe</b>:
 * use one per thread (for example one per Spark partition).
 */
public final class JetClusterer {
    /** tau_N is computed for N = 1..MAX_TAU_N by {@link #clusterToJets}. */
    public static final int MAX_TAU_N = 3;
    /** {@link #clusterToJets} computes N-subjettiness for this many leading jets. */
    public static final int N_TAU_JETS = 2;

    private final JetDefinition definition;
    private final TiledEngine engine;
    private final ExclusiveKtEngine kt = new ExclusiveKtEngine();
    private int[] order = new int[0];
    private int[] idx = new int[0];
    private final double[] tau = new double[MAX_TAU_N];

    public JetClusterer(JetDefinition definition) {
        if (definition == null) {
            throw new IllegalArgumentException("a jet definition is required");
        }
        this.definition = definition;
        this.engine = new TiledEngine(definition.algorithm(), definition.radius());
    }

    public JetDefinition definition() {
        return definition;
    }

    /**
     * Clusters massless particles given as (pT, eta, phi) rows {@code 0..n-1}: each becomes
     * (pT cos phi, pT sin phi, pT sinh eta, |p|). Rows with pT == 0 (the zero padding of the LHCO files)
     * are skipped here; the constituent indices of the jets are row numbers of the input arrays.
     *
     * @return the inclusive jets with pT &gt;= ptMin, by decreasing pT
     * @throws org.anomalysearch.core.InvalidInputException for negative or non-finite values or too short arrays
     */
    public List<ClusteredJet> cluster(double[] pt, double[] eta, double[] phi, int n) {
        engine.loadPtEtaPhi(pt, eta, phi, n);
        engine.run();
        return collect();
    }

    /** Clusters general four-vectors; constituent indices are list positions. */
    public List<ClusteredJet> cluster(List<FourMomentum> particles) {
        int n = particles.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] en = new double[n];
        for (int i = 0; i < n; i++) {
            FourMomentum p = particles.get(i);
            x[i] = p.px();
            y[i] = p.py();
            z[i] = p.pz();
            en[i] = p.e();
        }
        engine.loadFourVectors(x, y, z, en, n);
        engine.run();
        return collect();
    }

    /**
     * As {@link #cluster(double[], double[], double[], int)}, returned as {@link Jet}s with their constituent
     * counts and, for the {@value #N_TAU_JETS} leading jets only, N-subjettiness tau1..tau3 (beta = 1,
     * R0 = 1, exclusive-kT axes; see {@link NSubjettiness}); the other jets carry NaN taus (the LHCO feature
     * files only keep the two leading jets, and skipping the rest saves most of the reclustering time).
     */
    public List<Jet> clusterToJets(double[] pt, double[] eta, double[] phi, int n) {
        engine.loadPtEtaPhi(pt, eta, phi, n);
        engine.run();
        int nj = selectAndSort();
        List<Jet> jets = new ArrayList<>(nj);
        for (int r = 0; r < nj; r++) {
            int s = order[r];
            FourMomentum p4 = new FourMomentum(engine.px(s), engine.py(s), engine.pz(s), engine.e(s));
            int m = engine.cCount[s];
            if (r < N_TAU_JETS) {
                if (idx.length < m) {
                    idx = new int[Math.max(m, 2 * idx.length)];
                }
                int q = 0;
                for (int c = engine.cHead[s]; c >= 0; c = engine.cNext[c]) {
                    idx[q++] = c;
                }
                kt.taus(engine.ppx, engine.ppy, engine.ppz, engine.pe, engine.pkt2, engine.prap, engine.pphi, idx, m,
                        MAX_TAU_N, tau);
                jets.add(new Jet(p4, m, tau[0], tau[1], tau[2]));
            } else {
                jets.add(new Jet(p4, m, Double.NaN, Double.NaN, Double.NaN));
            }
        }
        return jets;
    }

    /** Sorts the inclusive jets above threshold into {@code order}; returns their number. */
    private int selectAndSort() {
        double cut = definition.ptMin() * definition.ptMin();
        if (order.length < engine.nFinals) {
            order = new int[Math.max(engine.nFinals, 16)];
        }
        int nj = 0;
        for (int f = 0; f < engine.nFinals; f++) {
            int s = engine.finals[f];
            double k = engine.kt2(s);
            if (k >= cut) {
                // insertion by decreasing pT^2
                int r = nj++;
                while (r > 0 && engine.kt2(order[r - 1]) < k) {
                    order[r] = order[r - 1];
                    r--;
                }
                order[r] = s;
            }
        }
        return nj;
    }

    private List<ClusteredJet> collect() {
        int nj = selectAndSort();
        List<ClusteredJet> jets = new ArrayList<>(nj);
        for (int r = 0; r < nj; r++) {
            int s = order[r];
            int[] cons = new int[engine.cCount[s]];
            int q = 0;
            for (int c = engine.cHead[s]; c >= 0; c = engine.cNext[c]) {
                cons[q++] = engine.origin[c];
            }
            Arrays.sort(cons);
            jets.add(new ClusteredJet(new FourMomentum(engine.px(s), engine.py(s), engine.pz(s), engine.e(s)), cons));
        }
        return jets;
    }
}
