package org.anomalysearch.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.fpga.qat.FakeQuant;
import org.anomalysearch.fpga.qat.MagnitudePruning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains a {@link TriggerModel} with DJL (PyTorch engine, CPU) on background-dominated events: standardisation
 * fitted on the training events, then Adam on
 * <ul>
 *   <li>AE: the mean over the batch of ||z - d(e(z))||^2;</li>
 *   <li>VAE: the mean of ||z - d(mu + sigma eps)||^2 + beta KL(N(mu, sigma^2) || N(0, 1)).</li>
 * </ul>
 * The weights after the last epoch are kept. Deterministic on CPU for a given seed: weights (PyTorch's Linear
 * initialisation, U(+-1/sqrt(fan_in))), batch order and the VAE's noise come from {@link Seeds}-derived generators,
 * the engine's seed is set, and every array handed to PyTorch is a PyTorch-owned copy ({@link #tensor}). Run it with
 * one intra-op thread ({@code OMP_NUM_THREADS=1}, as the launcher does). Each fit opens and closes its own manager.
 *
 * <p>Training for the FPGA ({@link TriggerConfig#compression()}): with a QAT precision P every layer of encoder and
 * decoder runs as hls4ml computes it at model-wide precision P ({@link FakeQuant#dense}: the input, weights, biases,
 * products, sums, bias add and ReLU outputs fake-quantized, gradients straight through); the saved weights and
 * biases are the quantized ones, exactly on P's grid. With pruning, after {@code epochs} epochs each weight matrix
 * loses the {@code sparsity} fraction of its smallest weights ({@link MagnitudePruning}; the VAE's mu and log-variance
 * rows of the last encoder layer separately, so that the exported mu part has the sparsity too), and the
 * {@code finetuneEpochs} that follow re-apply the mask after every Adam update, so the saved weights keep exact
 * zeros. The reconstruction error and the VAE's sampling stay in float.
 */
public final class TriggerTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerTrainer.class);

    /** Called after each epoch (1-based) with the mean training loss. */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, int epochs, double loss);
    }

    private final TriggerConfig config;
    private final EpochListener listener;

    public TriggerTrainer(TriggerConfig config, EpochListener listener) {
        this.config = config;
        this.listener = listener == null ? (e, n, l) -> { } : listener;
    }

    public TriggerConfig config() {
        return config;
    }

    /**
     * Fits the model on the rows of {@code x} (raw features named {@code features}, finite).
     *
     * @param provenance extra entries for the model's provenance (input files, ...)
     */
    public TriggerModel fit(double[][] x, List<String> features, Map<String, String> provenance) {
        int n = x.length;
        int d = features.size();
        if (n < 2) {
            throw new InvalidInputException("training events", null, "there are " + n + " events",
                    "train on at least a few thousand background events");
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + d);
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(x[i][c])) {
                    throw new InvalidInputException("training events", features.get(c), "event " + i + " has "
                            + x[i][c], "every feature must be finite");
                }
                mean[c] += x[i][c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        for (double[] row : x) {
            for (int c = 0; c < d; c++) {
                std[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
            }
        }
        for (int c = 0; c < d; c++) {
            std[c] = Math.sqrt(std[c] / n);
            if (!(std[c] > 0)) {
                std[c] = 1;
            }
        }
        float[] z = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                z[i * d + c] = (float) ((x[i][c] - mean[c]) / std[c]);
            }
        }
        boolean vae = config.kind() == TriggerModelKind.VAE;
        int latent = config.latent();
        long seed = config.seed();
        int[] hidden = config.hidden();
        int[] encSizes = sizes(d, hidden, vae ? 2 * latent : latent, false);
        int[] decSizes = sizes(latent, hidden, d, true);
        Compression compression = config.compression();
        FakeQuant fq = compression.fakeQuant();
        int epochs = config.epochs() + compression.finetuneEpochs();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) Seeds.derive(seed, "trigger.engine"));
        LOG.info("training trigger {} on {} events, {} features, hidden {}, latent {}, {} epochs, seed {}, {}",
                config.kind().id(), n, d, java.util.Arrays.toString(hidden), latent, config.epochs(), seed,
                compression.toMap());
        StringBuilder history = new StringBuilder();
        List<TriggerModel.Layer> enc;
        List<TriggerModel.Layer> dec;
        try (NDManager m = engine.newBaseManager(Device.cpu())) {
            SplittableRandom init = new SplittableRandom(Seeds.derive(seed, "trigger.init"));
            List<NDArray> encP = parameters(m, encSizes, init);
            List<NDArray> decP = parameters(m, decSizes, init);
            List<NDArray> all = new ArrayList<>(encP);
            all.addAll(decP);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .build();
            int bs = config.batchSize();
            int[] order = new int[n];
            List<NDArray> masks = null;
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (compression.pruned() && epoch == config.epochs()) {
                    masks = prune(m, all, encP.size(), vae ? latent : -1, compression.sparsity());
                }
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                SplittableRandom shuffle = new SplittableRandom(Seeds.derive(seed, "trigger.shuffle", epoch));
                for (int i = n - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, "trigger.noise", epoch));
                double sum = 0;
                for (int start = 0; start < n; start += bs) {
                    int b = Math.min(bs, n - start);
                    float[] xb = new float[b * d];
                    for (int k = 0; k < b; k++) {
                        System.arraycopy(z, order[start + k] * d, xb, k * d, d);
                    }
                    float[] eps = null;
                    if (vae) {
                        eps = new float[b * latent];
                        for (int k = 0; k < eps.length; k++) {
                            eps[k] = (float) gaussian(noise);
                        }
                    }
                    try (NDManager bm = m.newSubManager()) {
                        NDArray xt = tensor(bm, xb, new Shape(b, d));
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray loss = vae
                                    ? vaeLoss(bm, encP, decP, xt, tensor(bm, eps, new Shape(b, latent)), latent, fq)
                                    : reconstruction(xt, forward(decP, forward(encP, xt, fq), fq)).mean();
                            gc.backward(loss);
                            sum += loss.getFloat() * (double) b;
                        }
                        for (int i = 0; i < all.size(); i++) {
                            NDArray p = all.get(i);
                            try (NDArray g = p.getGradient()) {
                                adam.update("trigger" + i, p, g);
                                g.subi(g);
                            }
                            if (masks != null && masks.get(i) != null) {
                                p.muli(masks.get(i));
                            }
                        }
                    }
                }
                double loss = sum / n;
                if (!Double.isFinite(loss)) {
                    throw new AnalysisException("trigger " + config.kind().id() + " training diverged at epoch "
                            + (epoch + 1) + ": loss " + loss, "try reducing the learning rate (now "
                            + config.learningRate() + ")");
                }
                history.append(history.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", loss));
                LOG.debug("epoch {}/{}: loss {}", epoch + 1, epochs, loss);
                listener.epochDone(epoch + 1, epochs, loss);
            }
            enc = export(encP, encSizes, vae ? latent : -1, fq);
            dec = vae ? List.of() : export(decP, decSizes, -1, fq);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        config.toMap().forEach((k, v) -> prov.put("config." + k, v));
        prov.put("trainEvents", Integer.toString(n));
        prov.put("lossHistory", history.toString());
        if (compression.quantized() || compression.pruned()) {
            prov.put("weightSparsity.encoder", MagnitudePruning.describe(enc.stream().map(TriggerModel.Layer::w)
                    .toList()));
            prov.put("weightSparsity.decoder", MagnitudePruning.describe(dec.stream().map(TriggerModel.Layer::w)
                    .toList()));
        }
        prov.put("engine", engine.getEngineName() + " " + engine.getVersion());
        prov.put("djlVersion", Engine.getDjlVersion());
        prov.put("device", "cpu");
        prov.putAll(provenance);
        return new TriggerModel(config.kind(), features, mean, std, enc, dec, prov);
    }

    /** Layer sizes: in, the hidden widths (reversed for a decoder), out. */
    static int[] sizes(int in, int[] hidden, int out, boolean reversed) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        for (int i = 0; i < hidden.length; i++) {
            s[i + 1] = hidden[reversed ? hidden.length - 1 - i : i];
        }
        s[s.length - 1] = out;
        return s;
    }

    private NDArray vaeLoss(NDManager bm, List<NDArray> encP, List<NDArray> decP, NDArray x, NDArray eps, int latent,
            FakeQuant fq) {
        NDArray h = forward(encP, x, fq);
        NDArray mu = h.get(":, 0:" + latent);
        NDArray logVar = h.get(":, " + latent + ":");
        NDArray sigma = logVar.mul(scalar(bm, 0.5f)).exp();
        NDArray sample = mu.add(sigma.mul(eps));
        NDArray rec = reconstruction(x, forward(decP, sample, fq));
        // KL(N(mu, sigma^2) || N(0, 1)) = 0.5 sum(mu^2 + sigma^2 - 1 - log sigma^2)
        NDArray kl = mu.mul(mu).add(logVar.exp()).sub(logVar).sub(1f).sum(new int[] {1}).mul(scalar(bm, 0.5f));
        return rec.add(kl.mul(scalar(bm, (float) config.beta()))).mean();
    }

    /** Per-event squared reconstruction error, sum over features. */
    private static NDArray reconstruction(NDArray x, NDArray r) {
        NDArray diff = x.sub(r);
        return diff.mul(diff).sum(new int[] {1});
    }

    /** The network on x; with a fake quantizer, as hls4ml computes it at its precision (input cast first). */
    private static NDArray forward(List<NDArray> p, NDArray x, FakeQuant fq) {
        NDArray a = fq == null ? x : fq.apply(x);
        int layers = p.size() / 2;
        for (int l = 0; l < layers; l++) {
            a = fq == null ? Linear.linear(a, p.get(2 * l), p.get(2 * l + 1)).singletonOrThrow()
                    : fq.dense(a, p.get(2 * l), p.get(2 * l + 1));
            if (l < layers - 1) {
                a = fq == null ? Activation.relu(a) : fq.relu(a);
            }
        }
        return a;
    }

    /**
     * Prunes every weight matrix of {@code all} (weights at even positions, biases untouched) in place and returns
     * the masks by parameter position (null for biases). {@code vaeLatent >= 0}: the last encoder layer (ending at
     * {@code encoderParams}) is pruned in two halves, the mu rows and the log-variance rows.
     */
    private static List<NDArray> prune(NDManager m, List<NDArray> all, int encoderParams, int vaeLatent,
            double sparsity) {
        List<NDArray> masks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 2 == 1) {
                masks.add(null);
                continue;
            }
            NDArray p = all.get(i);
            float[] w = p.toFloatArray();
            float[] mask;
            if (vaeLatent >= 0 && i == encoderParams - 2) {
                int half = w.length / 2;
                float[] mu = MagnitudePruning.mask(java.util.Arrays.copyOf(w, half), sparsity);
                float[] lv = MagnitudePruning.mask(java.util.Arrays.copyOfRange(w, half, w.length), sparsity);
                mask = java.util.Arrays.copyOf(mu, w.length);
                System.arraycopy(lv, 0, mask, half, lv.length);
            } else {
                mask = MagnitudePruning.mask(w, sparsity);
            }
            NDArray mt = tensor(m, mask, p.getShape());
            p.muli(mt);
            masks.add(mt);
        }
        LOG.info("pruned every weight matrix to sparsity {}", sparsity);
        return masks;
    }

    /** Weights (out x in) and biases per layer, PyTorch's default initialisation from {@code rng}. */
    private static List<NDArray> parameters(NDManager m, int[] sizes, SplittableRandom rng) {
        List<NDArray> p = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double bound = 1 / Math.sqrt(in);
            float[] w = new float[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            float[] b = new float[out];
            for (int i = 0; i < out; i++) {
                b[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            NDArray wt = tensor(m, w, new Shape(out, in));
            NDArray bt = tensor(m, b, new Shape(out));
            wt.setRequiresGradient(true);
            bt.setRequiresGradient(true);
            p.add(wt);
            p.add(bt);
        }
        return p;
    }

    /**
     * The trained layers as plain arrays, cast to the QAT precision when there is one; {@code keepOut >= 0} keeps
     * only the first outputs of the last layer.
     */
    private static List<TriggerModel.Layer> export(List<NDArray> p, int[] sizes, int keepOut, FakeQuant fq) {
        List<TriggerModel.Layer> out = new ArrayList<>();
        int layers = p.size() / 2;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int o = sizes[l + 1];
            float[] w = p.get(2 * l).toFloatArray();
            float[] b = p.get(2 * l + 1).toFloatArray();
            if (fq != null) { // the values the forward pass used: on the grid, hls4ml's weight cast the identity
                w = fq.cast(w);
                b = fq.cast(b);
            }
            if (l == layers - 1 && keepOut >= 0) {
                w = java.util.Arrays.copyOf(w, keepOut * in);
                b = java.util.Arrays.copyOf(b, keepOut);
                o = keepOut;
            }
            out.add(new TriggerModel.Layer(in, o, w, b));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A copy of {@code data} in memory PyTorch owns, not in a Java direct buffer the garbage collector may free while
     * autograd still holds the tensor (the density module's {@code Djl.tensor} explains it).
     */
    private static NDArray tensor(NDManager manager, float[] data, Shape shape) {
        try (NDArray javaBacked = manager.create(data, shape)) {
            return javaBacked.duplicate();
        }
    }

    /** A PyTorch-owned 0-d tensor: multiply with this, never with a Java number, inside a gradient collector. */
    private static NDArray scalar(NDManager manager, float v) {
        return tensor(manager, new float[] {v}, new Shape());
    }
}
