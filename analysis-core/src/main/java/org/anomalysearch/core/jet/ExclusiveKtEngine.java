package org.anomalysearch.core.jet;

/**
 * N-subjettiness with exclusive-kT axes on flat arrays. The constituents are reclustered with the kT
 * algorithm and R = {@link JetDefinition#MAX_ALLOWABLE_R} (E-scheme) by a mirror of FastJet's N2Plain
 * strategy (same array layout and update order, so equal distances resolve alike); when N jets remain
 * they are the axes of tau_N (FastJet's {@code exclusive_jets(N)}), and tau_N is evaluated right then.
 *
 * <p>Mutable workspace reused from jet to jet; not thread-safe.
 */
final class ExclusiveKtEngine {
    private static final double R2 = JetDefinition.MAX_ALLOWABLE_R * JetDefinition.MAX_ALLOWABLE_R;

    private double[] px = new double[0], py = px, pz = px, e = px, kt2 = px, rap = px, phi = px;
    private double[] nnDist = px, dij = px;
    private int[] nn = new int[0];
    /** Constituents' rapidity, azimuth and pT. */
    private double[] cRap = px, cPhi = px, cPt = px;

    private void ensureCapacity(int cap) {
        if (px.length >= cap) {
            return;
        }
        int c = Math.max(cap, 16);
        px = new double[c];
        py = new double[c];
        pz = new double[c];
        e = new double[c];
        kt2 = new double[c];
        rap = new double[c];
        phi = new double[c];
        nnDist = new double[c];
        dij = new double[c];
        nn = new int[c];
        cRap = new double[c];
        cPhi = new double[c];
        cPt = new double[c];
    }

    /**
     * tau_1..tau_maxN of the constituents {@code idx[0..m)} of the particle arrays (px, py, pz, E, kt2 and
     * FastJet's rapidity and azimuth in [0, 2pi)), written to {@code out[0..maxN)}.
     */
    void taus(double[] ppx, double[] ppy, double[] ppz, double[] pe, double[] pkt2, double[] prap, double[] pphi,
            int[] idx, int m, int maxN, double[] out) {
        ensureCapacity(m);
        double den = 0;
        for (int q = 0; q < m; q++) {
            int i = idx[q];
            px[q] = ppx[i];
            py[q] = ppy[i];
            pz[q] = ppz[i];
            e[q] = pe[i];
            kt2[q] = pkt2[i];
            rap[q] = prap[i];
            phi[q] = pphi[i];
            cRap[q] = prap[i];
            cPhi[q] = pphi[i];
            double pt = Math.sqrt(pkt2[i]);
            cPt[q] = pt;
            den += pt; // times R0 = 1
        }
        for (int k = 0; k < maxN; k++) {
            out[k] = 0.0; // N >= number of constituents: the axes are the constituents themselves
        }
        if (m <= 1) {
            return;
        }
        // N2Plain initial nearest neighbours (FastJet's _bj_set_NN_crosscheck order)
        nn[0] = -1;
        nnDist[0] = R2;
        for (int a = 1; a < m; a++) {
            double best = R2;
            int who = -1;
            double ya = rap[a];
            double fa = phi[a];
            for (int b = 0; b < a; b++) {
                double d = Kinematics.dist2(ya, fa, rap[b], phi[b]);
                if (d < best) {
                    best = d;
                    who = b;
                }
                if (d < nnDist[b]) {
                    nnDist[b] = d;
                    nn[b] = a;
                }
            }
            nn[a] = who;
            nnDist[a] = best;
        }
        for (int q = 0; q < m; q++) {
            dij[q] = diJ(q);
        }
        int n = m;
        while (n > 1) {
            if (n <= maxN) {
                out[n - 1] = tau(m, n, den);
            }
            int k = 0;
            double best = dij[0];
            for (int q = 1; q < n; q++) {
                if (dij[q] < best) {
                    best = dij[q];
                    k = q;
                }
            }
            int a = k;
            int b = nn[a];
            if (b < 0) {
                // cannot happen with R = 1000 and two or more jets; kept for safety
                throw new IllegalStateException("kT reclustering: a jet without neighbour among " + n);
            }
            if (a < b) {
                int t = a;
                a = b;
                b = t;
            }
            // merged jet goes into b (the lower position), the last jet moves into a
            Kinematics.recombine(px, py, pz, e, kt2, rap, phi, b, a);
            double yb = rap[b];
            double fb = phi[b];
            nn[b] = -1;
            nnDist[b] = R2;
            int tail = --n;
            px[a] = px[tail];
            py[a] = py[tail];
            pz[a] = pz[tail];
            e[a] = e[tail];
            kt2[a] = kt2[tail];
            rap[a] = rap[tail];
            phi[a] = phi[tail];
            nn[a] = nn[tail];
            nnDist[a] = nnDist[tail];
            dij[a] = dij[tail];
            for (int i = 0; i < n; i++) {
                if (nn[i] == a || nn[i] == b) {
                    setNNnoCross(i, n);
                    dij[i] = diJ(i);
                }
                double d = Kinematics.dist2(rap[i], phi[i], yb, fb);
                if (d < nnDist[i] && i != b) {
                    nnDist[i] = d;
                    nn[i] = b;
                    dij[i] = diJ(i);
                }
                if (d < nnDist[b] && i != b) {
                    nnDist[b] = d;
                    nn[b] = i;
                }
                if (nn[i] == tail) {
                    nn[i] = a;
                }
            }
            dij[b] = diJ(b);
        }
        if (maxN >= 1) {
            out[0] = tau(m, 1, den);
        }
    }

    private double diJ(int s) {
        double k = kt2[s];
        int o = nn[s];
        if (o >= 0 && kt2[o] < k) {
            k = kt2[o];
        }
        return nnDist[s] * k;
    }

    private void setNNnoCross(int i, int n) {
        double best = R2;
        int who = -1;
        double yi = rap[i];
        double fi = phi[i];
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double d = Kinematics.dist2(yi, fi, rap[j], phi[j]);
            if (d < best) {
                best = d;
                who = j;
            }
        }
        nnDist[i] = best;
        nn[i] = who;
    }

    /** tau with the current jets 0..nAxes-1 as axes. */
    private double tau(int m, int nAxes, double den) {
        double num = 0;
        for (int q = 0; q < m; q++) {
            double yq = cRap[q];
            double fq = cPhi[q];
            double min = Double.MAX_VALUE;
            for (int k = 0; k < nAxes; k++) {
                double d = Kinematics.dist2(yq, fq, rap[k], phi[k]);
                if (d < min) {
                    min = d;
                }
            }
            num += cPt[q] * Math.sqrt(min);
        }
        return num / den;
    }
}
