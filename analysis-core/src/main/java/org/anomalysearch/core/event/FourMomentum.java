package org.anomalysearch.core.event;

import java.io.Serializable;

/**
 * A four-momentum (px, py, pz, E) in GeV. Rapidity and azimuth follow FastJet's {@code PseudoJet}
 * conventions exactly, so that jets built here agree with FastJet to rounding.
 */
public record FourMomentum(double px, double py, double pz, double e) implements Serializable {

    /** FastJet's rapidity for a particle moving along the beam. */
    public static final double MAX_RAP = 1e5;

    /** Builds (px, py, pz, E) from pT, pseudorapidity, azimuth and mass. */
    public static FourMomentum ofPtEtaPhiM(double pt, double eta, double phi, double m) {
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(eta);
        double e = Math.sqrt(px * px + py * py + pz * pz + m * m);
        return new FourMomentum(px, py, pz, e);
    }

    /** Builds (px, py, pz, E) from the three-momentum and the mass. */
    public static FourMomentum ofPxPyPzM(double px, double py, double pz, double m) {
        return new FourMomentum(px, py, pz, Math.sqrt(px * px + py * py + pz * pz + m * m));
    }

    public FourMomentum plus(FourMomentum o) {
        return new FourMomentum(px + o.px, py + o.py, pz + o.pz, e + o.e);
    }

    public double pt2() {
        return px * px + py * py;
    }

    public double pt() {
        return Math.sqrt(pt2());
    }

    /** Invariant mass squared; may be slightly negative through rounding. */
    public double m2() {
        return (e + pz) * (e - pz) - pt2();
    }

    /** Invariant mass; negative m2 gives -sqrt(-m2), as FastJet's {@code m()}. */
    public double m() {
        double m2 = m2();
        return m2 < 0 ? -Math.sqrt(-m2) : Math.sqrt(m2);
    }

    /** Azimuth in [0, 2 pi), as FastJet's {@code phi()}; zero for zero pT. */
    public double phi02pi() {
        if (px == 0 && py == 0) {
            return 0;
        }
        double phi = Math.atan2(py, px);
        if (phi < 0) {
            phi += 2 * Math.PI;
        }
        if (phi >= 2 * Math.PI) {
            phi -= 2 * Math.PI;
        }
        return phi;
    }

    /** Azimuth in (-pi, pi], as FastJet's {@code phi_std()}. */
    public double phi() {
        double phi = phi02pi();
        return phi > Math.PI ? phi - 2 * Math.PI : phi;
    }

    /** Rapidity, computed exactly as FastJet's {@code PseudoJet::_set_rap_phi}. */
    public double rapidity() {
        double pt2 = pt2();
        if (e == Math.abs(pz) && pt2 == 0) {
            double maxRapHere = MAX_RAP + Math.abs(pz);
            return pz >= 0 ? maxRapHere : -maxRapHere;
        }
        double effectiveM2 = Math.max(0.0, m2());
        double ePlusPz = e + Math.abs(pz);
        double rap = 0.5 * Math.log((pt2 + effectiveM2) / (ePlusPz * ePlusPz));
        return pz > 0 ? -rap : rap;
    }

    /** Pseudorapidity, as FastJet's {@code pseudorapidity()}. */
    public double eta() {
        if (px == 0 && py == 0) {
            return MAX_RAP;
        }
        if (pz == 0) {
            return 0;
        }
        double theta = Math.atan(pt() / pz);
        if (theta < 0) {
            theta += Math.PI;
        }
        return -Math.log(Math.tan(theta / 2));
    }

    /** Distance in the rapidity-azimuth plane, as FastJet's {@code PseudoJet::delta_R}. */
    public double deltaR(FourMomentum o) {
        double dy = rapidity() - o.rapidity();
        double dphi = Math.abs(phi02pi() - o.phi02pi());
        if (dphi > Math.PI) {
            dphi = 2 * Math.PI - dphi;
        }
        return Math.sqrt(dy * dy + dphi * dphi);
    }
}
