package org.anomalysearch.cwola;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.qat.Compression;

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
 * @param schedule           learning rate per epoch (CATHODE: constant)
 * @param dropout            dropout rate after each hidden ReLU during training, in [0, 1) (CATHODE: 0)
 * @param whiten             decorrelate the standardised inputs (ZCA whitening fitted on the training part; the
 *                           matrix is folded into the first layer of the saved network) (CATHODE: false)
 * @param patience           early stopping: stop when the smoothed validation loss has not improved for this many
 *                           epochs (0 = train all {@code epochs}, CATHODE)
 * @param smoothing          early stopping: the validation loss is averaged over this many consecutive epochs
 * @param compression        training for the FPGA (keys {@code classifier.qat}, {@code classifier.prune},
 *                           {@code classifier.finetuneEpochs}): quantization-aware training at a model-wide
 *                           precision and magnitude pruning after {@code epochs} with {@code finetuneEpochs} of
 *                           fine-tuning, the ensemble then chosen among the fine-tuning epochs only (so
 *                           {@code ensembleSize <= finetuneEpochs}); not with {@code whiten}, whose matrix folded into
 *                           the first layer would move its weights off the grid and fill its zeros
 */
public record MlpConfig(int[] hidden, int epochs, int batchSize, double learningRate, int ensembleSize,
                        double validationFraction, boolean balanceClasses, long seed, EnsembleSelection selection,
                        double weightDecay, LearningRateSchedule schedule, double dropout, boolean whiten,
                        int patience, int smoothing, Compression compression) {

    /** The named recipes of {@link #preset(String)}. */
    public static final java.util.List<String> PRESETS = java.util.List.of("default", "cathode");

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

    /** The learning rate of each epoch. */
    public enum LearningRateSchedule {
        /** The same rate in every epoch (CATHODE). */
        CONSTANT,
        /**
         * Cosine decay per epoch from the learning rate in epoch 1 to 1 % of it in the last epoch:
         * lr_e = lr (0.01 + 0.99 (1 + cos(pi e / (E - 1))) / 2), e = 0..E-1.
         */
        COSINE;

        /** The factor applied to the base learning rate in 0-based {@code epoch} of {@code epochs}. */
        public double factor(int epoch, int epochs) {
            if (this == CONSTANT || epochs < 2) {
                return 1;
            }
            return 0.01 + 0.99 * (1 + Math.cos(Math.PI * epoch / (epochs - 1))) / 2;
        }
    }

    /** The configuration with a constant learning rate, no dropout, no whitening and no early stopping. */
    public MlpConfig(int[] hidden, int epochs, int batchSize, double learningRate, int ensembleSize,
                     double validationFraction, boolean balanceClasses, long seed, EnsembleSelection selection,
                     double weightDecay) {
        this(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction, balanceClasses, seed,
                selection, weightDecay, LearningRateSchedule.CONSTANT, 0, false, 0, 1, Compression.NONE);
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
        if (schedule == null) {
            throw new InvalidConfigException("classifier.schedule", "got null, expected one of "
                    + Arrays.toString(LearningRateSchedule.values()), "default CONSTANT");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidConfigException("classifier.dropout", "got " + dropout + ", expected in [0, 1)",
                    "0 switches dropout off");
        }
        if (patience < 0) {
            throw new InvalidConfigException("classifier.patience", "got " + patience + ", expected >= 0",
                    "0 switches early stopping off");
        }
        if (smoothing < 1) {
            throw new InvalidConfigException("classifier.smoothing", "got " + smoothing + ", expected >= 1",
                    "1 = the raw validation loss");
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new InvalidConfigException("classifier.weightDecay", "got " + weightDecay + ", expected >= 0",
                    "default 0");
        }
        if (compression == null) {
            compression = Compression.NONE;
        }
        if (whiten && (compression.quantized() || compression.pruned())) {
            throw new InvalidConfigException(compression.quantized() ? "classifier.qat" : "classifier.prune",
                    "cannot be combined with whitening: the whitening matrix folded into the first layer would move "
                            + "its quantized weights off the grid and fill its pruned zeros",
                    "train without classifier.whiten");
        }
        if (compression.pruned() && ensembleSize > compression.finetuneEpochs()) {
            throw new InvalidConfigException("classifier.finetuneEpochs", "got " + compression.finetuneEpochs()
                    + ", fewer than the ensemble size " + ensembleSize + " (the ensemble is chosen among the "
                    + "fine-tuning epochs after pruning)", "fine-tune for at least " + ensembleSize
                    + " epochs or use a smaller ensemble");
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

    /**
     * The default recipe of {@code classify train --model mlp} and the scan (issue 21): the CATHODE recipe with
     * dropout 0.2 after each hidden ReLU and Adam weight decay 5e-5. Chosen on the "tune" part of a three-way split
     * of the LHCO R&D signal region among 13 variants (weight decay, dropout, learning rate and schedule, early
     * stopping on a smoothed validation loss, whitening, fewer epochs), as 5-seed ensembles: the highest idealized
     * AUC with a max SIC near the best; see docs/classifiers.md for the table and the figures on the untouched
     * "report" part.
     */
    public static MlpConfig defaults() {
        return cathode().withWeightDecay(5e-5).withDropout(0.2);
    }

    /** A named recipe: {@code default} ({@link #defaults()}) or {@code cathode} ({@link #cathode()}). */
    public static MlpConfig preset(String name) {
        return switch (name) {
            case "default" -> defaults();
            case "cathode" -> cathode();
            default -> throw new InvalidConfigException("classifier.preset", "unknown MLP preset '" + name + "'",
                    "valid presets: " + PRESETS);
        };
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    public MlpConfig withSeed(long s) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, s, selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withEpochs(int e, int ensemble) {
        return new MlpConfig(hidden, e, batchSize, learningRate, ensemble, validationFraction, balanceClasses, seed,
                selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withHidden(int... h) {
        return new MlpConfig(h, epochs, batchSize, learningRate, ensembleSize, validationFraction, balanceClasses,
                seed, selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withBatchSize(int b) {
        return new MlpConfig(hidden, epochs, b, learningRate, ensembleSize, validationFraction, balanceClasses, seed,
                selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withLearningRate(double lr) {
        return new MlpConfig(hidden, epochs, batchSize, lr, ensembleSize, validationFraction, balanceClasses, seed,
                selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withSelection(EnsembleSelection sel) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, sel, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withWeightDecay(double wd) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, wd, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withBalanceClasses(boolean b) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction, b, seed,
                selection, weightDecay, schedule, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withLearningRateSchedule(LearningRateSchedule sc) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, weightDecay, sc, dropout, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withDropout(double p) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, weightDecay, schedule, p, whiten, patience, smoothing,
                compression);
    }

    public MlpConfig withWhitening(boolean w) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, weightDecay, schedule, dropout, w, patience, smoothing, compression);
    }

    /** Early stopping after {@code patienceEpochs} epochs without a lower {@code window}-epoch mean validation loss. */
    public MlpConfig withEarlyStopping(int patienceEpochs, int window) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, weightDecay, schedule, dropout, whiten, patienceEpochs, window,
                compression);
    }

    /** This configuration with QAT and pruning settings ({@link Compression#of} names the keys or options). */
    public MlpConfig withCompression(Compression c) {
        return new MlpConfig(hidden, epochs, batchSize, learningRate, ensembleSize, validationFraction,
                balanceClasses, seed, selection, weightDecay, schedule, dropout, whiten, patience, smoothing, c);
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
        m.put("schedule", schedule.name());
        m.put("dropout", Double.toString(dropout));
        m.put("whiten", Boolean.toString(whiten));
        m.put("patience", Integer.toString(patience));
        m.put("smoothing", Integer.toString(smoothing));
        m.putAll(compression.toMap());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpConfig c && Arrays.equals(hidden, c.hidden) && epochs == c.epochs
                && batchSize == c.batchSize && learningRate == c.learningRate && ensembleSize == c.ensembleSize
                && validationFraction == c.validationFraction && balanceClasses == c.balanceClasses && seed == c.seed
                && selection == c.selection && weightDecay == c.weightDecay && schedule == c.schedule
                && dropout == c.dropout && whiten == c.whiten && patience == c.patience && smoothing == c.smoothing
                && compression.equals(c.compression);
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
