package org.anomalysearch.search;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.results.Scan;

/**
 * The scan's reach at the low end of the mass range. A grid of fixed-width windows (start {@code regions.scan.lo},
 * step {@code regions.scan.step}) has its first computable window wherever the grid happens to fall above the fit
 * range's start: with the default grid (SRs from 2600 GeV every 200 GeV) and the fit starting at 3100 GeV on Pythia QCD,
 * the lowest computable SR is 3400-3800 GeV, although the fit allows SRs from 3300 GeV (two fit bins below the SR), and a
 * resonance between the fit's start and 3400 GeV (the 3.5 TeV signal reconstructs at a median 3380 GeV) is only partly
 * inside any window.
 *
 * <p>When the configured windows reach below the lowest SR start the prepared stage accepts
 * ({@link WindowStage#lowestSignalStart}) and the grid misses it, the scan adds one window of the grid's width and
 * sidebands there. It is appended to the plan, so the configured windows keep their indices, seeds and checkpoints; the
 * run lists it with the reason ({@code scan.addedWindows} of results.json) and its tests enter the global
 * significance like every other window's.
 */
public final class ScanCoverage {

    private ScanCoverage() {
    }

    /** The planned windows, with the added one (if any) appended; {@code added} receives its entry. */
    public static List<RegionSet> withLowestWindow(WindowStage stage, List<RegionSet> planned, EventBatch spectrum,
                                                   List<Scan.AddedWindow> added, PrintWriter log) {
        Optional<Addition> low = lowestWindow(stage, planned, spectrum);
        if (low.isEmpty()) {
            return planned;
        }
        RegionSet w = low.get().window();
        List<RegionSet> out = new ArrayList<>(planned);
        out.add(w);
        String reason = String.format(Locale.ROOT, "the lowest SR the fit range allows (%.0f GeV): the configured "
                + "grid's first computable SR starts %s", w.signal().lo(), low.get().firstComputable()
                .map(f -> String.format(Locale.ROOT, "at %.0f GeV", f.signal().lo())).orElse("nowhere"));
        added.add(new Scan.AddedWindow(planned.size(), w.signal().lo(), w.signal().hi(), reason));
        if (log != null) {
            log.printf(Locale.ROOT, "scan: %s SR [%.0f, %.0f) GeV added: %s%n", ScanRunner.name(planned.size(), ""),
                    w.signal().lo(), w.signal().hi(), reason);
            log.flush();
        }
        return out;
    }

    /** The window to add and the configured grid's first computable window (empty if none is). */
    record Addition(RegionSet window, Optional<RegionSet> firstComputable) {
    }

    /**
     * The window to add, or empty: the planned windows must share one SR width and one pair of sideband widths (a
     * linear grid), start at or below the stage's lowest SR start s, and have no window starting at s; the window
     * [s, s + width) must lie below the planned grid's first computable SR and be computable itself.
     */
    static Optional<Addition> lowestWindow(WindowStage stage, List<RegionSet> planned, EventBatch spectrum) {
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        RegionSet first = planned.get(0);
        double width = first.signal().width();
        double lowSb = first.lowSideband().width();
        double highSb = first.highSideband().width();
        double eps = 1e-6 * Math.max(1, width);
        double top = Double.NEGATIVE_INFINITY;
        for (RegionSet w : planned) {
            if (Math.abs(w.signal().width() - width) > eps || Math.abs(w.lowSideband().width() - lowSb) > eps
                    || Math.abs(w.highSideband().width() - highSb) > eps) {
                return Optional.empty(); // not one fixed-width grid (log spacing)
            }
            top = Math.max(top, w.signal().hi());
        }
        double s = stage.lowestSignalStart(width);
        if (Double.isNaN(s) || first.signal().lo() > s + eps || s + width > top + eps) {
            return Optional.empty();
        }
        for (RegionSet w : planned) {
            if (Math.abs(w.signal().lo() - s) <= eps) {
                return Optional.empty();
            }
        }
        Optional<RegionSet> computable = firstComputable(stage, planned, spectrum);
        if (computable.isPresent() && computable.get().signal().lo() < s + eps) {
            return Optional.empty();
        }
        RegionSet candidate = RegionSet.around(s, s + width, lowSb, highSb);
        return stage.skipReason(candidate, spectrum) == null ? Optional.of(new Addition(candidate, computable))
                : Optional.empty();
    }

    private static Optional<RegionSet> firstComputable(WindowStage stage, List<RegionSet> planned,
                                                       EventBatch spectrum) {
        RegionSet best = null;
        for (RegionSet w : planned) {
            if ((best == null || w.signal().lo() < best.signal().lo()) && stage.skipReason(w, spectrum) == null) {
                best = w;
            }
        }
        return Optional.ofNullable(best);
    }
}
