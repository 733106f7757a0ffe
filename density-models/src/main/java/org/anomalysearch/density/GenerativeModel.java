package org.anomalysearch.density;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;

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

    static final String META = "model.properties";
    static final String WEIGHTS = "weights.bin";
    static final int FORMAT_VERSION = 1;
    static final int MAGIC = 0x44454E53; // "DENS"

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
        Files.createDirectories(dir);
        Map<String, String> p = new TreeMap<>();
        p.put("kind", kind);
        p.put("formatVersion", Integer.toString(FORMAT_VERSION));
        p.put("features", String.join(",", features));
        p.put("latent", Integer.toString(latent));
        p.put("noiseStd", Preprocessor.hex(noiseStd));
        p.put("loss.columns", String.join(",", history.columns()));
        p.put("loss.rows", history.encode());
        pre.writeTo(p);
        provenance.forEach((k, v) -> p.put("prov." + k, v));
        Properties props = new Properties();
        props.putAll(p);
        StringWriter sw = new StringWriter();
        props.store(sw, null);
        List<String> lines = new ArrayList<>();
        for (String line : sw.toString().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                lines.add(line);
            }
        }
        Collections.sort(lines);
        Path tmp = dir.resolve(META + ".tmp");
        Files.write(tmp, lines, StandardCharsets.ISO_8859_1);
        Files.move(tmp, dir.resolve(META), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path wtmp = dir.resolve(WEIGHTS + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(wtmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(kind);
            net.write(out);
        }
        Files.move(wtmp, dir.resolve(WEIGHTS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a model whose properties were already checked for kind and version. */
    static GenerativeModel load(Path dir, Map<String, String> p) throws IOException {
        String source = dir.toString();
        String kind = p.get("kind");
        Path wf = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(wf)) {
            throw new ModelFormatException(source + ": no " + WEIGHTS, "the model directory is incomplete; retrain");
        }
        DenseNet net;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(wf)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION || !kind.equals(in.readUTF())) {
                throw new ModelFormatException(wf + ": not a " + kind + " weights file of format " + FORMAT_VERSION,
                        "the model directory is damaged or mixed up; retrain");
            }
            net = DenseNet.read(in);
        } catch (java.io.EOFException e) {
            throw new ModelFormatException(wf + ": truncated", "the model directory is damaged; retrain");
        }
        List<String> features = List.of(require(p, "features", source).split(","));
        int latent;
        try {
            latent = Integer.parseInt(require(p, "latent", source));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": bad latent size", "the model directory is damaged; retrain");
        }
        double[] noise = Preprocessor.unhex(p, "noiseStd", source);
        Preprocessor pre = Preprocessor.readFrom(p, source);
        LossHistory h = LossHistory.decode(require(p, "loss.columns", source), p.getOrDefault("loss.rows", ""));
        Map<String, String> prov = new TreeMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("prov.")) {
                prov.put(k.substring(5), v);
            }
        });
        return new GenerativeModel(kind, features, pre, net, latent, noise, h, prov);
    }

    private static String require(Map<String, String> p, String key, String source) {
        String v = p.get(key);
        if (v == null) {
            throw new ModelFormatException(source + ": missing key '" + key + "'", "the model directory is damaged; retrain");
        }
        return v;
    }
}
