package org.anomalysearch.cwola;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.io.Counts;

/**
 * Fitted histogram gradient-boosted trees: score = sigmoid(baseline + sum of tree values), each tree sending
 * {@code x[feature] <= threshold} left. Plain Java.
 *
 * <p>Its trees are public read-only (copies), for hand-offs such as the conifer export: {@link #baseline()},
 * {@link #treeCount()}, {@link #treeFeature(int)}, {@link #treeThreshold(int)}, {@link #treeLeft(int)},
 * {@link #treeRight(int)}, {@link #treeValue(int)} (node 0 the root; feature &lt; 0 marks a leaf).
 */
public final class HgbClassifier implements Classifier {

    static final String KIND = "hgb";
    static final int FORMAT_VERSION = 1;
    static final String TREES_FILE = "trees.bin";
    private static final int MAGIC = 0x41534842; // "ASHB"
    /** Bytes of one node in {@link #TREES_FILE}: feature, threshold, left, right, value. */
    private static final int NODE_BYTES = 4 + 8 + 4 + 4 + 8;
    /** The most trees a file may announce. */
    static final int MAX_TREES = 1_000_000;

    /** One tree; node 0 is the root; {@code feature[k] < 0} marks a leaf with value {@code value[k]}. */
    record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
        double predict(double[] x) {
            int k = 0;
            while (feature[k] >= 0) {
                k = x[feature[k]] <= threshold[k] ? left[k] : right[k];
            }
            return value[k];
        }
    }

    private final List<String> features;
    private final double baseline;
    private final List<Tree> trees;
    private final Map<String, String> provenance;

    HgbClassifier(List<String> features, double baseline, List<Tree> trees, Map<String, String> provenance) {
        this.features = List.copyOf(features);
        this.baseline = baseline;
        this.trees = List.copyOf(trees);
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public Map<String, String> provenance() {
        return provenance;
    }

    /** Number of trees. */
    public int treeCount() {
        return trees.size();
    }

    /** The raw score before the trees (the log-odds of the training prior). */
    public double baseline() {
        return baseline;
    }

    /** Split feature per node of tree t; negative marks a leaf (a copy). */
    public int[] treeFeature(int t) {
        return trees.get(t).feature().clone();
    }

    /** Split threshold per node of tree t ({@code x <= threshold} goes left; a copy). */
    public double[] treeThreshold(int t) {
        return trees.get(t).threshold().clone();
    }

    /** Left child per node of tree t (a copy). */
    public int[] treeLeft(int t) {
        return trees.get(t).left().clone();
    }

    /** Right child per node of tree t (a copy). */
    public int[] treeRight(int t) {
        return trees.get(t).right().clone();
    }

    /** Value per node of tree t, used at leaves (a copy). */
    public double[] treeValue(int t) {
        return trees.get(t).value().clone();
    }

    @Override
    public double[] score(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            TrainingSet.checkRow("events to score", features, x[i], i);
            double f = baseline;
            for (Tree t : trees) {
                f += t.predict(x[i]);
            }
            out[i] = MlpClassifier.sigmoid(f);
        }
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TREES_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(features.size());
            out.writeDouble(baseline);
            out.writeInt(trees.size());
            for (Tree t : trees) {
                out.writeInt(t.feature().length);
                for (int k = 0; k < t.feature().length; k++) {
                    out.writeInt(t.feature()[k]);
                    out.writeDouble(t.threshold()[k]);
                    out.writeInt(t.left()[k]);
                    out.writeInt(t.right()[k]);
                    out.writeDouble(t.value()[k]);
                }
            }
        }
        Files.move(tmp, dir.resolve(TREES_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Classifiers.writeMeta(dir, KIND, FORMAT_VERSION, features,
                Map.of("trees", Integer.toString(trees.size())), provenance);
    }

    static HgbClassifier load(Path dir, Properties meta) throws IOException {
        Classifiers.checkFormatVersion(dir, meta, "hgb", FORMAT_VERSION);
        List<String> features = Classifiers.features(meta);
        Map<String, String> prov = Classifiers.provenance(meta);
        Path f = dir.resolve(TREES_FILE);
        if (!Files.isRegularFile(f)) {
            throw new ModelFormatException(dir + ": no " + TREES_FILE, "the directory is incomplete; retrain");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION || in.readInt() != features.size()) {
                throw new ModelFormatException(f + ": not an hgb trees file of format " + FORMAT_VERSION + " with "
                        + features.size() + " features", "the directory is damaged; retrain or restore it");
            }
            double baseline = in.readDouble();
            String src = f.toString();
            int nt = Counts.read(in, src, "tree count", 0, MAX_TREES, 4);
            List<Tree> trees = new ArrayList<>(nt);
            for (int t = 0; t < nt; t++) {
                int n = Counts.read(in, src, "node count of tree " + t, 1, Integer.MAX_VALUE, NODE_BYTES);
                int[] feat = new int[n];
                double[] thr = new double[n];
                int[] l = new int[n];
                int[] r = new int[n];
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    feat[k] = in.readInt();
                    thr[k] = in.readDouble();
                    l[k] = in.readInt();
                    r[k] = in.readInt();
                    v[k] = in.readDouble();
                }
                trees.add(checkTree(src, t, features.size(), feat, thr, l, r, v));
            }
            if (in.read() >= 0) {
                throw new ModelFormatException(f + ": bytes after the last of " + nt + " trees",
                        "the directory is damaged; retrain or restore it");
            }
            return new HgbClassifier(features, baseline, trees, prov);
        } catch (EOFException e) {
            throw new ModelFormatException(f + ": truncated", "the directory is damaged; retrain or restore it");
        }
    }

    /**
     * A tree read from a file, checked to be one: split features in range, finite thresholds and values, and every
     * child index greater than its parent's (as the trainer writes them), which keeps children in range and rules
     * out cycles, so {@link Tree#predict} always ends at a leaf.
     */
    private static Tree checkTree(String src, int t, int nFeatures, int[] feat, double[] thr, int[] l, int[] r,
                                  double[] v) {
        int n = feat.length;
        for (int k = 0; k < n; k++) {
            String where = "tree " + t + ", node " + k;
            if (feat[k] >= nFeatures) {
                throw new InvalidInputException(src, where, "splits on feature " + feat[k] + ", the model has "
                        + nFeatures, "the file is damaged; retrain or restore it");
            }
            if (!Double.isFinite(v[k]) || (feat[k] >= 0 && Double.isNaN(thr[k]))) {
                throw new InvalidInputException(src, where, "value " + v[k] + " or threshold " + thr[k]
                        + " is not a number", "the file is damaged; retrain or restore it");
            }
            if (feat[k] >= 0 && (l[k] <= k || l[k] >= n || r[k] <= k || r[k] >= n)) {
                throw new InvalidInputException(src, where, "children " + l[k] + " and " + r[k] + " must lie after "
                        + "the node and inside the tree's " + n + " nodes", "the nodes do not form a tree; the file "
                        + "is damaged or hostile; retrain or restore it");
            }
        }
        return new Tree(feat, thr, l, r, v);
    }
}
