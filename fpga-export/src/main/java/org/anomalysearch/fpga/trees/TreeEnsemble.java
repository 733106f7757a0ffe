package org.anomalysearch.fpga.trees;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.JsonText;

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
     * conifer's JSON model, in the layout conifer 1.6 through 1.9 (and HEAD) load with
     * {@code conifer.model.load_model(path, new_config=cfg)}: {@code max_depth, n_trees, n_classes (2), n_features,
     * init_predict [one value], norm, library, splitting_convention ("<="), feature_names, feature_map} and
     * {@code trees} with {@code trees[i][0]} the i-th tree's {@code feature, threshold, value, children_left,
     * children_right} and {@code weight}: one row per node, the one-hot vector of the split feature (zeros at a
     * leaf). conifer 1.8 and later require {@code weight} (oblique splits); 1.6 and 1.7 ignore it. The
     * {@code feature_map} (name to column) is what conifer 1.6+ fills in when absent.
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
        Map<String, Integer> featureMap = new LinkedHashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            featureMap.put(featureNames.get(i), i);
        }
        m.put("feature_map", featureMap);
        List<Object> ts = new ArrayList<>();
        for (Tree t : trees) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("feature", t.feature);
            d.put("threshold", t.threshold);
            d.put("value", t.value);
            d.put("children_left", t.childrenLeft);
            d.put("children_right", t.childrenRight);
            int[][] weight = new int[t.size()][featureNames.size()];
            for (int k = 0; k < t.size(); k++) {
                if (t.feature[k] >= 0) {
                    weight[k][t.feature[k]] = 1;
                }
            }
            d.put("weight", weight);
            ts.add(List.of(d));
        }
        m.put("trees", ts);
        return m;
    }

    /** {@link #toConiferMap()} as JSON text (Jackson), with a {@code config} entry when it is not null. */
    public String toConiferJson(Map<String, Object> config) {
        Map<String, Object> m = toConiferMap();
        if (config != null) {
            m.put("config", config);
        }
        return JsonText.write(m);
    }

    /**
     * Reads a conifer JSON model (written by conifer's {@code save()}, by {@link #toConiferJson}, or by hand):
     * binary classification ({@code n_classes} 2, one tree per stage), axis-aligned splits (a {@code weight} row, when
     * present, must be the one-hot vector of the node's feature), splitting convention {@code "<="}. Feature names
     * come from {@code feature_names}, else from {@code feature_map}, else {@code x0, x1, ...}. Every problem names
     * the file and the key.
     */
    public static TreeEnsemble readConiferJson(Path file) throws IOException {
        String src = file.toString();
        JsonNode root;
        try {
            root = JsonText.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(src, null, "not JSON: " + e.getOriginalMessage(),
                    "give a conifer model JSON (conifer's save() or fpga export's conifer_model.json)");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(src, null, "not a JSON object", "give a conifer model JSON");
        }
        int nClasses = intAt(root, "n_classes", src);
        if (nClasses != 2) {
            throw new InvalidInputException(src, "n_classes", "is " + nClasses + ", only binary models (2) are "
                    + "supported", "export a binary classifier");
        }
        String split = root.path("splitting_convention").asText("<=");
        if (!split.equals("<=")) {
            throw new InvalidInputException(src, "splitting_convention", "is '" + split + "', expected '<='",
                    "convert with a '<=' library (scikit-learn, the cwola HGB)");
        }
        int nFeatures = intAt(root, "n_features", src);
        List<String> names = new ArrayList<>();
        if (root.has("feature_names") && root.get("feature_names").isArray()) {
            root.get("feature_names").forEach(n -> names.add(n.asText()));
        } else if (root.has("feature_map") && root.get("feature_map").isObject()) {
            String[] byIndex = new String[nFeatures];
            root.get("feature_map").fields().forEachRemaining(e -> {
                int i = e.getValue().asInt(-1);
                if (i >= 0 && i < nFeatures) {
                    byIndex[i] = e.getKey();
                }
            });
            for (int i = 0; i < nFeatures; i++) {
                names.add(byIndex[i] != null ? byIndex[i] : "x" + i);
            }
        } else {
            for (int i = 0; i < nFeatures; i++) {
                names.add("x" + i);
            }
        }
        if (names.size() != nFeatures) {
            throw new InvalidInputException(src, "feature_names", names.size() + " names for n_features "
                    + nFeatures, "one name per feature");
        }
        JsonNode init = root.path("init_predict");
        double initPredict = init.isArray() && init.size() == 1 ? init.get(0).asDouble()
                : init.isNumber() ? init.asDouble() : Double.NaN;
        if (Double.isNaN(initPredict)) {
            throw new InvalidInputException(src, "init_predict", "missing or not one number",
                    "a list with one value for a binary model");
        }
        if (!root.path("norm").isNumber()) {
            throw new InvalidInputException(src, "norm", "missing or not a number", "conifer writes norm 1 for BDTs");
        }
        JsonNode treesNode = root.path("trees");
        if (!treesNode.isArray() || treesNode.isEmpty()) {
            throw new InvalidInputException(src, "trees", "missing or empty", "a list of [tree] entries");
        }
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < treesNode.size(); t++) {
            JsonNode entry = treesNode.get(t);
            String where = "trees[" + t + "]";
            if (!entry.isArray() || entry.size() != 1) {
                throw new InvalidInputException(src, where, "is not a list of one tree",
                        "binary models have one tree per boosting stage");
            }
            JsonNode d = entry.get(0);
            int[] feature = ints(d, "feature", src, where);
            Tree tree = new Tree(feature, doubles(d, "threshold", src, where), doubles(d, "value", src, where),
                    ints(d, "children_left", src, where), ints(d, "children_right", src, where));
            JsonNode w = d.get("weight");
            if (w != null) {
                checkAxisAligned(w, feature, nFeatures, src, where);
            }
            trees.add(tree);
        }
        return new TreeEnsemble(names, initPredict, root.get("norm").asDouble(), trees,
                root.path("library").asText("conifer JSON"));
    }

    private static void checkAxisAligned(JsonNode w, int[] feature, int nFeatures, String src, String where) {
        if (!w.isArray() || w.size() != feature.length) {
            throw new InvalidInputException(src, where + ".weight", "not one row per node",
                    "a one-hot row of n_features values per node");
        }
        for (int k = 0; k < feature.length; k++) {
            JsonNode row = w.get(k);
            if (!row.isArray() || row.size() != nFeatures) {
                throw new InvalidInputException(src, where + ".weight[" + k + "]", "has " + row.size()
                        + " values, expected n_features " + nFeatures, "a one-hot row per node");
            }
            for (int f = 0; f < nFeatures; f++) {
                double expected = feature[k] == f ? 1 : 0;
                if (row.get(f).asDouble(Double.NaN) != expected) {
                    throw new InvalidInputException(src, where + ".weight[" + k + "]", "is " + row
                            + ", not the one-hot vector of feature " + feature[k],
                            "oblique splits are not supported; use axis-aligned trees");
                }
            }
        }
    }

    private static int intAt(JsonNode root, String key, String src) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new InvalidInputException(src, key, "missing or not an integer", "conifer writes " + key);
        }
        return n.asInt();
    }

    private static int[] ints(JsonNode d, String key, String src, String where) {
        double[] v = doubles(d, key, src, where);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new InvalidInputException(src, where + "." + key + "[" + i + "]", "is " + v[i]
                        + ", expected an integer", "node indices and feature numbers are integers");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private static double[] doubles(JsonNode d, String key, String src, String where) {
        JsonNode a = d.get(key);
        if (a == null || !a.isArray()) {
            throw new InvalidInputException(src, where + "." + key, "missing or not a list",
                    "conifer trees have feature, threshold, value, children_left, children_right");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new InvalidInputException(src, where + "." + key + "[" + i + "]", "is " + a.get(i)
                        + ", expected a number", "numbers only");
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
