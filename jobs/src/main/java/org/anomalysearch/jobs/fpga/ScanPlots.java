package org.anomalysearch.jobs.fpga;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anomalysearch.export.plot.Curve;
import org.anomalysearch.export.plot.HeatMapPlot;
import org.anomalysearch.export.plot.LinePlot;
import org.anomalysearch.export.plot.PlotSpec;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.fpga.scan.ScanPoint;
import org.anomalysearch.fpga.scan.ScanResult;
import org.anomalysearch.io.AtomicOutput;

/**
 * The figures of a fixed-point precision scan in the project's plot style (JFreeChart): a heat map of the relative AUC
 * over total bits W (x) and integer bits I (y) with the chosen precision outlined, and the relative AUC against W,
 * one curve per I, with the target as a dashed line. PNG, written atomically.
 */
public final class ScanPlots {

    /** Figure size in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 640;

    private ScanPlots() {
    }

    /** The lower end of the colour and y scales: the smallest relative AUC, at least 0.5, rounded down. */
    static double lowerBound(ScanResult r) {
        double min = r.points().stream().mapToDouble(ScanPoint::relativeAuc).min().orElse(0.5);
        min = Math.max(0.5, Math.min(min, r.config().relativeAucTarget() - 0.01));
        return Math.floor(min * 100) / 100;
    }

    /** The heat map's spec. */
    public static HeatMapPlot heatMapSpec(ScanResult r) {
        int[] ws = r.config().widths();
        int[] is = r.config().integerBits();
        double[][] z = new double[ws.length][is.length];
        int[] chosen = null;
        for (int a = 0; a < ws.length; a++) {
            for (int b = 0; b < is.length; b++) {
                Optional<ScanPoint> p = r.point(ws[a], is[b]);
                z[a][b] = p.map(ScanPoint::relativeAuc).orElse(Double.NaN);
                if (p.isPresent() && r.chosen().isPresent() && r.chosen().get().equals(p.get())) {
                    chosen = new int[] {a, b};
                }
            }
        }
        double hi = Math.max(1.0, r.points().stream().mapToDouble(ScanPoint::relativeAuc).max().orElse(1));
        return new HeatMapPlot("Relative AUC = AUC(fixed) / AUC(float), ap_fixed<W,I> (" + r.config().quantization()
                + ", " + r.config().overflow() + ")", "total bits W", "integer bits I", "relative AUC", ws, is, z,
                lowerBound(r), hi, chosen, List.of(notes(r)));
    }

    /** The line plot's spec. */
    public static LinePlot linesSpec(ScanResult r) {
        int[] ws = r.config().widths();
        double lo = lowerBound(r);
        List<Curve> curves = new ArrayList<>();
        for (int i : r.config().integerBits()) {
            List<double[]> xy = new ArrayList<>();
            for (int w : ws) {
                r.point(w, i).ifPresent(p -> xy.add(new double[] {w, Math.max(lo, p.relativeAuc())}));
            }
            if (!xy.isEmpty()) {
                curves.add(Curve.of("I = " + i, xy.stream().mapToDouble(v -> v[0]).toArray(),
                        xy.stream().mapToDouble(v -> v[1]).toArray()));
            }
        }
        return new LinePlot("Relative AUC against total bits W, one curve per integer bits I", "total bits W",
                "relative AUC", curves, new double[] {1 - r.config().relativeAucTolerance(),
                    1 + r.config().relativeAucTolerance()}, List.of(String.format(Locale.ROOT,
                "points below %.2f are drawn at %.2f; dashed: the target band 1 +- %.3f; float AUC %.4f", lo, lo,
                r.config().relativeAucTolerance(), r.floatAuc())));
    }

    private static String notes(ScanResult r) {
        return r.chosen().map(p -> "outlined: the chosen " + p.type().toHls4mlString()).orElse("no precision meets the "
                + "criteria" + r.closest().map(c -> "; closest " + c.type().toHls4mlString()).orElse(""))
                + String.format(Locale.ROOT, "; float AUC %.4f", r.floatAuc());
    }

    /** Writes the heat map as PNG to {@code file}. */
    public static void heatMap(ScanResult r, Path file) throws IOException {
        png(heatMapSpec(r), file);
    }

    /** Writes the line plot as PNG to {@code file}. */
    public static void lines(ScanResult r, Path file) throws IOException {
        png(linesSpec(r), file);
    }

    private static void png(PlotSpec spec, Path file) throws IOException {
        byte[] bytes = Plots.render(spec, Plots.Format.PNG, WIDTH, HEIGHT);
        AtomicOutput.write(file, true, tmp -> Files.write(tmp, bytes));
    }
}
