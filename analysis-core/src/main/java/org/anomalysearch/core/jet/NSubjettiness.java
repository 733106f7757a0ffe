package org.anomalysearch.core.jet;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.event.FourMomentum;

/**
 * N-subjettiness (Thaler, Van Tilburg) as fjcontrib's {@code Nsubjettiness(N, KT_Axes(),
 * NormalizedMeasure(beta = 1, R0 = 1))}: the axes are the N exclusive kT subjets of the constituents
 * (reclustered with kT, R = {@link JetDefinition#MAX_ALLOWABLE_R}, E-scheme: FastJet's
 * {@code exclusive_jets(N)}), and
 * {@code tau_N = sum_i pT_i min_k dR(i, axis_k) / sum_i pT_i R0} with dR in rapidity and azimuth
 * ({@code PseudoJet::delta_R}; the axes are massive). A jet with at most N constituents has tau_N = 0
 * (the axes are the constituents themselves).
 */
public final class NSubjettiness {
    /** The angular exponent beta. */
    public static final double BETA = 1.0;
    /** The characteristic radius R0 of the normalisation. */
    public static final double R0 = 1.0;

    private NSubjettiness() {
    }

    /** tau_N of the given constituents (N &gt;= 1). */
    public static double tau(int n, List<FourMomentum> constituents) {
        return taus(n, constituents)[n - 1];
    }

    /** tau_1..tau_maxN from one kT reclustering: element N-1 is tau_N. */
    public static double[] taus(int maxN, List<FourMomentum> constituents) {
        if (maxN < 1) {
            throw new IllegalArgumentException("N-subjettiness needs N >= 1, found " + maxN);
        }
        int m = constituents.size();
        if (m == 0) {
            throw new IllegalArgumentException("N-subjettiness needs at least one constituent");
        }
        double[] x = new double[m];
        double[] y = new double[m];
        double[] z = new double[m];
        double[] en = new double[m];
        double[] k2 = new double[m];
        double[] rap = new double[m];
        double[] phi = new double[m];
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            FourMomentum p = constituents.get(i);
            x[i] = p.px();
            y[i] = p.py();
            z[i] = p.pz();
            en[i] = p.e();
            k2[i] = x[i] * x[i] + y[i] * y[i];
            rap[i] = Kinematics.rapidity(z[i], en[i], k2[i]);
            phi[i] = Kinematics.phi02pi(x[i], y[i], k2[i]);
            idx[i] = i;
        }
        double[] out = new double[maxN];
        new ExclusiveKtEngine().taus(x, y, z, en, k2, rap, phi, idx, m, maxN, out);
        return out;
    }

    /**
     * The exclusive kT axes: the jets left when the kT clustering (R = {@link JetDefinition#MAX_ALLOWABLE_R},
     * E-scheme) of the constituents has n jets left, or the constituents themselves when there are at most
     * n of them. Straightforward O(N^3) code, meant for checks and small inputs.
     */
    public static List<FourMomentum> exclusiveKtAxes(List<FourMomentum> constituents, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("exclusive jets need n >= 1, found " + n);
        }
        List<FourMomentum> jets = new ArrayList<>(constituents);
        while (jets.size() > n) {
            double best = Double.MAX_VALUE;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < jets.size(); i++) {
                FourMomentum a = jets.get(i);
                for (int j = i + 1; j < jets.size(); j++) {
                    FourMomentum b = jets.get(j);
                    double d = Math.min(a.pt2(), b.pt2()) * Kinematics.dist2(a.rapidity(), a.phi02pi(), b.rapidity(),
                            b.phi02pi());
                    if (d < best) {
                        best = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            FourMomentum merged = jets.get(bi).plus(jets.get(bj));
            jets.remove(bj);
            jets.set(bi, merged);
        }
        return jets;
    }
}
