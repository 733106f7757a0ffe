package org.anomalysearch.core.stats;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Background-only pseudo-experiments: independent Poisson fluctuations of expected bin counts. Toy {@code i} of a
 * run with master seed {@code m} uses a Well19937c generator seeded with
 * {@code Seeds.derive(m, "bumphunt.toys", i)} and Commons Math's exact Poisson sampler, so any toy can be made
 * alone, on any executor, with the same counts on every JVM (pure Java arithmetic, no platform RNG).
 */
public final class Toys {
    /** The seed name under the master seed. */
    public static final String SEED_NAME = "bumphunt.toys";

    private Toys() {
    }

    /** The seed of toy {@code index}. */
    public static long seed(long masterSeed, int index) {
        return Seeds.derive(masterSeed, SEED_NAME, index);
    }

    /**
     * Toy {@code index}: per bin a Poisson count with mean {@code expected[i]} (0 for a mean of 0).
     *
     * @throws InvalidInputException if an expectation is negative or not finite, or index &lt; 0
     */
    public static double[] generate(double[] expected, long masterSeed, int index) {
        if (index < 0) {
            throw new InvalidInputException("toys", "index", "toy indices start at 0, got " + index, null);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(expected[i] >= 0) || !Double.isFinite(expected[i])) {
                throw new InvalidInputException("toys", "expected", "bin " + i + " expects " + expected[i]
                        + "; expectations must be finite and >= 0", null);
            }
        }
        RandomGenerator rng = new Well19937c(seed(masterSeed, index));
        double[] out = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            out[i] = poisson(rng, expected[i]);
        }
        return out;
    }

    /** One Poisson draw (exact; Commons Math's algorithm on the given generator). */
    static long poisson(RandomGenerator rng, double mean) {
        if (mean == 0) {
            return 0;
        }
        return new PoissonDistribution(rng, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }
}
