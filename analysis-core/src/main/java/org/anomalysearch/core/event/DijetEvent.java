package org.anomalysearch.core.event;

import java.io.Serializable;

/**
 * A selected dijet event: the two leading jets in pT, an optional truth label and a weight.
 *
 * <p>Following the CATHODE / LHCO convention, the features named {@code _j1} belong to the <em>lighter</em>
 * of the two jets and {@code _j2} to the heavier; {@link #leading()} and {@link #subleading()} are ordered
 * by pT.
 */
public record DijetEvent(long id, Jet leading, Jet subleading, int label, double weight) implements Serializable {

    /** The label of an event whose truth is not known (real data). */
    public static final int NO_LABEL = -1;

    public DijetEvent {
        if (leading == null || subleading == null) {
            throw new IllegalArgumentException("a dijet event needs two jets");
        }
        if (label < NO_LABEL) {
            throw new IllegalArgumentException("label must be -1 (unknown), 0 (background) or 1.. (signal), got " + label);
        }
    }

    public boolean hasLabel() {
        return label != NO_LABEL;
    }

    /** Invariant mass of the two jets, from their four-vector sum. */
    public double mjj() {
        return leading.p4().plus(subleading.p4()).m();
    }

    /** The lighter of the two jets (j1 in the CATHODE feature names); the leading jet on a tie. */
    public Jet lighter() {
        return subleading.m() < leading.m() ? subleading : leading;
    }

    /** The heavier of the two jets (j2 in the CATHODE feature names). */
    public Jet heavier() {
        return subleading.m() < leading.m() ? leading : subleading;
    }

    /** Distance of the two jets in rapidity and azimuth. */
    public double deltaRjj() {
        return leading.p4().deltaR(subleading.p4());
    }
}
