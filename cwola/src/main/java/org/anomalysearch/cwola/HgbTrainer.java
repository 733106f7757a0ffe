package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Histogram gradient-boosted trees for binary classification, in plain Java, after scikit-learn's
 * HistGradientBoostingClassifier: features binned at quantiles of the training part (at most {@code maxBins}
 * bins), log-loss with Newton leaf values -G/(H + l2), trees grown best-first to {@code maxLeafNodes} leaves with
 * at least {@code minSamplesLeaf} events each, shrinkage, and early stopping on the weighted log-loss of a
 * stratified validation split (scikit-learn's rule; all trees grown are kept). The only randomness is the
 * validation split, drawn from {@code Seeds.derive(seed, "cwola.hgb.split")}.
 */
public final class HgbTrainer implements ClassifierTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(HgbTrainer.class);
    private static final double MIN_HESSIAN = 1e-3;

    private final HgbConfig config;

    public HgbTrainer(HgbConfig config) {
        this.config = config;
    }

    public HgbConfig config() {
        return config;
    }

    @Override
    public Classifier fit(TrainingSet set) {
        return fit(set, config.seed());
    }

    @Override
    public Classifier fit(TrainingSet set, long seed) {
        int d = set.features().size();
        int[][] split = MlpTrainer.stratifiedSplit(set, config.validationFraction(),
                new SplittableRandom(Seeds.derive(seed, "cwola.hgb.split")));
        int[] tr = split[0];
        int[] va = split[1];
        double[][] edges = new double[d][];
        int[][] binTr = new int[d][];
        int[][] binVa = new int[d][];
        for (int c = 0; c < d; c++) {
            edges[c] = binEdges(set.x(), tr, c, config.maxBins());
            binTr[c] = bins(set.x(), tr, c, edges[c]);
            binVa[c] = bins(set.x(), va, c, edges[c]);
        }
        double[] yTr = new double[tr.length];
        double[] yVa = new double[va.length];
        int n1 = 0;
        for (int k = 0; k < tr.length; k++) {
            yTr[k] = set.labels()[tr[k]];
            n1 += set.labels()[tr[k]];
        }
        for (int k = 0; k < va.length; k++) {
            yVa[k] = set.labels()[va[k]];
        }
        double w1 = config.balanceClasses() ? tr.length / (2.0 * n1) : 1;
        double w0 = config.balanceClasses() ? tr.length / (2.0 * (tr.length - n1)) : 1;
        double[] wTr = new double[tr.length];
        double[] wVa = new double[va.length];
        for (int k = 0; k < tr.length; k++) {
            wTr[k] = yTr[k] == 1 ? w1 : w0;
        }
        for (int k = 0; k < va.length; k++) {
            wVa[k] = yVa[k] == 1 ? w1 : w0;
        }
        double sw1 = 0;
        double sw = 0;
        for (int k = 0; k < tr.length; k++) {
            sw += wTr[k];
            sw1 += wTr[k] * yTr[k];
        }
        double baseline = Math.log(sw1 / (sw - sw1));
        double[] fTr = new double[tr.length];
        double[] fVa = new double[va.length];
        Arrays.fill(fTr, baseline);
        Arrays.fill(fVa, baseline);
        double[] g = new double[tr.length];
        double[] h = new double[tr.length];
        List<HgbClassifier.Tree> trees = new ArrayList<>();
        // scikit-learn's rule: stop when none of the last `patience` validation losses is below the loss
        // `patience + 1` entries back (the first entry is the baseline) by more than 1e-7; all trees are kept.
        List<Double> valLoss = new ArrayList<>();
        valLoss.add(logLoss(fVa, yVa, wVa));
        LOG.info("training HGB on {} events, validation {}, up to {} trees, seed {}", tr.length, va.length,
                config.maxIterations(), seed);
        for (int it = 0; it < config.maxIterations(); it++) {
            for (int k = 0; k < tr.length; k++) {
                double p = MlpClassifier.sigmoid(fTr[k]);
                g[k] = wTr[k] * (p - yTr[k]);
                h[k] = wTr[k] * p * (1 - p);
            }
            HgbClassifier.Tree tree = grow(binTr, edges, g, h, fTr);
            trees.add(tree);
            for (int k = 0; k < va.length; k++) {
                fVa[k] += predictBinned(tree, binVa, k, edges);
            }
            double vl = logLoss(fVa, yVa, wVa);
            valLoss.add(vl);
            LOG.debug("tree {}: {} leaves, validation loss {}", it + 1, (tree.feature().length + 1) / 2, vl);
            if (shouldStop(valLoss, config.patience())) {
                break;
            }
        }
        List<HgbClassifier.Tree> kept = trees;
        double best = valLoss.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("kind", HgbClassifier.KIND);
        prov.put("mode", set.mode().name());
        prov.put("seed", Long.toString(seed));
        config.toMap().forEach((key, v) -> prov.put("config." + key, v));
        prov.put("trainEvents.class1", Integer.toString(n1));
        prov.put("trainEvents.class0", Integer.toString(tr.length - n1));
        prov.put("validationEvents", Integer.toString(va.length));
        prov.put("features", String.join(",", set.features()));
        prov.put("trees", Integer.toString(kept.size()));
        prov.put("finalValidationLoss", String.format(java.util.Locale.ROOT, "%.6g", valLoss.get(valLoss.size() - 1)));
        prov.put("bestValidationLoss", String.format(java.util.Locale.ROOT, "%.6g", best));
        LOG.info("HGB: {} trees (best validation loss {})", kept.size(),
                String.format(java.util.Locale.ROOT, "%.5f", best));
        return new HgbClassifier(set.features(), baseline, kept, prov);
    }

    /** scikit-learn's early-stopping test on losses (lower is better), the first entry being the baseline. */
    static boolean shouldStop(List<Double> losses, int patience) {
        int n = losses.size();
        if (n <= patience) {
            return false;
        }
        double reference = losses.get(n - patience - 1) - 1e-7;
        for (int i = n - patience; i < n; i++) {
            if (losses.get(i) < reference) {
                return false;
            }
        }
        return true;
    }

    /** A candidate leaf: its events, sums and best split. */
    private static final class Leaf {
        final int node;
        final int[] idx;
        final double gSum;
        final double hSum;
        double gain = 0;
        int feature = -1;
        int bin = -1;

        Leaf(int node, int[] idx, double gSum, double hSum) {
            this.node = node;
            this.idx = idx;
            this.gSum = gSum;
            this.hSum = hSum;
        }
    }

    private HgbClassifier.Tree grow(int[][] bins, double[][] edges, double[] g, double[] h, double[] f) {
        int n = g.length;
        List<int[]> nodes = new ArrayList<>(); // {feature, bin, left, right}
        List<Double> values = new ArrayList<>();
        int[] all = new int[n];
        double gs = 0;
        double hs = 0;
        for (int k = 0; k < n; k++) {
            all[k] = k;
            gs += g[k];
            hs += h[k];
        }
        nodes.add(new int[] {-1, -1, -1, -1});
        values.add(0.0);
        List<Leaf> leaves = new ArrayList<>();
        Leaf root = new Leaf(0, all, gs, hs);
        findSplit(root, bins, edges, g, h);
        leaves.add(root);
        while (leaves.size() < config.maxLeafNodes()) {
            Leaf bestLeaf = null;
            for (Leaf l : leaves) {
                if (l.feature >= 0 && (bestLeaf == null || l.gain > bestLeaf.gain)) {
                    bestLeaf = l;
                }
            }
            if (bestLeaf == null || !(bestLeaf.gain > 0)) {
                break;
            }
            int[] fb = bins[bestLeaf.feature];
            int nl = 0;
            for (int k : bestLeaf.idx) {
                nl += fb[k] <= bestLeaf.bin ? 1 : 0;
            }
            int[] li = new int[nl];
            int[] ri = new int[bestLeaf.idx.length - nl];
            int a = 0;
            int b = 0;
            double gl = 0;
            double hl = 0;
            for (int k : bestLeaf.idx) {
                if (fb[k] <= bestLeaf.bin) {
                    li[a++] = k;
                    gl += g[k];
                    hl += h[k];
                } else {
                    ri[b++] = k;
                }
            }
            int lNode = nodes.size();
            nodes.add(new int[] {-1, -1, -1, -1});
            values.add(0.0);
            int rNode = nodes.size();
            nodes.add(new int[] {-1, -1, -1, -1});
            values.add(0.0);
            nodes.set(bestLeaf.node, new int[] {bestLeaf.feature, bestLeaf.bin, lNode, rNode});
            leaves.remove(bestLeaf);
            Leaf left = new Leaf(lNode, li, gl, hl);
            Leaf right = new Leaf(rNode, ri, bestLeaf.gSum - gl, bestLeaf.hSum - hl);
            findSplit(left, bins, edges, g, h);
            findSplit(right, bins, edges, g, h);
            leaves.add(left);
            leaves.add(right);
        }
        for (Leaf l : leaves) {
            double v = -config.learningRate() * l.gSum / (l.hSum + config.l2());
            values.set(l.node, v);
            for (int k : l.idx) {
                f[k] += v;
            }
        }
        int m = nodes.size();
        int[] feat = new int[m];
        double[] thr = new double[m];
        int[] left = new int[m];
        int[] right = new int[m];
        double[] val = new double[m];
        for (int k = 0; k < m; k++) {
            int[] nd = nodes.get(k);
            feat[k] = nd[0];
            thr[k] = nd[0] >= 0 ? edges[nd[0]][nd[1]] : Double.NaN;
            left[k] = nd[2];
            right[k] = nd[3];
            val[k] = values.get(k);
        }
        return new HgbClassifier.Tree(feat, thr, left, right, val);
    }

    private void findSplit(Leaf leaf, int[][] bins, double[][] edges, double[] g, double[] h) {
        int minLeaf = config.minSamplesLeaf();
        if (leaf.idx.length < 2 * minLeaf) {
            return;
        }
        double lambda = config.l2();
        double parent = leaf.gSum * leaf.gSum / (leaf.hSum + lambda);
        for (int c = 0; c < bins.length; c++) {
            int nb = edges[c].length + 1;
            double[] hg = new double[nb];
            double[] hh = new double[nb];
            int[] hc = new int[nb];
            int[] fb = bins[c];
            for (int k : leaf.idx) {
                int bin = fb[k];
                hg[bin] += g[k];
                hh[bin] += h[k];
                hc[bin]++;
            }
            double gl = 0;
            double hl = 0;
            int cl = 0;
            for (int bin = 0; bin < nb - 1; bin++) {
                gl += hg[bin];
                hl += hh[bin];
                cl += hc[bin];
                int cr = leaf.idx.length - cl;
                if (cl < minLeaf) {
                    continue;
                }
                if (cr < minLeaf) {
                    break;
                }
                double gr = leaf.gSum - gl;
                double hr = leaf.hSum - hl;
                if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) {
                    continue;
                }
                double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                if (gain > leaf.gain) {
                    leaf.gain = gain;
                    leaf.feature = c;
                    leaf.bin = bin;
                }
            }
        }
    }

    private static double predictBinned(HgbClassifier.Tree t, int[][] bins, int k, double[][] edges) {
        int node = 0;
        while (t.feature()[node] >= 0) {
            int c = t.feature()[node];
            // x <= edges[c][b]  <=>  bin(x) <= b, with b the split bin: compare bins, not values.
            int b = Arrays.binarySearch(edges[c], t.threshold()[node]);
            node = bins[c][k] <= b ? t.left()[node] : t.right()[node];
        }
        return t.value()[node];
    }

    private static double logLoss(double[] f, double[] y, double[] w) {
        double s = 0;
        double sw = 0;
        for (int k = 0; k < f.length; k++) {
            double z = f[k];
            s += w[k] * (Math.max(z, 0) - z * y[k] + Math.log1p(Math.exp(-Math.abs(z))));
            sw += w[k];
        }
        return s / sw;
    }

    /**
     * Bin edges of feature {@code c} over {@code rows}: midpoints between distinct values when there are at most
     * {@code maxBins}, else the distinct values at quantiles i / maxBins.
     */
    static double[] binEdges(double[][] x, int[] rows, int c, int maxBins) {
        double[] v = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            v[k] = x[rows[k]][c];
        }
        Arrays.sort(v);
        double[] distinct = Arrays.stream(v).distinct().toArray();
        if (distinct.length <= maxBins) {
            double[] e = new double[Math.max(0, distinct.length - 1)];
            for (int i = 0; i < e.length; i++) {
                e[i] = (distinct[i] + distinct[i + 1]) / 2;
            }
            return e;
        }
        double[] e = new double[maxBins - 1];
        int m = 0;
        for (int i = 1; i < maxBins; i++) {
            double q = v[(int) ((long) i * v.length / maxBins)];
            if (m == 0 || q > e[m - 1]) {
                e[m++] = q;
            }
        }
        return Arrays.copyOf(e, m);
    }

    /** bin(x) = the first i with x <= edges[i], or edges.length. */
    static int[] bins(double[][] x, int[] rows, int c, double[] edges) {
        int[] b = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int i = Arrays.binarySearch(edges, x[rows[k]][c]);
            b[k] = i >= 0 ? i : -i - 1;
        }
        return b;
    }
}
