package org.anomalysearch.density;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;

/**
 * Configuration of the conditional VAE.
 *
 * @param latent             latent dimension
 * @param hidden             hidden layer widths of the encoder; the decoder uses them in reverse order
 * @param beta               weight of the KL term: loss = (1 - beta) * MSE + beta * KL (seed talk), in (0, 1);
 *                           MSE is the mean over events and features, KL the mean over events of the sum over
 *                           latent dimensions
 * @param learningRate       Adam learning rate (betas 0.9, 0.999)
 * @param epochs             maximum number of epochs
 * @param batchSize          minibatch size
 * @param validationFraction share of the sideband held out for early stopping
 * @param patience           stop after this many epochs without a lower validation loss (0 = never stop early);
 *                           the weights of the best epoch are kept
 * @param decoderNoise       at sampling, add Gaussian noise with the per-feature residual spread of the decoder on
 *                           the validation set (a Gaussian decoder with fitted variance) instead of returning the
 *                           decoder mean only
 * @param margin             preprocessing margin (share of each feature's range added on both sides)
 * @param fittedPrior        sample the latent vector from a Gaussian fitted to the aggregated posterior of the
 *                           training events (mean and full covariance, folded into the decoder's first layer)
 *                           instead of N(0, 1): with a small beta the posterior does not fill the unit Gaussian
 */
public record VaeConfig(int latent, int[] hidden, double beta, double learningRate, int epochs, int batchSize,
        double validationFraction, int patience, boolean decoderNoise, double margin, boolean fittedPrior) {

    public VaeConfig {
        hidden = hidden.clone();
        check(latent >= 1, "latent", latent, "at least 1");
        check(hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1), "hidden", Arrays.toString(hidden),
                "one or more positive widths");
        check(beta > 0 && beta < 1, "beta", beta, "in (0, 1)");
        check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "in (0, 1)");
        check(epochs >= 1, "epochs", epochs, "at least 1");
        check(batchSize >= 1, "batchSize", batchSize, "at least 1");
        check(validationFraction > 0 && validationFraction < 0.9, "validationFraction", validationFraction,
                "in (0, 0.9)");
        check(patience >= 0, "patience", patience, "0 (off) or more");
        check(margin > 0 && margin < 0.5, "margin", margin, "in (0, 0.5)");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new InvalidConfigException("density.vae." + key, "got " + value + ", expected " + expected,
                    "fix density.vae." + key);
        }
    }

    /**
     * Defaults: latent 4, hidden 64-64, beta 0.05, lr 1e-3, 100 epochs, batch 256, validation 20 %, patience 10,
     * decoder noise on, margin 0.01, standard-normal latent prior. On the dijet_pythia sidebands a smaller beta
     * (0.01-0.02) gives SR samples a little closer to qcd_inner (two-sample AUC 0.559 -> 0.540 plain, 0.592 -> 0.580
     * correlated, qcd_full_000) but the latent then carries part of the conditioning: the toy contract's
     * conditional mean at the edges of the mjj range and its correlations fail, so the default stays at 0.05.
     */
    public static VaeConfig defaults() {
        return new VaeConfig(4, new int[] {64, 64}, 0.05, 1e-3, 100, 256, 0.2, 10, true, Preprocessor.DEFAULT_MARGIN, false);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    public VaeConfig withLatent(int v) {
        return new VaeConfig(v, hidden, beta, learningRate, epochs, batchSize, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withHidden(int... v) {
        return new VaeConfig(latent, v, beta, learningRate, epochs, batchSize, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withBeta(double v) {
        return new VaeConfig(latent, hidden, v, learningRate, epochs, batchSize, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withLearningRate(double v) {
        return new VaeConfig(latent, hidden, beta, v, epochs, batchSize, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withEpochs(int v) {
        return new VaeConfig(latent, hidden, beta, learningRate, v, batchSize, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withBatchSize(int v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, v, validationFraction, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withValidationFraction(double v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, batchSize, v, patience, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withPatience(int v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, batchSize, validationFraction, v, decoderNoise, margin, fittedPrior);
    }

    public VaeConfig withFittedPrior(boolean v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, batchSize, validationFraction, patience, decoderNoise, margin, v);
    }

    public VaeConfig withDecoderNoise(boolean v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, batchSize, validationFraction, patience, v, margin, fittedPrior);
    }

    public VaeConfig withMargin(double v) {
        return new VaeConfig(latent, hidden, beta, learningRate, epochs, batchSize, validationFraction, patience, decoderNoise, v, fittedPrior);
    }

    /** Flat string map for provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("latent", Integer.toString(latent));
        m.put("hidden", Arrays.toString(hidden));
        m.put("beta", Double.toString(beta));
        m.put("learningRate", Double.toString(learningRate));
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("patience", Integer.toString(patience));
        m.put("decoderNoise", Boolean.toString(decoderNoise));
        m.put("margin", Double.toString(margin));
        m.put("fittedPrior", Boolean.toString(fittedPrior));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeConfig c && toMap().equals(c.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "VaeConfig" + toMap();
    }
}
