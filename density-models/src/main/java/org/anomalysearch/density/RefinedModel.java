package org.anomalysearch.density;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;

/**
 * A density model refined by density-ratio classifiers ({@link Refinement}): rejection sampling from its base
 * model with acceptance {@code min(1, w(x, mjj) / cap)}, {@code w} the classifiers' odds (their logits averaged;
 * the class ratio of their training set, a constant, is folded into {@code cap}). Samples in
 * plain Java, deterministic for a seed.
 *
 * <p>Saved as {@code model.properties} (kind {@code refined}, format version, cap, preprocessing of the classifier
 * inputs, the first classifier's loss curve, provenance), {@code weights.bin} (the classifiers) and the base model
 * in {@code base/}; {@link DensityModels#load} checks kind and version of both before reading weights.
 */
final class RefinedModel implements DensityModel {

    static final int FORMAT_VERSION = 1;
    static final String BASE_DIR = "base";
    /** Rounds of rejection before giving up; with the cap at a high quantile about 3 candidates per row suffice. */
    private static final int MAX_ROUNDS = 10_000;

    private final DensityModel base;
    private final Preprocessor pre;
    private final DenseNet[] nets;
    private final double cap;
    private final LossHistory history;
    private final Map<String, String> provenance;

    RefinedModel(DensityModel base, Preprocessor pre, DenseNet[] nets, double cap, LossHistory history,
            Map<String, String> provenance) {
        if (nets.length == 0 || !(cap > 0) || pre.dimension() != base.features().size()) {
            throw new ModelFormatException("inconsistent refined model: " + nets.length + " classifiers, cap " + cap
                    + ", " + pre.dimension() + " preprocessed features for " + base.features().size(),
                    "the model directory is damaged; retrain");
        }
        for (DenseNet net : nets) {
            if (net.inputSize() != pre.dimension() + 1 || net.outputSize() != 1) {
                throw new ModelFormatException("inconsistent refined model: classifier " + net.inputSize() + " -> "
                        + net.outputSize() + " for " + pre.dimension() + " features", "the model directory is damaged; retrain");
            }
        }
        this.base = base;
        this.pre = pre;
        this.nets = nets.clone();
        this.cap = cap;
        this.history = history;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** The classifier input of a row: its preprocessed features, then its preprocessed mjj. */
    static float[] input(Preprocessor pre, double[] x, double mjj) {
        double[] s = pre.forward(x);
        float[] row = new float[s.length + 1];
        for (int c = 0; c < s.length; c++) {
            row[c] = (float) s[c];
        }
        row[s.length] = (float) pre.forwardMjj(mjj);
        return row;
    }

    /** The averaged odds w(x, mjj) of "sideband data" over "base model" (0 outside the fitted feature box). */
    double weight(double[] x, double cond) {
        if (!pre.inside(x)) {
            return 0;
        }
        double[] s = pre.forward(x);
        double[] in = new double[s.length + 1];
        System.arraycopy(s, 0, in, 0, s.length);
        in[s.length] = cond;
        double z = 0;
        for (DenseNet net : nets) {
            z += net.forward(in)[0];
        }
        return Math.exp(z / nets.length);
    }

    @Override
    public String kind() {
        return Refinement.KIND;
    }

    @Override
    public List<String> features() {
        return base.features();
    }

    @Override
    public Region conditioningRange() {
        return base.conditioningRange();
    }

    @Override
    public double[][] sample(double[] mjj, long seed) {
        double[] cond = new double[mjj.length];
        for (int i = 0; i < mjj.length; i++) {
            cond[i] = pre.conditionForSampling(mjj[i], i);
        }
        double[][] out = new double[mjj.length][];
        int[] pending = new int[mjj.length];
        for (int i = 0; i < pending.length; i++) {
            pending[i] = i;
        }
        int left = pending.length;
        for (int round = 0; left > 0; round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("refined sampling: " + left + " rows still without an accepted candidate "
                        + "after " + MAX_ROUNDS + " rounds (cap " + cap + ")");
            }
            double[] m = new double[left];
            for (int k = 0; k < left; k++) {
                m[k] = mjj[pending[k]];
            }
            double[][] cand = base.sample(m, Seeds.derive(seed, "density.refine.round", round));
            SplittableRandom u = new SplittableRandom(Seeds.derive(seed, "density.refine.accept", round));
            int still = 0;
            for (int k = 0; k < left; k++) {
                int row = pending[k];
                double w = weight(cand[k], cond[row]);
                if (u.nextDouble() * cap < w) {
                    out[row] = cand[k];
                } else {
                    pending[still++] = row;
                }
            }
            left = still;
        }
        return out;
    }

    @Override
    public LossHistory lossHistory() {
        return history;
    }

    @Override
    public Map<String, String> provenance() {
        return provenance;
    }

    @Override
    public void save(Path dir) throws IOException {
        base.save(dir.resolve(BASE_DIR));
        Map<String, String> p = ModelFiles.commonProperties(Refinement.KIND, FORMAT_VERSION, features(), history, pre,
                provenance);
        p.put("cap", Double.toString(cap));
        p.put("classifiers", Integer.toString(nets.length));
        p.put("baseKind", base.kind());
        ModelFiles.write(dir, p, Refinement.KIND, FORMAT_VERSION, out -> {
            out.writeInt(nets.length);
            for (DenseNet net : nets) {
                net.write(out);
            }
        });
    }

    /** Reads a refined model whose properties were already checked for kind and version; loads its base first. */
    static RefinedModel load(Path dir, Map<String, String> p) throws IOException {
        String source = dir.toString();
        String baseKind = ModelFiles.require(p, "baseKind", source);
        if (Refinement.KIND.equals(baseKind)) {
            throw new ModelFormatException(source + ": a refined model's base is itself refined",
                    "the model directory is damaged; retrain");
        }
        DensityModel base = DensityModels.load(dir.resolve(BASE_DIR), baseKind);
        int expected = ModelFiles.requireInt(p, "classifiers", source);
        DenseNet[] nets = ModelFiles.readWeights(dir, Refinement.KIND, FORMAT_VERSION, in -> readNets(in, expected, source));
        double cap;
        try {
            cap = Double.parseDouble(ModelFiles.require(p, "cap", source));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": key 'cap' is not a number", "the model directory is damaged; retrain");
        }
        return new RefinedModel(base, Preprocessor.readFrom(p, source), nets, cap, ModelFiles.history(p, source),
                ModelFiles.provenance(p));
    }

    private static DenseNet[] readNets(DataInputStream in, int expected, String source) throws IOException {
        int k = in.readInt();
        if (k != expected || k < 1 || k > 100) {
            throw new ModelFormatException(source + ": " + k + " classifiers in the weights, " + expected
                    + " in the properties", "the model directory is damaged; retrain");
        }
        DenseNet[] nets = new DenseNet[k];
        for (int i = 0; i < k; i++) {
            nets[i] = DenseNet.read(in);
        }
        return nets;
    }
}
