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
    private final LossHistory history;
    private final Map<String, String> provenance;

    GenerativeModel(String kind, List<String> features, Preprocessor pre, DenseNet net, int latent, double[] noiseStd,
            LossHistory history, Map<String, String> provenance) {
        this.kind = kind;
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
        for (int i = 0; i < mjj.length; i++) {
            for (int j = 0; j < latent; j++) {
                in[j] = rng.nextGaussian();
            }
            in[latent] = cond[i];
            double[] s = net.forward(in);
            for (int c = 0; c < d; c++) {
                if (noiseStd[c] > 0) {
                    s[c] += noiseStd[c] * rng.nextGaussian();
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
        ModelFiles.write(dir, p, kind, FORMAT_VERSION, net::write);
    }

    /** Reads a model whose properties were already checked for kind and version. */
    static GenerativeModel load(Path dir, Map<String, String> p) throws IOException {
        String source = dir.toString();
        String kind = p.get("kind");
        DenseNet net = ModelFiles.readWeights(dir, kind, FORMAT_VERSION, DenseNet::read);
        List<String> features = List.of(ModelFiles.require(p, "features", source).split(","));
        int latent = ModelFiles.requireInt(p, "latent", source);
        double[] noise = Preprocessor.unhex(p, "noiseStd", source);
        Preprocessor pre = Preprocessor.readFrom(p, source);
        return new GenerativeModel(kind, features, pre, net, latent, noise, ModelFiles.history(p, source),
                ModelFiles.provenance(p));
    }
}
