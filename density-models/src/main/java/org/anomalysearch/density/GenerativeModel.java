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
        Files.createDirectories(dir);
        Map<String, String> p = new TreeMap<>();
        p.put("kind", kind);
        p.put("formatVersion", Integer.toString(FORMAT_VERSION));
        p.put("features", String.join(",", features));
        p.put("latent", Integer.toString(latent));
        p.put("noiseStd", Preprocessor.hex(noiseStd));
        p.put("latentBank", Integer.toString(bank == null ? 0 : bank.length / (2 * latent)));
        if (bank != null) {
            p.put("latentSlope", Preprocessor.hex(bankSlope));
        }
        p.put("residualBank", Integer.toString(residuals == null ? 0 : residuals.length / features.size()));
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
            writeFloats(out, bank);
            writeFloats(out, residuals);
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
        float[] bank = null;
        float[] residuals = null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(wf)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION || !kind.equals(in.readUTF())) {
                throw new ModelFormatException(wf + ": not a " + kind + " weights file of format " + FORMAT_VERSION,
                        "the model directory is damaged or mixed up; retrain");
            }
            net = DenseNet.read(in);
            if (Integer.parseInt(p.getOrDefault("latentBank", "0")) > 0) {
                bank = readFloats(in, wf, "latent bank");
            }
            if (Integer.parseInt(p.getOrDefault("residualBank", "0")) > 0) {
                residuals = readFloats(in, wf, "residual bank");
            }
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": bad latentBank or residualBank value", "the model directory is damaged; retrain");
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
        double[] slope = bank == null ? null : Preprocessor.unhex(p, "latentSlope", source);
        return new GenerativeModel(kind, features, pre, net, latent, noise, bank, slope, residuals, h, prov);
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        if (v != null) {
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        }
    }

    private static float[] readFloats(DataInputStream in, Path file, String what) throws IOException {
        int len = in.readInt();
        if (len <= 0 || len > 1 << 26) {
            throw new ModelFormatException(file + ": implausible " + what + " size " + len,
                    "the model directory is damaged; retrain");
        }
        float[] v = new float[len];
        for (int j = 0; j < len; j++) {
            v[j] = in.readFloat();
        }
        return v;
    }

    private static String require(Map<String, String> p, String key, String source) {
        String v = p.get(key);
        if (v == null) {
            throw new ModelFormatException(source + ": missing key '" + key + "'", "the model directory is damaged; retrain");
        }
        return v;
    }
}
