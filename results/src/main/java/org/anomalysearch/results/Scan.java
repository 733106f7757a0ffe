package org.anomalysearch.results;

import java.util.List;

/**
 * The density model + CWoLa scan's entry of results.json: every planned window is either computed (in
 * {@code windows}) or listed with the reason it was not ({@code skippedWindows}); a window the scan added to the plan
 * (the lowest one the fit range allows, below the planned grid's first computable one) is listed with the reason in
 * {@code addedWindows}.
 *
 * @param windowStage           the window stage's name (its settings)
 * @param windows               the computed windows in planned order
 * @param mostSignificantWindow index into {@code windows} of the highest headline local Z (-1 when none)
 * @param plannedWindows        windows planned
 * @param computedWindows       windows computed
 * @param skippedWindows        windows not computed, with the reason
 * @param addedWindows          windows added to the plan by the scan (appended after the configured ones), with the reason
 * @param global                the scan's global significance (null without toys)
 * @param seeds                 the scan repeated with several seeds (null for one seed)
 * @param summary               one line on the scan (demo)
 * @param chosen                the chosen window's kept models and plots (null when none was kept)
 */
public record Scan(String windowStage, List<ScanWindow> windows, int mostSignificantWindow, int plannedWindows,
                   int computedWindows, List<SkippedWindow> skippedWindows, List<AddedWindow> addedWindows,
                   Global global, SeedBand seeds, String summary, Chosen chosen) {

    /** A scan of {@code windows} (computed) and {@code skipped} of {@code planned} planned windows, without seeds. */
    public static Scan of(String windowStage, List<ScanWindow> windows, int planned, List<SkippedWindow> skipped,
                          Global global) {
        return of(windowStage, windows, planned, skipped, List.of(), global);
    }

    /** As above, {@code added} of the planned windows added by the scan ({@link AddedWindow}). */
    public static Scan of(String windowStage, List<ScanWindow> windows, int planned, List<SkippedWindow> skipped,
                          List<AddedWindow> added, Global global) {
        int best = -1;
        for (int i = 0; i < windows.size(); i++) {
            if (best < 0 || windows.get(i).localZ() > windows.get(best).localZ()) {
                best = i;
            }
        }
        return new Scan(windowStage, windows, best, planned, windows.size(), skipped, added, global, null, null, null);
    }

    /** The same scan with {@code seeds} and {@code summary}. */
    public Scan with(SeedBand seeds, String summary) {
        return new Scan(windowStage, windows, mostSignificantWindow, plannedWindows, computedWindows, skippedWindows,
                addedWindows, global, seeds, summary, chosen);
    }

    /** The same scan with the chosen window's kept models and plots. */
    public Scan withChosen(Chosen kept) {
        return new Scan(windowStage, windows, mostSignificantWindow, plannedWindows, computedWindows, skippedWindows,
                addedWindows, global, seeds, summary, kept);
    }

    /**
     * The chosen (globally most significant) window, kept: its models and plots, paths relative to the run directory.
     *
     * @param window       its index in the planned list
     * @param signalRegion its SR [GeV]
     * @param densityModel the density model's directory
     * @param classifier   the k-fold classifier's directory (a {@code classify train} model directory)
     * @param plots        its plot files
     */
    public record Chosen(int window, double[] signalRegion, String densityModel, String classifier,
                         List<String> plots) {
    }

    /**
     * @param index     the window's index in the plan
     * @param signalLo  its SR's lower edge [GeV]
     * @param signalHi  its SR's upper edge [GeV]
     * @param reason    why the stage cannot compute it
     */
    public record SkippedWindow(int index, double signalLo, double signalHi, String reason) {
    }

    /**
     * A window the scan added to the configured plan (after it: the configured windows keep their indices and seeds).
     *
     * @param index     the window's index in the plan
     * @param signalLo  its SR's lower edge [GeV]
     * @param signalHi  its SR's upper edge [GeV]
     * @param reason    why it was added
     */
    public record AddedWindow(int index, double signalLo, double signalHi, String reason) {
    }

    /**
     * The scan's global significance: the smallest local p over windows x efficiencies against background-only toys.
     *
     * @param statistic           the test statistic, in words
     * @param minLocalP           the data's smallest local p (1 when no fit converged)
     * @param localZ              its Z
     * @param window              its window (index into the scan's windows, -1 when none)
     * @param efficiency          its efficiency (NaN when none)
     * @param toys                toys
     * @param toysAtLeast         toys whose smallest p is at most the data's
     * @param globalP             global p-value
     * @param globalPError        its binomial uncertainty
     * @param globalZ             global significance
     * @param globalZIsLowerBound no toy reached the data: globalZ is a lower bound
     * @param trialsFactor        effective number of independent tests from the toys
     * @param globalPTrials       1 - (1 - minLocalP)^trialsFactor
     * @param globalZTrials       its Z
     * @param method              how the toys are made
     * @param empiricalNull       the empirical-null cross-check (null with fewer than 8 tests)
     */
    public record Global(String statistic, double minLocalP, double localZ, int window, double efficiency, int toys,
                         int toysAtLeast, double globalP, double globalPError, double globalZ,
                         boolean globalZIsLowerBound, double trialsFactor, double globalPTrials, double globalZTrials,
                         String method, EmpiricalNull empiricalNull) {
    }

    /**
     * @param tests               (window, efficiency) tests with an accepted fit
     * @param median              their signed local Z's median
     * @param sigma               their robust spread (1.4826 MAD)
     * @param minLocalP           the smallest standardised local p
     * @param localZ              its Z
     * @param globalP             its global p-value from the same toys
     * @param globalZ             its global Z
     * @param globalZIsLowerBound globalZ is a lower bound
     * @param method              how the tests are standardised
     */
    public record EmpiricalNull(int tests, double median, double sigma, double minLocalP, double localZ,
                                double globalP, double globalZ, boolean globalZIsLowerBound, String method) {
    }

    /**
     * The scan repeated with several seeds: per window and for the scan the values, median and 68 % band (16th and
     * 84th percentiles); the first seed is the run's own.
     *
     * @param seeds   the master seeds of the repeats
     * @param windows per computed window
     * @param global  for the scan (null when a repeat had no global significance)
     */
    public record SeedBand(List<Long> seeds, List<WindowBand> windows, GlobalBand global) {
    }

    /** @param signalRegion [lo, hi] GeV; {@code localZ} per seed, their median and [16 %, 84 %] band */
    public record WindowBand(double[] signalRegion, double[] localZ, double localZMedian, double[] localZBand68) {
    }

    /** The scan's smallest-p local Z and global Z per seed, with median and [16 %, 84 %] band. */
    public record GlobalBand(double[] localZ, double localZMedian, double[] localZBand68, double[] globalZ,
                             double globalZMedian, double[] globalZBand68) {
    }
}
