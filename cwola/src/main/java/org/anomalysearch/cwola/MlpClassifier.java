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
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.anomalysearch.core.io.Counts;
import org.anomalysearch.core.io.DenseWeights;

/**
 * A fitted MLP ensemble: standardisation, then for each member Linear+ReLU layers and a final Linear to one
 * logit; the score is the mean of the members' sigmoid outputs. Inference is plain Java (no native engine),
 * so scoring is deterministic and needs no DJL.
 *
 * <p>Its parameters are public read-only (copies), for hand-offs such as the FPGA export: {@link #inputMean()},
 * {@link #inputStd()}, and per ensemble member and layer {@link #weight(int, int)} ([out][in], DJL's and PyTorch's
 * Linear layout) and {@link #bias(int, int)}; {@link #memberValidationLoss()} and {@link #memberEpochs()} say which
 * epoch each member is; {@link #scoreMember(double[][], int)} scores one member alone.
 */
public final class MlpClassifier implements Classifier {

    static final String KIND = "mlp";
    static final int FORMAT_VERSION = 1;
    static final String WEIGHTS_FILE = "weights.bin";
    private static final int MAGIC = 0x41534d4c; // "ASML"

    /** One dense layer: {@code w[out][in]} row-major as {@code w[o * in + i]}. */
    record Layer(int in, int out, float[] w, float[] b) {
    }

    private final List<String> features;
    private final double[] mean;
    private final double[] std;
    private final List<List<Layer>> members;
    private final Map<String, String> provenance;

    MlpClassifier(List<String> features, double[] mean, double[] std, List<List<Layer>> members,
                  Map<String, String> provenance) {
        this.features = List.copyOf(features);
        this.mean = mean.clone();
        this.std = std.clone();
        List<List<Layer>> m = new ArrayList<>();
        for (List<Layer> layers : members) {
            m.add(List.copyOf(layers));
        }
        this.members = List.copyOf(m);
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

    /** Number of ensemble members (epochs whose parameters were kept). */
    public int ensembleSize() {
        return members.size();
    }

    /** Per-feature mean subtracted before the first layer (a copy). */
    public double[] inputMean() {
        return mean.clone();
    }

    /** Per-feature standard deviation the centred features are divided by (a copy). */
    public double[] inputStd() {
        return std.clone();
    }

    /** Dense layers of a member: hidden layers with ReLU, then the last layer to one logit (no activation). */
    public int layerCount(int member) {
        return member(member).size();
    }

    /** The weight matrix of a member's layer, {@code [out][in]} as DJL's Linear stores it (a copy). */
    public float[][] weight(int member, int layer) {
        Layer l = member(member).get(layer);
        float[][] w = new float[l.out()][l.in()];
        for (int o = 0; o < l.out(); o++) {
            System.arraycopy(l.w(), o * l.in(), w[o], 0, l.in());
        }
        return w;
    }

    /** The bias of a member's layer, {@code [out]} (a copy). */
    public float[] bias(int member, int layer) {
        return member(member).get(layer).b().clone();
    }

    /**
     * The validation loss of each member, in member order (from the provenance {@code ensembleValidationLoss}; NaN
     * when the provenance lacks it).
     */
    public double[] memberValidationLoss() {
        return provenanceNumbers("ensembleValidationLoss");
    }

    /** The 1-based training epoch of each member, in member order (NaN when the provenance lacks it). */
    public double[] memberEpochs() {
        return provenanceNumbers("ensembleEpochs");
    }

    /** The member with the lowest validation loss (the first of equals; 0 when the losses are unknown). */
    public int bestMember() {
        double[] v = memberValidationLoss();
        int best = 0;
        for (int m = 1; m < v.length; m++) {
            if (v[m] < v[best] || Double.isNaN(v[best]) && !Double.isNaN(v[m])) {
                best = m;
            }
        }
        return best;
    }

    private double[] provenanceNumbers(String key) {
        double[] out = new double[members.size()];
        Arrays.fill(out, Double.NaN);
        String s = provenance.get(key);
        if (s != null && !s.isBlank()) {
            String[] f = s.split(",");
            if (f.length == out.length) {
                for (int m = 0; m < f.length; m++) {
                    try {
                        out[m] = Double.parseDouble(f[m].trim());
                    } catch (NumberFormatException e) {
                        out[m] = Double.NaN;
                    }
                }
            }
        }
        return out;
    }

    private List<Layer> member(int member) {
        if (member < 0 || member >= members.size()) {
            throw new IllegalArgumentException("ensemble member " + member + " does not exist; the ensemble has "
                    + members.size() + " members (0.." + (members.size() - 1) + ")");
        }
        return members.get(member);
    }

    /** The sigmoid output of one ensemble member alone (same arithmetic as {@link #score(double[][])}). */
    public double[] scoreMember(double[][] x, int member) {
        return new MlpClassifier(features, mean, std, List.of(member(member)), provenance).score(x);
    }

    @Override
    public double[] score(double[][] x) {
        for (int i = 0; i < x.length; i++) {
            TrainingSet.checkRow("events to score", features, x[i], i);
        }
        double[] out = new double[x.length];
        int width = 0;
        for (Layer l : members.get(0)) {
            width = Math.max(width, Math.max(l.in(), l.out()));
        }
        double[] a = new double[width];
        double[] b = new double[width];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (List<Layer> layers : members) {
                for (int c = 0; c < mean.length; c++) {
                    a[c] = (x[i][c] - mean[c]) / std[c];
                }
                double[] cur = a;
                double[] nxt = b;
                for (int li = 0; li < layers.size(); li++) {
                    Layer l = layers.get(li);
                    boolean last = li == layers.size() - 1;
                    float[] w = l.w();
                    for (int o = 0; o < l.out(); o++) {
                        double s = l.b()[o];
                        int off = o * l.in();
                        for (int k = 0; k < l.in(); k++) {
                            s += w[off + k] * cur[k];
                        }
                        nxt[o] = last || s > 0 ? s : 0;
                    }
                    double[] t = cur;
                    cur = nxt;
                    nxt = t;
                }
                sum += sigmoid(cur[0]);
            }
            out[i] = sum / members.size();
        }
        return out;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmpW = dir.resolve(WEIGHTS_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmpW)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(mean.length);
            DenseWeights.writeStandardisation(out, mean, std);
            out.writeInt(members.size());
            for (List<Layer> layers : members) {
                out.writeInt(layers.size());
                for (Layer l : layers) {
                    DenseWeights.writeLayer(out, l.in(), l.out(), l.w(), l.b());
                }
            }
        }
        Files.move(tmpW, dir.resolve(WEIGHTS_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Classifiers.writeMeta(dir, KIND, FORMAT_VERSION, features,
                Map.of("members", Integer.toString(members.size())), provenance);
    }

    static MlpClassifier load(Path dir, Properties meta) throws IOException {
        Classifiers.checkFormatVersion(dir, meta, "mlp", FORMAT_VERSION);
        List<String> features = Classifiers.features(meta);
        Map<String, String> prov = Classifiers.provenance(meta);
        Path wf = dir.resolve(WEIGHTS_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(wf)))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new ModelFormatException(wf + ": not an mlp weights file of format " + FORMAT_VERSION,
                        "the directory is damaged; retrain or restore it");
            }
            int nf = in.readInt();
            if (nf != features.size()) {
                throw new ModelFormatException(wf + ": " + nf + " features in the weights, " + features.size()
                        + " in " + Classifiers.META_FILE, "the directory is damaged; retrain or restore it");
            }
            double[][] standardisation = DenseWeights.readStandardisation(in, nf);
            double[] mean = standardisation[0];
            double[] std = standardisation[1];
            String src = wf.toString();
            int nm = Counts.read(in, src, "member count", 1, 10_000, 4);
            List<List<Layer>> members = new ArrayList<>();
            for (int m = 0; m < nm; m++) {
                int nl = Counts.read(in, src, "layer count of member " + m, 1, 1_000, 8);
                List<Layer> layers = new ArrayList<>();
                int width = nf;
                for (int li = 0; li < nl; li++) {
                    String where = "member " + m + ", layer " + li;
                    int ni = in.readInt();
                    int no = in.readInt();
                    if (ni != width) {
                        throw new ModelFormatException(wf + ": " + where + " takes " + ni + " inputs, the layer "
                                + "before gives " + width, "the directory is damaged; retrain or restore it");
                    }
                    Counts.check(in, src, where + " size", (long) ni * no + no, 1, Integer.MAX_VALUE, 4);
                    float[] w = Counts.readFloats(in, ni * no);
                    float[] b = Counts.readFloats(in, no);
                    layers.add(new Layer(ni, no, w, b));
                    width = no;
                }
                if (width != 1) {
                    throw new ModelFormatException(wf + ": member " + m + " ends in " + width + " outputs, expected 1",
                            "the directory is damaged; retrain or restore it");
                }
                members.add(layers);
            }
            return new MlpClassifier(features, mean, std, members, prov);
        } catch (EOFException e) {
            throw new ModelFormatException(wf + ": truncated", "the directory is damaged; retrain or restore it");
        }
    }
}
