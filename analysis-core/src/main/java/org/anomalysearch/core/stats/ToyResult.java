package org.anomalysearch.core.stats;

import java.io.Serializable;

/**
 * The scan of one pseudo-experiment, as a Spark job maps toy indices to results.
 *
 * @param index        toy index
 * @param seed         the derived seed it used
 * @param tStatistic   BumpHunter's t = -ln(min local p)
 * @param minPValue    the smallest local p-value
 * @param bestFirstBin first bin of the window with the smallest p (-1 if none was testable)
 * @param bestLastBin  last bin of that window (inclusive)
 */
public record ToyResult(int index, long seed, double tStatistic, double minPValue, int bestFirstBin, int bestLastBin)
        implements Serializable {
}
