package org.anomalysearch.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

/**
 * The scan of a run, the demo and any other caller, planned once and run by a {@link WindowExecutor}: every planned
 * window is either computable (the stage says why not otherwise, and the window is listed with that reason) or
 * computed with the seed {@code Seeds.derive(seed, "window", index)}, taken from a checkpoint when one with the same
 * inputs exists, and checkpointed as soon as it finishes. One progress line per finished window, with an ETA.
 */
public final class ScanRunner {

    private ScanRunner() {
    }

    /** Where finished windows are kept; {@link #none()} for a run without checkpoints. */
    public interface Checkpoints {
        /** The window's result when a checkpoint named {@code name} with inputs {@code hash} exists. */
        Optional<ScanWindow> load(String name, String hash) throws IOException;

        /** Records a finished window. */
        void save(String name, String hash, ScanWindow result) throws IOException;

        static Checkpoints none() {
            return new Checkpoints() {
                @Override
                public Optional<ScanWindow> load(String name, String hash) {
                    return Optional.empty();
                }

                @Override
                public void save(String name, String hash, ScanWindow result) {
                    // nothing kept
                }
            };
        }
    }

    /** The inputs hash of window {@code index} computed with {@code windowSeed} (checkpoints compare it). */
    @FunctionalInterface
    public interface Hasher {
        String hash(int index, long windowSeed);
    }

    /**
     * One scan.
     *
     * @param seed     its master seed
     * @param results  the computable windows' results in planned order (all of them when complete)
     * @param hashes   their inputs hashes, same order
     * @param skipped  the windows that cannot be computed, each with index, signal region and reason
     * @param computed names of the windows computed now
     * @param loaded   names of the windows taken from checkpoints
     * @param complete false when the scan stopped early ({@code stopAfter})
     */
    public record Pass(long seed, List<ScanWindow> results, List<String> hashes, List<Scan.SkippedWindow> skipped,
                       List<String> computed, List<String> loaded, boolean complete) {
    }

    /** The seed of window {@code index} in the scan with master seed {@code seed}. */
    public static long windowSeed(long seed, int index) {
        return Seeds.derive(seed, "window", index);
    }

    /** The checkpoint name of window {@code index} in the scan with name suffix {@code suffix}. */
    public static String name(int index, String suffix) {
        return String.format(Locale.ROOT, "window-%03d", index) + suffix;
    }

    /**
     * Runs the scan of {@code windows} with {@code stage} (prepared) on the events {@code spectrum} (projected to the
     * stage's columns).
     *
     * @param suffix    appended to the windows' checkpoint names (e.g. "-r1" for a repeat with another seed)
     * @param stopAfter compute at most this many windows now (-1: all); the pass is then incomplete
     * @param log       progress and the windows not computed (null: silent)
     */
    public static Pass run(WindowStage stage, List<RegionSet> windows, EventBatch spectrum, long seed, String suffix,
                           Hasher hasher, Checkpoints checkpoints, int stopAfter, WindowExecutor executor,
                           PrintWriter log) throws IOException {
        ScanWindow[] done = new ScanWindow[windows.size()];
        String[] hashes = new String[windows.size()];
        List<Scan.SkippedWindow> skipped = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        List<WindowTask> pending = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            RegionSet w = windows.get(i);
            String why = stage.skipReason(w, spectrum);
            if (why != null) {
                skipped.add(new Scan.SkippedWindow(i, w.signal().lo(), w.signal().hi(), why));
                continue;
            }
            long s = windowSeed(seed, i);
            hashes[i] = hasher.hash(i, s);
            Optional<ScanWindow> c = checkpoints.load(name(i, suffix), hashes[i]);
            if (c.isPresent()) {
                done[i] = c.get();
                loaded.add(name(i, suffix));
            } else {
                pending.add(WindowTask.of(i, name(i, suffix), w, spectrum, s, stage));
            }
        }
        boolean complete = true;
        if (stopAfter >= 0 && pending.size() > stopAfter) {
            pending = new ArrayList<>(pending.subList(0, stopAfter));
            complete = false;
        }
        if (log != null) {
            if (suffix.isEmpty()) {
                for (Scan.SkippedWindow s : skipped) {
                    log.printf(Locale.ROOT, "scan: %s SR [%.0f, %.0f) GeV not computed: %s%n", name(s.index(), ""),
                            s.signalLo(), s.signalHi(), s.reason());
                }
            }
            log.printf(Locale.ROOT, "scan%s: %d of %d planned windows to compute, %d from checkpoints, %d not "
                    + "computable (%s)%n", suffix, pending.size(), windows.size(), loaded.size(), skipped.size(),
                    stage.name());
            log.flush();
        }
        List<String> computed = new ArrayList<>();
        long t0 = System.nanoTime();
        int total = pending.size();
        executor.execute(pending, (task, r) -> {
            checkpoints.save(task.name(), hashes[task.index()], r);
            done[task.index()] = r;
            computed.add(task.name());
            if (log != null) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                int k = computed.size();
                log.printf(Locale.ROOT, "scan: %s SR %s: %d selected on %.1f expected, local Z = %.2f (%d of %d, "
                        + "ETA %.0f s)%n", task.name(), task.window().signal(), r.selectedEvents(),
                        r.expectedBackground(), r.localZ(), k, total, elapsed / k * (total - k));
                log.flush();
            }
        });
        List<ScanWindow> results = new ArrayList<>();
        List<String> resultHashes = new ArrayList<>();
        for (int i = 0; i < done.length; i++) {
            if (hashes[i] == null) {
                continue;
            }
            if (done[i] == null) {
                complete = false;
            } else {
                results.add(done[i]);
                resultHashes.add(hashes[i]);
            }
        }
        return new Pass(seed, results, resultHashes, skipped, computed, loaded, complete);
    }
}
