package org.anomalysearch.jobs.spark;

import java.io.Serializable;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;

/**
 * The per-window stage of the scan, run in a Spark task for each signal-region hypothesis. The density-model +
 * CWoLa implementation plugs in here: fit the density model on {@code sidebands}, sample into the signal region,
 * train the k-fold CWoLa ensemble (samples against {@code signalRegion}), score and select at the configured
 * efficiencies, and return the selected counts with the expected background and local significance.
 *
 * <p>Implementations must be {@link Serializable} (they are shipped to executors) and deterministic given
 * {@code seed}: the run's reproducibility (same seed, same {@code results.json}) rests on it.
 */
@FunctionalInterface
public interface WindowStage extends Serializable {

    /**
     * @param window       the signal region and its sidebands
     * @param sidebands    the selected events in either sideband
     * @param signalRegion the selected events in the signal region
     * @param seed         this window's seed ({@code Seeds.derive(master, "window", index)})
     */
    WindowResult run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed);

    /** A short name recorded in results.json and in the checkpoints' inputs hash (default: the class name). */
    default String name() {
        return getClass().getName();
    }
}
