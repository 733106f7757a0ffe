package org.anomalysearch.core.jet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class JetClustererTest {

    /** Clusters (pT, y, phi) rows of massless particles (rapidity = eta for massless particles). */
    private static List<ClusteredJet> cluster(JetDefinition def, double[][] rows) {
        double[] pt = new double[rows.length];
        double[] eta = new double[rows.length];
        double[] phi = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            pt[i] = rows[i][0];
            eta[i] = rows[i][1];
            phi[i] = rows[i][2];
        }
        return new JetClusterer(def).cluster(pt, eta, phi, rows.length);
    }

    private static List<List<Integer>> constituents(List<ClusteredJet> jets) {
        List<List<Integer>> out = new ArrayList<>();
        for (ClusteredJet j : jets) {
            List<Integer> c = new ArrayList<>();
            for (int i : j.constituents()) {
                c.add(i);
            }
            out.add(c);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(JetAlgorithm.class)
    void twoParticlesWithinRMergeAndBeyondRDoNot(JetAlgorithm alg) {
        JetDefinition def = new JetDefinition(alg, 1.0, 0.0);
        List<ClusteredJet> near = cluster(def, new double[][] {{10, 0.0, 1.0}, {20, 0.9, 1.0}});
        assertEquals(1, near.size());
        assertArrayEquals(new int[] {0, 1}, near.get(0).constituents());
        FourMomentum sum = FourMomentum.ofPtEtaPhiM(10, 0.0, 1.0, 0).plus(FourMomentum.ofPtEtaPhiM(20, 0.9, 1.0, 0));
        assertEquals(sum.e(), near.get(0).p4().e(), 1e-12);
        assertEquals(sum.pz(), near.get(0).p4().pz(), 1e-12);

        List<ClusteredJet> far = cluster(def, new double[][] {{10, 0.0, 1.0}, {20, 1.1, 1.0}});
        assertEquals(List.of(List.of(1), List.of(0)), constituents(far), "sorted by pT");
    }

    @ParameterizedTest
    @EnumSource(JetAlgorithm.class)
    void azimuthWrapsAroundTwoPi(JetAlgorithm alg) {
        JetDefinition def = new JetDefinition(alg, 0.4, 0.0);
        List<ClusteredJet> jets = cluster(def, new double[][] {{10, 0.5, 0.1}, {10, 0.5, 2 * Math.PI - 0.1}});
        assertEquals(1, jets.size(), "dphi = 0.2 across 2 pi");
        List<ClusteredJet> jets2 = cluster(def, new double[][] {{10, 0.5, Math.PI - 0.1}, {10, 0.5, -Math.PI + 0.1}});
        assertEquals(1, jets2.size(), "dphi = 0.2 across pi");
    }

    @Test
    void kTDiffersFromAntiKtAndCambridgeAachenWhenASoftParticleSitsBetween() {
        // A(100) at y = 0, B(50) at y = 0.8, S(1) at y = 1.7, R = 1. kT merges B with soft S first
        // (d = 0.81 vs 1600) and then A: one jet. Anti-kT and C/A merge A and B first; S is then 1.43 away.
        double[][] rows = {{100, 0.0, 0}, {50, 0.8, 0}, {1, 1.7, 0}};
        assertEquals(List.of(List.of(0, 1, 2)), constituents(cluster(JetDefinition.kt(1.0, 0), rows)));
        assertEquals(List.of(List.of(0, 1), List.of(2)), constituents(cluster(JetDefinition.antiKt(1.0, 0), rows)));
        assertEquals(List.of(List.of(0, 1), List.of(2)),
                constituents(cluster(JetDefinition.cambridgeAachen(1.0, 0), rows)));
    }

    @Test
    void antiKtDiffersFromCambridgeAachenAndKtWhenAHardParticleGrabsFirst() {
        // A(1000) at y = 0, B(1) at 0.6, C(100) at 1.05. Anti-kT: d_AB = 0.36e-6 < d_BC = 0.2025e-4, A takes B,
        // and C (1.05 away) stays alone. C/A and kT: B is closer to C (0.45 < 0.6) and merges with it.
        double[][] rows = {{1000, 0.0, 0}, {1, 0.6, 0}, {100, 1.05, 0}};
        assertEquals(List.of(List.of(0, 1), List.of(2)), constituents(cluster(JetDefinition.antiKt(1.0, 0), rows)));
        assertEquals(List.of(List.of(0), List.of(1, 2)),
                constituents(cluster(JetDefinition.cambridgeAachen(1.0, 0), rows)));
        assertEquals(List.of(List.of(0), List.of(1, 2)), constituents(cluster(JetDefinition.kt(1.0, 0), rows)));
    }

    @Test
    void ptMinKeepsJetsAtOrAboveTheThresholdAndSkipsZeroPadding() {
        double[] pt = {30, 0, 20, 19.999, 0, 0};
        double[] eta = {0, 0, 2, -2, 0, 0};
        double[] phi = {0, 0, 2, 4, 0, 0};
        List<ClusteredJet> jets = new JetClusterer(JetDefinition.antiKt(1.0, 20.0)).cluster(pt, eta, phi, 6);
        assertEquals(2, jets.size());
        assertArrayEquals(new int[] {0}, jets.get(0).constituents());
        assertArrayEquals(new int[] {2}, jets.get(1).constituents(), "pT = ptMin is kept, as FastJet");
        assertTrue(new JetClusterer(JetDefinition.antiKt(1.0, 0)).cluster(pt, eta, phi, 0).isEmpty());
    }

    @Test
    void badParticlesAreRejectedWithTheRow() {
        JetClusterer c = new JetClusterer(JetDefinition.lhco());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> c.cluster(new double[] {10, -1}, new double[] {0, 0}, new double[] {0, 0}, 2));
        assertEquals("row 1", e.field());
        assertThrows(InvalidInputException.class,
                () -> c.cluster(new double[] {10, Double.NaN}, new double[] {0, 0}, new double[] {0, 0}, 2));
        assertThrows(InvalidInputException.class,
                () -> c.cluster(new double[] {10}, new double[] {0}, new double[] {0}, 2));
    }

    /** Random events: a few collimated sprays plus uniform soft particles, |eta| < 4, including rows of zeros. */
    private static double[][] randomEvent(Random rng, int n) {
        double[][] rows = new double[n][3];
        int nSprays = 1 + rng.nextInt(4);
        double[][] axes = new double[nSprays][];
        for (int s = 0; s < nSprays; s++) {
            axes[s] = new double[] {-2.5 + 5 * rng.nextDouble(), 2 * Math.PI * rng.nextDouble(), 0.05 + 0.5 * rng.nextDouble()};
        }
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            if (u < 0.05) {
                continue; // a zero-padded row
            }
            double pt = 0.5 + Math.exp(6 * rng.nextDouble()) - 1;
            double eta;
            double phi;
            if (u < 0.7) {
                double[] a = axes[rng.nextInt(nSprays)];
                eta = a[0] + a[2] * rng.nextGaussian();
                phi = a[1] + a[2] * rng.nextGaussian();
            } else {
                eta = -4 + 8 * rng.nextDouble();
                phi = 2 * Math.PI * rng.nextDouble();
            }
            eta = Math.max(-4, Math.min(4, eta));
            phi = phi - 2 * Math.PI * Math.floor(phi / (2 * Math.PI)) - Math.PI; // in [-pi, pi)
            rows[i] = new double[] {pt, eta, phi};
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(JetAlgorithm.class)
    void tiledClusteringEqualsBruteForceOnRandomEvents(JetAlgorithm alg) {
        Random rng = new Random(20240611L + alg.ordinal());
        double[] radii = {0.4, 1.0, 1.5, 3.0};
        for (int trial = 0; trial < 40; trial++) {
            int n = trial < 5 ? trial + 1 : 20 + rng.nextInt(180);
            double radius = radii[trial % radii.length];
            double ptMin = trial % 2 == 0 ? 0.0 : 10.0;
            double[][] rows = randomEvent(rng, n);
            List<FourMomentum> particles = new ArrayList<>();
            List<Integer> rowOf = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rows[i][0] > 0) {
                    particles.add(FourMomentum.ofPtEtaPhiM(rows[i][0], rows[i][1], rows[i][2], 0));
                    rowOf.add(i);
                }
            }
            List<BruteForceClustering.Pseudo> expected = BruteForceClustering.inclusive(particles, alg, radius, ptMin);
            List<ClusteredJet> got = cluster(new JetDefinition(alg, radius, ptMin), rows);
            String where = alg + " trial " + trial + " (n=" + n + ", R=" + radius + ")";
            assertEquals(expected.size(), got.size(), where + ": number of jets");
            for (int j = 0; j < got.size(); j++) {
                List<Integer> want = new ArrayList<>();
                for (int c : expected.get(j).constituents()) {
                    want.add(rowOf.get(c));
                }
                want.sort(null);
                assertEquals(want, constituents(List.of(got.get(j))).get(0), where + " jet " + j);
                FourMomentum a = expected.get(j).p4();
                FourMomentum b = got.get(j).p4();
                double tol = 1e-12 * a.e();
                assertEquals(a.px(), b.px(), tol, where);
                assertEquals(a.py(), b.py(), tol, where);
                assertEquals(a.pz(), b.pz(), tol, where);
                assertEquals(a.e(), b.e(), tol, where);
            }
        }
    }

    @Test
    void clusterToJetsGivesTausOfTheTwoLeadingJetsOnlyAndMatchesNSubjettiness() {
        Random rng = new Random(7);
        double[][] rows = randomEvent(rng, 300);
        double[] pt = new double[rows.length];
        double[] eta = new double[rows.length];
        double[] phi = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            pt[i] = rows[i][0];
            eta[i] = rows[i][1];
            phi[i] = rows[i][2];
        }
        JetClusterer c = new JetClusterer(JetDefinition.antiKt(1.0, 5.0));
        List<ClusteredJet> clustered = c.cluster(pt, eta, phi, rows.length);
        List<Jet> jets = c.clusterToJets(pt, eta, phi, rows.length);
        assertEquals(clustered.size(), jets.size());
        assertTrue(jets.size() >= 3, "the random event should have at least three jets");
        for (int j = 0; j < jets.size(); j++) {
            assertEquals(clustered.get(j).p4(), jets.get(j).p4());
            assertEquals(clustered.get(j).nConstituents(), jets.get(j).nConstituents());
            if (j < 2) {
                List<FourMomentum> cons = new ArrayList<>();
                for (int i : clustered.get(j).constituents()) {
                    cons.add(FourMomentum.ofPtEtaPhiM(pt[i], eta[i], phi[i], 0));
                }
                double[] t = NSubjettiness.taus(3, cons);
                assertEquals(t[0], jets.get(j).tau1(), 1e-15);
                assertEquals(t[1], jets.get(j).tau2(), 1e-15);
                assertEquals(t[2], jets.get(j).tau3(), 1e-15);
                assertTrue(t[0] > t[1] && t[1] > t[2] && t[2] > 0, "tau1 > tau2 > tau3 > 0 for a many-particle jet");
            } else {
                assertTrue(Double.isNaN(jets.get(j).tau1()) && Double.isNaN(jets.get(j).tau3()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JetAlgorithm.class)
    void massiveFourVectorsEqualBruteForce(JetAlgorithm alg) {
        Random rng = new Random(31 + alg.ordinal());
        for (int trial = 0; trial < 10; trial++) {
            List<FourMomentum> particles = new ArrayList<>();
            double[][] rows = randomEvent(rng, 30 + rng.nextInt(120));
            for (double[] r : rows) {
                if (r[0] > 0) {
                    particles.add(FourMomentum.ofPtEtaPhiM(r[0], r[1], r[2], 0.14 + 5 * rng.nextDouble()));
                }
            }
            List<BruteForceClustering.Pseudo> expected = BruteForceClustering.inclusive(particles, alg, 0.8, 0.0);
            List<ClusteredJet> got = new JetClusterer(new JetDefinition(alg, 0.8, 0.0)).cluster(particles);
            assertEquals(expected.size(), got.size(), alg + " trial " + trial);
            for (int j = 0; j < got.size(); j++) {
                List<Integer> want = new ArrayList<>(expected.get(j).constituents());
                want.sort(null);
                assertEquals(want, constituents(List.of(got.get(j))).get(0), alg + " trial " + trial + " jet " + j);
                assertEquals(expected.get(j).p4().m(), got.get(j).p4().m(), 1e-9 * expected.get(j).p4().e());
            }
        }
    }
}
