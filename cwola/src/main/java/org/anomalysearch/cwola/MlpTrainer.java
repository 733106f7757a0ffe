package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.AnalysisException;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.fpga.qat.FakeQuant;
import org.anomalysearch.fpga.qat.MagnitudePruning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * The CATHODE neural-network classifier, trained with DJL on the PyTorch engine (CPU): standardisation fitted
 * on the training part, an MLP with ReLU hidden layers and one sigmoid output, binary cross-entropy with class
 * weights that balance the two classes, Adam, a stratified validation split, and an ensemble of the epochs with
 * the lowest validation loss (their parameters are kept; their predicted probabilities are averaged).
 *
 * <p>Deterministic on CPU for a given seed: weights are initialised, the validation split drawn and the batches
 * shuffled from {@link Seeds}-derived generators, and the engine's own seed is set as well. Each fit opens and
 * closes its own model and NDManager; the returned classifier scores in plain Java.
 *
 * <p>Training for the FPGA ({@link MlpConfig#compression()}). QAT at precision P: the input is cast to P and every
 * Linear runs as hls4ml's Dense + bias add at P ({@link FakeQuant#dense}), every ReLU output is cast to P, with
 * straight-through gradients; the validation loss is that of the quantized network, and every kept epoch's weights
 * and biases are the quantized ones (on P's grid). Pruning: after {@code epochs} (or an early stop) each weight
 * matrix loses its smallest-|w| fraction ({@link MagnitudePruning}), then {@code finetuneEpochs} follow with the mask
 * re-applied after every Adam step, the learning-rate schedule restarted over them and no early stopping; the ensemble
 * is chosen among the fine-tuning epochs only, so its members keep the zeros.
 */
public final class MlpTrainer implements ClassifierTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(MlpTrainer.class);
    private static final int EVAL_CHUNK = 8192;

    private final MlpConfig config;
    private final EpochListener listener;

    /** Called after each epoch (1-based), e.g. to report progress. */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, int epochs, double trainLoss, double validationLoss);
    }

    public MlpTrainer(MlpConfig config) {
        this(config, null);
    }

    /** A trainer that reports each finished epoch to {@code listener} (may be null). */
    public MlpTrainer(MlpConfig config, EpochListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** The CATHODE recipe with the given seed. */
    public static MlpTrainer cathode(long seed) {
        return new MlpTrainer(MlpConfig.cathode().withSeed(seed));
    }

    public MlpConfig config() {
        return config;
    }

    @Override
    public Classifier fit(TrainingSet set) {
        return fit(set, config.seed());
    }

    @Override
    public Classifier fit(TrainingSet set, long seed) {
        return fitSelections(set, seed, List.of(config.selection())).get(config.selection());
    }

    /**
     * Trains once and builds one classifier per ensemble-selection rule from the same epochs (for comparing the
     * rules without retraining); {@code config().selection()} is ignored.
     */
    public Map<MlpConfig.EnsembleSelection, Classifier> fitSelections(TrainingSet set, long seed,
                                                                      List<MlpConfig.EnsembleSelection> selections) {
        int d = set.features().size();
        int[][] split = stratifiedSplit(set, config.validationFraction(),
                new SplittableRandom(Seeds.derive(seed, "cwola.mlp.split")));
        int[] tr = split[0];
        int[] va = split[1];
        double[] mean = new double[d];
        double[] std = new double[d];
        standardisation(set.x(), tr, mean, std);
        int nTr1 = 0;
        for (int i : tr) {
            nTr1 += set.labels()[i];
        }
        int nTr0 = tr.length - nTr1;
        double w1 = config.balanceClasses() ? tr.length / (2.0 * nTr1) : 1.0;
        double w0 = config.balanceClasses() ? tr.length / (2.0 * nTr0) : 1.0;
        double[][] whitening = config.whiten() ? zcaWhitening(set.x(), tr, mean, std) : null;
        float[] xTr = pack(set.x(), tr, mean, std, whitening);
        float[] xVa = pack(set.x(), va, mean, std, whitening);
        float[] yTr = labels(set.labels(), tr);
        float[] yVa = labels(set.labels(), va);
        float[] wTr = weights(yTr, w1, w0);
        float[] wVa = weights(yVa, w1, w0);
        LOG.info("training MLP {} on {} events ({} class 1 '{}', {} class 0 '{}'), validation {}, {} epochs, seed {}",
                java.util.Arrays.toString(config.hidden()), tr.length, nTr1, TrainingSet.className(set.mode(), 1),
                nTr0, TrainingSet.className(set.mode(), 0), va.length, config.epochs(), seed);

        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) Seeds.derive(seed, "cwola.mlp.engine"));
        List<Snapshot> snapshots = new ArrayList<>();
        Compression compression = config.compression();
        FakeQuant fq = compression.fakeQuant();
        SequentialBlock block = new SequentialBlock();
        if (fq != null) {
            block.add(LambdaBlock.singleton(fq::apply, "qatInput"));
        }
        for (int h : config.hidden()) {
            block.add(fq == null ? Linear.builder().setUnits(h).build() : new QatLinear(h, fq));
            block.add(fq == null ? Activation.reluBlock() : LambdaBlock.singleton(fq::relu, "qatRelu"));
            if (config.dropout() > 0) {
                block.add(Dropout.builder().optRate((float) config.dropout()).build());
            }
        }
        block.add(fq == null ? Linear.builder().setUnits(1).build() : new QatLinear(1, fq));
        EpochTracker lr = new EpochTracker(config);
        try (Model model = Model.newInstance("cwola-mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(lr)
                            .optWeightDecays((float) config.weightDecay()).build())
                    .optInitializer(new SeededUniform(Seeds.derive(seed, "cwola.mlp.init")), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, d));
                int nTr = tr.length;
                int[] order = new int[nTr];
                EarlyStopping stop = new EarlyStopping(config.patience(), config.smoothing());
                List<NDArray> masks = null;
                int finetuned = 0;
                for (int epoch = 0; ; epoch++) {
                    boolean denseDone = masks == null && (epoch == config.epochs() || stop.stopped);
                    if (denseDone && !compression.pruned()) {
                        break;
                    }
                    if (denseDone) {
                        masks = prune(block, trainer.getManager(), compression.sparsity());
                        snapshots.clear(); // the ensemble comes from the fine-tuning epochs
                        LOG.info("pruned every weight matrix to sparsity {} after epoch {}; fine-tuning {} epochs",
                                compression.sparsity(), epoch, compression.finetuneEpochs());
                    }
                    if (masks != null && finetuned == compression.finetuneEpochs()) {
                        break;
                    }
                    lr.epoch = masks == null ? epoch : finetuned;
                    lr.epochs = masks == null ? config.epochs() : compression.finetuneEpochs();
                    for (int i = 0; i < nTr; i++) {
                        order[i] = i;
                    }
                    shuffle(order, new SplittableRandom(Seeds.derive(seed, "cwola.mlp.shuffle", epoch)));
                    double lossSum = 0;
                    for (int start = 0; start < nTr; start += config.batchSize()) {
                        int b = Math.min(config.batchSize(), nTr - start);
                        float[] xb = new float[b * d];
                        float[] yb = new float[b];
                        float[] wb = new float[b];
                        for (int k = 0; k < b; k++) {
                            int i = order[start + k];
                            System.arraycopy(xTr, i * d, xb, k * d, d);
                            yb[k] = yTr[i];
                            wb[k] = wTr[i];
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray x = tensor(m, xb, new Shape(b, d));
                            NDArray y = tensor(m, yb, new Shape(yb.length));
                            NDArray w = tensor(m, wb, new Shape(wb.length));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray z = trainer.forward(new NDList(x)).singletonOrThrow().reshape(-1);
                                NDArray loss = bce(z, y).mul(w).mean();
                                lossSum += loss.getFloat() * b;
                                gc.backward(loss);
                            }
                            trainer.step();
                            if (masks != null) {
                                applyMasks(block, masks);
                            }
                        }
                    }
                    double trainLoss = lossSum / nTr;
                    double valLoss = evaluate(trainer, xVa, yVa, wVa, d);
                    if (!Double.isFinite(trainLoss) || !Double.isFinite(valLoss)) {
                        throw new AnalysisException("MLP training diverged at epoch " + (epoch + 1) + ": loss "
                                + trainLoss + ", validation loss " + valLoss,
                                "try reducing the learning rate (now " + config.learningRate() + ")");
                    }
                    snapshots.add(new Snapshot(epoch, trainLoss, valLoss, layers(block, fq)));
                    if (listener != null) {
                        listener.epochDone(epoch + 1, config.epochs() + compression.finetuneEpochs(), trainLoss,
                                valLoss);
                    }
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("epoch {}/{}: loss {} validation loss {}", epoch + 1, config.epochs(),
                                String.format(java.util.Locale.ROOT, "%.5f", trainLoss),
                                String.format(java.util.Locale.ROOT, "%.5f", valLoss));
                    }
                    if (masks != null) {
                        finetuned++;
                    } else if (stop.stop(valLoss) && snapshots.size() >= config.ensembleSize()) {
                        LOG.info("early stop after epoch {}: the {}-epoch mean validation loss was lowest {} epochs"
                                + " earlier", epoch + 1, config.smoothing(), config.patience());
                        stop.stopped = true;
                    }
                }
            }
        }
        Map<MlpConfig.EnsembleSelection, Classifier> out = new java.util.EnumMap<>(MlpConfig.EnsembleSelection.class);
        for (MlpConfig.EnsembleSelection sel : selections) {
            List<Snapshot> best = select(snapshots, sel, config.ensembleSize());
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("kind", MlpClassifier.KIND);
            prov.put("mode", set.mode().name());
            prov.put("seed", Long.toString(seed));
            config.withSelection(sel).toMap().forEach((k, v) -> prov.put("config." + k, v));
            prov.put("trainEvents.class1", Integer.toString(nTr1));
            prov.put("trainEvents.class0", Integer.toString(nTr0));
            prov.put("validationEvents", Integer.toString(va.length));
            prov.put("classWeights", w1 + "," + w0);
            prov.put("features", String.join(",", set.features()));
            StringBuilder ep = new StringBuilder();
            StringBuilder vl = new StringBuilder();
            for (Snapshot s : best) {
                ep.append(ep.length() == 0 ? "" : ",").append(s.epoch() + 1);
                vl.append(vl.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.6g",
                        s.valLoss()));
            }
            prov.put("ensembleEpochs", ep.toString());
            prov.put("epochsTrained", Integer.toString(snapshots.get(snapshots.size() - 1).epoch() + 1));
            prov.put("ensembleValidationLoss", vl.toString());
            StringBuilder hist = new StringBuilder();
            for (Snapshot s : snapshots) {
                hist.append(hist.length() == 0 ? "" : ";").append(String.format(java.util.Locale.ROOT, "%.6g/%.6g",
                        s.trainLoss(), s.valLoss()));
            }
            prov.put("lossHistory", hist.toString());
            prov.put("engine", engine.getEngineName() + " " + engine.getVersion());
            prov.put("djlVersion", Engine.getDjlVersion());
            prov.put("device", "cpu");
            if (compression.quantized() || compression.pruned()) {
                StringBuilder sp = new StringBuilder();
                for (Snapshot s : best) {
                    sp.append(sp.length() == 0 ? "" : ";").append(MagnitudePruning.describe(s.layers().stream()
                            .map(MlpClassifier.Layer::w).toList()));
                }
                prov.put("weightSparsity", sp.toString());
            }
            List<List<MlpClassifier.Layer>> members = new ArrayList<>();
            for (Snapshot s : best) {
                members.add(whitening == null ? s.layers() : foldIntoFirstLayer(s.layers(), whitening));
            }
            LOG.info("MLP ensemble ({}) of epochs {} (validation loss {})", sel, ep, vl);
            out.put(sel, new MlpClassifier(set.features(), mean, std, members, prov));
        }
        return out;
    }

    /** The ensemble members under a selection rule, in epoch order. */
    private static List<Snapshot> select(List<Snapshot> snapshots, MlpConfig.EnsembleSelection sel, int n) {
        List<Snapshot> best;
        switch (sel) {
            case LAST_EPOCHS -> best = new ArrayList<>(snapshots.subList(snapshots.size() - n, snapshots.size()));
            case BEST_WINDOW -> {
                int bestStart = 0;
                double bestMean = Double.POSITIVE_INFINITY;
                for (int start = 0; start + n <= snapshots.size(); start++) {
                    double sum = 0;
                    for (int k = start; k < start + n; k++) {
                        sum += snapshots.get(k).valLoss();
                    }
                    if (sum / n < bestMean) {
                        bestMean = sum / n;
                        bestStart = start;
                    }
                }
                best = new ArrayList<>(snapshots.subList(bestStart, bestStart + n));
            }
            default -> {
                best = new ArrayList<>(snapshots);
                best.sort(Comparator.comparingDouble(Snapshot::valLoss).thenComparingInt(Snapshot::epoch));
                best = new ArrayList<>(best.subList(0, n));
            }
        }
        best.sort(Comparator.comparingInt(Snapshot::epoch));
        return best;
    }

    /**
     * Early stopping on a smoothed validation loss: the mean of the last {@code window} epochs; stop once it has
     * not reached a new minimum for {@code patience} epochs ({@code patience} 0: never).
     */
    static final class EarlyStopping {
        /** Set by the training loop when {@link #stop} said so (the dense phase ends; pruning may follow). */
        boolean stopped;
        private final int patience;
        private final int window;
        private final List<Double> losses = new ArrayList<>();
        private double best = Double.POSITIVE_INFINITY;
        private int bestEpoch = -1;

        EarlyStopping(int patience, int window) {
            this.patience = patience;
            this.window = window;
        }

        /** Records the next epoch's validation loss; true when training should stop. */
        boolean stop(double valLoss) {
            losses.add(valLoss);
            int e = losses.size() - 1;
            if (patience == 0 || losses.size() < window) {
                return false;
            }
            double sum = 0;
            for (int k = e - window + 1; k <= e; k++) {
                sum += losses.get(k);
            }
            if (sum / window < best) {
                best = sum / window;
                bestEpoch = e;
            }
            return e - bestEpoch >= patience;
        }
    }

    /**
     * ZCA whitening of the standardised training rows: M = U diag(1 / sqrt(lambda + 1e-6)) U^T from the
     * eigen-decomposition of their covariance, so M s has unit covariance and stays closest to s.
     */
    static double[][] zcaWhitening(double[][] x, int[] rows, double[] mean, double[] std) {
        int d = mean.length;
        double[][] cov = new double[d][d];
        for (int i : rows) {
            for (int a = 0; a < d; a++) {
                double sa = (x[i][a] - mean[a]) / std[a];
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += sa * (x[i][b] - mean[b]) / std[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= rows.length;
                cov[b][a] = cov[a][b];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(cov));
        double[][] m = new double[d][d];
        for (int k = 0; k < d; k++) {
            double[] u = eig.getEigenvector(k).toArray();
            double f = 1 / Math.sqrt(Math.max(eig.getRealEigenvalue(k), 0) + 1e-6);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    m[a][b] += u[a] * f * u[b];
                }
            }
        }
        return m;
    }

    /** The network on standardised inputs s whose first layer computes W (M s) + b: W becomes W M. */
    static List<MlpClassifier.Layer> foldIntoFirstLayer(List<MlpClassifier.Layer> layers, double[][] m) {
        MlpClassifier.Layer first = layers.get(0);
        int d = first.in();
        float[] w = new float[first.w().length];
        for (int o = 0; o < first.out(); o++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += (double) first.w()[o * d + i] * m[i][j];
                }
                w[o * d + j] = (float) sum;
            }
        }
        List<MlpClassifier.Layer> out = new ArrayList<>(layers);
        out.set(0, new MlpClassifier.Layer(d, first.out(), w, first.b()));
        return out;
    }

    private record Snapshot(int epoch, double trainLoss, double valLoss, List<MlpClassifier.Layer> layers) {
    }

    /** Numerically stable BCE on logits: max(z, 0) - z y + log(1 + exp(-|z|)). */
    private static NDArray bce(NDArray z, NDArray y) {
        // max(z, 0) with a PyTorch-owned zero: maximum(Number) would hand autograd a tensor on a Java buffer that
        // the garbage collector may free before the backward pass (see the density module's Djl.scalar)
        NDArray zero = tensor(z.getManager(), new float[] {0f}, new Shape());
        return z.maximum(zero).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log());
    }

    private double evaluate(Trainer trainer, float[] x, float[] y, float[] w, int d) {
        int n = y.length;
        double sum = 0;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int b = Math.min(EVAL_CHUNK, n - start);
            float[] xb = new float[b * d];
            System.arraycopy(x, start * d, xb, 0, b * d);
            float[] yb = java.util.Arrays.copyOfRange(y, start, start + b);
            float[] wb = java.util.Arrays.copyOfRange(w, start, start + b);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray z = trainer.evaluate(new NDList(tensor(m, xb, new Shape(b, d)))).singletonOrThrow()
                        .reshape(-1);
                sum += bce(z, tensor(m, yb, new Shape(yb.length))).mul(tensor(m, wb, new Shape(wb.length))).sum().getFloat();
            }
        }
        return sum / n;
    }

    /** The layers' parameters as plain arrays, cast to the QAT precision when there is one (the values used). */
    private static List<MlpClassifier.Layer> layers(SequentialBlock block, FakeQuant fq) {
        List<MlpClassifier.Layer> out = new ArrayList<>();
        float[] w = null;
        long[] shape = null;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter par = p.getValue();
            if (par.getType() == Parameter.Type.WEIGHT) {
                w = par.getArray().toFloatArray();
                shape = par.getArray().getShape().getShape();
            } else if (par.getType() == Parameter.Type.BIAS) {
                float[] b = par.getArray().toFloatArray();
                out.add(new MlpClassifier.Layer((int) shape[1], (int) shape[0], fq == null ? w : fq.cast(w),
                        fq == null ? b : fq.cast(b)));
            }
        }
        return out;
    }

    /** Prunes every weight matrix of the block in place; returns the masks in parameter order of the weights. */
    private static List<NDArray> prune(SequentialBlock block, NDManager manager, double sparsity) {
        List<NDArray> masks = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                NDArray w = p.getValue().getArray();
                masks.add(tensor(manager, MagnitudePruning.mask(w.toFloatArray(), sparsity), w.getShape()));
            }
        }
        applyMasks(block, masks);
        return masks;
    }

    /** Multiplies every weight matrix by its mask (after each optimizer step: pruned weights stay exactly 0). */
    private static void applyMasks(SequentialBlock block, List<NDArray> masks) {
        int k = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                p.getValue().getArray().muli(masks.get(k++));
            }
        }
    }

    /**
     * A Linear layer computed as hls4ml's Dense + bias add at a model-wide QAT precision ({@link FakeQuant#dense});
     * same parameters (names, types, shapes, initialisation) as DJL's Linear.
     */
    private static final class QatLinear extends Linear {
        private final FakeQuant fq;

        QatLinear(long units, FakeQuant fq) {
            super(new Linear.Builder() { }.setUnits(units));
            this.fq = fq;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray w = store.getValue(parameters.get("weight"), x.getDevice(), training);
            NDArray b = store.getValue(parameters.get("bias"), x.getDevice(), training);
            return new NDList(fq.dense(x, w, b));
        }
    }

    /**
     * Splits each class separately, so both parts hold both classes in the training proportions; validation
     * gets round(fraction * n_class) events of each class, at least one.
     */
    static int[][] stratifiedSplit(TrainingSet set, double fraction, SplittableRandom rng) {
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int label = 1; label >= 0; label--) {
            int n = set.count(label);
            int[] idx = new int[n];
            int k = 0;
            for (int i = 0; i < set.size(); i++) {
                if (set.labels()[i] == label) {
                    idx[k++] = i;
                }
            }
            shuffle(idx, rng);
            int nVal = (int) Math.round(fraction * n);
            if (nVal < 1 || nVal >= n) {
                throw new AnalysisException("class " + label + " (" + TrainingSet.className(set.mode(), label)
                        + ") has " + n + " events, too few to hold out " + fraction + " for validation and train on the rest",
                        "provide more events of that class");
            }
            for (int j = 0; j < n; j++) {
                (j < nVal ? val : train).add(idx[j]);
            }
        }
        return new int[][] {train.stream().sorted().mapToInt(Integer::intValue).toArray(),
                val.stream().sorted().mapToInt(Integer::intValue).toArray()};
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void standardisation(double[][] x, int[] rows, double[] mean, double[] std) {
        int d = mean.length;
        for (int i : rows) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[i][c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= rows.length;
        }
        for (int i : rows) {
            for (int c = 0; c < d; c++) {
                double v = x[i][c] - mean[c];
                std[c] += v * v;
            }
        }
        for (int c = 0; c < d; c++) {
            std[c] = Math.sqrt(std[c] / rows.length);
            if (!(std[c] > 0)) {
                std[c] = 1;
            }
        }
    }

    private static float[] pack(double[][] x, int[] rows, double[] mean, double[] std, double[][] whitening) {
        int d = mean.length;
        float[] out = new float[rows.length * d];
        double[] s = new double[d];
        for (int k = 0; k < rows.length; k++) {
            for (int c = 0; c < d; c++) {
                s[c] = (x[rows[k]][c] - mean[c]) / std[c];
            }
            for (int c = 0; c < d; c++) {
                double v = s[c];
                if (whitening != null) {
                    v = 0;
                    for (int j = 0; j < d; j++) {
                        v += whitening[c][j] * s[j];
                    }
                }
                out[k * d + c] = (float) v;
            }
        }
        return out;
    }

    private static float[] labels(int[] labels, int[] rows) {
        float[] y = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            y[k] = labels[rows[k]];
        }
        return y;
    }

    private static float[] weights(float[] y, double w1, double w0) {
        float[] w = new float[y.length];
        for (int k = 0; k < y.length; k++) {
            w[k] = (float) (y[k] == 1f ? w1 : w0);
        }
        return w;
    }

    /** The learning rate of the current epoch under the configured schedule (set by the training loop). */
    private static final class EpochTracker implements Tracker {
        private final MlpConfig config;
        private int epoch;
        private int epochs;

        EpochTracker(MlpConfig config) {
            this.config = config;
            this.epochs = config.epochs();
        }

        @Override
        public float getNewValue(int numUpdate) {
            return (float) (config.learningRate() * config.schedule().factor(epoch, epochs));
        }
    }

    /**
     * A copy of {@code data} in memory PyTorch owns and reference-counts, not in a Java direct buffer that the garbage
     * collector may free while autograd still holds the tensor for the backward pass (which made trainings with the
     * same seed differ now and then; the density module's {@code Djl.tensor} explains it).
     */
    private static NDArray tensor(NDManager manager, float[] data, Shape shape) {
        try (NDArray javaBacked = manager.create(data, shape)) {
            return javaBacked.duplicate();
        }
    }

    /** PyTorch's default Linear weight init, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), from a seeded generator. */
    private static final class SeededUniform implements Initializer {
        private final SplittableRandom rng;

        SeededUniform(long seed) {
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long fanIn = shape.dimension() > 1 ? shape.get(1) : shape.get(0);
            double bound = 1 / Math.sqrt(fanIn);
            float[] v = new float[(int) shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            return tensor(manager, v, shape).toType(dataType, false);
        }
    }
}
