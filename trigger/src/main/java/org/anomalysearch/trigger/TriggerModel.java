package org.anomalysearch.trigger;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.anomalysearch.core.io.Counts;
import org.anomalysearch.core.io.DenseWeights;

/**
 * A fitted trigger model (immutable): the standardisation fitted on the training events, then dense layers (ReLU on
 * the hidden ones, the last linear) for the encoder and, for the autoencoder, the decoder. Scores in plain Java, in
 * double precision, so a fixed-point emulator can reproduce the arithmetic step by step:
 * <ul>
 *   <li>{@link TriggerModelKind#AE}: z = (x - mean) / std, score = sum_j (z_j - d(e(z))_j)^2;</li>
 *   <li>{@link TriggerModelKind#VAE}: score = sum_k mu_k(z)^2, the encoder's posterior means (the log-variance
 *       outputs are dropped after training; the decoder is not kept).</li>
 * </ul>
 * Saved as {@value #META_FILE} (kind, format version, features, provenance) and {@value #WEIGHTS_FILE}; {@link #load}
 * checks kind and format version before it reads any weights.
 */
public final class TriggerModel {

    /** The file holding kind, format version, features and provenance. */
    public static final String META_FILE = "trigger.properties";
    static final String WEIGHTS_FILE = "weights.bin";
    static final int FORMAT_VERSION = 1;
    private static final String KIND_PREFIX = "trigger-";
    private static final int MAGIC = 0x41535452; // "ASTR"
    private static final String DAMAGED = "the directory is damaged; retrain it with 'trigger train'";

    /** One dense layer, {@code w[out][in]} row-major as {@code w[o * in + i]} (PyTorch's Linear layout). */
    public record Layer(int in, int out, float[] w, float[] b) {
        public Layer {
            if (w.length != in * out || b.length != out) {
                throw new IllegalArgumentException("layer " + in + " -> " + out + " with " + w.length + " weights and "
                        + b.length + " biases");
            }
            w = w.clone();
            b = b.clone();
        }

        @Override
        public float[] w() {
            return w.clone();
        }

        @Override
        public float[] b() {
            return b.clone();
        }
    }

    private final TriggerModelKind kind;
    private final List<String> features;
    private final double[] mean;
    private final double[] std;
    private final List<Layer> encoder;
    private final List<Layer> decoder;
    private final Map<String, String> provenance;

    TriggerModel(TriggerModelKind kind, List<String> features, double[] mean, double[] std, List<Layer> encoder,
                 List<Layer> decoder, Map<String, String> provenance) {
        this.kind = kind;
        this.features = List.copyOf(features);
        this.mean = mean.clone();
        this.std = std.clone();
        this.encoder = List.copyOf(encoder);
        this.decoder = List.copyOf(decoder);
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        checkShapes("encoder", encoder, features.size());
        if (kind == TriggerModelKind.AE) {
            checkShapes("decoder", decoder, encoder.get(encoder.size() - 1).out());
            if (decoder.get(decoder.size() - 1).out() != features.size()) {
                throw new IllegalArgumentException("the decoder must end in " + features.size() + " outputs");
            }
        } else if (!decoder.isEmpty()) {
            throw new IllegalArgumentException("a VAE trigger model keeps no decoder");
        }
    }

    private static void checkShapes(String what, List<Layer> layers, int in) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        int width = in;
        for (Layer l : layers) {
            if (l.in() != width) {
                throw new IllegalArgumentException(what + " layer takes " + l.in() + " inputs, the layer before gives "
                        + width);
            }
            width = l.out();
        }
    }

    public TriggerModelKind kind() {
        return kind;
    }

    public List<String> features() {
        return features;
    }

    /** Means subtracted from the raw features (a copy). */
    public double[] inputMean() {
        return mean.clone();
    }

    /** Standard deviations the centred features are divided by (a copy). */
    public double[] inputStd() {
        return std.clone();
    }

    /** The encoder's layers (for a VAE: its mu outputs only). */
    public List<Layer> encoder() {
        return encoder;
    }

    /** The decoder's layers (empty for a VAE). */
    public List<Layer> decoder() {
        return decoder;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    /** The anomaly score of each row of raw features (in {@link #features()} order); larger is more anomalous. */
    public double[] score(double[][] x) {
        int d = features.size();
        double[] out = new double[x.length];
        double[] z = new double[d];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + d);
            }
            for (int c = 0; c < d; c++) {
                z[c] = (x[i][c] - mean[c]) / std[c];
            }
            double[] h = forward(encoder, z);
            double s = 0;
            if (kind == TriggerModelKind.AE) {
                double[] r = forward(decoder, h);
                for (int c = 0; c < d; c++) {
                    s += (z[c] - r[c]) * (z[c] - r[c]);
                }
            } else {
                for (double m : h) {
                    s += m * m;
                }
            }
            out[i] = s;
        }
        return out;
    }

    /** Dense layers, ReLU after each but the last. */
    static double[] forward(List<Layer> layers, double[] in) {
        double[] a = in;
        for (int li = 0; li < layers.size(); li++) {
            Layer l = layers.get(li);
            boolean last = li == layers.size() - 1;
            double[] o = new double[l.out()];
            for (int r = 0; r < l.out(); r++) {
                double s = l.b[r];
                int off = r * l.in();
                for (int k = 0; k < l.in(); k++) {
                    s += l.w[off + k] * a[k];
                }
                o[r] = last || s > 0 ? s : 0;
            }
            a = o;
        }
        return a;
    }

    /** Writes the model into {@code dir} (created if missing): weights first, the metadata last, each atomically. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + WEIGHTS_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(mean.length);
            DenseWeights.writeStandardisation(out, mean, std);
            for (List<Layer> part : List.of(encoder, decoder)) {
                out.writeInt(part.size());
                for (Layer l : part) {
                    DenseWeights.writeLayer(out, l.in(), l.out(), l.w, l.b);
                }
            }
        }
        Files.move(tmp, dir.resolve(WEIGHTS_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Properties p = new Properties();
        p.setProperty("kind", KIND_PREFIX + kind.id());
        p.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
        p.setProperty("features", String.join(",", features));
        provenance.forEach((k, v) -> p.setProperty("provenance." + k, v));
        Path tmpMeta = dir.resolve("." + META_FILE + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmpMeta)) {
            p.store(os, "anomaly-search trigger model");
        }
        Files.move(tmpMeta, dir.resolve(META_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads a model written by {@link #save}, checking kind and format version before any weights are read. */
    public static TriggerModel load(Path dir) throws IOException {
        Path mf = dir.resolve(META_FILE);
        if (!Files.isRegularFile(mf)) {
            throw new TriggerModelFormatException(dir + ": no " + META_FILE + " found"
                    + (Files.isDirectory(dir) ? "" : " (no such directory)"),
                    "pass the -o directory of 'trigger train'");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(mf)) {
            p.load(in);
        }
        String kindText = p.getProperty("kind", "");
        TriggerModelKind kind = null;
        for (TriggerModelKind k : TriggerModelKind.values()) {
            if (kindText.equals(KIND_PREFIX + k.id())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new TriggerModelFormatException(mf + ": kind '" + kindText + "', expected one of "
                    + Arrays.stream(TriggerModelKind.values()).map(k -> KIND_PREFIX + k.id()).toList(),
                    "pass the -o directory of 'trigger train'");
        }
        String version = p.getProperty("formatVersion", "");
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            throw new TriggerModelFormatException(mf + ": format version '" + version + "', expected "
                    + FORMAT_VERSION, "retrain the model with this version of anomaly-search");
        }
        List<String> features = Arrays.asList(p.getProperty("features", "").split(","));
        Map<String, String> prov = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("provenance.")).sorted()
                .forEach(k -> prov.put(k.substring("provenance.".length()), p.getProperty(k)));
        Path wf = dir.resolve(WEIGHTS_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(wf)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new TriggerModelFormatException(wf + ": not a trigger weights file of format " + FORMAT_VERSION,
                        DAMAGED);
            }
            int nf = in.readInt();
            if (nf != features.size()) {
                throw new TriggerModelFormatException(wf + ": " + nf + " features in the weights, " + features.size()
                        + " in " + META_FILE, DAMAGED);
            }
            double[][] standardisation = DenseWeights.readStandardisation(in, nf);
            double[] mean = standardisation[0];
            double[] std = standardisation[1];
            List<List<Layer>> parts = new ArrayList<>();
            String src = wf.toString();
            for (String part : List.of("encoder", "decoder")) {
                int nl = Counts.read(in, src, part + " layer count", 0, 64, 8);
                List<Layer> layers = new ArrayList<>();
                for (int li = 0; li < nl; li++) {
                    String where = part + " layer " + li;
                    int ni = Counts.read(in, src, where + " inputs", 1, 1 << 16, 0);
                    int no = Counts.read(in, src, where + " outputs", 1, 1 << 16, 0);
                    Counts.check(in, src, where + " size", (long) ni * no + no, 1, Integer.MAX_VALUE, 4);
                    layers.add(new Layer(ni, no, Counts.readFloats(in, ni * no), Counts.readFloats(in, no)));
                }
                parts.add(layers);
            }
            try {
                return new TriggerModel(kind, features, mean, std, parts.get(0), parts.get(1), prov);
            } catch (IllegalArgumentException e) {
                throw new TriggerModelFormatException(wf + ": " + e.getMessage(), DAMAGED);
            }
        } catch (EOFException e) {
            throw new TriggerModelFormatException(wf + ": truncated", DAMAGED);
        }
    }
}
