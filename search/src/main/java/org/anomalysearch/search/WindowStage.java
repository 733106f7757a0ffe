package org.anomalysearch.search;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.results.ScanWindow;

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
    ScanWindow run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed);

    /**
     * The window with the events of the whole mjj spectrum as well (projected to {@link #columns()}), for stages
     * that fit the selected spectrum beyond the sidebands; by default the spectrum is ignored.
     *
     * @param spectrum every selected event (the SR and sideband events included)
     */
    default ScanWindow run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, EventBatch spectrum,
                             long seed) {
        return run(window, sidebands, signalRegion, seed);
    }

    /** The columns the stage reads (mjj included), or null for all: the driver ships only these to the tasks. */
    default List<String> columns() {
        return null;
    }

    /**
     * Called on the driver once before the scan with every selected event and the windows: resolve settings that
     * depend on the data and check the windows, before any expensive work. Returns the stage to run (by default
     * this one); its {@link #name()} enters the checkpoints' hash.
     */
    default WindowStage prepare(EventBatch all, List<RegionSet> windows, double fitLo) {
        return this;
    }

    /**
     * Why the prepared stage cannot compute {@code window} (e.g. its SR lies in the trigger turn-on, or too few
     * events), or null when it can. The run lists every window it does not compute with this reason.
     *
     * @param spectrum every selected event, projected to {@link #columns()}
     */
    default String skipReason(RegionSet window, EventBatch spectrum) {
        return null;
    }

    /**
     * The lowest signal-region start [GeV] at which the prepared stage can compute a window whose SR is
     * {@code signalWidth} wide (e.g. the fit range's start plus the fit bins the masked fit needs below the SR), or
     * NaN when it has no such limit. {@link ScanCoverage} adds a window there when the planned grid misses it.
     */
    default double lowestSignalStart(double signalWidth) {
        return Double.NaN;
    }

    /** A short name recorded in results.json and in the checkpoints' inputs hash (default: the class name). */
    default String name() {
        return getClass().getName();
    }
}
