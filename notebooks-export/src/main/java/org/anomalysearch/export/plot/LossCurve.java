package org.anomalysearch.export.plot;

/**
 * The training history of one run: training loss per epoch and optionally the validation loss, epochs
 * numbered from 1. The best epoch is the one with the lowest validation loss (training loss if there is no
 * validation).
 *
 * @param label      legend text of the run
 * @param train      training loss per epoch
 * @param validation validation loss per epoch (same length), or null
 */
public record LossCurve(String label, double[] train, double[] validation) {

    public LossCurve {
        Check.label(label, "loss curve label");
        train = Check.finite(label, "training loss", train);
        validation = Check.optionalFinite(label, "validation loss", validation);
        Check.sameLength(label, "validation loss", validation, "training loss", train.length);
    }

    /** Number of epochs. */
    public int epochs() {
        return train.length;
    }

    /** The best epoch, 1-based (first minimum of the validation loss, else of the training loss). */
    public int bestEpoch() {
        double[] v = validation != null ? validation : train;
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    @Override
    public double[] train() {
        return train.clone();
    }

    @Override
    public double[] validation() {
        return Check.copy(validation);
    }
}
