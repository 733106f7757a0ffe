package org.anomalysearch.density;

import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;

/**
 * Configuration of the conditional masked autoregressive flow ({@link FlowTrainer}).
 *
 * @param blocks             number of MADE blocks (affine autoregressive transforms); the autoregressive order is
 *                           reversed from one block to the next
 * @param hidden             hidden units per hidden layer of each MADE
 * @param layers             hidden layers per MADE (1 as CATHODE, or 2)
 * @param clamp              soft clamp of the log-scale: {@code alpha = clamp * tanh(raw / clamp)}, so one block scales
 *                           a coordinate by at most {@code exp(clamp)}; keeps early training and sampling stable
 * @param learningRate       Adam learning rate (betas 0.9, 0.999)
 * @param cosineDecay        decay the learning rate along a cosine from {@code learningRate} to 1 % of it over
 *                           {@code epochs} (otherwise constant)
 * @param weightDecay        L2 weight decay added to the gradient (0 = none)
 * @param epochs             maximum number of epochs
 * @param batchSize          minibatch size
 * @param patience           stop after this many epochs without a lower validation NLL (0 = never stop early)
 * @param validationFraction share of the sideband held out for the validation NLL, early stopping and the ensemble
 * @param ensemble           number of epochs with the lowest validation NLL whose weights form the fitted model, a
 *                           uniform mixture of their densities (CATHODE: 10): neighbouring epochs of one run differ
 *                           by the noise of the last minibatch steps, and averaging their densities cancels part of
 *                           it at no extra training cost (sampling cost is unchanged; density evaluation scales
 *                           with it)
 * @param margin             preprocessing margin (share of each feature's range added on both sides)
 */
public record FlowConfig(int blocks, int hidden, int layers, double clamp, double learningRate, boolean cosineDecay,
        double weightDecay, int epochs, int batchSize, int patience, double validationFraction, int ensemble,
        double margin) {

    public FlowConfig {
        check(blocks >= 1 && blocks <= 64, "blocks", blocks, "1-64");
        check(hidden >= 1 && hidden <= 4096, "hidden", hidden, "1-4096");
        check(layers >= 1 && layers <= 4, "layers", layers, "1-4");
        check(clamp > 0 && clamp <= 20, "clamp", clamp, "in (0, 20]");
        check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "in (0, 1)");
        check(weightDecay >= 0 && weightDecay < 1, "weightDecay", weightDecay, "in [0, 1)");
        check(epochs >= 1, "epochs", epochs, "at least 1");
        check(batchSize >= 1, "batchSize", batchSize, "at least 1");
        check(patience >= 0, "patience", patience, "0 (off) or more");
        check(validationFraction > 0 && validationFraction < 0.9, "validationFraction", validationFraction,
                "in (0, 0.9)");
        check(ensemble >= 1 && ensemble <= epochs, "ensemble", ensemble, "1 to epochs (" + epochs + ")");
        check(margin > 0 && margin < 0.5, "margin", margin, "in (0, 0.5)");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new InvalidConfigException("density.flow." + key, "got " + value + ", expected " + expected,
                    "fix density.flow." + key);
        }
    }

    /**
     * Defaults: 8 blocks x 64 hidden units, 2 hidden layers per MADE, clamp 2, Adam 1e-3 with cosine decay, no weight
     * decay, 60 epochs, batch 256, patience 15, validation 20 %, ensemble of the 5 best epochs, margin 0.01. Chosen
     * for about 2.4 s of CPU per epoch on 120k sideband events on one thread (docs/flow.md has the measurements).
     * Clamp 3 diverged to NaN within 6 epochs on the dijet_pythia sidebands (at lr 1e-3 and 3e-4): the scales of
     * eight blocks compound to up to exp(8 clamp); clamp 2 trained stably.
     */
    public static FlowConfig defaults() {
        return new FlowConfig(8, 64, 2, 2.0, 1e-3, true, 0.0, 60, 256, 15, 0.2, 5, Preprocessor.DEFAULT_MARGIN);
    }

    public FlowConfig withBlocks(int v) {
        return new FlowConfig(v, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withHidden(int v) {
        return new FlowConfig(blocks, v, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withLayers(int v) {
        return new FlowConfig(blocks, hidden, v, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withClamp(double v) {
        return new FlowConfig(blocks, hidden, layers, v, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withLearningRate(double v) {
        return new FlowConfig(blocks, hidden, layers, clamp, v, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withCosineDecay(boolean v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, v, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withWeightDecay(double v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, v, epochs, batchSize, patience, validationFraction, ensemble, margin);
    }

    /** Also lowers the ensemble size to {@code v} if it was larger. */
    public FlowConfig withEpochs(int v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, v, batchSize, patience, validationFraction, Math.min(ensemble, Math.max(1, v)), margin);
    }

    public FlowConfig withBatchSize(int v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, v, patience, validationFraction, ensemble, margin);
    }

    public FlowConfig withPatience(int v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, v, validationFraction, ensemble, margin);
    }

    public FlowConfig withValidationFraction(double v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, v, ensemble, margin);
    }

    public FlowConfig withEnsemble(int v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, v, margin);
    }

    public FlowConfig withMargin(double v) {
        return new FlowConfig(blocks, hidden, layers, clamp, learningRate, cosineDecay, weightDecay, epochs, batchSize, patience, validationFraction, ensemble, v);
    }

    /** Flat string map for provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("blocks", Integer.toString(blocks));
        m.put("hidden", Integer.toString(hidden));
        m.put("layers", Integer.toString(layers));
        m.put("clamp", Double.toString(clamp));
        m.put("learningRate", Double.toString(learningRate));
        m.put("cosineDecay", Boolean.toString(cosineDecay));
        m.put("weightDecay", Double.toString(weightDecay));
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("patience", Integer.toString(patience));
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("ensemble", Integer.toString(ensemble));
        m.put("margin", Double.toString(margin));
        return m;
    }
}
