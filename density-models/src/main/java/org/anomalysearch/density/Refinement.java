package org.anomalysearch.density;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.RunInfo;
import org.anomalysearch.core.provenance.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;

/**
 * Classifier refinement of a fitted density model, learned in the sidebands only: the density-ratio trick.
 *
 * <p>Classifiers learn to tell the sideband events (class 1) from the model's samples drawn at the SAME mjj
 * values (class 0), with the preprocessed features and mjj as inputs. For a calibrated classifier
 * {@code w(x, mjj) = p / (1 - p)} estimates {@code p_data(x | mjj) / p_model(x | mjj)}; conditioned on mjj and
 * smooth in it, the ratio is interpolated into the signal region like the model itself. The refined model
 * samples by rejection: a candidate from the base model at the requested mjj is accepted with probability
 * {@code min(1, w / cap)}, so the accepted rows follow {@code p_model * min(w, cap)}, the model corrected where
 * the classifiers found it wrong. This is the reweighting of SALAD (Andreassen, Nachman, Shih 2020) and the
 * discriminator rejection sampling of Azadi et al. (2019), with a classifier of its own rather than the GAN's
 * critic, so it applies to every model kind.
 *
 * <p>No signal-region event is used: a refined model is as blind to the SR as its base. The refinement cannot
 * add support the base model lacks (rows it never generates stay absent), and its quality is judged, like any
 * model's, by the two-sample test against the true SR background ({@code bench density quality --refine}).
 */
public final class Refinement {

    /** The kind of refined models. */
    public static final String KIND = "refined";
    private static final Logger LOG = LoggerFactory.getLogger(Refinement.class);
    /** Below this acceptance the base model is far from the data and a warning is logged. */
    static final double LOW_ACCEPTANCE = 0.05;

    private Refinement() {
    }

    /**
     * A trainer fitting {@code base} with the given seed (the same base model as {@code base.fit(data, seed)})
     * and refining it with seeds derived from the same seed.
     */
    public static DensityTrainer trainer(DensityTrainer base, RefineConfig config) {
        return new DensityTrainer() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public DensityModel fit(SidebandData data, long seed, EpochListener listener) {
                return refine(base.fit(data, seed, listener), data, config, seed, listener);
            }
        };
    }

    /**
     * Refines a fitted model with classifiers trained on {@code data} (the sidebands the model was fitted on)
     * against its samples; seeds derived from {@code seed} by name ({@code density.refine.*}).
     *
     * @throws IllegalArgumentException if {@code base} is itself refined or models other features than {@code data}
     */
    public static DensityModel refine(DensityModel base, SidebandData data, RefineConfig config, long seed,
            EpochListener listener) {
        if (KIND.equals(base.kind())) {
            throw new IllegalArgumentException("the model is already refined; refine its base model instead");
        }
        if (!base.features().equals(data.features())) {
            throw new IllegalArgumentException("the model's features " + base.features() + " differ from the data's "
                    + data.features());
        }
        long t0 = System.nanoTime();
        Preprocessor pre = Preprocessor.fit(data, Preprocessor.DEFAULT_MARGIN);
        int n = data.size();
        int d = data.dimension();
        int in = d + 1;
        double[][] samples = base.sample(data.mjj(), Seeds.derive(seed, "density.refine.samples"));
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Prepared.shuffle(idx, new SplittableRandom(Seeds.derive(seed, "density.refine.split")));
        int nVal = Math.max(1, (int) Math.round(config.validationFraction() * n));
        Packed train = new Packed(in, 2 * (n - nVal));
        Packed val = new Packed(in, 2 * nVal);
        Packed valSamples = new Packed(in, nVal);
        int outside = 0;
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            boolean isVal = k < nVal;
            Packed target = isVal ? val : train;
            target.add(RefinedModel.input(pre, data.x()[i], data.mjj()[i]), 1f);
            if (pre.inside(samples[i])) {
                float[] row = RefinedModel.input(pre, samples[i], data.mjj()[i]);
                target.add(row, 0f);
                if (isVal) {
                    valSamples.add(row, 0f);
                }
            } else {
                outside++;
            }
        }
        // the packed arrays and counts once, not per classifier
        float[] trainX = train.x();
        float[] trainY = train.y();
        float[] valX = val.x();
        float[] valY = val.y();
        float[] vx = valSamples.x();
        int nData = train.count(1f);
        int nSamples = train.count(0f);
        double classRatio = (double) nSamples / nData;
        DenseNet[] nets = new DenseNet[config.ensemble()];
        int[] best = new int[nets.length];
        LossHistory history = null;
        double[] meanLogit = new double[valSamples.size()];
        for (int k = 0; k < nets.length; k++) {
            int member = k;
            LOG.info("refining the {} model: classifier {}/{} on {} sideband events and {} samples ({} held out)",
                    base.kind(), k + 1, nets.length, nData, nSamples, val.size());
            LogisticMlp.Fit fit = LogisticMlp.train(trainX, trainY, valX, valY, null, in, config.hidden(),
                    config.maxEpochs(), config.patience(), config.batchSize(), config.learningRate(),
                    Seeds.derive(seed, "density.refine.classifier", k), "density.refine",
                    (e, max, tr, va) -> {
                        LOG.debug("refinement classifier {}/{} epoch {}/{}: train BCE {}, validation BCE {}",
                                member + 1, nets.length, e, max, tr, va);
                        listener.epochDone(e, max, tr, va);
                    });
            nets[k] = fit.net();
            best[k] = fit.best();
            if (k == 0) {
                history = fit.history();
            }
            for (int r = 0; r < meanLogit.length; r++) {
                meanLogit[r] += nets[k].forward(toDouble(vx, r * in, in))[0] / nets.length;
            }
        }
        double[] w = new double[meanLogit.length];
        double sumW = 0;
        for (int r = 0; r < w.length; r++) {
            w[r] = classRatio * Math.exp(meanLogit[r]);
            sumW += w[r];
        }
        Arrays.sort(w);
        double cap = w[Math.min(w.length - 1, (int) Math.floor(config.capQuantile() * (w.length - 1)))];
        double acceptance = 0;
        for (double v : w) {
            acceptance += Math.min(v, cap) / cap / w.length;
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("kind", KIND);
        prov.put("baseKind", base.kind());
        prov.put("seed", Long.toString(seed));
        prov.put("features", String.join(",", data.features()));
        prov.put("sidebandEvents", Integer.toString(n));
        prov.put("trainRows", Integer.toString(train.size()));
        prov.put("validationRows", Integer.toString(val.size()));
        prov.put("samplesOutsideBox", Integer.toString(outside));
        prov.put("bestEpochs", Arrays.toString(best));
        prov.put("meanWeight", Double.toString(sumW / w.length));
        prov.put("cap", Double.toString(cap));
        prov.put("acceptance", Double.toString(acceptance));
        prov.put("refineSeconds", Double.toString((System.nanoTime() - t0) / 1e9));
        config.toMap().forEach((k, v) -> prov.put("config." + k, v));
        base.provenance().forEach((k, v) -> prov.put("base." + k, v));
        Engine engine = Djl.engine();
        prov.put("appVersion", RunInfo.appVersion());
        prov.put("java", RunInfo.javaVersion());
        prov.put("engine", engine.getEngineName() + " " + engine.getVersion());
        prov.put("djlVersion", Engine.getDjlVersion());
        prov.put("device", Djl.device(engine).toString());
        LOG.info("refined {} model: {} classifiers (best epochs {}), cap {} (quantile {}), acceptance {}",
                base.kind(), nets.length, Arrays.toString(best), cap, config.capQuantile(), acceptance);
        if (acceptance < LOW_ACCEPTANCE) {
            LOG.warn("the refinement's classifiers tell the {} model's samples from the sideband data almost perfectly "
                    + "(acceptance {}: about {} candidates per sample, and weights far from 1 are estimated poorly); "
                    + "train the base model longer or choose another kind", base.kind(),
                    String.format(java.util.Locale.ROOT, "%.3f", acceptance), Math.round(1 / acceptance));
        }
        return new RefinedModel(base, pre, nets, cap / classRatio, history, prov);
    }

    private static double[] toDouble(float[] packed, int offset, int width) {
        double[] v = new double[width];
        for (int c = 0; c < width; c++) {
            v[c] = packed[offset + c];
        }
        return v;
    }

    /** Rows of classifier inputs with labels, packed as floats. */
    private static final class Packed {
        private final int width;
        private final float[] x;
        private final float[] y;
        private int size;

        Packed(int width, int capacity) {
            this.width = width;
            this.x = new float[capacity * width];
            this.y = new float[capacity];
        }

        void add(float[] row, float label) {
            System.arraycopy(row, 0, x, size * width, width);
            y[size++] = label;
        }

        int size() {
            return size;
        }

        int count(float label) {
            int c = 0;
            for (int i = 0; i < size; i++) {
                c += y[i] == label ? 1 : 0;
            }
            return c;
        }

        float[] x() {
            return Arrays.copyOf(x, size * width);
        }

        float[] y() {
            return Arrays.copyOf(y, size);
        }
    }
}
