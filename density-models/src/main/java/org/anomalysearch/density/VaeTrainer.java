package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Conditional VAE (the seed talk's model): encoder q(z | x, mjj) = N(mu, diag exp(logvar)) from an MLP on
 * (x, mjj), decoder mean from an MLP on (z, mjj), both with ReLU hidden layers; loss
 * {@code (1 - beta) * MSE(x, decoder(z)) + beta * KL(q || N(0, 1))} with the reparametrisation trick;
 * Adam; early stopping on the validation loss (the best epoch's weights are kept). Everything runs on
 * preprocessed (CATHODE) features and mjj.
 *
 * <p>Sampling draws z ~ N(0, 1) and returns the decoder mean, plus (by default) Gaussian noise with the
 * decoder's per-feature residual spread measured on the validation set after training.
 *
 * <p>Seeds (derived from the fit seed): {@code density.vae.split}, {@code .init}, {@code .shuffle#epoch},
 * {@code .noise#epoch}, {@code .valnoise}. All random numbers come from Java generators, so CPU training is
 * deterministic.
 */
public final class VaeTrainer implements DensityTrainer {

    public static final String KIND = "cvae";
    private static final Logger LOG = LoggerFactory.getLogger(VaeTrainer.class);
    private static final int EVAL_CHUNK = 8192;

    private final VaeConfig config;

    public VaeTrainer(VaeConfig config) {
        this.config = config;
    }

    public VaeConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public DensityModel fit(SidebandData data, long seed, EpochListener listener) {
        Prepared p = new Prepared(data, config.margin(), config.validationFraction(),
                new SplittableRandom(Seeds.derive(seed, "density.vae.split")));
        int d = p.d;
        int latent = config.latent();
        int[] hidden = config.hidden();
        int[] encSizes = DenseNet.sizes(d + 1, hidden, 2 * latent, false);
        int[] decSizes = DenseNet.sizes(latent + 1, hidden, d, true);
        Engine engine = Djl.engine();
        engine.setRandomSeed((int) Seeds.derive(seed, "density.vae.engine"));
        Device device = Djl.device(engine);
        LOG.info("training conditional VAE on {} sideband events ({} validation), {} features, latent {}, hidden {}, "
                + "beta {}, {} epochs, batch {}, seed {}", p.train.length, p.val.length, d, latent,
                java.util.Arrays.toString(hidden), config.beta(), config.epochs(), config.batchSize(), seed);
        List<double[]> rows = new ArrayList<>();
        DenseNet best = null;
        DenseNet bestEnc = null;
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        double[] noiseStd = new double[d];
        float[] valEps = Prepared.gaussians(new SplittableRandom(Seeds.derive(seed, "density.vae.valnoise")),
                p.val.length * latent);
        try (NDManager m = Djl.newManager(engine, device)) {
            SplittableRandom init = new SplittableRandom(Seeds.derive(seed, "density.vae.init"));
            TorchNet enc = new TorchNet(m, "enc", encSizes, 0f, init);
            TorchNet dec = new TorchNet(m, "dec", decSizes, 0f, init);
            List<NDArray> params = new ArrayList<>(enc.parameters());
            params.addAll(dec.parameters());
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .build();
            int nTr = p.train.length;
            int[] order;
            int bs = config.batchSize();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                order = p.train.clone();
                Prepared.shuffle(order, new SplittableRandom(Seeds.derive(seed, "density.vae.shuffle", epoch)));
                SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, "density.vae.noise", epoch));
                double sumLoss = 0;
                double sumMse = 0;
                double sumKl = 0;
                for (int start = 0; start < nTr; start += bs) {
                    int b = Math.min(bs, nTr - start);
                    float[] xb = new float[b * d];
                    float[] cb = new float[b];
                    p.gather(order, start, b, xb, cb);
                    float[] eps = Prepared.gaussians(noise, b * latent);
                    try (NDManager bm = m.newSubManager()) {
                        NDArray x = Djl.tensor(bm, xb, new Shape(b, d));
                        NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                        NDArray e = Djl.tensor(bm, eps, new Shape(b, latent));
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray[] terms = loss(enc, dec, x, c, e, latent);
                            NDArray total = terms[0].mul(Djl.scalar(bm, (float) (1 - config.beta())))
                                    .add(terms[1].mul(Djl.scalar(bm, (float) config.beta())));
                            gc.backward(total);
                            // one read per step (each read is a native call and a copy)
                            float[] mk = NDArrays.stack(new NDList(terms[0], terms[1])).toFloatArray();
                            sumMse += mk[0] * (double) b;
                            sumKl += mk[1] * (double) b;
                            sumLoss += ((1 - config.beta()) * mk[0] + config.beta() * mk[1]) * b;
                        }
                        Djl.step(adam, "vae", params);
                    }
                }
                double trainLoss = sumLoss / nTr;
                double[] val = evaluate(m, enc, dec, p, valEps, latent);
                double valLoss = (1 - config.beta()) * val[0] + config.beta() * val[1];
                if (!Double.isFinite(trainLoss) || !Double.isFinite(valLoss)) {
                    throw new TrainingDivergedException("VAE training diverged at epoch " + (epoch + 1) + ": loss "
                            + trainLoss + ", validation loss " + valLoss,
                            "try reducing the learning rate (now " + config.learningRate() + ")");
                }
                rows.add(new double[] {trainLoss, valLoss, sumMse / nTr, sumKl / nTr, val[0], val[1]});
                listener.epochDone(epoch + 1, config.epochs(), trainLoss, valLoss);
                if (valLoss < bestVal) {
                    bestVal = valLoss;
                    bestEpoch = epoch;
                    best = dec.export();
                    bestEnc = enc.export();
                    noiseStd = residualStd(m, enc, dec, p, latent);
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("VAE epoch {}/{}: loss {} (mse {}, kl {}) validation {}", epoch + 1, config.epochs(),
                            fmt(trainLoss), fmt(sumMse / nTr), fmt(sumKl / nTr), fmt(valLoss));
                }
                if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                    LOG.info("VAE early stop after epoch {}: best validation loss {} at epoch {}", epoch + 1,
                            fmt(bestVal), bestEpoch + 1);
                    break;
                }
            }
        }
        Map<String, String> prov = Prepared.provenance(KIND, seed, data, p, engine, device.toString());
        config.toMap().forEach((k, v) -> prov.put("config." + k, v));
        prov.put("bestEpoch", Integer.toString(bestEpoch + 1));
        prov.put("bestValidationLoss", Double.toString(bestVal));
        prov.put("epochsRun", Integer.toString(rows.size()));
        LossHistory h = new LossHistory(List.of("train", "validation", "train_mse", "train_kl", "validation_mse",
                "validation_kl"), rows);
        float[] bank = null;
        double[] bankSlope = null;
        float[] residuals = config.decoderNoise() == VaeConfig.Noise.EMPIRICAL
                ? residualBank(bestEnc, best, p, latent,
                        bankRows(p.val, new SplittableRandom(Seeds.derive(seed, "density.vae.residuals"))))
                : null;
        if (config.prior() == VaeConfig.LatentPrior.GAUSSIAN) {
            best = withFittedPrior(best, bestEnc, p, latent);
        } else if (config.prior() == VaeConfig.LatentPrior.POSTERIOR) {
            int[] bankRows = bankRows(p.train, new SplittableRandom(Seeds.derive(seed, "density.vae.bank")));
            bank = posteriorBank(bestEnc, p, latent, bankRows);
            bankSlope = transportLatent(bank, p, latent, bankRows);
        }
        return new GenerativeModel(KIND, data.features(), p.pre, best, latent,
                config.decoderNoise() == VaeConfig.Noise.GAUSSIAN ? noiseStd : new double[d], bank, bankSlope, residuals, h, prov);
    }

    /**
     * Folds a Gaussian fitted to the aggregated posterior into the decoder: with mean m and covariance
     * {@code S = Cov(mu(x)) + E[diag(exp(logvar(x)))]} over the training events and {@code S = L L^T}, sampling
     * {@code z = m + L u}, u ~ N(0, 1) equals feeding u to a decoder whose first layer has {@code W_z L} and bias
     * {@code b + W_z m}. So the saved model keeps its format and still draws u ~ N(0, 1).
     */
    static DenseNet withFittedPrior(DenseNet dec, DenseNet enc, Prepared p, int latent) {
        int n = p.train.length;
        int d = p.d;
        double[] mean = new double[latent];
        double[][] second = new double[latent][latent];
        double[] varSum = new double[latent];
        for (int r : p.train) {
            double[] h = encode(enc, p, r);
            for (int a = 0; a < latent; a++) {
                mean[a] += h[a];
                varSum[a] += Math.exp(h[latent + a]);
                for (int b = 0; b <= a; b++) {
                    second[a][b] += h[a] * h[b];
                }
            }
        }
        double[][] cov = new double[latent][latent];
        for (int a = 0; a < latent; a++) {
            mean[a] /= n;
        }
        for (int a = 0; a < latent; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] = second[a][b] / n - mean[a] * mean[b] + (a == b ? varSum[a] / n : 0);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] l = cholesky(cov);
        DenseNet.Layer first = dec.layers().get(0);
        int out = first.out();
        int inSize = first.in();
        float[] w = first.w().clone();
        float[] b = first.b().clone();
        for (int o = 0; o < out; o++) {
            double shift = 0;
            double[] row = new double[latent];
            for (int a = 0; a < latent; a++) {
                double wa = first.w()[o * inSize + a];
                shift += wa * mean[a];
                for (int c = a; c < latent; c++) {
                    row[a] += first.w()[o * inSize + c] * l[c][a];
                }
            }
            for (int a = 0; a < latent; a++) {
                w[o * inSize + a] = (float) row[a];
            }
            b[o] = (float) (first.b()[o] + shift);
        }
        List<DenseNet.Layer> layers = new ArrayList<>(dec.layers());
        layers.set(0, new DenseNet.Layer(inSize, out, w, b));
        return new DenseNet(layers, dec.slope());
    }

    /** At most {@link VaeConfig.LatentPrior#BANK_SIZE} of {@code rows}: all of them, or a seeded random subset. */
    static int[] bankRows(int[] rows, SplittableRandom rng) {
        int[] r = rows.clone();
        if (r.length <= VaeConfig.LatentPrior.BANK_SIZE) {
            return r;
        }
        Prepared.shuffle(r, rng);
        return java.util.Arrays.copyOf(r, VaeConfig.LatentPrior.BANK_SIZE);
    }

    /** The encoder's output (means, then log-variances) for prepared row {@code r}. */
    private static double[] encode(DenseNet enc, Prepared p, int r) {
        double[] in = new double[p.d + 1];
        for (int k = 0; k < p.d; k++) {
            in[k] = p.x[r * p.d + k];
        }
        in[p.d] = p.c[r];
        return enc.forward(in);
    }

    /**
     * The aggregated posterior as a bank: for up to {@link VaeConfig.LatentPrior#BANK_SIZE} training events (a
     * seeded random subset when there are more), the encoder's mean and width {@code exp(logvar / 2)} per latent
     * dimension, row by row.
     */
    static float[] posteriorBank(DenseNet enc, Prepared p, int latent, int[] rows) {
        int n = rows.length;
        float[] bank = new float[n * 2 * latent];
        for (int i = 0; i < n; i++) {
            double[] h = encode(enc, p, rows[i]);
            for (int a = 0; a < latent; a++) {
                bank[i * 2 * latent + a] = (float) h[a];
                bank[i * 2 * latent + latent + a] = (float) Math.exp(0.5 * h[latent + a]);
            }
        }
        return bank;
    }

    /**
     * Makes the bank conditioning-free: with a small beta the posterior means still depend on mjj, so decoding a
     * sideband event's latent at another mjj would carry part of its own mjj along. Per latent dimension, fits the
     * least-squares line of the bank's posterior means on the preprocessed mjj of their events (the same {@code rows} as
     * {@link #posteriorBank}), subtracts it from the stored means and returns the slopes,
     * which sampling adds back at the requested mjj: q(z | mjj) is modelled as the bank's residual distribution
     * shifted linearly with mjj.
     */
    static double[] transportLatent(float[] bank, Prepared p, int latent, int[] rows) {
        int n = rows.length;
        double cm = 0;
        for (int i = 0; i < n; i++) {
            cm += p.c[rows[i]];
        }
        cm /= n;
        double scc = 0;
        for (int i = 0; i < n; i++) {
            double dc = p.c[rows[i]] - cm;
            scc += dc * dc;
        }
        double[] slope = new double[latent];
        for (int a = 0; a < latent; a++) {
            double sz = 0;
            for (int i = 0; i < n; i++) {
                sz += (p.c[rows[i]] - cm) * bank[i * 2 * latent + a];
            }
            slope[a] = scc > 0 ? sz / scc : 0;
            for (int i = 0; i < n; i++) {
                bank[i * 2 * latent + a] -= (float) (slope[a] * p.c[rows[i]]);
            }
        }
        return slope;
    }

    /**
     * Residual vectors {@code x - decoder(mu(x, mjj), mjj)} of up to {@link VaeConfig.LatentPrior#BANK_SIZE}
     * validation events (a seeded random subset when there are more), row by row.
     */
    static float[] residualBank(DenseNet enc, DenseNet dec, Prepared p, int latent, int[] rows) {
        int n = rows.length;
        int d = p.d;
        float[] out = new float[n * d];
        double[] zc = new double[latent + 1];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            double[] h = encode(enc, p, r);
            System.arraycopy(h, 0, zc, 0, latent);
            zc[latent] = p.c[r];
            double[] xhat = dec.forward(zc);
            for (int k = 0; k < d; k++) {
                out[i * d + k] = (float) (p.x[r * d + k] - xhat[k]);
            }
        }
        return out;
    }

    /** Lower Cholesky factor of a symmetric positive definite matrix (a tiny ridge guards round-off). */
    static double[][] cholesky(double[][] s) {
        int n = s.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = s[i][j] + (i == j ? 1e-9 : 0);
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(v, 1e-12)) : v / l[j][j];
            }
        }
        return l;
    }

    /** [MSE, KL] as scalar arrays. */
    private static NDArray[] loss(TorchNet enc, TorchNet dec, NDArray x, NDArray c, NDArray eps, int latent) {
        NDArray h = enc.forward(NDArrays.concat(new NDList(x, c), 1));
        NDList parts = h.split(2, 1);
        NDArray mu = parts.get(0);
        NDArray logvar = parts.get(1);
        NDManager scope = x.getManager();
        NDArray z = mu.add(logvar.mul(Djl.scalar(scope, 0.5f)).exp().mul(eps));
        NDArray xhat = dec.forward(NDArrays.concat(new NDList(z, c), 1));
        NDArray mse = xhat.sub(x).square().mean();
        NDArray kl = mu.square().add(logvar.exp()).sub(1f).sub(logvar).sum()
                .mul(Djl.scalar(scope, 0.5f / x.getShape().get(0)));
        return new NDArray[] {mse, kl};
    }

    private static double[] evaluate(NDManager m, TorchNet enc, TorchNet dec, Prepared p, float[] valEps, int latent) {
        int n = p.val.length;
        int d = p.d;
        double mse = 0;
        double kl = 0;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, n - start);
            float[] xb = new float[b * d];
            float[] cb = new float[b];
            p.gather(p.val, start, b, xb, cb);
            float[] eb = java.util.Arrays.copyOfRange(valEps, start * latent, (start + b) * latent);
            try (NDManager bm = m.newSubManager()) {
                NDArray[] t = loss(enc, dec, Djl.tensor(bm, xb, new Shape(b, d)), Djl.tensor(bm, cb, new Shape(b, 1)),
                        Djl.tensor(bm, eb, new Shape(b, latent)), latent);
                mse += t[0].getFloat() * b;
                kl += t[1].getFloat() * b;
            }
        }
        return new double[] {mse / n, kl / n};
    }

    /** Per-feature RMS of x - decoder(mu(x, c), c) on the validation set. */
    private static double[] residualStd(NDManager m, TorchNet enc, TorchNet dec, Prepared p, int latent) {
        int n = p.val.length;
        int d = p.d;
        double[] ss = new double[d];
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, n - start);
            float[] xb = new float[b * d];
            float[] cb = new float[b];
            p.gather(p.val, start, b, xb, cb);
            try (NDManager bm = m.newSubManager()) {
                NDArray x = Djl.tensor(bm, xb, new Shape(b, d));
                NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                NDArray mu = enc.forward(NDArrays.concat(new NDList(x, c), 1)).split(2, 1).get(0);
                NDArray xhat = dec.forward(NDArrays.concat(new NDList(mu, c), 1));
                float[] r = xhat.sub(x).square().sum(new int[] {0}).toFloatArray();
                for (int k = 0; k < d; k++) {
                    ss[k] += r[k];
                }
            }
        }
        double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            s[k] = Math.sqrt(ss[k] / n);
        }
        return s;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
