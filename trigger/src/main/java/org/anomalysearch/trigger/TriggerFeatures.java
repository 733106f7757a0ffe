package org.anomalysearch.trigger;

import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;

/**
 * The per-event inputs of the trigger models: for the leading and the subleading jet (pT order) their pT, eta, mass,
 * tau21 = tau2/tau1 and tau32 = tau3/tau2, ten numbers a Level-1 trigger with jet substructure could compute. Phi is
 * left out on purpose: the physics is symmetric in it, so it only adds noise to a reconstruction error. pT and eta
 * are derived from the event table's {@code jetN_px, jetN_py, jetN_pz}; a ratio whose denominator is 0 is 0 (as the
 * event table's tau21 / tau32 columns are). Also the two plain baselines: leading-jet pT and HT (the scalar sum of
 * the two jets' pT).
 */
public final class TriggerFeatures {

    /** The feature names, in the model's input order. */
    public static final List<String> NAMES = List.of("jet1_pt", "jet1_eta", "jet1_m", "jet1_tau21", "jet1_tau32",
            "jet2_pt", "jet2_eta", "jet2_m", "jet2_tau21", "jet2_tau32");

    /** The event-table columns the features are computed from. */
    public static final List<String> COLUMNS = List.of("jet1_px", "jet1_py", "jet1_pz", "jet1_m", "jet1_tau1",
            "jet1_tau2", "jet1_tau3", "jet2_px", "jet2_py", "jet2_pz", "jet2_m", "jet2_tau1", "jet2_tau2", "jet2_tau3");

    private TriggerFeatures() {
    }

    /**
     * Checks that {@code batch} holds every column the features need.
     *
     * @param source names the input in the message
     */
    public static void check(EventBatch batch, String source) {
        for (String c : COLUMNS) {
            if (!batch.schema().names().contains(c)) {
                throw new InvalidInputException(source, c, "has no column " + c + " (the trigger features need both "
                        + "pT-ordered jets' momenta, masses and N-subjettiness)", "give a dijet CSV (the dijet_pythia "
                        + "layout), an LHCO file or an event table made by 'convert' from one");
            }
        }
    }

    /** The features of every event of {@code batch}, one row per event in {@link #NAMES} order. */
    public static double[][] of(EventBatch batch, String source) {
        check(batch, source);
        double[][] out = new double[batch.size()][NAMES.size()];
        for (int j = 0; j < 2; j++) {
            String p = "jet" + (j + 1) + "_";
            double[] px = batch.column(p + "px");
            double[] py = batch.column(p + "py");
            double[] pz = batch.column(p + "pz");
            double[] m = batch.column(p + "m");
            double[] t1 = batch.column(p + "tau1");
            double[] t2 = batch.column(p + "tau2");
            double[] t3 = batch.column(p + "tau3");
            int o = 5 * j;
            for (int i = 0; i < out.length; i++) {
                double pt = Math.hypot(px[i], py[i]);
                out[i][o] = pt;
                out[i][o + 1] = eta(pt, pz[i]);
                out[i][o + 2] = m[i];
                out[i][o + 3] = ratio(t2[i], t1[i]);
                out[i][o + 4] = ratio(t3[i], t2[i]);
            }
        }
        return out;
    }

    /** Leading-jet pT of every event (GeV). */
    public static double[] leadingPt(EventBatch batch, String source) {
        check(batch, source);
        double[] px = batch.column("jet1_px");
        double[] py = batch.column("jet1_py");
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.hypot(px[i], py[i]);
        }
        return out;
    }

    /** HT = pT(jet 1) + pT(jet 2) of every event (GeV). */
    public static double[] ht(EventBatch batch, String source) {
        double[] out = leadingPt(batch, source);
        double[] px = batch.column("jet2_px");
        double[] py = batch.column("jet2_py");
        for (int i = 0; i < out.length; i++) {
            out[i] += Math.hypot(px[i], py[i]);
        }
        return out;
    }

    /** Pseudorapidity asinh(pz / pT), odd in pz; +-infinity along the beam, which a selected jet never is. */
    static double eta(double pt, double pz) {
        double r = Math.abs(pz / pt);
        return Math.copySign(Math.log(r + Math.sqrt(r * r + 1)), pz);
    }

    private static double ratio(double num, double den) {
        return den > 0 ? num / den : 0;
    }
}
