package org.anomalysearch.core.select;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.Jet;

/**
 * An ordered list of named {@link Cut}s. An event passes if it passes all; {@link #countPassed} gives how
 * many leading cuts it passed in order, which is what a {@link CutFlow} records.
 *
 * <p>The default is the LHC Olympics 2020 R&amp;D selection: {@code >= 2 jets}, leading jet pT &gt; 1200 GeV,
 * leading jet |eta| &lt; 2.5 (an event fails if {@code n < 2 or pt0 <= 1200 or |eta0| >= 2.5}).
 */
public record Selection(List<Cut> cuts) implements Serializable {

    public static final int DEFAULT_N_JETS_MIN = 2;
    public static final double DEFAULT_LEADING_PT_MIN = 1200.0;
    public static final double DEFAULT_LEADING_ABS_ETA_MAX = 2.5;

    public Selection {
        cuts = List.copyOf(cuts);
        if (cuts.isEmpty()) {
            throw new IllegalArgumentException("a selection needs at least one cut");
        }
        long distinct = cuts.stream().map(Cut::name).distinct().count();
        if (distinct != cuts.size()) {
            throw new IllegalArgumentException("cut names must be distinct, got " + cuts.stream().map(Cut::name).toList());
        }
    }

    /** The default selection (&gt;= 2 jets, leading pT &gt; 1200 GeV, leading |eta| &lt; 2.5). */
    public static Selection defaults() {
        return of(DEFAULT_N_JETS_MIN, DEFAULT_LEADING_PT_MIN, DEFAULT_LEADING_ABS_ETA_MAX);
    }

    /** The standard three cuts with the given thresholds. */
    public static Selection of(int nJetsMin, double leadingJetPtMin, double leadingJetAbsEtaMax) {
        if (nJetsMin < 2) {
            throw new InvalidConfigException("selection.nJetsMin", "must be >= 2 for a dijet analysis, got " + nJetsMin, null);
        }
        if (!(leadingJetPtMin >= 0) || !Double.isFinite(leadingJetPtMin)) {
            throw new InvalidConfigException("selection.leadingJetPtMin", "must be a finite number >= 0 GeV, got "
                    + leadingJetPtMin, null);
        }
        if (!(leadingJetAbsEtaMax > 0)) {
            throw new InvalidConfigException("selection.leadingJetAbsEtaMax", "must be > 0, got " + leadingJetAbsEtaMax,
                    null);
        }
        return new Selection(List.of(Cut.minJets(nJetsMin), Cut.leadingPtAbove(leadingJetPtMin),
                Cut.leadingAbsEtaBelow(leadingJetAbsEtaMax)));
    }

    public List<String> names() {
        return cuts.stream().map(Cut::name).toList();
    }

    /** How many cuts pass in order before the first failure ({@code cuts().size()} if all pass). */
    public int countPassed(List<Jet> jetsByPt) {
        for (int i = 0; i < cuts.size(); i++) {
            if (!cuts.get(i).test(jetsByPt)) {
                return i;
            }
        }
        return cuts.size();
    }

    public int countPassed(DijetEvent e) {
        return countPassed(List.of(e.leading(), e.subleading()));
    }

    public boolean passes(List<Jet> jetsByPt) {
        return countPassed(jetsByPt) == cuts.size();
    }

    public boolean passes(DijetEvent e) {
        return countPassed(e) == cuts.size();
    }

    /** An empty cut flow for this selection's cuts. */
    public CutFlow newCutFlow() {
        return CutFlow.identity(names());
    }

    /** Records the event in {@code flow} (weight 1) and returns whether it passed. */
    public boolean apply(List<Jet> jetsByPt, CutFlow flow) {
        int n = countPassed(jetsByPt);
        flow.add(n, 1.0);
        return n == cuts.size();
    }

    /** Records the event in {@code flow} with its weight and returns whether it passed. */
    public boolean apply(DijetEvent e, CutFlow flow) {
        int n = countPassed(e);
        flow.add(n, e.weight());
        return n == cuts.size();
    }
}
