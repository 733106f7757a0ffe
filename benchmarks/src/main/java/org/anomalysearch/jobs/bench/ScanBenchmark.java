package org.anomalysearch.jobs.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.ToyExecutor;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.search.EventBatches;
import org.anomalysearch.search.ScanRunner;
import org.anomalysearch.search.WorkerProcesses;
import org.anomalysearch.search.ScanSignificance;

/**
 * The density + CWoLa scan on ../shared/data/dijet_pythia: QCD ({@code qcd_full_*}) plus the 3.5 TeV signal
 * ({@code signal_3500_500_100_000}) injected at the given S/B in the 3.3-3.7 TeV SR, scanned with
 * {@link CwolaWindowStage} over sliding SR windows. Prints per window and efficiency the selected SR count, the
 * sideband fit of the selected spectrum (b +- db, local Z: the primary significance), the template-method Z
 * (diagnostic), the classifier's max SIC on the SR data (truth labels), then the global significance from
 * background-only toys. In the 3.3-3.7 TeV window (the range of {@code qcd_inner_000}) the same classifier is also
 * trained against the true SR background (the idealized anomaly detector, 40,000 events) and against the density
 * model's samples cut to the same number, so the SICs compare at one template size. Runs the stage directly on a
 * the run's ScanRunner with worker JVMs (no Spark): the same scan as {@code run --stage cwola}.
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
     * @param settings      the stage settings (the search section)
     * @param threads       windows computed at once, and toy threads
     */
    public static String run(Path dataDir, int files, double sOverB, double srLo, double srHiMax, double width,
                             double step, double sidebandWidth, SearchConfig settings,
                             FitConfig fit, int threads, long seed)
            throws Exception {
        long t0 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        InjectedData injected = InjectedData.load(dataDir, files, sOverB, new Region(3300,
                3700), Seeds.derive(seed, "bench.scan.signal"));
        EventBatch all = injected.events();
        out.append(injected.summary());

        List<RegionSet> windows = new ArrayList<>();
        for (double lo = srLo; lo + width <= srHiMax + 1e-9; lo += step) {
            windows.add(RegionSet.around(lo, lo + width, sidebandWidth, sidebandWidth));
        }
        CwolaWindowStage stage = new CwolaWindowStage(settings, fit);
        EventBatch spec = EventBatches.project(all, stage.columns());
        FitRange range = FitRange.resolve("bench scan",
                spec.column("mjj"), fit, srLo);
        stage = stage.prepare(spec, windows, range.lo());
        for (RegionSet w : windows) {
            String why = stage.skipReason(w, spec);
            if (why != null) {
                throw new AnalysisException("bench scan: window SR " + w.signal()
                        + " cannot be computed: " + why, "move --range up");
            }
        }
        out.append("stage: ").append(stage.name()).append('\n');
        out.append(range.describe()).append('\n');
        System.out.print(out);
        System.out.flush();
        double[][] inner = TrainingSet.rows(read(dataDir.resolve("qcd_inner_000.csv.gz")),
                settings.features(), "qcd_inner");
        // the run's scan (ScanRunner, windows in worker JVMs); then, for the 3.3-3.7 TeV window, the same classifier
        // against the true SR background and against as many of the density model's samples (computed once more with
        // the window's seed: the same samples)
        PrintWriter log = new PrintWriter(System.out, true);
        List<ScanWindow> results = ScanRunner.run(stage, windows, spec, seed, "", (i, s) -> "",
                ScanRunner.Checkpoints.none(), -1, WorkerProcesses.of(threads), log).results();
        ScanWindow ideal = null;
        ScanWindow same = null;
        for (int i = 0; i < windows.size(); i++) {
            RegionSet w = windows.get(i);
            if (w.signal().lo() == 3300 && w.signal().hi() == 3700) {
                long s = ScanRunner.windowSeed(seed, i);
                EventBatch sr = EventBatches.subset(spec, w::inSignal);
                double[][] samples = stage.sample(w, EventBatches.subset(spec, w::inSideband), sr, s);
                ideal = stage.evaluate(w, sr, spec, inner, s);
                same = stage.evaluate(w, sr, spec, Arrays.copyOf(samples, Math.min(samples.length, inner.length)), s);
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-14s %8s %6s %6s", "SR [GeV]", "N_SR", "S_SR", "SIC"));
        for (double e : settings.efficiencies()) {
            table.append(String.format(Locale.ROOT, " | eff %-5s   n / b_fit +- db    (S)  Z_fit Z_tmpl", e));
        }
        table.append('\n');
        int best = 0;
        for (int i = 0; i < results.size(); i++) {
            table.append(row(results.get(i), settings));
            if (results.get(i).localZ() > results.get(best).localZ()) {
                best = i;
            }
        }
        ScanWindow b0 = results.get(best);
        table.append(String.format(Locale.ROOT, "most significant window: SR [%.0f, %.0f) GeV, local Z = %.2f at eff %s"
                + " (%s 3.5 TeV); windows with local Z >= 3: %d%n", b0.window().signal().lo(),
                b0.window().signal().hi(), b0.localZ(), b0.bestEfficiency(),
                b0.window().inSignal(3500) ? "contains" : "does NOT contain",
                results.stream().filter(r -> r.localZ() >= 3).count()));
        long tt = System.nanoTime();
        ScanSignificance.Plan plan = ScanSignificance.plan(results, settings.efficiencies(), settings.fitParams(),
                fit.gate(), Seeds.derive(seed, "scan.global"));
        ScanSignificance.Result g = ScanSignificance.of(results, settings.efficiencies(),
                ToyExecutor.threads(threads).map(settings.toys(),
                        i -> ScanSignificance.toy(plan, i)));
        table.append(String.format(Locale.ROOT, "global: smallest local p = %.3g (Z = %.2f, window %d, eff %s); "
                + "%d of %d toys as small: global p = %.4f +- %.4f, global Z = %s%.2f; trials factor %.1f -> "
                + "global Z %.2f (toys took %.1f s)%n", g.minLocalP(), g.localZ(), g.window(), g.efficiency(),
                g.global().nAtLeast(), g.global().nToys(), g.global().pValue(), g.global().pValueError(),
                g.global().zIsLowerBound() ? ">= " : "", g.global().z(), g.trialsFactor(), g.globalZTrials(),
                (System.nanoTime() - tt) / 1e9));
        if (ideal != null) {
            table.append(String.format(Locale.ROOT, "3.3-3.7 TeV, same classifier, template of %d events:%n",
                    inner.length));
            table.append("  idealized (qcd_inner_000)   ").append(row(ideal, settings));
            table.append("  density samples, same size  ").append(row(same, settings));
        }
        table.append(String.format(Locale.ROOT, "total %.1f s, %d threads, %d cores%n", (System.nanoTime() - t0) / 1e9,
                threads, Runtime.getRuntime().availableProcessors()));
        return table.toString();
    }

    private static String row(ScanWindow r, SearchConfig settings) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "[%4.0f, %4.0f)  %8d %6.0f %6.2f",
                r.window().signal().lo(), r.window().signal().hi(), r.signalRegionEvents(),
                r.labels() == null ? 0.0 : (double) r.labels().signalInSR(), r.labels() == null ? Double.NaN
                        : r.labels().sicMax()));
        for (double e : settings.efficiencies()) {
            ScanWindow.Efficiency x = r.at(e);
            t.append(String.format(Locale.ROOT, " | %6d / %7.1f +- %5.1f (%4d) %s %6.2f", x.selected(), x.expected(),
                    x.expectedError(), x.selectedSignal() == null ? 0 : x.selectedSignal(),
                    x.fitFailed() ? " fail" : String.format(Locale.ROOT, "%5.2f", x.localZ()),
                    x.template().localZ()));
        }
        return t.append('\n').toString();
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
}
