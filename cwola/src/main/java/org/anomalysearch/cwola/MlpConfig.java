package org.anomalysearch.cwola;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;

/**
 * Configuration of the {@link MlpTrainer}; {@link #cathode()} is the CATHODE recipe.
 *
 * @param hidden             hidden layer widths (ReLU after each)
 * @param epochs             maximum number of epochs
 * @param batchSize          minibatch size
 * @param learningRate       Adam learning rate
 * @param ensembleSize       number of epochs (lowest validation loss) whose predictions are averaged
 * @param validationFraction fraction of the training set held out for the validation loss, in (0, 1)
 * @param balanceClasses     weight the BCE so both classes carry equal total weight
 * @param seed               seed of initialisation, validation split and shuffling
 * @param selection          which epochs form the ensemble (CATHODE: the lowest validation loss)
 * @param weightDecay        L2 penalty added to the gradient of the weights by Adam (0 = none, the CATHODE recipe)
 */
public record MlpConfig(int[] hidden, int epochs, int batchSize, double learningRate, int ensembleSize,
                        double validationFraction, boolean balanceClasses, long seed, EnsembleSelection selection,
                        double weightDecay) {

    /** How the epochs averaged in the ensemble are chosen. */
    public enum EnsembleSelection {
        /** The {@code ensembleSize} epochs with the lowest validation loss (CATHODE). */
        LOWEST_VALIDATION_LOSS,
        /** The last {@code ensembleSize} epochs. */
        LAST_EPOCHS,
        /**
         * The {@code ensembleSize} consecutive epochs with the lowest mean validation loss (a window of the
         * validation-loss curve rather than its individual noisy minima).
         */
        BEST_WINDOW
    }

    /** The CATHODE-style configuration with ensemble selection by lowest validation loss and no weight decay. */
    public MlpConfig(int[] hidden, int epochs, int batchSize, double learningRate, int ensembleSize,
                     double validationFraction, boolean balanceClasses, long seed) {
        this(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction, balanceClasses, seed,
                EnsembleSelection.LOWEST_VALIDATION_LOSS, 0);
    }

    public MlpConfig {
        if (selection == null) {
            throw new InvalidConfigException("classifier.selection", "got null, expected one of "
                    + Arrays.toString(EnsembleSelection.values()), "default LOWEST_VALIDATION_LOSS");
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new InvalidConfigException("classifier.weightDecay", "got " + weightDecay + ", expected >= 0",
                    "default 0");
        }
        hidden = hidden.clone();
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new InvalidConfigException("classifier.hidden", "got " + Arrays.toString(hidden)
                    + ", expected at least one layer width >= 1", "the CATHODE default is [64, 64, 64]");
        }
        if (epochs < 1) {
            throw new InvalidConfigException("classifier.epochs", "got " + epochs + ", expected >= 1", "default 100");
        }
        if (batchSize < 1) {
            throw new InvalidConfigException("classifier.batchSize", "got " + batchSize + ", expected >= 1",
                    "default 128");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new InvalidConfigException("classifier.learningRate", "got " + learningRate + ", expected > 0",
                    "default 1e-3");
        }
        if (ensembleSize < 1 || ensembleSize > epochs) {
            throw new InvalidConfigException("classifier.ensembleSize", "got " + ensembleSize
                    + ", expected between 1 and epochs (" + epochs + ")", "default 10");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new InvalidConfigException("classifier.validationFraction", "got " + validationFraction
                    + ", expected in (0, 1)", "default 0.2");
        }
    }

    /** The CATHODE recipe: 64-64-64, 100 epochs, batch 128, Adam 1e-3, 10-epoch ensemble, 20 % validation. */
    public static MlpConfig cathode() {
        return new MlpConfig(new int[] {64, 64, 64}, 100, 128, 1e-3, 10, 0.2, true, 0);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    public MlpConfig withSeed(long s) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, s, selection, weightDecay);
    }

    public MlpConfig withEpochs(int e, int ensemble) {
        return new MlpConfig(hidden, e, batchSize, learningRate, ensemble, validationFraction, balanceClasses, seed,
                selection, weightDecay);
    }

    public MlpConfig withHidden(int... h) {
        return new MlpConfig(h, epochs, batchSize, learningRate, ensembleSize, validationFraction, balanceClasses,
                seed, selection, weightDecay);
    }

    public MlpConfig withBatchSize(int b) {
        return new MlpConfig(hidden, epochs, b, learningRate, ensembleSize, validationFraction, balanceClasses, seed,
                selection, weightDecay);
    }

    public MlpConfig withLearningRate(double lr) {
        return new MlpConfig(hidden, epochs, batchSize, lr, ensembleSize, validationFraction, balanceClasses, seed,
                selection, weightDecay);
    }

    public MlpConfig withSelection(EnsembleSelection sel) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, sel, weightDecay);
    }

    public MlpConfig withWeightDecay(double wd) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, wd);
    }

    public MlpConfig withBalanceClasses(boolean b) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction, b, seed,
                selection, weightDecay);
    }

    /** The configuration as ordered strings, for provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.toString(hidden));
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("ensembleSize", Integer.toString(ensembleSize));
        m.put("validationFraction", Double.toString(validationFraction));
        m.put("balanceClasses", Boolean.toString(balanceClasses));
        m.put("seed", Long.toString(seed));
        m.put("selection", selection.name());
        m.put("weightDecay", Double.toString(weightDecay));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpConfig c && Arrays.equals(hidden, c.hidden) && epochs == c.epochs
                && batchSize == c.batchSize && learningRate == c.learningRate && ensembleSize == c.ensembleSize
                && validationFraction == c.validationFraction && balanceClasses == c.balanceClasses && seed == c.seed
                && selection == c.selection && weightDecay == c.weightDecay;
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
