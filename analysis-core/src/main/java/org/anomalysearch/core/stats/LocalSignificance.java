package org.anomalysearch.core.stats;

import java.io.Serializable;

/**
 * The local significance of an observed count against a background prediction with uncertainty.
 *
 * @param observed   n
 * @param background b (the prediction)
 * @param sigmaB     its uncertainty, the constrained nuisance
 * @param z          the profile-likelihood Z (0 for a deficit)
 * @param pValue     1 - Phi(z) (0.5 for a deficit)
 * @param z0         Z without background uncertainty, for comparison
 * @param zSigned    +z for an excess, -sqrt(q) for a deficit: 1 - Phi(zSigned) is uniform under the background
 * @param constraint how sigmaB entered the likelihood
 */
public record LocalSignificance(double observed, double background, double sigmaB, double z, double pValue, double z0, double zSigned,
                                Significance.Constraint constraint) implements Serializable {

    /** 1 - Phi(zSigned): uniform on (0, 1) for background-only data (asymptotically). */
    public double pSigned() {
        return Significance.pFromZ(zSigned);
    }
}
