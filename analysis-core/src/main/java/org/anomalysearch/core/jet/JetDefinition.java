package org.anomalysearch.core.jet;

import org.anomalysearch.core.InvalidConfigException;

/**
 * A jet definition: algorithm, radius R and the minimum transverse momentum of the inclusive jets kept.
 * Recombination is always the E-scheme (four-vector addition), as FastJet's default.
 *
 * @param algorithm the sequential recombination algorithm
 * @param radius    the jet radius R in the rapidity-azimuth plane; finite and &gt; 0
 * @param ptMin     inclusive jets with pT &gt;= ptMin are kept (FastJet's {@code inclusive_jets(ptmin)}
 *                  keeps {@code perp2 >= ptmin^2}); finite and &gt;= 0, in GeV
 */
public record JetDefinition(JetAlgorithm algorithm, double radius, double ptMin) implements java.io.Serializable {

    /** FastJet's {@code JetDefinition::max_allowable_R}. */
    public static final double MAX_ALLOWABLE_R = 1000.0;

    public JetDefinition {
        if (algorithm == null) {
            throw new InvalidConfigException("jet.algorithm", "is missing",
                    "use one of ANTI_KT, KT, CAMBRIDGE_AACHEN");
        }
        if (!(radius > 0) || Double.isInfinite(radius) || radius > MAX_ALLOWABLE_R) {
            throw new InvalidConfigException("jet.radius", "expected a finite R with 0 < R <= "
                    + MAX_ALLOWABLE_R + ", found " + radius, "the LHCO convention is R = 1.0");
        }
        if (!(ptMin >= 0) || Double.isInfinite(ptMin)) {
            throw new InvalidConfigException("jet.ptMin", "expected a finite pT threshold >= 0 GeV, found " + ptMin,
                    "the LHCO convention is ptMin = 20 GeV; use 0 to keep every jet");
        }
    }

    /** Anti-kT with radius R and pT threshold ptMin (GeV). */
    public static JetDefinition antiKt(double radius, double ptMin) {
        return new JetDefinition(JetAlgorithm.ANTI_KT, radius, ptMin);
    }

    /** kT with radius R and pT threshold ptMin (GeV). */
    public static JetDefinition kt(double radius, double ptMin) {
        return new JetDefinition(JetAlgorithm.KT, radius, ptMin);
    }

    /** Cambridge/Aachen with radius R and pT threshold ptMin (GeV). */
    public static JetDefinition cambridgeAachen(double radius, double ptMin) {
        return new JetDefinition(JetAlgorithm.CAMBRIDGE_AACHEN, radius, ptMin);
    }

    /** The LHCO R&amp;D convention: anti-kT, R = 1.0, pT &gt;= 20 GeV. */
    public static JetDefinition lhco() {
        return antiKt(1.0, 20.0);
    }
}
