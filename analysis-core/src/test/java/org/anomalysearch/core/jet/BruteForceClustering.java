package org.anomalysearch.core.jet;

import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.event.FourMomentum;

/**
 * The textbook O(N^3) generalised-kT clustering, written for tests only: at every step compute every
 * d_ij = min(kt_i^2p, kt_j^2p) dR_ij^2 / R^2 and d_iB = kt_i^2p, take the smallest, merge (E-scheme) or
 * declare a jet. Deliberately simple; shares nothing with the fast code but FourMomentum.
 */
final class BruteForceClustering {
    /** A (pseudo)jet under construction: four-momentum and constituent indices. */
    record Pseudo(FourMomentum p4, List<Integer> constituents) {
    }

    private BruteForceClustering() {
    }

    static double scale(JetAlgorithm alg, FourMomentum p) {
        double kt2 = p.pt2();
        switch (alg) {
            case KT:
                return kt2;
            case CAMBRIDGE_AACHEN:
                return 1.0;
            default:
                return 1.0 / kt2;
        }
    }

    static double deltaR2(FourMomentum a, FourMomentum b) {
        double dr = a.deltaR(b);
        return dr * dr;
    }

    /** Inclusive jets with pT >= ptMin, by decreasing pT. */
    static List<Pseudo> inclusive(List<FourMomentum> particles, JetAlgorithm alg, double radius, double ptMin) {
        List<Pseudo> active = initial(particles);
        List<Pseudo> jets = new ArrayList<>();
        double r2 = radius * radius;
        while (!active.isEmpty()) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < active.size(); i++) {
                FourMomentum a = active.get(i).p4();
                double dib = scale(alg, a);
                if (dib < best) {
                    best = dib;
                    bi = i;
                    bj = -1;
                }
                for (int j = i + 1; j < active.size(); j++) {
                    FourMomentum b = active.get(j).p4();
                    double dij = Math.min(scale(alg, a), scale(alg, b)) * deltaR2(a, b) / r2;
                    if (dij < best) {
                        best = dij;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bj < 0) {
                jets.add(active.remove(bi));
            } else {
                merge(active, bi, bj);
            }
        }
        List<Pseudo> kept = new ArrayList<>();
        for (Pseudo p : jets) {
            if (p.p4().pt2() >= ptMin * ptMin) {
                kept.add(p);
            }
        }
        kept.sort((x, y) -> Double.compare(y.p4().pt2(), x.p4().pt2()));
        return kept;
    }

    /** kT clustering without beam (R = 1000 never lets the beam win) stopped when n jets remain. */
    static List<Pseudo> exclusiveKt(List<FourMomentum> particles, int n) {
        List<Pseudo> active = initial(particles);
        while (active.size() > n) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < active.size(); i++) {
                for (int j = i + 1; j < active.size(); j++) {
                    FourMomentum a = active.get(i).p4();
                    FourMomentum b = active.get(j).p4();
                    double d = Math.min(a.pt2(), b.pt2()) * deltaR2(a, b);
                    if (d < best) {
                        best = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            merge(active, bi, bj);
        }
        return active;
    }

    /** tau_N by the definition, with brute-force exclusive-kT axes. */
    static double tau(List<FourMomentum> constituents, int n) {
        List<Pseudo> axes = exclusiveKt(constituents, n);
        double num = 0;
        double den = 0;
        for (FourMomentum p : constituents) {
            double min = Double.POSITIVE_INFINITY;
            for (Pseudo a : axes) {
                min = Math.min(min, p.deltaR(a.p4()));
            }
            num += p.pt() * min;
            den += p.pt();
        }
        return num / den;
    }

    private static List<Pseudo> initial(List<FourMomentum> particles) {
        List<Pseudo> active = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            active.add(new Pseudo(particles.get(i), List.of(i)));
        }
        return active;
    }

    private static void merge(List<Pseudo> active, int i, int j) {
        Pseudo a = active.get(i);
        Pseudo b = active.get(j);
        List<Integer> c = new ArrayList<>(a.constituents());
        c.addAll(b.constituents());
        active.set(i, new Pseudo(a.p4().plus(b.p4()), c));
        active.remove(j);
    }
}
