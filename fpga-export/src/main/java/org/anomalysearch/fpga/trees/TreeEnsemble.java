package org.anomalysearch.fpga.trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.json.Json;

/**
 * A binary-classification boosted-tree ensemble as conifer (BDTs to FPGA) models it: decision function =
 * {@code (initPredict + sum over trees of the reached leaf's value) * norm}; at a split node
 * {@code x[feature] <= threshold} goes to {@code childrenLeft} (conifer's {@code "<="} splitting convention, as
 * scikit-learn), otherwise to {@code childrenRight}; leaves have feature -2, threshold -2 and children -1.
 * The decision function is the logit; the classifier's probability is its sigmoid.
 *
 * @param featureNames the input features, in column order
 * @param initPredict  the baseline (conifer {@code init_predict})
 * @param norm         conifer {@code norm} (1 for boosted trees)
 * @param trees        the trees; node 0 is each tree's root
 * @param library      the training library, written as conifer's {@code library}
 */
public record TreeEnsemble(List<String> featureNames, double initPredict, double norm, List<Tree> trees,
        String library) {

    /** conifer's leaf marker in {@code feature}. */
    public static final int LEAF = -2;

    /**
     * One tree in conifer's arrays.
     *
     * @param feature       split feature per node, {@link #LEAF} for leaves
     * @param threshold     split threshold per node (-2 for leaves)
     * @param value         leaf value per node (0 for split nodes)
     * @param childrenLeft  left child per node, -1 for leaves
     * @param childrenRight right child per node, -1 for leaves
     */
    public record Tree(int[] feature, double[] threshold, double[] value, int[] childrenLeft, int[] childrenRight) {
        public Tree {
            int n = feature.length;
            if (n == 0 || threshold.length != n || value.length != n || childrenLeft.length != n
                    || childrenRight.length != n) {
                throw new InvalidInputException("tree", null, "arrays of different lengths or empty",
                        "one feature, threshold, value, left and right child per node");
            }
            feature = feature.clone();
            threshold = threshold.clone();
            value = value.clone();
            childrenLeft = childrenLeft.clone();
            childrenRight = childrenRight.clone();
            for (int k = 0; k < n; k++) {
                boolean leaf = feature[k] < 0;
                if (leaf ? childrenLeft[k] != -1 || childrenRight[k] != -1
                        : childrenLeft[k] <= k || childrenRight[k] <= k || childrenLeft[k] >= n
                                || childrenRight[k] >= n) {
                    throw new InvalidInputException("tree", "node " + k, "children " + childrenLeft[k] + ", "
                            + childrenRight[k] + (leaf ? " on a leaf" : " of a split node out of order or range"),
                            "leaves have children -1; split nodes children after themselves, inside the tree");
                }
                if (leaf) {
                    feature[k] = LEAF;
                    threshold[k] = -2;
                }
            }
        }

        /** Number of nodes. */
        public int size() {
            return feature.length;
        }

        /** The node reached by x (float comparison). */
        public int leaf(double[] x) {
            int k = 0;
            while (feature[k] >= 0) {
                k = x[feature[k]] <= threshold[k] ? childrenLeft[k] : childrenRight[k];
            }
            return k;
        }

        /** Depth: edges on the longest root-to-leaf path. */
        public int depth() {
            int[] d = new int[feature.length];
            int max = 0;
            for (int k = 0; k < feature.length; k++) {
                if (feature[k] >= 0) {
                    d[childrenLeft[k]] = d[k] + 1;
                    d[childrenRight[k]] = d[k] + 1;
                }
                max = Math.max(max, d[k]);
            }
            return max;
        }

        @Override
        public int[] feature() {
            return feature.clone();
        }

        @Override
        public double[] threshold() {
            return threshold.clone();
        }

        @Override
        public double[] value() {
            return value.clone();
        }

        @Override
        public int[] childrenLeft() {
            return childrenLeft.clone();
        }

        @Override
        public int[] childrenRight() {
            return childrenRight.clone();
        }

        int featureAt(int k) {
            return feature[k];
        }

        double thresholdAt(int k) {
            return threshold[k];
        }

        double valueAt(int k) {
            return value[k];
        }

        int left(int k) {
            return childrenLeft[k];
        }

        int right(int k) {
            return childrenRight[k];
        }
    }

    public TreeEnsemble {
        featureNames = List.copyOf(featureNames);
        trees = List.copyOf(trees);
        if (trees.isEmpty()) {
            throw new InvalidInputException("tree ensemble", null, "no trees", "give at least one tree");
        }
        for (int t = 0; t < trees.size(); t++) {
            for (int f : trees.get(t).feature) {
                if (f >= featureNames.size()) {
                    throw new InvalidInputException("tree ensemble", "tree " + t, "splits on feature " + f
                            + ", only " + featureNames.size() + " features " + featureNames,
                            "name every feature the trees use");
                }
            }
        }
        if (!Double.isFinite(initPredict) || !Double.isFinite(norm)) {
            throw new InvalidInputException("tree ensemble", null, "init_predict " + initPredict + ", norm " + norm,
                    "finite values");
        }
    }

    /** The decision function (logit) in double precision. */
    public double decisionFunction(double[] x) {
        double s = initPredict;
        for (Tree t : trees) {
            s += t.value[t.leaf(x)];
        }
        return s * norm;
    }

    /** The largest tree depth. */
    public int maxDepth() {
        return trees.stream().mapToInt(Tree::depth).max().orElse(0);
    }

    /**
     * conifer's JSON model: {@code max_depth, n_trees, n_classes (2), n_features, init_predict [one value], norm,
     * library, splitting_convention ("<="), feature_names, trees} with {@code trees[i][0]} the i-th tree's
     * {@code feature, threshold, value, children_left, children_right}; load it with
     * {@code conifer.model.load_model(path)} or hand it to conifer's converters as a dict.
     */
    public Map<String, Object> toConiferMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_depth", maxDepth());
        m.put("n_trees", trees.size());
        m.put("n_classes", 2);
        m.put("n_features", featureNames.size());
        m.put("init_predict", List.of(initPredict));
        m.put("norm", norm);
        m.put("library", library);
        m.put("splitting_convention", "<=");
        m.put("feature_names", featureNames);
        List<Object> ts = new ArrayList<>();
        for (Tree t : trees) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("feature", t.feature);
            d.put("threshold", t.threshold);
            d.put("value", t.value);
            d.put("children_left", t.childrenLeft);
            d.put("children_right", t.childrenRight);
            ts.add(List.of(d));
        }
        m.put("trees", ts);
        return m;
    }

    /** Writes {@link #toConiferMap()} as JSON. */
    public void writeConiferJson(Path file) throws IOException {
        Files.writeString(file, Json.write(toConiferMap()), StandardCharsets.UTF_8);
    }
}
