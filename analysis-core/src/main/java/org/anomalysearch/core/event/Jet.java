package org.anomalysearch.core.event;

import java.io.Serializable;

/**
 * A jet: its four-momentum, the number of constituents (-1 when the source does not say) and the
 * N-subjettiness values tau1..tau3 (beta = 1, R0 = 1; NaN when not computed).
 */
public record Jet(FourMomentum p4, int nConstituents, double tau1, double tau2, double tau3) implements Serializable {

    public static final int UNKNOWN_CONSTITUENTS = -1;

    public Jet {
        if (p4 == null) {
            throw new IllegalArgumentException("a jet needs a four-momentum");
        }
    }

    public double pt() {
        return p4.pt();
    }

    public double eta() {
        return p4.eta();
    }

    public double rapidity() {
        return p4.rapidity();
    }

    /** Azimuth in (-pi, pi]. */
    public double phi() {
        return p4.phi();
    }

    public double m() {
        return p4.m();
    }

    /** tau2 / tau1, and 0 when tau1 is 0 (a jet of one constituent). */
    public double tau21() {
        return ratio(tau2, tau1);
    }

    /** tau3 / tau2, and 0 when tau2 is 0. */
    public double tau32() {
        return ratio(tau3, tau2);
    }

    static double ratio(double num, double den) {
        return den > 0 ? num / den : 0.0;
    }
}
