package org.anomalysearch.density;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;

/**
 * Synthetic signal-region background: mjj values from a {@link MjjKde} of the SR data's mjj, oversampled
 * ({@link #DEFAULT_OVERSAMPLING}x the SR event count, as CATHODE), and one feature row per mjj from a
 * {@link DensityModel}. Seeds {@code density.sr.mjj} and {@code density.sr.features} are derived from the
 * given seed.
 */
public final class SignalRegionSampler {

    /** CATHODE's oversampling factor. */
    public static final int DEFAULT_OVERSAMPLING = 4;

    private SignalRegionSampler() {
    }

    /** A synthetic SR background sample: mjj and feature rows. */
    public record Sample(double[] mjj, double[][] x) {
    }

    /** Samples {@code oversampling * srMjj.length} events; the SR must lie inside the model's conditioning range. */
    public static Sample sample(DensityModel model, double[] srMjj, Region signalRegion, int oversampling, long seed) {
        if (oversampling < 1) {
            throw new InvalidInputException("signal-region sampling", "oversampling", "got " + oversampling
                    + ", expected at least 1", "use 4 (CATHODE)");
        }
        Region range = model.conditioningRange();
        if (signalRegion.lo() < range.lo() || signalRegion.hi() > range.hi()) {
            throw new InvalidInputException("signal-region sampling", "mjj", "signal region " + signalRegion
                    + " is not inside the model's fitted mjj range " + range,
                    "train the model on sidebands that enclose the signal region");
        }
        MjjKde kde = MjjKde.fit(srMjj, signalRegion);
        long n = (long) oversampling * srMjj.length;
        if (n > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("signal-region sampling", "oversampling", n + " samples requested",
                    "lower the oversampling factor");
        }
        double[] mjj = kde.sample((int) n, Seeds.derive(seed, "density.sr.mjj"));
        return new Sample(mjj, model.sample(mjj, Seeds.derive(seed, "density.sr.features")));
    }

    /** With the default oversampling (4x). */
    public static Sample sample(DensityModel model, double[] srMjj, Region signalRegion, long seed) {
        return sample(model, srMjj, signalRegion, DEFAULT_OVERSAMPLING, seed);
    }
}
