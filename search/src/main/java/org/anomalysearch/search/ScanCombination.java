package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.anomalysearch.results.ScanWindow;

/**
 * The scan's result over several trainings (issue 15): every stochastic part of a window (density model, samples,
 * classifiers) is trained {@code N} times with seeds derived by name, and each (window, efficiency) reports the entry of
 * its <em>median training</em>: the passes' entries ordered by signed local Z and the middle one taken (for an even
 * {@code N} the lower of the two middle ones). Every number of a reported entry (cut, selected counts, fit, local Z)
 * therefore comes from one real training.
 *
 * <p>Why: on background alone a single training's largest local Z is driven by where that training's density model
 * happens to be wrong in the signal region (the classifier learns the mismodelling, the cut keeps more signal-region
 * background than sideband background and the smooth fit sees an excess). On the shared Pythia QCD pool the window
 * holding the largest local Z moved with the seed (3.6-4.0, 5.2-5.6, 3.4-3.8, 5.2-5.6, 5.0-5.4 and 4.2-4.6 TeV for six
 * seeds, local Z 2.30-3.54), while an injected resonance stayed in its window in every training. The median over
 * trainings keeps what the trainings agree on. The toys of {@link ScanSignificance#combinedToy} apply the same median
 * to pseudo-data whose fluctuations are shared by all trainings.
 *
 * <p>A window's headline (selected, expected, local Z, best efficiency) is the combined efficiency with the smallest
 * local p (the first on ties), as for one training; its counts, sidebands and samples are the first training's (the same
 * events in every training).
 */
public final class ScanCombination {

    private ScanCombination() {
    }

    /** The index, among {@code n} values sorted in ascending order, of the reported (median, lower-middle) one. */
    public static int medianRank(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("no trainings to combine");
        }
        return (n - 1) / 2;
    }

    /**
     * For each (window, efficiency of {@code efficiencies}) the training whose entry is reported: {@code [w][e]}. A
     * window's passes must list the same windows in the same order.
     */
    public static int[][] medianPasses(List<List<ScanWindow>> passes, List<Double> efficiencies) {
        check(passes);
        int nw = passes.get(0).size();
        int[][] out = new int[nw][efficiencies.size()];
        for (int w = 0; w < nw; w++) {
            for (int e = 0; e < efficiencies.size(); e++) {
                double eff = efficiencies.get(e);
                Integer[] order = new Integer[passes.size()];
                double[] z = new double[passes.size()];
                for (int r = 0; r < z.length; r++) {
                    order[r] = r;
                    ScanWindow.Efficiency x = passes.get(r).get(w).at(eff);
                    z[r] = x == null ? 0 : x.zSigned();
                }
                // stable: equal Z keep the passes' order
                Arrays.sort(order, Comparator.comparingDouble(r -> z[r]));
                out[w][e] = order[medianRank(z.length)];
            }
        }
        return out;
    }

    /** The combined windows: per efficiency the median training's entry ({@link #medianPasses}). */
    public static List<ScanWindow> combine(List<List<ScanWindow>> passes, List<Double> efficiencies) {
        int[][] pick = medianPasses(passes, efficiencies);
        List<ScanWindow> out = new ArrayList<>();
        for (int w = 0; w < pick.length; w++) {
            ScanWindow first = passes.get(0).get(w);
            List<ScanWindow.Efficiency> effs = new ArrayList<>();
            ScanWindow.Efficiency best = null;
            for (int e = 0; e < efficiencies.size(); e++) {
                ScanWindow.Efficiency x = passes.get(pick[w][e]).get(w).at(efficiencies.get(e));
                if (x == null) {
                    continue;
                }
                effs.add(x);
                if (best == null || x.localP() < best.localP()) {
                    best = x;
                }
            }
            if (best == null) {
                out.add(first);
                continue;
            }
            out.add(new ScanWindow(first.lowSideband(), first.signalRegion(), first.highSideband(),
                    first.sidebandEvents(), first.signalRegionEvents(), best.selected(), best.expected(),
                    best.localZ(), best.efficiency(), first.sampledEvents(), first.fitLo(), first.fitHi(),
                    first.edges(), first.labels(), effs));
        }
        return out;
    }

    private static void check(List<List<ScanWindow>> passes) {
        if (passes.isEmpty()) {
            throw new IllegalArgumentException("no trainings to combine");
        }
        int nw = passes.get(0).size();
        for (List<ScanWindow> p : passes) {
            if (p.size() != nw) {
                throw new IllegalArgumentException("the trainings computed different windows: " + nw + " and "
                        + p.size());
            }
            for (int w = 0; w < nw; w++) {
                if (!Arrays.equals(p.get(w).signalRegion(), passes.get(0).get(w).signalRegion())) {
                    throw new IllegalArgumentException("the trainings' window " + w + " differs: "
                            + Arrays.toString(p.get(w).signalRegion()) + " and "
                            + Arrays.toString(passes.get(0).get(w).signalRegion()));
                }
            }
        }
    }
}
