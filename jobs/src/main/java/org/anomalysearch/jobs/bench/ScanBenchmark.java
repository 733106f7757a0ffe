package org.anomalysearch.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.jobs.spark.CwolaWindowStage;
import org.anomalysearch.jobs.spark.WindowResult;

/**
 * The density + CWoLa scan on ../shared/data/dijet_pythia: QCD ({@code qcd_full_*}) plus the 3.5 TeV signal
 * ({@code signal_3500_500_100_000}) injected at the given S/B in the 3.3-3.7 TeV SR, scanned with
 * {@link CwolaWindowStage} over sliding SR windows; prints each window's local Z at each efficiency and names the
 * most significant window (at the headline efficiency). Runs the stage directly on a small thread pool (no Spark):
 * the same per-window computation as {@code run --stage cwola}.
 */
public final class ScanBenchmark {

    private ScanBenchmark() {
    }

    /**
     * @param dataDir       dijet_pythia
     * @param files         qcd_full files to read (1-4)
     * @param sOverB        injected signal in 3.3-3.7 TeV over the QCD there (0: QCD only)
     * @param srLo          first window's SR lower edge [GeV]
     * @param srHiMax       the last window's SR upper edge is at most this [GeV]
     * @param width         SR width [GeV]
     * @param step          window step [GeV]
     * @param sidebandWidth each sideband's width [GeV]
     * @param settings      the stage settings
     * @param threads       windows computed at once
     */
    public static String run(Path dataDir, int files, double sOverB, double srLo, double srHiMax, double width,
                             double step, double sidebandWidth, CwolaWindowStage.Settings settings, int threads,
                             long seed, boolean idealized) throws Exception {
        long t0 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        List<EventBatch> parts = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            parts.add(read(dataDir.resolve(String.format(Locale.ROOT, "qcd_full_%03d.csv.gz", i))));
        }
        EventBatch qcd = EventBatch.concat(parts.get(0).schema(), parts);
        long qcdSr = count(qcd.column("mjj"), 3300, 3700);
        EventBatch sig = read(dataDir.resolve("signal_3500_500_100_000.csv.gz"));
        // signal events in random order until those in the SR reach sOverB x the QCD there
        int[] order = permutation(sig.size(), Seeds.derive(seed, "bench.scan.signal"));
        long wanted = Math.round(sOverB * qcdSr);
        List<Integer> inject = new ArrayList<>();
        long inSr = 0;
        double[] sm = sig.column("mjj");
        for (int k = 0; k < order.length && inSr < wanted; k++) {
            inject.add(order[k]);
            if (sm[order[k]] >= 3300 && sm[order[k]] < 3700) {
                inSr++;
            }
        }
        if (inSr < wanted) {
            throw new AnalysisException("the signal file holds only " + inSr + " events in 3.3-3.7 TeV, " + wanted
                    + " wanted", "lower the S/B");
        }
        // one table, fresh unique ids: QCD 0..n-1, then the injected signal
        EventBatch.Builder b = new EventBatch.Builder(qcd.schema(), qcd.size() + inject.size());
        double[] row = new double[qcd.columns().length];
        long id = 0;
        for (int r = 0; r < qcd.size(); r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = qcd.columns()[c][r];
            }
            b.addRow(id++, 0, 1.0, row);
        }
        for (int r : inject) {
            for (int c = 0; c < row.length; c++) {
                row[c] = sig.columns()[c][r];
            }
            b.addRow(id++, 1, 1.0, row);
        }
        EventBatch all = b.build();
        out.append(String.format(Locale.ROOT, "data: %,d QCD events (%d files), %,d in 3.3-3.7 TeV; %,d signal injected, "
                + "%,d in the SR (S/B %.4f, S/sqrt(B) %.2f); read in %.1f s%n", qcd.size(), files, qcdSr, inject.size(),
                inSr, (double) inSr / qcdSr, inSr / Math.sqrt(qcdSr), (System.nanoTime() - t0) / 1e9));
        out.append("stage: ").append(new CwolaWindowStage(settings).name()).append('\n');
        System.out.print(out);
        System.out.flush();

        List<RegionSet> windows = new ArrayList<>();
        for (double lo = srLo; lo + width <= srHiMax + 1e-9; lo += step) {
            windows.add(RegionSet.around(lo, lo + width, sidebandWidth, sidebandWidth));
        }
        CwolaWindowStage stage = new CwolaWindowStage(settings);
        double[][] inner = null;
        if (idealized) {
            if (!(windows.size() == 1 && windows.get(0).signal().lo() == 3300 && windows.get(0).signal().hi() == 3700)) {
                throw new AnalysisException("--idealized needs the one window 3.3-3.7 TeV (qcd_inner's range)",
                        "pass --range 3300,3700 --width 400");
            }
            inner = org.anomalysearch.cwola.TrainingSet.rows(read(dataDir.resolve("qcd_inner_000.csv.gz")),
                    settings.features(), "qcd_inner");
            System.out.println("idealized: qcd_inner_000 (" + inner.length + " true SR background events) in place of "
                    + "the density model's samples");
        }
        final double[][] innerRows = inner;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Future<WindowResult>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < windows.size(); i++) {
                RegionSet w = windows.get(i);
                long s = Seeds.derive(seed, "window", i);
                futures.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    WindowResult r = innerRows != null
                            ? stage.evaluate(w, subset(all, w::inSideband), subset(all, w::inSignal), innerRows, s)
                            : stage.run(w, subset(all, w::inSideband), subset(all, w::inSignal), s);
                    System.out.printf(Locale.ROOT, "  window SR [%.0f, %.0f) done in %.1f s: local Z %.2f%n",
                            w.signal().lo(), w.signal().hi(), (System.nanoTime() - t) / 1e9, r.localZ());
                    System.out.flush();
                    return r;
                }));
            }
            List<WindowResult> results = new ArrayList<>();
            for (Future<WindowResult> f : futures) {
                results.add(f.get());
            }
            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "%-14s %8s %7s", "SR [GeV]", "N_SR", "S_SR"));
            for (double e : settings.efficiencies()) {
                table.append(String.format(Locale.ROOT, " | eff %-5s n / b_tmpl +- db (S) Z_tmpl / b_sb Z_sb", e));
            }
            table.append('\n');
            int best = 0;
            for (int i = 0; i < results.size(); i++) {
                WindowResult r = results.get(i);
                table.append(String.format(Locale.ROOT, "[%4.0f, %4.0f)  %8d %7.0f", r.window().signal().lo(),
                        r.window().signal().hi(), r.signalRegionEvents(), r.metrics().getOrDefault("signalInSR", 0.0)));
                for (double e : settings.efficiencies()) {
                    String k = CwolaWindowStage.key(e);
                    table.append(String.format(Locale.ROOT, " | %6.0f / %7.1f +- %5.1f (%4.0f) %5.2f / %7.1f %5.2f",
                            r.metrics().get(k + ".selected"), r.metrics().get(k + ".expected"),
                            r.metrics().get(k + ".expectedError"), r.metrics().getOrDefault(k + ".selectedSignal", 0.0),
                            r.metrics().get(k + ".localZ"), r.metrics().get(k + ".expectedSideband"),
                            r.metrics().get(k + ".localZSideband")));
                }
                table.append('\n');
                if (r.localZ() > results.get(best).localZ()) {
                    best = i;
                }
            }
            WindowResult b0 = results.get(best);
            table.append(String.format(Locale.ROOT, "most significant window (eff %s): SR [%.0f, %.0f) GeV, local Z = %.2f"
                    + " (%s 3.5 TeV)%n", settings.primaryEfficiency(), b0.window().signal().lo(),
                    b0.window().signal().hi(), b0.localZ(), b0.window().inSignal(3500) ? "contains" : "does NOT contain"));
            int bestSb = 0;
            String pk = CwolaWindowStage.key(settings.primaryEfficiency()) + ".localZSideband";
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).metrics().get(pk) > results.get(bestSb).metrics().get(pk)) {
                    bestSb = i;
                }
            }
            WindowResult b1 = results.get(bestSb);
            table.append(String.format(Locale.ROOT, "most significant window by the sideband-efficiency cross-check: SR "
                    + "[%.0f, %.0f) GeV, local Z = %.2f%n", b1.window().signal().lo(), b1.window().signal().hi(),
                    b1.metrics().get(pk)));
            table.append(String.format(Locale.ROOT, "total %.1f s, %d threads, %d cores%n", (System.nanoTime() - t0) / 1e9,
                    threads, Runtime.getRuntime().availableProcessors()));
            return table.toString();
        } finally {
            pool.shutdownNow();
        }
    }

    static EventBatch read(Path p) {
        try (EventSource s = EventSource.open(p)) {
            return s.readAll();
        }
    }

    static long count(double[] v, double lo, double hi) {
        long n = 0;
        for (double x : v) {
            if (x >= lo && x < hi) {
                n++;
            }
        }
        return n;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static EventBatch subset(EventBatch b, java.util.function.DoublePredicate keep) {
        double[] mjj = b.column("mjj");
        EventBatch.Builder out = new EventBatch.Builder(b.schema(), 1024);
        double[] row = new double[b.columns().length];
        for (int i = 0; i < b.size(); i++) {
            if (keep.test(mjj[i])) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = b.columns()[c][i];
                }
                out.addRow(b.ids()[i], b.labels()[i], b.weights()[i], row);
            }
        }
        return out.build();
    }
}
