package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;

import java.util.List;

/**
 * The jet columns of the LHCO feature files (and of the dijet_pythia CSVs): px, py, pz [GeV], mass [GeV] and
 * tau1..tau3 of the two leading jets in pT, j1 then j2, and an optional {@code label}. Builds {@link DijetEvent}s
 * from them; j1/j2 are pT-ordered in the files (not mass-ordered), and are re-ordered by pT should they not be.
 */
public final class LhcoJetColumns {

    /** The 14 jet columns, in file order. */
    public static final List<String> JET_COLUMNS = List.of("pxj1", "pyj1", "pzj1", "mj1", "tau1j1", "tau2j1", "tau3j1",
            "pxj2", "pyj2", "pzj2", "mj2", "tau1j2", "tau2j2", "tau3j2");
    public static final String LABEL = "label";
    /** Positions in {@link #JET_COLUMNS} of the masses and tau1..tau3, which cannot be negative. */
    private static final int[] NON_NEGATIVE = {3, 4, 5, 6, 10, 11, 12, 13};

    private LhcoJetColumns() {
    }

    /**
     * The index in {@code names} of each of the 14 jet columns, then of the label (-1 when absent). Missing jet
     * columns are an {@link InvalidInputException} naming them and what was found.
     */
    public static int[] locate(String source, String field, List<String> names) {
        int[] idx = new int[JET_COLUMNS.size() + 1];
        StringBuilder missing = new StringBuilder();
        for (int i = 0; i < JET_COLUMNS.size(); i++) {
            idx[i] = names.indexOf(JET_COLUMNS.get(i));
            if (idx[i] < 0) {
                missing.append(missing.length() == 0 ? "" : ", ").append(JET_COLUMNS.get(i));
            }
        }
        if (missing.length() > 0) {
            throw new InvalidInputException(source, field, "missing column(s) " + missing + "; expected "
                    + JET_COLUMNS + " and optionally label, found " + names.size() + " columns " + names,
                    "this is not an LHCO jet-feature table");
        }
        idx[JET_COLUMNS.size()] = names.indexOf(LABEL);
        return idx;
    }

    /**
     * Builds event {@code id} from one row: {@code idx} as returned by {@link #locate}. Values must be finite, jet
     * masses and tau1..tau3 not negative, the label a whole number &ge; 0. {@code row} is for messages (file row or line).
     */
    public static DijetEvent event(String source, String row, long id, double[] values, int[] idx, List<String> names) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] >= 0 && !Double.isFinite(values[idx[i]])) {
                throw new InvalidInputException(source, row + ", column " + names.get(idx[i]),
                        "value is " + values[idx[i]] + ", expected a finite number", "the file is corrupt");
            }
        }
        for (int o : NON_NEGATIVE) {
            if (values[idx[o]] < -EventChecks.NEGATIVE_TOLERANCE) {
                throw new InvalidInputException(source, row + ", column " + names.get(idx[o]), "value is "
                        + values[idx[o]] + ", expected >= 0", "jet masses and N-subjettiness cannot be negative; the "
                        + "file is corrupt or its columns are mixed up");
            }
        }
        Jet j1 = jet(values, idx, 0);
        Jet j2 = jet(values, idx, 7);
        int label = DijetEvent.NO_LABEL;
        int li = idx[JET_COLUMNS.size()];
        if (li >= 0) {
            double v = values[li];
            if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw new InvalidInputException(source, row + ", column label",
                        "label is " + v + ", expected a whole number >= 0 (0 = background, 1 = signal)", "");
            }
            label = (int) v;
        }
        return j2.pt() > j1.pt() ? new DijetEvent(id, j2, j1, label, 1.0) : new DijetEvent(id, j1, j2, label, 1.0);
    }

    private static Jet jet(double[] v, int[] idx, int o) {
        FourMomentum p4 = FourMomentum.ofPxPyPzM(v[idx[o]], v[idx[o + 1]], v[idx[o + 2]], v[idx[o + 3]]);
        return new Jet(p4, Jet.UNKNOWN_CONSTITUENTS, v[idx[o + 4]], v[idx[o + 5]], v[idx[o + 6]]);
    }
}
