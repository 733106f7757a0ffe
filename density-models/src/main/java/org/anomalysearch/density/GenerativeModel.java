package org.anomalysearch.density;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.region.Region;

/**
 * The fitted model of both trainers: a network mapping (z, preprocessed mjj) to preprocessed features (the
 * VAE's decoder, the GAN's generator), optional Gaussian output noise per feature (the VAE decoder's
 * residual spread; zero for the GAN), and the preprocessing. Samples in plain Java.
 *
 * <p>Saved as {@code model.properties} (kind, format version, features, preprocessing, loss curves,
 * provenance) and {@code weights.bin} (magic, format version, network). {@link DensityModels#load} checks
 * the kind and version in the properties before opening the weights.
 */
final class GenerativeModel implements DensityModel {

    static final int FORMAT_VERSION = 1;

    private final String kind;
    private final List<String> features;
    private final Preprocessor pre;
    private final DenseNet net;
    private final int latent;
    private final double[] noiseStd;
    /** Aggregated-posterior bank (n x 2 latent: means, then widths) or null for z ~ N(0, 1). */
    private final float[] bank;
    /** Per latent dimension, the slope of the bank's posterior means on the preprocessed mjj (added at sampling). */
    private final double[] bankSlope;
    /** Empirical residual bank (n x d) added instead of the Gaussian noise, or null. */
    private final float[] residuals;
    private final LossHistory history;
    private final Map<String, String> provenance;

    GenerativeModel(String kind, List<String> features, Preprocessor pre, DenseNet net, int latent, double[] noiseStd,
            LossHistory history, Map<String, String> provenance) {
        this(kind, features, pre, net, latent, noiseStd, null, null, null, history, provenance);
    }

    GenerativeModel(String kind, List<String> features, Preprocessor pre, DenseNet net, int latent, double[] noiseStd,
            float[] bank, double[] bankSlope, float[] residuals, LossHistory history, Map<String, String> provenance) {
        this.kind = kind;
        this.bank = bank == null ? null : bank.clone();
        this.bankSlope = bank == null ? null : bankSlope.clone();
        if (bank != null && bankSlope.length != latent) {
            throw new ModelFormatException("inconsistent " + kind + " model: " + bankSlope.length
                    + " latent slopes for latent size " + latent, "the model directory is damaged; retrain");
        }
        this.residuals = residuals == null ? null : residuals.clone();
        if (residuals != null && (residuals.length == 0 || residuals.length % features.size() != 0)) {
            throw new ModelFormatException("inconsistent " + kind + " model: residual bank of " + residuals.length
                    + " values for " + features.size() + " features", "the model directory is damaged; retrain");
        }
        if (bank != null && (bank.length == 0 || bank.length % (2 * latent) != 0)) {
            throw new ModelFormatException("inconsistent " + kind + " model: latent bank of " + bank.length
                    + " values for latent size " + latent, "the model directory is damaged; retrain");
        }
        this.features = List.copyOf(features);
        this.pre = pre;
        this.net = net;
        this.latent = latent;
        this.noiseStd = noiseStd.clone();
        this.history = history;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (net.inputSize() != latent + 1 || net.outputSize() != features.size() || noiseStd.length != features.size()
                || pre.dimension() != features.size()) {
            throw new ModelFormatException("inconsistent " + kind + " model: network " + net.inputSize() + " -> "
                    + net.outputSize() + ", latent " + latent + ", " + features.size() + " features",
                    "the model directory is damaged; retrain");
        }
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public Region conditioningRange() {
        return new Region(pre.mjjMin(), pre.mjjMax());
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
        double[] in = new double[latent + 1];
        int banked = bank == null ? 0 : bank.length / (2 * latent);
        for (int i = 0; i < mjj.length; i++) {
            if (bank == null) {
                for (int j = 0; j < latent; j++) {
                    in[j] = rng.nextGaussian();
                }
            } else {
                int row = rng.nextInt(banked) * 2 * latent;
                for (int j = 0; j < latent; j++) {
                    in[j] = bank[row + j] + bankSlope[j] * cond[i] + bank[row + latent + j] * rng.nextGaussian();
                }
            }
            in[latent] = cond[i];
            double[] s = net.forward(in);
            if (residuals != null) {
                int row = rng.nextInt(residuals.length / d) * d;
                for (int c = 0; c < d; c++) {
                    s[c] += residuals[row + c];
                }
            } else {
                for (int c = 0; c < d; c++) {
                    if (noiseStd[c] > 0) {
                        s[c] += noiseStd[c] * rng.nextGaussian();
                    }
                }
            }
            out[i] = pre.inverse(s);
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
        Map<String, String> p = ModelFiles.commonProperties(kind, FORMAT_VERSION, features, history, pre, provenance);
        p.put("latent", Integer.toString(latent));
        p.put("noiseStd", Preprocessor.hex(noiseStd));
        p.put("latentBank", Integer.toString(bank == null ? 0 : bank.length / (2 * latent)));
        if (bank != null) {
            p.put("latentSlope", Preprocessor.hex(bankSlope));
        }
        p.put("residualBank", Integer.toString(residuals == null ? 0 : residuals.length / features.size()));
        ModelFiles.write(dir, p, kind, FORMAT_VERSION, out -> {
            net.write(out);
            writeFloats(out, bank);
            writeFloats(out, residuals);
        });
    }

    /** Reads a model whose properties were already checked for kind and version. */
    static GenerativeModel load(Path dir, Map<String, String> p) throws IOException {
        String source = dir.toString();
        String kind = p.get("kind");
        boolean banked;
        boolean withResiduals;
        try {
            banked = Integer.parseInt(p.getOrDefault("latentBank", "0")) > 0;
            withResiduals = Integer.parseInt(p.getOrDefault("residualBank", "0")) > 0;
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": bad latentBank or residualBank value",
                    "the model directory is damaged; retrain");
        }
        Path wf = dir.resolve(ModelFiles.WEIGHTS);
        Weights w = ModelFiles.readWeights(dir, kind, FORMAT_VERSION, in -> new Weights(DenseNet.read(in),
                banked ? readFloats(in, wf, "latent bank") : null,
                withResiduals ? readFloats(in, wf, "residual bank") : null));
        List<String> features = List.of(ModelFiles.require(p, "features", source).split(","));
        int latent = ModelFiles.requireInt(p, "latent", source);
        double[] noise = Preprocessor.unhex(p, "noiseStd", source);
        Preprocessor pre = Preprocessor.readFrom(p, source);
        double[] slope = w.bank() == null ? null : Preprocessor.unhex(p, "latentSlope", source);
        return new GenerativeModel(kind, features, pre, w.net(), latent, noise, w.bank(), slope, w.residuals(),
                ModelFiles.history(p, source), ModelFiles.provenance(p));
    }

    /** The weights file's payload: the network and the optional latent and residual banks. */
    private record Weights(DenseNet net, float[] bank, float[] residuals) {
    }

    private static void writeFloats(java.io.DataOutputStream out, float[] v) throws IOException {
        if (v != null) {
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        }
    }

    private static float[] readFloats(java.io.DataInputStream in, Path file, String what) throws IOException {
        int len = in.readInt();
        if (len > 0 && len <= 1 << 26 && 4L * len > in.available()) {
            throw new ModelFormatException(file + ": truncated: the " + what + " of " + len + " values needs " + 4L * len
                    + " bytes, " + in.available() + " are left", "the model directory is damaged; retrain");
        }
        if (len <= 0 || len > 1 << 26) {
            throw new ModelFormatException(file + ": implausible " + what + " size " + len,
                    "the model directory is damaged; retrain");
        }
        float[] v = new float[len];
        for (int j = 0; j < len; j++) {
            v[j] = ModelFiles.finite(in, what);
        }
        return v;
    }
}
