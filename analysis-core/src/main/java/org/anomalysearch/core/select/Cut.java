package org.anomalysearch.core.select;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.Jet;

/**
 * A named cut on an event's jets sorted by decreasing pT. Particle-level sources pass every clustered jet;
 * jet-level sources (and {@link DijetEvent}s) pass their two leading jets.
 */
public record Cut(String name, JetPredicate predicate) implements Serializable {

    public Cut {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cut needs a name");
        }
        if (predicate == null) {
            throw new IllegalArgumentException("cut '" + name + "' needs a predicate");
        }
    }

    public boolean test(List<Jet> jetsByPt) {
        return predicate.test(jetsByPt);
    }

    public boolean test(DijetEvent e) {
        return predicate.test(List.of(e.leading(), e.subleading()));
    }

    /** At least {@code n} jets. */
    public static Cut minJets(int n) {
        return new Cut(">= " + n + " jets", jets -> jets.size() >= n);
    }

    /** Leading jet pT strictly above {@code ptMin} GeV (false without jets). */
    public static Cut leadingPtAbove(double ptMin) {
        return new Cut("leading jet pT > " + fmt(ptMin) + " GeV", jets -> !jets.isEmpty() && jets.get(0).pt() > ptMin);
    }

    /** Leading jet |eta| strictly below {@code etaMax} (false without jets). */
    public static Cut leadingAbsEtaBelow(double etaMax) {
        return new Cut("leading jet |eta| < " + fmt(etaMax),
                jets -> !jets.isEmpty() && Math.abs(jets.get(0).eta()) < etaMax);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
