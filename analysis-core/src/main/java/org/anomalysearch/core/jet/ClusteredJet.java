package org.anomalysearch.core.jet;

import java.util.Arrays;
import org.anomalysearch.core.event.FourMomentum;

/**
 * An inclusive jet found by {@link JetClusterer}: its four-momentum (E-scheme sum of its constituents)
 * and the indices of its constituents in the input arrays, in increasing order.
 *
 * @param p4           the jet four-momentum
 * @param constituents indices into the particle arrays given to the clusterer (the array is owned by the
 *                     jet: do not modify it)
 */
public record ClusteredJet(FourMomentum p4, int[] constituents) {

    public ClusteredJet {
        if (p4 == null || constituents == null || constituents.length == 0) {
            throw new IllegalArgumentException("a clustered jet needs a four-momentum and at least one constituent");
        }
    }

    public int nConstituents() {
        return constituents.length;
    }

    public double pt() {
        return p4.pt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusteredJet j && p4.equals(j.p4) && Arrays.equals(constituents, j.constituents);
    }

    @Override
    public int hashCode() {
        return 31 * p4.hashCode() + Arrays.hashCode(constituents);
    }

    @Override
    public String toString() {
        return "ClusteredJet[p4=" + p4 + ", nConstituents=" + constituents.length + "]";
    }
}
