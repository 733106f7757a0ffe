package org.anomalysearch.core.jet;

import java.util.Arrays;
import org.anomalysearch.core.InvalidInputException;

/**
 * Generalised-kT clustering with FastJet's N2Tiled strategy on flat primitive arrays: the
 * rapidity-azimuth plane is cut into tiles at least R wide, each jet keeps its nearest neighbour
 * (NN) among the jets in its own and the 8 surrounding tiles, and after a recombination only the jets
 * in the tiles around the jets involved are updated. Distances are FastJet's:
 * {@code d_ij = min(s_i, s_j) dR_ij^2} compared with {@code d_iB = s_i R^2}, where s is
 * {@link JetAlgorithm#scale(double)}; rapidity and azimuth of every (merged) jet come from its
 * four-vector by FastJet's formulas and are cached.
 *
 * <p>Mutable workspace reused from event to event; not thread-safe. Slots 0..n-1 are the particles;
 * a recombination puts the merged jet into the slot of one of its two parents.
 */
final class TiledEngine {
    private final JetAlgorithm algorithm;
    private final double r2;
    private final double tileSizeEta;
    private final int nPhi;
    private final double tileSizePhi;

    /** Number of particles loaded. */
    int n;
    /** Particle data (kept intact for N-subjettiness). */
    double[] ppx = new double[0], ppy = ppx, ppz = ppx, pe = ppx, pkt2 = ppx, prap = ppx, pphi = ppx;
    /** Row of each particle in the caller's arrays. */
    int[] origin = new int[0];

    private double[] px = new double[0], py = px, pz = px, e = px, kt2 = px, rap = px, phi = px, scale = px;
    private double[] nnDist = px, dij = px;
    private int[] nn = new int[0], tile = nn, tNext = nn, tPrev = nn, pos = nn, act = nn;
    /** Constituents as singly linked lists over particle slots. */
    int[] cHead = nn, cTail = nn, cNext = nn, cCount = nn;
    /** Slots of the jets that recombined with the beam (the inclusive jets), in order. */
    int[] finals = nn;
    int nFinals;

    private double tilesEtaMin;
    private double tilesEtaMax;
    private int tilesIetaMin;
    private int tilesIetaMax;
    private int nTiles;
    private int[] tileHead = new int[0];
    private int[] tileMark = new int[0];
    private int mark;
    /** Per tile, 9 slots: itself, then its right-hand neighbours, then its left-hand ones. */
    private int[] neigh = new int[0];
    private int[] nNeigh = new int[0];
    private int[] nRight = new int[0];
    private int[] union = new int[0];
    /** Tile edges: rapidity (infinite beyond the first and last rows) and azimuth. */
    private double[] tileYLo = new double[0], tileYHi = tileYLo, tileFLo = tileYLo, tileFHi = tileYLo;
    /** Safety margin of the tile lower bounds against rounding in the tile assignment. */
    private static final double EDGE_MARGIN = 1e-9;

    TiledEngine(JetAlgorithm algorithm, double radius) {
        this.algorithm = algorithm;
        this.r2 = radius * radius;
        double defaultSize = Math.max(0.1, radius);
        this.tileSizeEta = defaultSize;
        this.nPhi = Math.max(3, (int) Math.floor(Kinematics.TWO_PI / defaultSize));
        this.tileSizePhi = Kinematics.TWO_PI / nPhi;
    }

    private void ensureCapacity(int cap) {
        if (ppx.length >= cap) {
            return;
        }
        int c = Math.max(cap, 16);
        ppx = new double[c];
        ppy = new double[c];
        ppz = new double[c];
        pe = new double[c];
        pkt2 = new double[c];
        prap = new double[c];
        pphi = new double[c];
        origin = new int[c];
        px = new double[c];
        py = new double[c];
        pz = new double[c];
        e = new double[c];
        kt2 = new double[c];
        rap = new double[c];
        phi = new double[c];
        scale = new double[c];
        nnDist = new double[c];
        dij = new double[c];
        nn = new int[c];
        tile = new int[c];
        tNext = new int[c];
        tPrev = new int[c];
        pos = new int[c];
        act = new int[c];
        cHead = new int[c];
        cTail = new int[c];
        cNext = new int[c];
        cCount = new int[c];
        finals = new int[c];
    }

    /**
     * Loads massless particles from (pT, eta, phi) rows 0..count-1, skipping rows with pT == 0 (the zero
     * padding of the LHCO files).
     */
    void loadPtEtaPhi(double[] pt, double[] eta, double[] phiIn, int count) {
        checkArrays(count, pt.length, eta.length, phiIn.length);
        ensureCapacity(count);
        int k = 0;
        for (int i = 0; i < count; i++) {
            double p = pt[i];
            if (p == 0.0) {
                continue;
            }
            double h = eta[i];
            double f = phiIn[i];
            if (!(p > 0) || Double.isInfinite(p) || !Double.isFinite(h) || !Double.isFinite(f)) {
                throw new InvalidInputException("particles", "row " + i,
                        "expected a finite pT >= 0 and finite eta, phi; found pT=" + p + ", eta=" + h + ", phi=" + f,
                        "check the input file; zero-padded rows must have pT = 0");
            }
            double x = p * Math.cos(f);
            double y = p * Math.sin(f);
            double z = p * Math.sinh(h);
            setParticle(k, i, x, y, z, Math.sqrt(x * x + y * y + z * z));
            k++;
        }
        n = k;
    }

    /** Loads general four-vectors (px, py, pz, E) from rows 0..count-1; every row is a particle. */
    void loadFourVectors(double[] x, double[] y, double[] z, double[] en, int count) {
        checkArrays(count, x.length, y.length, z.length, en.length);
        ensureCapacity(count);
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !Double.isFinite(z[i]) || !Double.isFinite(en[i])) {
                throw new InvalidInputException("particles", "row " + i, "expected a finite four-vector, found ("
                        + x[i] + ", " + y[i] + ", " + z[i] + ", " + en[i] + ")", "check the input");
            }
            setParticle(i, i, x[i], y[i], z[i], en[i]);
        }
        n = count;
    }

    private static void checkArrays(int count, int... lengths) {
        if (count < 0) {
            throw new InvalidInputException("particles", "count", "expected a count >= 0, found " + count, "");
        }
        for (int len : lengths) {
            if (len < count) {
                throw new InvalidInputException("particles", "arrays",
                        "expected arrays of at least " + count + " entries, found one of " + len,
                        "pass the number of valid rows as the count");
            }
        }
    }

    private void setParticle(int k, int row, double x, double y, double z, double en) {
        double t = x * x + y * y;
        ppx[k] = x;
        ppy[k] = y;
        ppz[k] = z;
        pe[k] = en;
        pkt2[k] = t;
        prap[k] = Kinematics.rapidity(z, en, t);
        pphi[k] = Kinematics.phi02pi(x, y, t);
        origin[k] = row;
    }

    private void setupTiles() {
        double etaMin = 0.0;
        double etaMax = 0.0;
        for (int i = 0; i < n; i++) {
            double y = prap[i];
            if (Math.abs(y) < 7.0) {
                if (y < etaMin) {
                    etaMin = y;
                }
                if (y > etaMax) {
                    etaMax = y;
                }
            }
        }
        tilesIetaMin = (int) Math.floor(etaMin / tileSizeEta);
        tilesIetaMax = (int) Math.floor(etaMax / tileSizeEta);
        tilesEtaMin = tilesIetaMin * tileSizeEta;
        tilesEtaMax = tilesIetaMax * tileSizeEta;
        int nEta = tilesIetaMax - tilesIetaMin + 1;
        nTiles = nEta * nPhi;
        if (tileHead.length < nTiles) {
            tileHead = new int[nTiles];
            tileMark = new int[nTiles];
            neigh = new int[9 * nTiles];
            nNeigh = new int[nTiles];
            nRight = new int[nTiles];
            union = new int[3 * 9 + nTiles];
            tileYLo = new double[nTiles];
            tileYHi = new double[nTiles];
            tileFLo = new double[nTiles];
            tileFHi = new double[nTiles];
            mark = 0;
        }
        Arrays.fill(tileHead, 0, nTiles, -1);
        for (int ie = 0; ie < nEta; ie++) {
            for (int ip = 0; ip < nPhi; ip++) {
                int t = ip + ie * nPhi;
                tileYLo[t] = ie == 0 ? Double.NEGATIVE_INFINITY : tilesEtaMin + ie * tileSizeEta;
                tileYHi[t] = ie == nEta - 1 ? Double.POSITIVE_INFINITY : tilesEtaMin + (ie + 1) * tileSizeEta;
                tileFLo[t] = ip * tileSizePhi;
                tileFHi[t] = (ip + 1) * tileSizePhi;
                int b = 9 * t;
                int c = 0;
                neigh[b + c++] = t;
                // right-hand: same eta row, phi + 1; next eta row, phi - 1, phi, phi + 1
                neigh[b + c++] = (ip + 1) % nPhi + ie * nPhi;
                if (ie + 1 < nEta) {
                    for (int d = -1; d <= 1; d++) {
                        neigh[b + c++] = (ip + d + nPhi) % nPhi + (ie + 1) * nPhi;
                    }
                }
                nRight[t] = c;
                neigh[b + c++] = (ip - 1 + nPhi) % nPhi + ie * nPhi;
                if (ie > 0) {
                    for (int d = -1; d <= 1; d++) {
                        neigh[b + c++] = (ip + d + nPhi) % nPhi + (ie - 1) * nPhi;
                    }
                }
                nNeigh[t] = c;
            }
        }
    }

    private int tileIndex(double y, double f) {
        int ieta;
        int top = tilesIetaMax - tilesIetaMin;
        if (y <= tilesEtaMin) {
            ieta = 0;
        } else if (y >= tilesEtaMax) {
            ieta = top;
        } else {
            ieta = (int) ((y - tilesEtaMin) / tileSizeEta);
            if (ieta > top) {
                ieta = top;
            }
        }
        int iphi = (int) ((f + Kinematics.TWO_PI) / tileSizePhi) % nPhi;
        return iphi + ieta * nPhi;
    }

    private void addToTile(int s, int t) {
        tile[s] = t;
        int h = tileHead[t];
        tPrev[s] = -1;
        tNext[s] = h;
        if (h >= 0) {
            tPrev[h] = s;
        }
        tileHead[t] = s;
    }

    private void removeFromTile(int s) {
        int p = tPrev[s];
        int q = tNext[s];
        if (p >= 0) {
            tNext[p] = q;
        } else {
            tileHead[tile[s]] = q;
        }
        if (q >= 0) {
            tPrev[q] = p;
        }
    }

    private double diJ(int s) {
        double sc = scale[s];
        int o = nn[s];
        if (o >= 0 && scale[o] < sc) {
            sc = scale[o];
        }
        return nnDist[s] * sc;
    }

    private void checkPair(int i, int j) {
        double d = Kinematics.dist2(rap[i], phi[i], rap[j], phi[j]);
        if (d < nnDist[i]) {
            nnDist[i] = d;
            nn[i] = j;
        }
        if (d < nnDist[j]) {
            nnDist[j] = d;
            nn[j] = i;
        }
    }

    /**
     * A lower bound on dR^2 from (y, f) to any jet in tile u, shrunk by {@link #EDGE_MARGIN} on each axis so
     * that jets put into a tile with rounding at its edge are covered.
     */
    private double tileBound2(double y, double f, int u) {
        double dy = 0;
        if (y < tileYLo[u]) {
            dy = tileYLo[u] - y;
        } else if (y > tileYHi[u]) {
            dy = y - tileYHi[u];
        }
        double lo = tileFLo[u];
        double hi = tileFHi[u];
        double df = 0;
        if (f < lo || f > hi) {
            double up = lo - f;
            if (up < 0) {
                up += Kinematics.TWO_PI;
            }
            double down = f - hi;
            if (down < 0) {
                down += Kinematics.TWO_PI;
            }
            df = Math.min(up, down);
        }
        dy = Math.max(0.0, dy - EDGE_MARGIN);
        df = Math.max(0.0, df - EDGE_MARGIN);
        return dy * dy + df * df;
    }

    private void findNN(int j) {
        double best = r2;
        int who = -1;
        double yj = rap[j];
        double fj = phi[j];
        int b = 9 * tile[j];
        int c = nNeigh[tile[j]];
        for (int q = 0; q < c; q++) {
            int u = neigh[b + q];
            if (q > 0 && tileBound2(yj, fj, u) >= best) {
                continue; // no jet of tile u can be nearer than the best so far
            }
            for (int i = tileHead[u]; i >= 0; i = tNext[i]) {
                double d = Kinematics.dist2(yj, fj, rap[i], phi[i]);
                if (d < best && i != j) {
                    best = d;
                    who = i;
                }
            }
        }
        nnDist[j] = best;
        nn[j] = who;
    }

    private void addUnion(int t) {
        int b = 9 * t;
        int c = nNeigh[t];
        for (int q = 0; q < c; q++) {
            int u = neigh[b + q];
            if (tileMark[u] != mark) {
                tileMark[u] = mark;
                union[unionSize++] = u;
            }
        }
    }

    private int unionSize;

    /** Clusters the loaded particles; the inclusive jets are then {@code finals[0..nFinals)}. */
    void run() {
        final int count = n;
        for (int s = 0; s < count; s++) {
            px[s] = ppx[s];
            py[s] = ppy[s];
            pz[s] = ppz[s];
            e[s] = pe[s];
            kt2[s] = pkt2[s];
            rap[s] = prap[s];
            phi[s] = pphi[s];
            scale[s] = algorithm.scale(pkt2[s]);
            nn[s] = -1;
            nnDist[s] = r2;
            cHead[s] = s;
            cTail[s] = s;
            cNext[s] = -1;
            cCount[s] = 1;
            act[s] = s;
            pos[s] = s;
        }
        nFinals = 0;
        if (count == 0) {
            return;
        }
        setupTiles();
        for (int s = 0; s < count; s++) {
            addToTile(s, tileIndex(rap[s], phi[s]));
        }
        // initial nearest neighbours: every pair of jets in the same or adjacent tiles once
        for (int t = 0; t < nTiles; t++) {
            int b = 9 * t;
            int right = nRight[t];
            for (int i = tileHead[t]; i >= 0; i = tNext[i]) {
                for (int j = tNext[i]; j >= 0; j = tNext[j]) {
                    checkPair(i, j);
                }
                for (int q = 1; q < right; q++) {
                    for (int j = tileHead[neigh[b + q]]; j >= 0; j = tNext[j]) {
                        checkPair(i, j);
                    }
                }
            }
        }
        for (int s = 0; s < count; s++) {
            dij[s] = diJ(s);
        }
        int m = count;
        while (m > 0) {
            int k = 0;
            double best = dij[0];
            for (int q = 1; q < m; q++) {
                double d = dij[q];
                if (d < best) {
                    best = d;
                    k = q;
                }
            }
            int a = act[k];
            int b = nn[a];
            if (b < 0) {
                // jet-beam recombination: a is an inclusive jet. No jet can have a as its NN (it would be
                // within R of a, and a would have a neighbour), so nothing else changes.
                removeFromTile(a);
                finals[nFinals++] = a;
                m--;
                removeActive(k, m);
                continue;
            }
            int ta = tile[a];
            int tb = tile[b];
            removeFromTile(a);
            removeFromTile(b);
            Kinematics.recombine(px, py, pz, e, kt2, rap, phi, a, b);
            double ya = rap[a];
            double fa = phi[a];
            scale[a] = algorithm.scale(kt2[a]);
            nn[a] = -1;
            nnDist[a] = r2;
            cNext[cTail[a]] = cHead[b];
            cTail[a] = cTail[b];
            cCount[a] += cCount[b];
            int tn = tileIndex(ya, fa);
            addToTile(a, tn);
            m--;
            removeActive(pos[b], m);

            mark++;
            unionSize = 0;
            addUnion(ta);
            if (tb != ta) {
                addUnion(tb);
            }
            if (tn != ta && tn != tb) {
                addUnion(tn);
            }
            double nnA = r2;
            int whoA = -1;
            for (int u = 0; u < unionSize; u++) {
                for (int j = tileHead[union[u]]; j >= 0; j = tNext[j]) {
                    if (j == a) {
                        continue;
                    }
                    int nj = nn[j];
                    boolean changed = false;
                    if (nj == a || nj == b) {
                        findNN(j);
                        changed = true;
                    }
                    double d = Kinematics.dist2(rap[j], phi[j], ya, fa);
                    if (d < nnDist[j]) {
                        nnDist[j] = d;
                        nn[j] = a;
                        changed = true;
                    }
                    if (d < nnA) {
                        nnA = d;
                        whoA = j;
                    }
                    if (changed) {
                        dij[pos[j]] = diJ(j);
                    }
                }
            }
            nnDist[a] = nnA;
            nn[a] = whoA;
            dij[pos[a]] = diJ(a);
        }
    }

    private void removeActive(int k, int last) {
        int s = act[last];
        act[k] = s;
        dij[k] = dij[last];
        pos[s] = k;
    }

    double px(int s) {
        return px[s];
    }

    double py(int s) {
        return py[s];
    }

    double pz(int s) {
        return pz[s];
    }

    double e(int s) {
        return e[s];
    }

    double kt2(int s) {
        return kt2[s];
    }
}
