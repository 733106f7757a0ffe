package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.List;
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
 * Conditional Wasserstein GAN with gradient penalty (Gulrajani et al. 2017): generator G(z, mjj), critic
 * D(x, mjj), both MLPs with LeakyReLU hidden layers, on preprocessed features and mjj.
 *
 * <p>Why WGAN-GP: on low-dimensional tabular data the original saturating GAN loss gives vanishing
 * generator gradients once the discriminator wins and is prone to mode collapse; the Wasserstein critic
 * gives useful gradients everywhere, its loss tracks sample quality, and the gradient penalty enforces the
 * 1-Lipschitz constraint without weight clipping's capacity loss. Adam(beta1 0.5, beta2 0.9), n_critic 5,
 * lambda 10 as in the paper.
 *
 * <p>Gradient penalty without second-order autograd: the critic is a ReLU-family MLP, so its input gradient
 * is the closed-form product {@code W1^T diag(s1) W2^T diag(s2) ... w_out^T} with constant activation slopes
 * s_l. That expression is built from the parameters with ordinary differentiable ops and penalised as
 * {@code lambda * mean((||grad_x D(x_hat, mjj)||_2 - 1)^2)} at random interpolates x_hat between real and
 * generated events (same mjj); one first-order backward pass then gives exactly the parameter gradients
 * PyTorch's {@code create_graph=True} would give (the second derivative of a piecewise-linear activation
 * is zero almost everywhere). DJL 0.36 exposes no create_graph option through its public
 * {@code GradientCollector}, and this way needs none.
 *
 * <p>No early stopping: the critic's estimate is not a monotone measure of sample quality; the
 * validation Wasserstein estimate (mean D(real) - mean D(fake) on the held-out part) is recorded per epoch.
 * The saved generator is an exponential moving average of the generator weights (decay
 * {@link GanConfig#emaDecay()}, warmed up as min(decay, (1 + t) / (10 + t)) after t generator updates), which damps the oscillation of adversarial training; 0 keeps the last weights.
 */
public final class GanTrainer implements DensityTrainer {

    public static final String KIND = "cgan";
    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);
    private static final int EVAL_CHUNK = 8192;

    private final GanConfig config;

    public GanTrainer(GanConfig config) {
        this.config = config;
    }

    public GanConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public DensityModel fit(SidebandData data, long seed, EpochListener listener) {
        Prepared p = new Prepared(data, config.margin(), config.validationFraction(),
                new SplittableRandom(Seeds.derive(seed, "density.gan.split")));
        int d = p.d;
        int latent = config.latent();
        int[] hidden = config.hidden();
        int[] gSizes = DenseNet.sizes(latent + 1, hidden, d, false);
        int[] cSizes = DenseNet.sizes(d + 1, hidden, 1, false);
        Engine engine = Djl.engine();
        engine.setRandomSeed((int) Seeds.derive(seed, "density.gan.engine"));
        Device device = Djl.device(engine);
        LOG.info("training conditional WGAN-GP on {} sideband events ({} validation), {} features, latent {}, "
                + "hidden {}, n_critic {}, lambda {}, {} epochs, batch {}, seed {}", p.train.length, p.val.length, d,
                latent, java.util.Arrays.toString(hidden), config.nCritic(), config.gpWeight(), config.epochs(),
                config.batchSize(), seed);
        List<double[]> rows = new ArrayList<>();
        DenseNet generator;
        float slope = (float) config.slope();
        float[] valZ = Prepared.gaussians(new SplittableRandom(Seeds.derive(seed, "density.gan.valnoise")),
                p.val.length * latent);
        try (NDManager m = Djl.newManager(engine, device)) {
            SplittableRandom init = new SplittableRandom(Seeds.derive(seed, "density.gan.init"));
            TorchNet gen = new TorchNet(m, "gen", gSizes, slope, init);
            TorchNet critic = new TorchNet(m, "critic", cSizes, slope, init);
            float ema = (float) config.emaDecay();
            TorchNet genAvg = ema > 0 ? gen.copyWithoutGradient(m) : null;
            List<NDArray> gParams = gen.parameters();
            List<NDArray> cParams = critic.parameters();
            Optimizer gOpt = adam();
            Optimizer cOpt = adam();
            int nTr = p.train.length;
            int bs = Math.min(config.batchSize(), nTr);
            float lambda = (float) config.gpWeight();
            long step = 0;
            long genSteps = 0;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = p.train.clone();
                Prepared.shuffle(order, new SplittableRandom(Seeds.derive(seed, "density.gan.shuffle", epoch)));
                SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, "density.gan.noise", epoch));
                double sumC = 0;
                double sumW = 0;
                double sumGp = 0;
                double sumG = 0;
                int nC = 0;
                int nG = 0;
                // drop the last incomplete batch: a tiny batch gives a very noisy critic step
                for (int start = 0; start + bs <= nTr; start += bs) {
                    int b = bs;
                    float[] xb = new float[b * d];
                    float[] cb = new float[b];
                    p.gather(order, start, b, xb, cb);
                    float[] zb = Prepared.gaussians(noise, b * latent);
                    float[] ab = new float[b];
                    for (int k = 0; k < b; k++) {
                        ab[k] = (float) noise.nextDouble();
                    }
                    try (NDManager bm = m.newSubManager()) {
                        NDArray real = Djl.tensor(bm, xb, new Shape(b, d));
                        NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                        NDArray z = Djl.tensor(bm, zb, new Shape(b, latent));
                        NDArray alpha = Djl.tensor(bm, ab, new Shape(b, 1));
                        NDArray fake = gen.forward(NDArrays.concat(new NDList(z, c), 1)).stopGradient();
                        NDArray xhat = real.mul(alpha).add(fake.mul(alpha.neg().add(1f))).stopGradient();
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray dReal = critic.forward(NDArrays.concat(new NDList(real, c), 1)).mean();
                            NDArray dFake = critic.forward(NDArrays.concat(new NDList(fake, c), 1)).mean();
                            NDArray[] og = critic.forwardWithInputGradient(NDArrays.concat(new NDList(xhat, c), 1), d);
                            NDArray gnorm = og[1].square().sum(new int[] {1}).add(1e-12f).sqrt();
                            NDArray gp = gnorm.sub(1f).square().mean();
                            NDArray w = dReal.sub(dFake);
                            NDArray loss = w.neg().add(gp.mul(Djl.scalar(bm, lambda)));
                            gc.backward(loss);
                            sumC += loss.getFloat();
                            sumW += w.getFloat();
                            sumGp += gp.getFloat();
                            nC++;
                        }
                        Djl.step(cOpt, "critic", cParams);
                        Djl.zeroGradients(gParams);
                    }
                    step++;
                    if (step % config.nCritic() == 0) {
                        float[] zg = Prepared.gaussians(noise, b * latent);
                        try (NDManager bm = m.newSubManager()) {
                            NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                            NDArray z = Djl.tensor(bm, zg, new Shape(b, latent));
                            try (GradientCollector gc = engine.newGradientCollector()) {
                                NDArray fake = gen.forward(NDArrays.concat(new NDList(z, c), 1));
                                NDArray loss = critic.forward(NDArrays.concat(new NDList(fake, c), 1)).mean().neg();
                                gc.backward(loss);
                                sumG += loss.getFloat();
                                nG++;
                            }
                            Djl.step(gOpt, "gen", gParams);
                            Djl.zeroGradients(cParams);
                        }
                        if (genAvg != null) {
                            // warm-up as TensorFlow's ExponentialMovingAverage(num_updates): early averages
                            // forget the random initialisation quickly
                            genSteps++;
                            genAvg.blendFrom(gen, Math.min(ema, (1f + genSteps) / (10f + genSteps)), m);
                        }
                    }
                }
                double valW = validationW(m, gen, critic, p, valZ, latent);
                double cl = sumC / Math.max(1, nC);
                double gl = sumG / Math.max(1, nG);
                if (!Double.isFinite(cl) || !Double.isFinite(gl) || !Double.isFinite(valW)) {
                    throw new TrainingDivergedException("GAN training diverged at epoch " + (epoch + 1)
                            + ": critic loss " + cl + ", generator loss " + gl,
                            "try reducing the learning rate (now " + config.learningRate() + ")");
                }
                rows.add(new double[] {cl, gl, sumW / Math.max(1, nC), sumGp / Math.max(1, nC), valW});
                listener.epochDone(epoch + 1, config.epochs(), cl, valW);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("GAN epoch {}/{}: critic {} generator {} W {} gp {} validation W {}", epoch + 1,
                            config.epochs(), VaeTrainer.fmt(cl), VaeTrainer.fmt(gl),
                            VaeTrainer.fmt(sumW / Math.max(1, nC)), VaeTrainer.fmt(sumGp / Math.max(1, nC)),
                            VaeTrainer.fmt(valW));
                }
            }
            generator = genAvg != null ? genAvg.export() : gen.export();
        }
        Map<String, String> prov = Prepared.provenance(KIND, seed, data, p, engine, device.toString());
        config.toMap().forEach((k, v) -> prov.put("config." + k, v));
        prov.put("epochsRun", Integer.toString(rows.size()));
        LossHistory h = new LossHistory(List.of("critic", "generator", "train_w", "gradient_penalty", "validation_w"),
                rows);
        return new GenerativeModel(KIND, data.features(), p.pre, generator, latent, new double[d], h, prov);
    }

    private Optimizer adam() {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                .optBeta1((float) config.beta1()).optBeta2((float) config.beta2()).build();
    }

    /** mean D(real) - mean D(G(z)) on the validation part, with fixed noise. */
    private static double validationW(NDManager m, TorchNet gen, TorchNet critic, Prepared p, float[] valZ, int latent) {
        int n = p.val.length;
        int d = p.d;
        double sum = 0;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, n - start);
            float[] xb = new float[b * d];
            float[] cb = new float[b];
            p.gather(p.val, start, b, xb, cb);
            float[] zb = java.util.Arrays.copyOfRange(valZ, start * latent, (start + b) * latent);
            try (NDManager bm = m.newSubManager()) {
                NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                NDArray fake = gen.forward(NDArrays.concat(new NDList(Djl.tensor(bm, zb, new Shape(b, latent)), c), 1));
                NDArray dr = critic.forward(NDArrays.concat(new NDList(Djl.tensor(bm, xb, new Shape(b, d)), c), 1));
                NDArray df = critic.forward(NDArrays.concat(new NDList(fake, c), 1));
                sum += dr.sub(df).sum().getFloat();
            }
        }
        return sum / n;
    }
}
