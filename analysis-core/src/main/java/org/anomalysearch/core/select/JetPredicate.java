package org.anomalysearch.core.select;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.event.Jet;

/** A serializable test on an event's jets, sorted by decreasing pT (may hold fewer than two jets). */
@FunctionalInterface
public interface JetPredicate extends Serializable {
    boolean test(List<Jet> jetsByPt);
}
