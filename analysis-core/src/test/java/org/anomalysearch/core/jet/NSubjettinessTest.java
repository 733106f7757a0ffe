package org.anomalysearch.core.jet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anomalysearch.core.event.FourMomentum;
import org.junit.jupiter.api.Test;

class NSubjettinessTest {
    private static final FourMomentum A = FourMomentum.ofPtEtaPhiM(100, 0.0, 1.0, 0);
    private static final FourMomentum B = FourMomentum.ofPtEtaPhiM(1, 0.5, 1.0, 0);
    private static final FourMomentum C = FourMomentum.ofPtEtaPhiM(50, 2.0, 1.0, 0);

    @Test
    void exclusiveKtMergesTheSmallestMinPt2TimesDeltaR2First() {
        // d_AB = 1 * 0.25, d_BC = 1 * 2.25, d_AC = 2500 * 4: A and B merge first.
        List<FourMomentum> two = NSubjettiness.exclusiveKtAxes(List.of(A, B, C), 2);
        assertEquals(List.of(A.plus(B), C), two);
        List<FourMomentum> one = NSubjettiness.exclusiveKtAxes(List.of(A, B, C), 1);
        assertEquals(1, one.size());
        assertEquals(A.plus(B).plus(C).e(), one.get(0).e(), 1e-12);
        assertEquals(List.of(A, B, C), NSubjettiness.exclusiveKtAxes(List.of(A, B, C), 5), "fewer particles than n");
    }

    @Test
    void tausByHandOnThreeParticles() {
        double den = A.pt() + B.pt() + C.pt();
        FourMomentum ab = A.plus(B);
        double tau2 = (A.pt() * A.deltaR(ab) + B.pt() * B.deltaR(ab)) / den; // C is its own axis
        FourMomentum all = ab.plus(C);
        double tau1 = (A.pt() * A.deltaR(all) + B.pt() * B.deltaR(all) + C.pt() * C.deltaR(all)) / den;
        double[] t = NSubjettiness.taus(3, List.of(A, B, C));
        assertEquals(tau1, t[0], 1e-14);
        assertEquals(tau2, t[1], 1e-14);
        assertEquals(0.0, t[2], "three constituents, three axes");
        assertEquals(tau2, NSubjettiness.tau(2, List.of(C, A, B)), 1e-14, "order of constituents is irrelevant");
        assertEquals(0.0, NSubjettiness.tau(1, List.of(A)));
        assertThrows(IllegalArgumentException.class, () -> NSubjettiness.tau(0, List.of(A)));
        assertThrows(IllegalArgumentException.class, () -> NSubjettiness.taus(1, List.of()));
    }

    @Test
    void fastTausEqualBruteForceOnRandomJets() {
        Random rng = new Random(99);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rng.nextInt(trial < 10 ? 6 : 120);
            double y0 = -2 + 4 * rng.nextDouble();
            double phi0 = trial % 3 == 0 ? 0.05 : 2 * Math.PI * rng.nextDouble(); // some straddle phi = 0
            List<FourMomentum> cons = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int prong = rng.nextInt(3);
                double y = y0 + 0.3 * prong + 0.15 * rng.nextGaussian();
                double phi = phi0 - 0.3 * prong + 0.15 * rng.nextGaussian();
                cons.add(FourMomentum.ofPtEtaPhiM(0.5 + 100 * rng.nextDouble() * rng.nextDouble(), y, phi, 0));
            }
            double[] t = NSubjettiness.taus(4, cons);
            for (int k = 1; k <= 4; k++) {
                double want = BruteForceClustering.tau(cons, k);
                assertEquals(want, t[k - 1], 1e-12 * Math.max(want, 1e-3), "trial " + trial + " n=" + n + " tau" + k);
            }
        }
    }
}
