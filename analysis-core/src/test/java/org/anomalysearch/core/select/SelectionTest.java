package org.anomalysearch.core.select;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;
import org.junit.jupiter.api.Test;

class SelectionTest {

    static Jet jet(double pt, double eta) {
        return new Jet(FourMomentum.ofPtEtaPhiM(pt, eta, 0.3, 50), 10, 0.3, 0.2, 0.1);
    }

    /** The reference convention: fails if n < 2 or pt0 <= 1200 or |eta0| >= 2.5. */
    static boolean reference(List<Jet> js) {
        return !(js.size() < 2 || js.get(0).pt() <= 1200 || Math.abs(js.get(0).eta()) >= 2.5);
    }

    @Test
    void defaultsFollowTheReferenceConventionIncludingBoundaries() {
        Selection s = Selection.defaults();
        assertEquals(List.of(">= 2 jets", "leading jet pT > 1200 GeV", "leading jet |eta| < 2.5"), s.names());
        List<List<Jet>> cases = List.of(
                List.of(), List.of(jet(1500, 0)), List.of(jet(1500, 0), jet(900, 1)),
                List.of(jet(1200, 0), jet(900, 1)), List.of(jet(1200.0001, 0), jet(900, 1)),
                List.of(jet(1500, 2.5), jet(900, 1)), List.of(jet(1500, -2.4999), jet(900, 1)),
                List.of(jet(1500, 2.6), jet(900, 0)), List.of(jet(1300, 0.2), jet(1100, 3.5), jet(30, 0)));
        for (List<Jet> c : cases) {
            assertEquals(reference(c), s.passes(c), "case with " + c.size() + " jets");
        }
        assertEquals(0, s.countPassed(List.of(jet(1500, 0))));
        assertEquals(1, s.countPassed(List.of(jet(1000, 0), jet(900, 0))));
        assertEquals(2, s.countPassed(List.of(jet(1500, 3), jet(900, 0))));
        assertEquals(3, s.countPassed(List.of(jet(1500, 1), jet(900, 0))));
    }

    @Test
    void worksOnDijetEventsAndCustomThresholds() {
        DijetEvent e = new DijetEvent(1, jet(1100, 0.5), jet(1000, -0.5), 0, 1.0);
        assertFalse(Selection.defaults().passes(e));
        assertTrue(Selection.of(2, 1000, 2.5).passes(e));
        assertFalse(Selection.of(3, 1000, 2.5).passes(List.of(e.leading(), e.subleading())));
    }

    @Test
    void cutFlowCountsAndMerges() {
        Selection s = Selection.defaults();
        List<List<Jet>> events = List.of(List.of(jet(1500, 0)), List.of(jet(1000, 0), jet(900, 0)),
                List.of(jet(1500, 3), jet(900, 0)), List.of(jet(1500, 1), jet(900, 0)), List.of(jet(1300, 0), jet(900, 0)));
        CutFlow all = s.newCutFlow();
        CutFlow a = s.newCutFlow();
        CutFlow b = s.newCutFlow();
        for (int i = 0; i < events.size(); i++) {
            s.apply(events.get(i), all);
            s.apply(events.get(i), i < 2 ? a : b);
        }
        assertEquals(5, all.total());
        assertEquals(4, all.passed(0));
        assertEquals(3, all.passed(1));
        assertEquals(2, all.passedAll());
        assertEquals(0.4, all.efficiency(), 1e-15);
        assertEquals(2.0 / 3, all.relativeEfficiency(2), 1e-15);
        CutFlow merged = s.newCutFlow().merge(a).merge(b);
        assertEquals(all, merged);
        String table = all.toTable();
        assertTrue(table.contains("leading jet pT > 1200 GeV") && table.contains("40.00 %") && table.contains("all events"),
                table);
        CutFlow other = CutFlow.identity(List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> all.merge(other));
        assertEquals(Double.NaN, s.newCutFlow().efficiency());
    }
}
