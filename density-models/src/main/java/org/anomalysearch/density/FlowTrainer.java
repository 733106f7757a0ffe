package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.Comparator;
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
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

/**
 * Conditional masked autoregressive flow (MAF, Papamakarios et al. 2017; CATHODE's density model): a stack of
 * affine MADE blocks on the preprocessed features, each conditioned on the preprocessed mjj, trained by
 * maximum likelihood: loss = mean negative log-likelihood per event in the preprocessed space. Architecture
 * and parameter layout: {@link Maf}. Adam (optional cosine decay, optional L2 weight decay); training and
 * validation NLL recorded per epoch (and the number of skipped steps: a step whose gradient is not finite is
 * skipped, as a loss scaler does; more than 10 % in one epoch, or a non-finite epoch NLL, is a divergence:
 * training stops there and keeps the best earlier epochs, recorded as {@code divergedAtEpoch} in the
 * provenance, or fails with a {@link TrainingDivergedException} if there are none); early stopping on the validation NLL; the fitted model is the uniform
 * mixture of the {@link FlowConfig#ensemble()} epochs with the lowest validation NLL.
 *
 * <p>No batch normalisation between blocks (CATHODE has it): the preprocessing already standardises every
 * feature, the soft-clamped log-scales keep each block's Jacobian bounded, and without it the density of an
 * epoch is one deterministic function (no train/eval mode, no running statistics to save), so the validation
 * NLL is exactly the NLL of the saved member.
 *
 * <p>All parameters of all blocks live in one flat array; each forward pass multiplies it by the constant
 * autoregressive mask (one op, which also zeroes the gradient of every masked weight) and cuts it into
 * per-layer views with a single split, so the optimiser step is one fused Adam update.
 *
 * <p>Seeds (derived from the fit seed): {@code density.flow.split}, {@code .init}, {@code .engine},
 * {@code .shuffle#epoch}; all random numbers come from Java generators, so CPU training is deterministic.
 */
public final class FlowTrainer implements DensityTrainer {

    public static final String KIND = FlowModel.KIND;
    private static final Logger LOG = LoggerFactory.getLogger(FlowTrainer.class);
    private static final int EVAL_CHUNK = 8192;
    private static final float CLIP_GRAD = 5f;

    private final FlowConfig config;

    public FlowTrainer(FlowConfig config) {
        this.config = config;
    }

    public FlowConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** One kept epoch: its validation NLL and weights. */
    private record Snapshot(int epoch, double validation, float[] weights) {
    }

    @Override
    public DensityModel fit(SidebandData data, long seed, EpochListener listener) {
        Prepared p = new Prepared(data, config.margin(), config.validationFraction(),
                new SplittableRandom(Seeds.derive(seed, "density.flow.split")));
        int d = p.d;
        int hidden = config.hidden();
        int layers = config.layers();
        int blocks = config.blocks();
        Engine engine = Djl.engine();
        engine.setRandomSeed((int) Seeds.derive(seed, "density.flow.engine"));
        Device device = Djl.device(engine);
        LOG.info("training conditional MAF on {} sideband events ({} validation), {} features, {} blocks x {} units x {} "
                + "layers, {} epochs, batch {}, ensemble {}, seed {}", p.train.length, p.val.length, d, blocks, hidden,
                layers, config.epochs(), config.batchSize(), config.ensemble(), seed);
        List<double[]> rows = new ArrayList<>();
        List<Snapshot> kept = new ArrayList<>();
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int[][] shapes = Maf.layerShapes(d, hidden, layers, blocks);
        long[] splits = TorchNet.splitPoints(shapes[0], shapes[1]);
        int nTr = p.train.length;
        int bs = Math.min(config.batchSize(), nTr);
        int stepsPerEpoch = (nTr + bs - 1) / bs;
        int totalSkipped = 0;
        int diverged = 0;
        try (NDManager m = Djl.newManager(engine, device)) {
            float[] init = Maf.init(d, hidden, layers, blocks,
                    new SplittableRandom(Seeds.derive(seed, "density.flow.init")));
            NDArray flat = Djl.tensor(m, init, new Shape(init.length));
            flat.setRequiresGradient(true);
            NDArray mask = Djl.tensor(m, Maf.mask(d, hidden, layers, blocks), new Shape(init.length));
            Net net = new Net(flat, mask, splits, shapes, d, layers, blocks, (float) config.clamp());
            List<NDArray> params = List.of(flat);
            float lr = (float) config.learningRate();
            ParameterTracker tracker = config.cosineDecay()
                    ? Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.01f)
                            .setMaxUpdates(Math.max(1, config.epochs() * stepsPerEpoch)).build()
                    : Tracker.fixed(lr);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(tracker)
                    .optWeightDecays((float) config.weightDecay()).optClipGrad(CLIP_GRAD).build();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = p.train.clone();
                Prepared.shuffle(order, new SplittableRandom(Seeds.derive(seed, "density.flow.shuffle", epoch)));
                double sum = 0;
                long counted = 0;
                int skipped = 0;
                for (int start = 0; start < nTr; start += bs) {
                    int b = Math.min(bs, nTr - start);
                    float[] xb = new float[b * d];
                    float[] cb = new float[b];
                    p.gather(order, start, b, xb, cb);
                    try (NDManager bm = m.newSubManager()) {
                        NDArray x = Djl.tensor(bm, xb, new Shape(b, d));
                        NDArray c = Djl.tensor(bm, cb, new Shape(b, 1));
                        float lv;
                        float gsum;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray loss = net.nll(x, c).div(Djl.scalar(bm, (float) b));
                            gc.backward(loss);
                            try (NDArray g = flat.getGradient()) {
                                // g belongs to the parameters' (long-lived) manager: move it to the batch scope so the
                                // temporaries derived from it are freed with the batch (else native memory grows by one
                                // parameter-sized array per step)
                                g.attach(bm);
                                // one read for both: the loss and the gradient's L1 norm (finite iff every entry is)
                                float[] lg = NDArrays.stack(new NDList(loss, g.abs().sum())).toFloatArray();
                                lv = lg[0];
                                gsum = lg[1];
                            }
                        }
                        if (Float.isFinite(lv) && Float.isFinite(gsum)) {
                            sum += lv * (double) b;
                            counted += b;
                            Djl.step(adam, "flow", params);
                        } else {
                            // a rare tail event can overflow the gradient through the compounded block scales
                            // (inf, then inf * 0 = NaN in a linear layer's backward): skip that step, as a loss scaler
                            // does, instead of poisoning the weights
                            skipped++;
                            LOG.debug("flow epoch {} step {}: batch NLL {}, gradient L1 {}; step skipped", epoch + 1,
                                    start / bs, lv, gsum);
                            Djl.zeroGradients(params);
                        }
                    }
                }
                double trainNll = counted > 0 ? sum / counted : Double.NaN;
                totalSkipped += skipped;
                double valNll = skipped > stepsPerEpoch / 10 ? Double.NaN : validation(m, net, p);
                if (skipped > stepsPerEpoch / 10 || !Double.isFinite(trainNll) || !Double.isFinite(valNll)) {
                    String what = "flow training diverged at epoch " + (epoch + 1) + ": NLL " + trainNll
                            + ", validation NLL " + valNll + ", " + skipped + " of " + stepsPerEpoch
                            + " steps with a non-finite gradient";
                    if (kept.isEmpty()) {
                        throw new TrainingDivergedException(what, "try reducing the learning rate (now "
                                + config.learningRate() + ") or the clamp (now " + config.clamp() + ")");
                    }
                    // the kept epochs predate the divergence: stop here, as early stopping would
                    LOG.warn("{}; stopping, keeping the best {} earlier epochs", what, kept.size());
                    diverged = epoch + 1;
                    break;
                }
                rows.add(new double[] {trainNll, valNll, skipped});
                listener.epochDone(epoch + 1, config.epochs(), trainNll, valNll);
                keep(kept, new Snapshot(epoch, valNll, null), flat, mask);
                if (valNll < bestVal) {
                    bestVal = valNll;
                    bestEpoch = epoch;
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("flow epoch {}/{}: NLL {} validation {}", epoch + 1, config.epochs(),
                            VaeTrainer.fmt(trainNll), VaeTrainer.fmt(valNll));
                }
                if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                    LOG.info("flow early stop after epoch {}: best validation NLL {} at epoch {}", epoch + 1,
                            VaeTrainer.fmt(bestVal), bestEpoch + 1);
                    break;
                }
            }
        }
        List<Maf> members = new ArrayList<>();
        StringBuilder epochs = new StringBuilder();
        for (Snapshot s : kept) {
            members.add(new Maf(d, hidden, layers, blocks, config.clamp(), s.weights()));
            epochs.append(epochs.length() == 0 ? "" : ",").append(s.epoch() + 1);
        }
        Map<String, String> prov = Prepared.provenance(KIND, seed, data, p, engine, device.toString());
        config.toMap().forEach((k, v) -> prov.put("config." + k, v));
        prov.put("bestEpoch", Integer.toString(bestEpoch + 1));
        prov.put("bestValidationLoss", Double.toString(bestVal));
        prov.put("epochsRun", Integer.toString(rows.size()));
        prov.put("ensembleEpochs", epochs.toString());
        prov.put("skippedSteps", Integer.toString(totalSkipped));
        if (diverged > 0) {
            prov.put("divergedAtEpoch", Integer.toString(diverged));
        }
        LossHistory h = new LossHistory(List.of("train", "validation", "skipped_steps"), rows);
        return new FlowModel(data.features(), p.pre, members, h, prov);
    }

    /** Keeps the {@code ensemble} lowest-validation epochs (ties: the earlier), reading the weights only when kept. */
    private void keep(List<Snapshot> kept, Snapshot s, NDArray flat, NDArray mask) {
        Comparator<Snapshot> byVal = Comparator.comparingDouble(Snapshot::validation).thenComparingInt(Snapshot::epoch);
        if (kept.size() >= config.ensemble() && byVal.compare(s, kept.get(kept.size() - 1)) >= 0) {
            return;
        }
        float[] w = flat.stopGradient().toFloatArray();
        kept.add(new Snapshot(s.epoch(), s.validation(), w));
        kept.sort(byVal);
        while (kept.size() > config.ensemble()) {
            kept.remove(kept.size() - 1);
        }
    }

    /** Mean NLL per event over the validation part. */
    private static double validation(NDManager m, Net net, Prepared p) {
        int n = p.val.length;
        int d = p.d;
        double sum = 0;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, n - start);
            float[] xb = new float[b * d];
            float[] cb = new float[b];
            p.gather(p.val, start, b, xb, cb);
            try (NDManager bm = m.newSubManager()) {
                sum += net.nll(Djl.tensor(bm, xb, new Shape(b, d)), Djl.tensor(bm, cb, new Shape(b, 1))).getFloat();
            }
        }
        return sum / n;
    }

    /** The differentiable flow on DJL arrays: the same function as {@link Maf#logDensity}, batched. */
    private record Net(NDArray flat, NDArray mask, long[] splits, int[][] shapes, int d, int layers, int blocks,
            float clamp) {

        /** Sum over the batch of -log p(x | c) in the preprocessed space (a scalar). */
        NDArray nll(NDArray x, NDArray c) {
            NDManager scope = x.getManager();
            // the masked copy is created in the parameters' long-lived manager: move it to the batch scope with its
            // parts, or native memory grows by one parameter-sized array per step
            NDArray masked = flat.mul(mask);
            masked.attach(scope);
            NDList parts = masked.split(splits, 0);
            parts.attach(scope);
            int per = layers + 1;
            NDArray y = x;
            NDArray alphaSum = null;
            NDArray clampT = Djl.scalar(scope, clamp);
            for (int k = 0; k < blocks; k++) {
                NDArray h = NDArrays.concat(new NDList(y, c), 1);
                for (int l = 0; l < per; l++) {
                    int idx = k * per + l;
                    NDArray w = parts.get(2 * idx).reshape(shapes[1][idx], shapes[0][idx]);
                    NDArray bias = parts.get(2 * idx + 1);
                    if (l == layers) {
                        h = NDArrays.concat(new NDList(h, c), 1);
                    }
                    h = Linear.linear(h, w, bias).singletonOrThrow();
                    if (l < layers) {
                        h = Activation.relu(h);
                    }
                }
                NDList ma = h.split(2, 1);
                NDArray alpha = ma.get(1).div(clampT).tanh().mul(clampT);
                y = y.sub(ma.get(0)).mul(alpha.neg().exp());
                alphaSum = alphaSum == null ? alpha : alphaSum.add(alpha);
            }
            long b = x.getShape().get(0);
            return y.square().sum().mul(Djl.scalar(scope, 0.5f)).add(alphaSum.sum()).add((float) (0.5 * d * Maf.LOG_2PI * b));
        }
    }
}
