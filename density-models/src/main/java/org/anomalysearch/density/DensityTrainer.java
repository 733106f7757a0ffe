package org.anomalysearch.density;

/**
 * Configuration and algorithm of a density model; {@link #fit} returns an immutable {@link DensityModel}.
 * Deterministic on CPU: the same data, configuration and seed give the same model.
 */
public interface DensityTrainer {

    /** The kind of model this trainer produces. */
    String kind();

    /** Fits the model on sideband data; component seeds are derived from {@code seed} by name. */
    default DensityModel fit(SidebandData data, long seed) {
        return fit(data, seed, EpochListener.NONE);
    }

    /** As {@link #fit(SidebandData, long)}, calling {@code listener} after every epoch. */
    DensityModel fit(SidebandData data, long seed, EpochListener listener);
}
