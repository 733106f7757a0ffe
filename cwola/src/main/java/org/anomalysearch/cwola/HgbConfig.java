package org.anomalysearch.cwola;

import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;

/**
 * Configuration of the {@link HgbTrainer}; {@link #defaults()} follows scikit-learn's
 * HistGradientBoostingClassifier (learning rate 0.1, 31 leaves, 20 events per leaf, 255 bins, early stopping on
 * 10 % with patience 10) with 200 iterations and balanced classes.
 *
 * @param maxIterations      maximum number of trees
 * @param learningRate       shrinkage of each tree
 * @param maxLeafNodes       leaves per tree (grown best-first)
 * @param minSamplesLeaf     minimum events in a leaf
 * @param l2                 L2 regularisation of leaf values
 * @param maxBins            histogram bins per feature (<= 255)
 * @param validationFraction held out for early stopping, in (0, 1)
 * @param patience           stop after this many iterations without improvement of the validation loss
 * @param balanceClasses     weight events so both classes carry equal total weight
 * @param seed               seed of the validation split
 */
public record HgbConfig(int maxIterations, double learningRate, int maxLeafNodes, int minSamplesLeaf, double l2,
                        int maxBins, double validationFraction, int patience, boolean balanceClasses, long seed) {

    public HgbConfig {
        if (maxIterations < 1) {
            throw new InvalidConfigException("hgb.maxIterations", "got " + maxIterations + ", expected >= 1", "default 200");
        }
        if (!(learningRate > 0)) {
            throw new InvalidConfigException("hgb.learningRate", "got " + learningRate + ", expected > 0", "default 0.1");
        }
        if (maxLeafNodes < 2) {
            throw new InvalidConfigException("hgb.maxLeafNodes", "got " + maxLeafNodes + ", expected >= 2", "default 31");
        }
        if (minSamplesLeaf < 1) {
            throw new InvalidConfigException("hgb.minSamplesLeaf", "got " + minSamplesLeaf + ", expected >= 1",
                    "default 20");
        }
        if (!(l2 >= 0)) {
            throw new InvalidConfigException("hgb.l2", "got " + l2 + ", expected >= 0", "default 0");
        }
        if (maxBins < 2 || maxBins > 255) {
            throw new InvalidConfigException("hgb.maxBins", "got " + maxBins + ", expected 2..255", "default 255");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new InvalidConfigException("hgb.validationFraction", "got " + validationFraction
                    + ", expected in (0, 1)", "default 0.1");
        }
        if (patience < 1) {
            throw new InvalidConfigException("hgb.patience", "got " + patience + ", expected >= 1", "default 10");
        }
    }

    public static HgbConfig defaults() {
        return new HgbConfig(200, 0.1, 31, 20, 0.0, 255, 0.1, 10, true, 0);
    }

    public HgbConfig withSeed(long s) {
        return new HgbConfig(maxIterations, learningRate, maxLeafNodes, minSamplesLeaf, l2, maxBins, validationFraction,
                patience, balanceClasses, s);
    }

    public HgbConfig withMaxIterations(int n) {
        return new HgbConfig(n, learningRate, maxLeafNodes, minSamplesLeaf, l2, maxBins, validationFraction, patience,
                balanceClasses, seed);
    }

    /** The configuration as ordered strings, for provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("maxIterations", Integer.toString(maxIterations));
        m.put("learningRate", Double.toString(learningRate));
        m.put("maxLeafNodes", Integer.toString(maxLeafNodes));
        m.put("minSamplesLeaf", Integer.toString(minSamplesLeaf));
        m.put("l2", Double.toString(l2));
        m.put("maxBins", Integer.toString(maxBins));
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("patience", Integer.toString(patience));
        m.put("balanceClasses", Boolean.toString(balanceClasses));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
