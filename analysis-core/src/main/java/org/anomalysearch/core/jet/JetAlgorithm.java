package org.anomalysearch.core.jet;

/**
 * The generalised-kT family of sequential recombination algorithms, as FastJet defines them:
 * {@code d_ij = min(kt_i^{2p}, kt_j^{2p}) dR_ij^2 / R^2} and {@code d_iB = kt_i^{2p}}.
 */
public enum JetAlgorithm {
    /** Anti-kT (Cacciari, Salam, Soyez 2008): p = -1; hard jets grow around the hardest particles. */
    ANTI_KT(-1),
    /** Longitudinally invariant kT (Catani et al.; Ellis, Soper): p = 1; soft particles cluster first. */
    KT(1),
    /** Cambridge/Aachen (Dokshitzer et al.; Wobisch, Wengler): p = 0; purely angular ordering. */
    CAMBRIDGE_AACHEN(0);

    private final int p;

    JetAlgorithm(int p) {
        this.p = p;
    }

    /** The power p of kT in the distance measure. */
    public int p() {
        return p;
    }

    /**
     * The momentum factor {@code kt^{2p}} of a (pseudo)jet with squared transverse momentum {@code kt2},
     * exactly as FastJet's {@code jet_scale_for_algorithm}: kT gives kt2, C/A gives 1, and anti-kT gives
     * 1/kt2 (1e300 when kt2 &lt;= 1e-300).
     */
    public double scale(double kt2) {
        switch (this) {
            case KT:
                return kt2;
            case CAMBRIDGE_AACHEN:
                return 1.0;
            default:
                return kt2 > 1e-300 ? 1.0 / kt2 : 1e300;
        }
    }
}
