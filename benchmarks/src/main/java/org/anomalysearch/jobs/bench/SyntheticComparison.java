package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.stats.TwoSample;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.anomalysearch.core.synth.SyntheticGenerator;
import org.anomalysearch.export.plot.Overlay;
import org.anomalysearch.export.plot.OverlayGrid;
import org.anomalysearch.io.EventSource;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Compares the synthetic toy background ({@link SyntheticGenerator}, default settings) with the Pythia reference
 * {@code qcd_full_*.csv.gz}: per feature, mean, standard deviation and median of both, the KS statistic and the
 * 1-D Wasserstein distance (also divided by the reference's standard deviation), and an overlay plot of the
 * normalised densities ({@value #PLOT}.png and .svg).
 *
 * <p>Usage: {@code SyntheticComparison <pythiaDir> <outDir> [seed=1] [nEvents=300000]}.
 */
public final class SyntheticComparison {

    /** Base name of the plot files written to the output directory. */
    public static final String PLOT = "synthetic_vs_pythia";

    private SyntheticComparison() {
    }

    /** One compared quantity: a column of the event table or a derived one. */
    private record Quantity(String name, String label, Extractor f) {
    }

    private interface Extractor {
        double[] of(EventBatch b);
    }

    private static List<Quantity> quantities() {
        List<Quantity> q = new ArrayList<>();
        for (Feature f : FeatureSchema.EXTENDED.features()) {
            String unit = f.unit().isEmpty() ? "" : " [" + f.unit() + "]";
            q.add(new Quantity(f.name(), f.name() + unit, b -> b.column(f.name())));
        }
        q.add(new Quantity("pt_lead", "leading-jet pT [GeV]", b -> pt(b, 1)));
        q.add(new Quantity("deta_jj", "|eta1 - eta2|", b -> {
            double[] e1 = eta(b, 1);
            double[] e2 = eta(b, 2);
            double[] out = new double[e1.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.abs(e1[i] - e2[i]);
            }
            return out;
        }));
        return q;
    }

    private static double[] pt(EventBatch b, int jet) {
        double[] px = b.column("jet" + jet + "_px");
        double[] py = b.column("jet" + jet + "_py");
        double[] out = new double[px.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.hypot(px[i], py[i]);
        }
        return out;
    }

    private static double[] eta(EventBatch b, int jet) {
        double[] pt = pt(b, jet);
        double[] pz = b.column("jet" + jet + "_pz");
        double[] out = new double[pt.length];
        for (int i = 0; i < out.length; i++) {
            double x = pz[i] / pt[i];
            out[i] = Math.log(x + Math.sqrt(x * x + 1));
        }
        return out;
    }

    /**
     * Generates {@code nEvents} background events (default settings, {@code seed}), reads every
     * {@code qcd_full_*.csv.gz} in {@code pythiaDir}, writes the overlay plot to {@code outDir} and returns the
     * comparison table.
     */
    public static String run(Path pythiaDir, Path outDir, long seed, int nEvents) throws IOException {
        if (nEvents < 1) {
            throw new IllegalArgumentException("nEvents must be >= 1, got " + nEvents);
        }
        if (!Files.isDirectory(pythiaDir)) {
            throw new IOException("no directory " + pythiaDir + " (expected the dijet_pythia directory of ../shared/data)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(pythiaDir)) {
            files = s.filter(p -> p.getFileName().toString().matches("qcd_full_.*\\.csv\\.gz")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no qcd_full_*.csv.gz in " + pythiaDir
                    + " (expected the dijet_pythia directory of ../shared/data)");
        }
        List<EventBatch> parts = new ArrayList<>();
        for (Path f : files) {
            try (EventSource src = EventSource.open(f)) {
                parts.add(src.readAll());
            }
        }
        EventBatch ref = EventBatch.concat(parts.get(0).schema(), parts);

        GeneratorSettings settings = GeneratorSettings.defaults().withCounts(nEvents, 0);
        long t0 = System.nanoTime();
        SyntheticGenerator gen = new SyntheticGenerator(settings, seed);
        List<EventBatch> chunks = new ArrayList<>();
        Iterator<EventBatch> it = gen.batches(FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS);
        it.forEachRemaining(chunks::add);
        EventBatch toy = EventBatch.concat(FeatureSchema.EVENT_TABLE_NO_CONSTITUENTS, chunks);
        double seconds = (System.nanoTime() - t0) / 1e9;

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "synthetic (seed %d, %,d events, %.2f s) vs Pythia qcd_full (%,d events, %d files)%n",
                seed, toy.size(), seconds, ref.size(), files.size()));
        sb.append(String.format(Locale.ROOT, "%-9s %10s %10s %10s %10s %10s %10s %10s %7s %6s%n", "feature",
                "mean toy", "mean ref", "std toy", "std ref", "med toy", "med ref", "W1", "W1/std", "KS"));
        List<OverlayGrid.Panel> panels = new ArrayList<>();
        for (Quantity q : quantities()) {
            double[] a = finite(q.f().of(toy));
            double[] b = finite(q.f().of(ref));
            double sdRef = std(b);
            double w = TwoSample.wasserstein1(a, b);
            double ks = TwoSample.ks(a, b);
            sb.append(String.format(Locale.ROOT, "%-9s %10.4g %10.4g %10.4g %10.4g %10.4g %10.4g %10.4g %7.3f %6.3f%n",
                    q.name(), mean(a), mean(b), std(a), sdRef, median(a), median(b), w, w / sdRef, ks));
            double[] range = Overlay.robustRange(List.of(a, b));
            panels.add(new OverlayGrid.Panel(String.format(Locale.ROOT, "%s  (KS %.3f)", q.name(), ks), q.label(),
                    List.of(Overlay.density("Pythia qcd_full", b, range[0], range[1], 60),
                            Overlay.density("synthetic toy", a, range[0], range[1], 60))));
        }
        OverlayGrid grid = new OverlayGrid("Synthetic toy background vs Pythia 8 qcd_full (leading pT > 1.2 TeV, "
                + "|eta| < 2.5), unit-area densities", panels, 4);
        Files.createDirectories(outDir);
        grid.writePng(outDir.resolve(PLOT + ".png"), 1600, 1500);
        grid.writeSvg(outDir.resolve(PLOT + ".svg"), 1600, 1500);
        return sb.toString();
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double median(double[] v) {
        return new Median().evaluate(v);
    }

    /** {@code <pythiaDir> <outDir> [seed] [nEvents]}: prints the table. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: SyntheticComparison <pythiaDir (../shared/data/dijet_pythia)> <outDir> "
                    + "[seed=1] [nEvents=300000]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
        try {
            System.out.print(run(Path.of(args[0]), Path.of(args[1]), seed, n));
        } catch (IOException | IllegalArgumentException | AnalysisException e) {
            System.err.println("SyntheticComparison: " + e.getMessage());
            System.exit(1);
        }
    }
}
