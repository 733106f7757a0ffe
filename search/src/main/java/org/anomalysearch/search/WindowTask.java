package org.anomalysearch.search;

import java.io.Serializable;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.results.ScanWindow;

/**
 * One window of a scan with everything its computation needs, shipped to wherever it runs (a local thread, a Spark
 * task): pure given its fields.
 *
 * @param index        the window's index in the planned list (its seed and checkpoint name derive from it)
 * @param name         its checkpoint name, e.g. window-003 or window-003-r1
 * @param sidebands    the selected events in its sidebands
 * @param signalRegion those in its signal region
 * @param spectrum     every selected event, projected to the stage's columns
 */
public record WindowTask(int index, String name, RegionSet window, EventBatch sidebands, EventBatch signalRegion,
                         EventBatch spectrum, long seed, WindowStage stage) implements Serializable {

    /** Window {@code index} of a scan of the events {@code spectrum} (projected to the stage's columns). */
    public static WindowTask of(int index, String name, RegionSet window, EventBatch spectrum, long seed,
                                WindowStage stage) {
        return new WindowTask(index, name, window, EventBatches.subset(spectrum, window::inSideband),
                EventBatches.subset(spectrum, window::inSignal), spectrum, seed, stage);
    }

    /** The window's result. */
    public ScanWindow run() {
        return stage.run(window, sidebands, signalRegion, spectrum, seed);
    }
}
