package org.anomalysearch.density;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;

/**
 * The fitted conditional MAF: the preprocessing and an ensemble of one or more flows ({@link Maf}, the weights
 * of the best epochs), a uniform mixture. Samples and evaluates densities in plain Java.
 *
 * <p>Sampling: per event one member drawn from the seeded generator, then z ~ N(0, 1) from the same generator,
 * inverted through the member's blocks and the preprocessing. Density: {@code log p(x | mjj) = log(mean over
 * members of p_k(s | c)) + log |ds/dx|}, with s the preprocessed row and c the preprocessed mjj (log-sum-exp
 * over members); a row outside the fitted box has density 0, i.e. -infinity.
 *
 * <p>Saved as {@code model.properties} (kind {@value #KIND}, format version, features,
 * preprocessing, flow shape, loss curves, provenance) and {@code weights.bin} (magic, version, kind, member
 * count, each member's flat weights).
 */
final class FlowModel implements DensityModel {

    /** The kind name of conditional MAF models (model.properties, the density kind "flow"). */
    static final String KIND = "cmaf";

    static final int FORMAT_VERSION = 1;

    private final List<String> features;
    private final Preprocessor pre;
    private final List<Maf> members;
    private final LossHistory history;
    private final Map<String, String> provenance;

    FlowModel(List<String> features, Preprocessor pre, List<Maf> members, LossHistory history,
            Map<String, String> provenance) {
        this.features = List.copyOf(features);
        this.pre = pre;
        this.members = List.copyOf(members);
        this.history = history;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        Maf first = this.members.get(0);
        for (Maf m : this.members) {
            if (m.d != features.size() || m.blocks != first.blocks || m.hidden != first.hidden
                    || m.layers != first.layers || pre.dimension() != features.size()) {
                throw new ModelFormatException("inconsistent " + KIND + " model: " + features.size()
                        + " features, flow members of " + m.d + " features", "the model directory is damaged; retrain");
            }
        }
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
    public Region conditioningRange() {
        return new Region(pre.mjjMin(), pre.mjjMax());
    }

    /** Number of ensemble members (best epochs). */
    int members() {
        return members.size();
    }

    @Override
    public double[][] sample(double[] mjj, long seed) {
        double[] cond = new double[mjj.length];
        for (int i = 0; i < mjj.length; i++) {
            cond[i] = pre.conditionForSampling(mjj[i], i);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int d = features.size();
        double[][] out = new double[mjj.length][];
        double[] z = new double[d];
        for (int i = 0; i < mjj.length; i++) {
            Maf m = members.size() == 1 ? members.get(0) : members.get(rng.nextInt(members.size()));
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            out[i] = pre.inverse(m.inverse(z, cond[i]));
        }
        return out;
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double[] logDensity(double[][] x, double[] mjj) {
        if (x.length != mjj.length) {
            throw new InvalidInputException("density evaluation", "mjj", x.length + " feature rows but " + mjj.length
                    + " mjj values", "pass one mjj value per row");
        }
        int d = features.size();
        double[] out = new double[x.length];
        double logK = Math.log(members.size());
        double[] lp = new double[members.size()];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null || row.length != d) {
                throw new InvalidInputException("density evaluation", "row " + i, (row == null ? "no" : row.length)
                        + " values, expected " + d + " " + features, "pass the model's features in its order");
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new InvalidInputException("density evaluation", features.get(c), "non-finite value " + row[c]
                            + " in row " + i, "remove or fix non-finite feature values");
                }
            }
            double c = pre.condition(mjj[i], i, "density evaluation");
            if (!pre.inside(row)) {
                out[i] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double[] s = pre.forward(row);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < lp.length; k++) {
                lp[k] = members.get(k).logDensity(s, c);
                max = Math.max(max, lp[k]);
            }
            double sum = 0;
            for (double v : lp) {
                sum += Math.exp(v - max);
            }
            out[i] = max + Math.log(sum) - logK + pre.logJacobian(row);
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

    Preprocessor preprocessor() {
        return pre;
    }

    @Override
    public void save(Path dir) throws IOException {
        Maf first = members.get(0);
        Map<String, String> p = ModelFiles.commonProperties(KIND, FORMAT_VERSION, features, history, pre,
                provenance);
        p.put("flow.blocks", Integer.toString(first.blocks));
        p.put("flow.hidden", Integer.toString(first.hidden));
        p.put("flow.layers", Integer.toString(first.layers));
        p.put("flow.clamp", Double.toHexString(first.clamp));
        p.put("flow.members", Integer.toString(members.size()));
        ModelFiles.write(dir, p, KIND, FORMAT_VERSION, out -> {
            out.writeInt(members.size());
            for (Maf m : members) {
                m.write(out);
            }
        });
    }

    /** Reads a model whose properties were already checked for kind and version. */
    static FlowModel load(Path dir, Map<String, String> p) throws IOException {
        String source = dir.toString();
        List<String> features = List.of(ModelFiles.require(p, "features", source).split(","));
        int blocks = ModelFiles.requireInt(p, "flow.blocks", source);
        int hidden = ModelFiles.requireInt(p, "flow.hidden", source);
        int layers = ModelFiles.requireInt(p, "flow.layers", source);
        int n = ModelFiles.requireInt(p, "flow.members", source);
        double clamp;
        try {
            clamp = Double.parseDouble(ModelFiles.require(p, "flow.clamp", source));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": bad flow.clamp", "the model directory is damaged; retrain");
        }
        if (blocks < 1 || hidden < 1 || layers < 1 || n < 1 || blocks > 1024 || hidden > 1 << 16 || layers > 64
                || n > 1024) {
            throw new ModelFormatException(source + ": implausible flow shape " + blocks + " blocks x " + hidden
                    + " units x " + layers + " layers, " + n + " members", "the model directory is damaged; retrain");
        }
        Preprocessor pre = Preprocessor.readFrom(p, source);
        int d = features.size();
        List<Maf> members = ModelFiles.readWeights(dir, KIND, FORMAT_VERSION, in -> {
            int k = in.readInt();
            if (k != n) {
                throw new ModelFormatException(dir.resolve(ModelFiles.WEIGHTS) + ": " + k + " members, the properties say "
                        + n, "the model directory is damaged or mixed up; retrain");
            }
            List<Maf> list = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                list.add(Maf.read(in, d, hidden, layers, blocks, clamp));
            }
            return list;
        });
        return new FlowModel(features, pre, members, ModelFiles.history(p, source), ModelFiles.provenance(p));
    }
}
