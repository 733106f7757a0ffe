package org.anomalysearch.results;

import java.util.List;

/**
 * A run's results.json (schema version {@value #SCHEMA_VERSION}), the same structure for {@code run} and the demo;
 * every field and its unit is listed in docs/results-schema.md. Absent parts (a stage that did not run) are null and
 * left out of the file; NaN numbers are written as null and read back as NaN. Written and read by
 * {@link ResultsCodec} only.
 *
 * @param schemaVersion  {@value #SCHEMA_VERSION}
 * @param run            the run's name (its directory's name)
 * @param seed           the master seed
 * @param configSha256   SHA-256 of the canonical config
 * @param input          the input the run selected events from (run only; the demo generates its events)
 * @param generate       the synthetic data set (demo only)
 * @param select         the selection
 * @param bumpHunt       the inclusive bump hunt (null when it failed on the data set, see {@code bumpHuntSummary})
 * @param bumpHuntSummary one line on the bump hunt, or why it failed (demo)
 * @param signalRegion   the configured signal region's tests on the inclusive spectrum (demo)
 * @param scan           the density model + CWoLa scan (null without a window stage)
 * @param plots          plot files, relative to the run directory
 * @param outputs        every file the run wrote, relative to the run directory (demo)
 */
public record RunResults(int schemaVersion, String run, long seed, String configSha256, String input,
                         Generate generate, Select select, BumpHunt bumpHunt, String bumpHuntSummary,
                         SignalRegion signalRegion, Scan scan, List<String> plots, List<String> outputs) {

    /** The layout this version writes and reads. */
    public static final int SCHEMA_VERSION = 2;

    /** The same results with {@code more} appended to {@link #outputs()}. */
    public RunResults withMoreOutputs(java.util.Collection<String> more) {
        List<String> all = new java.util.ArrayList<>(outputs == null ? List.of() : outputs);
        all.addAll(more);
        return new RunResults(schemaVersion, run, seed, configSha256, input, generate, select, bumpHunt,
                bumpHuntSummary, signalRegion, scan, plots, List.copyOf(all));
    }

    /** @param events events generated */
    public record Generate(long events) {
    }

    /**
     * @param eventsIn  events read
     * @param eventsOut events passing the selection
     * @param cutFlow   the cut-flow (null when the input was selected already)
     */
    public record Select(long eventsIn, long eventsOut, CutFlow cutFlow) {
    }

    /** @param total events before the first cut; {@code cuts} in order */
    public record CutFlow(long total, List<Cut> cuts) {
    }

    /** @param cut its name; {@code passed} events passing it and every cut before */
    public record Cut(String cut, long passed) {
    }

    /**
     * The configured signal region on the inclusive spectrum.
     *
     * @param counting    counting experiment, Z0 without background uncertainty
     * @param sidebandFit the fit with the SR bins masked, profile likelihood (local)
     */
    public record SignalRegion(Counting counting, BumpHunt.MaskedFit sidebandFit) {
    }

    /**
     * @param observed events in the SR
     * @param expected the masked fit's SR prediction
     * @param z0       the counting Z0 (no background uncertainty)
     */
    public record Counting(double observed, double expected, double z0) {
    }
}
