package org.anomalysearch.jobs.fpga;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.HgbClassifier;
import org.anomalysearch.fpga.trees.TreeEnsemble;

/**
 * A trained cwola histogram gradient-boosting classifier as a conifer {@link TreeEnsemble}: the baseline becomes
 * {@code init_predict}, every tree keeps its nodes ({@code x <= threshold} left, conifer's "<=" convention), norm 1.
 * The ensemble's decision function is the classifier's logit (its score is the sigmoid of it).
 */
public final class TreeHandoff {

    private TreeHandoff() {
    }

    /** The conifer model of a cwola boosted-tree classifier; other kinds are refused with a clear error. */
    public static TreeEnsemble of(Classifier c) {
        if (!(c instanceof HgbClassifier h)) {
            throw new InvalidInputException("classifier", "kind", "'" + c.kind() + "' is not a boosted-tree "
                    + "classifier", "the conifer export takes classifiers trained with the 'hgb' kind");
        }
        List<TreeEnsemble.Tree> trees = new ArrayList<>();
        for (int t = 0; t < h.treeCount(); t++) {
            int[] f = h.treeFeature(t);
            double[] th = h.treeThreshold(t);
            double[] v = h.treeValue(t);
            int[] l = h.treeLeft(t);
            int[] r = h.treeRight(t);
            for (int k = 0; k < f.length; k++) {
                if (f[k] < 0) {
                    f[k] = TreeEnsemble.LEAF;
                    th[k] = -2;
                    l[k] = -1;
                    r[k] = -1;
                } else {
                    v[k] = 0;
                }
            }
            trees.add(new TreeEnsemble.Tree(f, th, v, l, r));
        }
        return new TreeEnsemble(h.features(), h.baseline(), 1.0, trees, "anomaly-search cwola HGB");
    }
}
