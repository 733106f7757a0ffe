package org.anomalysearch.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
import org.anomalysearch.export.plot.Curve;
import org.anomalysearch.export.plot.PlotSpec;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.SignificanceScanPlot;
import org.anomalysearch.export.plot.SpectrumPlot;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

/**
 * The figures of a search, the same for {@code run}, {@code bumphunt} and the demo, written into a directory (a run's
 * {@code plots/}) as PNG and SVG: the inclusive spectrum with its background fit and pulls, the ML scan's local Z per
 * window and efficiency, and the selected spectra with their masked fits for the most significant windows. Each
 * method returns the names of the files it wrote.
 */
public final class SearchPlots {

    /** Selected spectra drawn: the windows with the largest local Z. */
    public static final int SELECTED_WINDOWS = 3;

    private SearchPlots() {
    }

    /** {@code name}: the inclusive spectrum, its fit (band: the fit's uncertainty) and pulls, without sample label. */
    public static List<String> inclusive(Path dir, String name, InclusiveBumpHunt.Result r) throws IOException {
        return inclusive(dir, name, r, "");
    }

    /** The same with the sample label ({@link org.anomalysearch.export.formats.SampleLabel}) above the plot. */
    public static List<String> inclusive(Path dir, String name, InclusiveBumpHunt.Result r, String sample)
            throws IOException {
        if (r.background() == null) {
            return List.of();
        }
        BinnedSpectrum s = r.spectrum();
        double[] expected = r.background().fit().expected();
        double[] err = r.background().fit().expectedErrors();
        double[] low = new double[expected.length];
        double[] high = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            low[i] = Math.max(expected[i] - err[i], expected[i] * 1e-3);
            high[i] = expected[i] + err[i];
        }
        String title = String.format(Locale.ROOT, "Inclusive m_jj, %d-parameter dijet fit from %.0f GeV (p = %.2g)%s",
                r.background().fit().nParams(), s.lo(), r.background().quality().pValue(),
                r.rejected() ? ": REJECTED" : "");
        SpectrumPlot plot = SpectrumPlot.of(title, s.edges(), s.counts(), expected).withFitBand(low, high)
                .withSampleLabel(sample);
        if (!r.rejected() && r.bumpHunter().data().firstBin() >= 0) {
            plot = plot.withMaskedWindow(r.windowLo(), r.windowHi());
        }
        return write(dir, plot, name);
    }

    /** scan_local_z: local Z against the SR centre, one curve per efficiency. */
    public static List<String> scan(Path dir, List<ScanWindow> windows, List<Double> efficiencies,
                                    OptionalDouble globalZ) throws IOException {
        return scan(dir, windows, efficiencies, globalZ, null);
    }

    /**
     * The same with, when {@code band} is given (per window, in the order of {@code windows}: the 16th, 50th and 84th
     * percentiles of the headline local Z over the scan's seeds), the median over seeds with its 68 % band.
     */
    public static List<String> scan(Path dir, List<ScanWindow> windows, List<Double> efficiencies,
                                    OptionalDouble globalZ, double[][] band) throws IOException {
        return scan(dir, windows, efficiencies, globalZ, false, band);
    }

    /** The same, the global Z marked as a lower bound when no toy reached the data. */
    public static List<String> scan(Path dir, List<ScanWindow> windows, List<Double> efficiencies,
                                    OptionalDouble globalZ, boolean globalZIsLowerBound, double[][] band)
            throws IOException {
        return scan(dir, windows, efficiencies, globalZ, globalZIsLowerBound, band, List.of());
    }

    /**
     * The same with the planned windows the stage could not compute shaded over their signal region's centre range
     * (from the first such centre minus half the step to the last plus half), labelled "not computed".
     */
    public static List<String> scan(Path dir, List<ScanWindow> windows, List<Double> efficiencies,
                                    OptionalDouble globalZ, boolean globalZIsLowerBound, double[][] band,
                                    List<Scan.SkippedWindow> skipped) throws IOException {
        if (windows.isEmpty()) {
            return List.of();
        }
        List<ScanWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingDouble(w -> w.window().signal().lo()));
        List<Curve> curves = new ArrayList<>();
        if (band != null) {
            int n = windows.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> windows.get(i).window().signal().lo()));
            double[] x = new double[n];
            double[] lo = new double[n];
            double[] med = new double[n];
            double[] hi = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = windows.get(order[k]).window().signal().center();
                lo[k] = band[order[k]][0];
                med[k] = band[order[k]][1];
                hi[k] = band[order[k]][2];
            }
            curves.add(new Curve("median over seeds (68 % band)", x, med, lo, hi));
        }
        for (double e : efficiencies) {
            double[] x = new double[sorted.size()];
            double[] z = new double[sorted.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = sorted.get(i).window().signal().center();
                ScanWindow.Efficiency v = sorted.get(i).at(e);
                z[i] = v == null ? 0 : v.localZ();
            }
            curves.add(Curve.of(String.format(Locale.ROOT, "efficiency %s", e), x, z));
        }
        return write(dir, new SignificanceScanPlot("ML scan: local Z of each window's selected spectrum", null,
                curves, new double[] {3, 5}, globalZ, globalZIsLowerBound, notComputedRanges(sorted, skipped)),
                "scan_local_z");
    }

    /** Each skipped window as the x range of its SR centre +- half the distance between neighbouring centres. */
    static List<double[]> notComputedRanges(List<ScanWindow> computed, List<Scan.SkippedWindow> skipped) {
        if (skipped == null || skipped.isEmpty()) {
            return List.of();
        }
        List<Double> centres = new ArrayList<>();
        computed.forEach(w -> centres.add(w.window().signal().center()));
        skipped.forEach(w -> centres.add((w.signalLo() + w.signalHi()) / 2));
        centres.sort(Double::compare);
        double step = Double.POSITIVE_INFINITY;
        for (int i = 1; i < centres.size(); i++) {
            double d = centres.get(i) - centres.get(i - 1);
            if (d > 0) {
                step = Math.min(step, d);
            }
        }
        double half = Double.isFinite(step) ? step / 2 : 0.25 * (skipped.get(0).signalHi() - skipped.get(0).signalLo());
        List<double[]> out = new ArrayList<>();
        for (Scan.SkippedWindow w : skipped) {
            double c = (w.signalLo() + w.signalHi()) / 2;
            out.add(new double[] {c - half, c + half});
        }
        return out;
    }

    /** selected_SRLO_SRHI: the selected spectrum at the best efficiency of the most significant windows. */
    public static List<String> selected(Path dir, List<ScanWindow> windows) throws IOException {
        return selected(dir, windows, "");
    }

    /** The same with the sample label above each plot. */
    public static List<String> selected(Path dir, List<ScanWindow> windows, String sample) throws IOException {
        List<ScanWindow> top = new ArrayList<>(windows);
        top.sort(Comparator.comparingDouble(ScanWindow::localZ).reversed());
        List<String> out = new ArrayList<>();
        for (ScanWindow w : top.subList(0, Math.min(SELECTED_WINDOWS, top.size()))) {
            double eff = w.bestEfficiency();
            ScanWindow.Efficiency best = w.at(eff);
            if (best == null || best.fit() == null || w.edges().length == 0) {
                continue;
            }
            double[] edges = w.edges();
            double[] counts = best.counts();
            double[] fit = best.fit().expected();
            String title = String.format(Locale.ROOT, "SR %s GeV, selected at efficiency %s: local Z = %.2f",
                    w.window().signal(), eff, w.localZ());
            out.addAll(write(dir, SpectrumPlot.of(title, edges, counts, fit).withSampleLabel(sample)
                    .withMaskedWindow(w.window().signal().lo(), w.window().signal().hi()), String.format(Locale.ROOT, "selected_%.0f_%.0f",
                    w.window().signal().lo(), w.window().signal().hi())));
        }
        return out;
    }

    static List<String> write(Path dir, PlotSpec spec, String name) throws IOException {
        Files.createDirectories(dir);
        Plots.write(spec, dir.resolve(name), Plots.Format.PNG, Plots.Format.SVG);
        return List.of(name + ".png", name + ".svg");
    }
}
