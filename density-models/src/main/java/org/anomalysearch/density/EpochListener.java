package org.anomalysearch.density;

/**
 * Receives one call after each training epoch, for progress output. The losses are those recorded in the
 * model's {@link LossHistory}: for the VAE the training and validation loss, for the GAN the critic loss and
 * the validation Wasserstein estimate.
 */
@FunctionalInterface
public interface EpochListener {

    /** Does nothing. */
    EpochListener NONE = (epoch, maxEpochs, train, validation) -> { };

    /**
     * @param epoch      the epoch just finished, from 1
     * @param maxEpochs  the configured number of epochs (early stopping may end sooner)
     * @param train      training loss of the epoch
     * @param validation validation figure of the epoch
     */
    void epochDone(int epoch, int maxEpochs, double train, double validation);
}
