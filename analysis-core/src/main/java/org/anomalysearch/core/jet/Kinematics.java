package org.anomalysearch.core.jet;

import org.anomalysearch.core.event.FourMomentum;

/** FastJet's rapidity, azimuth and distance formulas on primitives (see {@code PseudoJet::_set_rap_phi}). */
final class Kinematics {
    static final double TWO_PI = 2 * Math.PI;

    private Kinematics() {
    }

    /** Rapidity exactly as FastJet computes it; kt2 = px^2 + py^2. */
    static double rapidity(double pz, double e, double kt2) {
        if (e == Math.abs(pz) && kt2 == 0) {
            double maxRapHere = FourMomentum.MAX_RAP + Math.abs(pz);
            return pz >= 0 ? maxRapHere : -maxRapHere;
        }
        double effectiveM2 = Math.max(0.0, (e + pz) * (e - pz) - kt2);
        double ePlusPz = e + Math.abs(pz);
        double rap = 0.5 * Math.log((kt2 + effectiveM2) / (ePlusPz * ePlusPz));
        return pz > 0 ? -rap : rap;
    }

    /** Azimuth in [0, 2 pi) exactly as FastJet computes it. */
    static double phi02pi(double px, double py, double kt2) {
        double phi = kt2 == 0.0 ? 0.0 : Math.atan2(py, px);
        if (phi < 0.0) {
            phi += TWO_PI;
        }
        if (phi >= TWO_PI) {
            phi -= TWO_PI;
        }
        return phi;
    }

    /** FastJet's {@code _bj_dist} / {@code plain_distance}: dphi^2 + dy^2 with phi in [0, 2 pi). */
    static double dist2(double rapA, double phiA, double rapB, double phiB) {
        double dphi = Math.abs(phiA - phiB);
        double drap = rapA - rapB;
        if (dphi > Math.PI) {
            dphi = TWO_PI - dphi;
        }
        return dphi * dphi + drap * drap;
    }

    /**
     * E-scheme recombination in flat arrays: jet {@code into} becomes the four-vector sum of {@code into} and
     * {@code other}, with its kt^2, rapidity and azimuth recomputed by FastJet's formulas. Shared by the clustering
     * engines so that both recombine exactly alike.
     */
    static void recombine(double[] px, double[] py, double[] pz, double[] e, double[] kt2, double[] rap, double[] phi,
                          int into, int other) {
        double x = px[into] + px[other];
        double y = py[into] + py[other];
        double z = pz[into] + pz[other];
        double en = e[into] + e[other];
        double t2 = x * x + y * y;
        px[into] = x;
        py[into] = y;
        pz[into] = z;
        e[into] = en;
        kt2[into] = t2;
        rap[into] = rapidity(z, en, t2);
        phi[into] = phi02pi(x, y, t2);
    }
}
