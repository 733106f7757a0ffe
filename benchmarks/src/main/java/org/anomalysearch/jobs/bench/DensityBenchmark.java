package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.EpochListener;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.density.FlowTrainer;
import org.anomalysearch.density.GanConfig;
import org.anomalysearch.density.GanTrainer;
import org.anomalysearch.density.QualityReport;
import org.anomalysearch.density.RefineConfig;
import org.anomalysearch.density.Refinement;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.SignalRegionSampler;
import org.anomalysearch.density.TwoSampleClassifier;
import org.anomalysearch.density.VaeConfig;
import org.anomalysearch.density.VaeTrainer;
import org.anomalysearch.export.plot.FeaturePanel;
import org.anomalysearch.export.plot.FeaturePlot;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.io.EventSource;


/**
 * Density-model benchmarks on ../shared/data/dijet_pythia (QCD only).
 *
 * <p>{@link #quality}: SR 3.3-3.7 TeV, sidebands of the given width on both sides, features mj1, dmj [TeV],
 * tau21_j1, tau21_j2 conditioned on mjj [TeV]. Each model is trained on the sidebands of {@code qcd_full_*},
 * sampled into the SR (mjj from a KDE of the SR mjj, 4x) and compared with {@code qcd_inner_000} (the true SR
 * background) by the classifier two-sample AUC, repeated over {@code splits} seeds (each: a different random
 * half of the inner sample and of the samples, a different classifier seed). The baseline takes the sideband
 * events themselves as the SR background. Run on the plain features and on CATHODE's correlated variant
 * (mj1 and dmj each + 0.1 x mjj, in sidebands and SR alike).
 *
 * <p>{@link #speed}: the same VAE (widths, batch, epochs, Adam) trained with DJL and with PyTorch
 * ({@code bench/density_vae_torch.py}, Debian python3-torch, one thread) on the same preprocessed data; prints
 * the time ratio and the load average.
 */
public final class DensityBenchmark {

    public static final Region SR = new Region(3.3, 3.7);
    /** The model names of {@link #quality}. */
    public static final List<String> MODELS = List.of("vae", "gan", "flow");
    static final List<String> FEATURES = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");

    private DensityBenchmark() {
    }

    /** Loaded events: features [TeV] and mjj [TeV]. */
    record Events(double[][] x, double[] mjj) {
    }

    static Events load(List<Path> files, Region keep) {
        List<double[]> rows = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        for (Path f : files) {
            try (EventSource src = EventSource.open(f)) {
                while (src.hasNext()) {
                    EventBatch b = src.next();
                    double[] mjj = b.column("mjj");
                    double[] mj1 = b.column("mj1");
                    double[] dmj = b.column("dmj");
                    double[] t1 = b.column("tau21_j1");
                    double[] t2 = b.column("tau21_j2");
                    for (int i = 0; i < b.size(); i++) {
                        double mt = mjj[i] / 1000;
                        if (keep.contains(mt)) {
                            rows.add(new double[] {mj1[i] / 1000, dmj[i] / 1000, t1[i], t2[i]});
                            m.add(mt);
                        }
                    }
                }
            }
        }
        return new Events(rows.toArray(new double[0][]), m.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double[][] shifted(double[][] x, double[] mjj, boolean shift) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            if (shift) {
                out[i][0] += 0.1 * mjj[i];
                out[i][1] += 0.1 * mjj[i];
            }
        }
        return out;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The quality benchmark; writes {@code density_quality.json} into {@code out} and returns a text summary.
     *
     * @param nFiles        how many qcd_full files to read (1-4)
     * @param sidebandWidth width of each sideband [TeV]
     * @param vaeEpochs     VAE epochs (early stopping on)
     * @param ganEpochs     GAN epochs
     * @param flow          flow configuration
     * @param models        which models to train: any of {@code vae}, {@code gan}, {@code flow}, in this order
     * @param splits        repetitions of the two-sample test
     */
    public static String quality(Path dataDir, Path out, int nFiles, double sidebandWidth, int vaeEpochs, int ganEpochs,
            FlowConfig flow, List<String> models, int splits, long seed) throws IOException {
        return quality(dataDir, out, nFiles, sidebandWidth, vaeEpochs, ganEpochs, flow, models, splits, seed, null);
    }

    /**
     * As above; with {@code refine} non-null each model is also refined ({@link Refinement}, classifiers trained on
     * the same sidebands against the model's samples) and evaluated again as {@code <kind>+refined}, so the raw
     * and the refined model are judged on the same splits in the same run.
     */
    public static String quality(Path dataDir, Path out, int nFiles, double sidebandWidth, int vaeEpochs, int ganEpochs,
            FlowConfig flow, List<String> models, int splits, long seed, RefineConfig refine) throws IOException {
        for (String m : models) {
            if (!MODELS.contains(m)) {
                throw new InvalidInputException("bench density quality", "models", "unknown model '"
                        + m + "'", "choose from " + MODELS);
            }
        }
        RegionSet regions = RegionSet.around(SR.lo(), SR.hi(), sidebandWidth, sidebandWidth);
        List<Path> full = new ArrayList<>();
        for (int i = 0; i < nFiles; i++) {
            full.add(dataDir.resolve(String.format(Locale.ROOT, "qcd_full_%03d.csv.gz", i)));
        }
        long t0 = System.nanoTime();
        Events all = load(full, regions.span());
        Events inner = load(List.of(dataDir.resolve("qcd_inner_000.csv.gz")), SR);
        List<double[]> sbX = new ArrayList<>();
        List<Double> sbM = new ArrayList<>();
        List<Double> srM = new ArrayList<>();
        for (int i = 0; i < all.mjj().length; i++) {
            if (regions.inSideband(all.mjj()[i])) {
                sbX.add(all.x()[i]);
                sbM.add(all.mjj()[i]);
            } else if (regions.inSignal(all.mjj()[i])) {
                srM.add(all.mjj()[i]);
            }
        }
        double[][] sbx = sbX.toArray(new double[0][]);
        double[] sbm = sbM.stream().mapToDouble(Double::doubleValue).toArray();
        double[] srm = srM.stream().mapToDouble(Double::doubleValue).toArray();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "density quality benchmark: %d qcd_full files, sidebands %s, %d sideband "
                + "events, %d SR events, %d inner (true SR background) events; read in %.1f s; load average %.2f%n",
                nFiles, regions, sbx.length, srm.length, inner.x().length, (System.nanoTime() - t0) / 1e9,
                loadAverage()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sidebandEvents", sbx.length);
        json.put("srEvents", srm.length);
        json.put("innerEvents", inner.x().length);
        json.put("regions", regions.toString());
        TwoSampleClassifier c2st = TwoSampleClassifier.defaults();
        for (boolean shift : new boolean[] {false, true}) {
            String variant = shift ? "correlated" : "plain";
            double[][] trainX = shifted(sbx, sbm, shift);
            double[][] innerX = shifted(inner.x(), inner.mjj(), shift);
            Map<String, Object> vj = new LinkedHashMap<>();
            SidebandData data = SidebandData.of(FEATURES, trainX, sbm);
            List<DensityTrainer> trainers = new ArrayList<>();
            if (models.contains("vae")) {
                trainers.add(new VaeTrainer(VaeConfig.defaults().withEpochs(vaeEpochs)));
            }
            if (models.contains("gan")) {
                trainers.add(new GanTrainer(GanConfig.defaults().withEpochs(ganEpochs)));
            }
            if (models.contains("flow")) {
                trainers.add(new FlowTrainer(flow));
            }
            Map<String, Object> base = aucs("baseline", variant, innerX, trainX, c2st, splits, seed, sb, 0);
            base.put("features", perFeature(innerX, trainX));
            sb.append(String.format(Locale.ROOT, "  %-10s %-13s KS per feature %s%n", variant, "baseline",
                    ksLine(innerX, trainX)));
            vj.put("baseline", base);
            plot(out, variant + "_baseline", "sideband events vs qcd_inner (" + variant + ")", innerX, trainX);
            for (DensityTrainer t : trainers) {
                long f0 = System.nanoTime();
                DensityModel model;
                try {
                    model = t.fit(data, Seeds.derive(seed, "bench.density." + t.kind()));
                } catch (AnalysisException e) {
                    // one model failing (e.g. diverging) must not lose the others' figures
                    sb.append(String.format(Locale.ROOT, "  %-10s %-13s FAILED: %s%n", variant, t.kind(), e.getMessage()));
                    vj.put(t.kind(), Map.of("failed", String.valueOf(e.getMessage())));
                    continue;
                }
                double fitS = (System.nanoTime() - f0) / 1e9;
                vj.put(t.kind(), evaluate(t.kind(), model, variant, innerX, inner.mjj(), srm, c2st, splits, seed, sb, fitS,
                        out));
                if (refine != null) {
                    long r0 = System.nanoTime();
                    DensityModel refined = Refinement.refine(model, data, refine,
                            Seeds.derive(seed, "bench.density.refine." + t.kind()), EpochListener.NONE);
                    String name = t.kind() + "+refined";
                    vj.put(name, evaluate(name, refined, variant, innerX, inner.mjj(), srm, c2st, splits, seed, sb,
                            (System.nanoTime() - r0) / 1e9, out));
                }
            }
            json.put(variant, vj);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("density_quality.json"), Json.write(json));
        sb.append(String.format(Locale.ROOT, "total wall %.0f s; load average %.2f at the end%n",
                (System.nanoTime() - t0) / 1e9, loadAverage()));
        return sb.toString();
    }

    /** Samples {@code model} into the SR and judges it against the true SR background; the JSON entry of the model. */
    private static Map<String, Object> evaluate(String name, DensityModel model, String variant, double[][] innerX,
            double[] innerMjj, double[] srm, TwoSampleClassifier c2st, int splits, long seed, StringBuilder sb,
            double fitS, Path out) throws IOException {
        SignalRegionSampler.Sample s = SignalRegionSampler.sample(model, srm, SR,
                Seeds.derive(seed, "bench.density.sample." + name));
        Map<String, Object> mj = aucs(name, variant, innerX, s.x(), c2st, splits, seed, sb, fitS);
        mj.put("features", perFeature(innerX, s.x()));
        sb.append(String.format(Locale.ROOT, "  %-10s %-13s KS per feature %s%n", variant, name,
                ksLine(innerX, s.x())));
        plot(out, variant + "_" + name, name + " samples vs qcd_inner (" + variant + ")", innerX, s.x());
        mj.put("epochs", model.provenance().get("epochsRun"));
        mj.put("provenance", model.provenance());
        if (model.hasDensity()) {
            // exact likelihood of the true SR background under the model (original units)
            double[] lp = model.logDensity(innerX, innerMjj);
            double sum = 0;
            int outside = 0;
            for (double v : lp) {
                if (v == Double.NEGATIVE_INFINITY) {
                    outside++;
                } else {
                    sum += v;
                }
            }
            double mean = sum / Math.max(1, lp.length - outside);
            mj.put("innerMeanLogDensity", mean);
            mj.put("innerOutsideBox", outside);
            sb.append(String.format(Locale.ROOT, "  %-10s %-13s mean log p(qcd_inner | mjj) %.4f (%d of %d outside "
                    + "the fitted box); ensemble epochs %s of %s run; diverged at epoch %s%n", variant, name,
                    mean, outside, lp.length, model.provenance().get("ensembleEpochs"),
                    model.provenance().get("epochsRun"), model.provenance().getOrDefault("divergedAtEpoch", "-")));
        }
        return mj;
    }

    private static Map<String, Object> aucs(String name, String variant, double[][] truth, double[][] candidate,
            TwoSampleClassifier c2st, int splits, long seed, StringBuilder sb, double fitSeconds) {
        double[] a = new double[splits];
        for (int k = 0; k < splits; k++) {
            long s = Seeds.derive(seed, "bench.density.split", k);
            a[k] = c2st.auc(half(truth, s), half(candidate, Seeds.derive(s, "candidate")), s);
        }
        double mean = 0;
        for (double v : a) {
            mean += v / splits;
        }
        double var = 0;
        for (double v : a) {
            var += (v - mean) * (v - mean) / Math.max(1, splits - 1);
        }
        sb.append(String.format(Locale.ROOT, "  %-10s %-13s two-sample AUC %.4f +- %.4f (sd over %d splits)%s%n", variant,
                name, mean, Math.sqrt(var), splits, fitSeconds > 0 ? String.format(Locale.ROOT,
                        "; fit %.0f s", fitSeconds) : ""));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", a);
        m.put("mean", mean);
        m.put("sd", Math.sqrt(var));
        if (fitSeconds > 0) {
            m.put("fitSeconds", fitSeconds);
        }
        return m;
    }

    private static String ksLine(double[][] truth, double[][] candidate) {
        StringBuilder b = new StringBuilder();
        QualityReport q = QualityReport.compare(FEATURES, truth,
                candidate, null, 0);
        for (QualityReport.FeatureComparison f : q.features()) {
            b.append(String.format(Locale.ROOT, "%s %.4f  ", f.feature(), f.ks()));
        }
        return b.toString().strip();
    }

    /** KS and W1 per feature (the histograms are in the plots). */
    private static Map<String, Object> perFeature(double[][] truth, double[][] candidate) {
        QualityReport q = QualityReport.compare(FEATURES, truth,
                candidate, null, 0);
        Map<String, Object> m = new LinkedHashMap<>();
        for (QualityReport.FeatureComparison f : q.features()) {
            m.put(f.feature(), Map.of("ks", f.ks(), "w1", f.wasserstein1()));
        }
        return m;
    }

    /** Per-feature histograms with ratio, {@code out/<name>.png}. */
    private static void plot(Path out, String name, String title, double[][] truth, double[][] candidate)
            throws IOException {
        List<FeaturePanel> panels = new ArrayList<>();
        for (int c = 0; c < FEATURES.size(); c++) {
            double[] a = new double[truth.length];
            double[] b = new double[candidate.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = truth[i][c];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = candidate[i][c];
            }
            panels.add(FeaturePanel.fromSamples(FEATURES.get(c) + (c < 2 ? " [TeV]" : ""),
                    a, b, 40));
        }
        Files.createDirectories(out);
        Plots.write(new FeaturePlot(title, "qcd_inner (true SR)",
                "candidate", panels, 2), out.resolve(name), Plots.Format.PNG);
    }

    /** A seeded random half. */
    static double[][] half(double[][] x, long seed) {
        int[] idx = new int[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[][] out = new double[x.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    /**
     * DJL vs PyTorch: trains the same VAE (hidden 64-64, latent 4, batch 256, Adam 1e-3, {@code epochs} epochs, no
     * early stopping, 20 % validation evaluated every epoch) on {@code events} sideband events with DJL and with
     * the committed PyTorch script, and reports both times and their ratio.
     */
    public static String speed(Path dataDir, Path script, int events, int epochs, int repeats, long seed) throws IOException,
            InterruptedException {
        RegionSet regions = RegionSet.around(SR.lo(), SR.hi(), 0.5, 0.5);
        Events all = load(List.of(dataDir.resolve("qcd_full_000.csv.gz")), regions.span());
        List<double[]> x = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < all.mjj().length && x.size() < events; i++) {
            if (regions.inSideband(all.mjj()[i])) {
                x.add(all.x()[i]);
                m.add(all.mjj()[i]);
            }
        }
        SidebandData data = SidebandData.of(FEATURES, x.toArray(new double[0][]),
                m.stream().mapToDouble(Double::doubleValue).toArray());
        VaeConfig cfg = VaeConfig.defaults().withEpochs(epochs).withPatience(0);
        // warm-up: engine load and JIT compilation of the Java side, one full-size epoch (PyTorch's interpreter
        // needs none); the cold figure is reported too
        long w0 = System.nanoTime();
        new VaeTrainer(cfg.withEpochs(1)).fit(data, seed);
        double coldEpoch = (System.nanoTime() - w0) / 1e9;
        Path tmp = Files.createTempFile("density-vae-", ".f32");
        try {
            int d = FEATURES.size();
            // the same data, preprocessed the same way (min-max with margin, logit, standardise), for PyTorch
            ByteBuffer buf = ByteBuffer.allocate(data.size() * (d + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] row : standardisedLogit(data)) {
                for (double v : row) {
                    buf.putFloat((float) v);
                }
            }
            Files.write(tmp, buf.array());
            double load0 = loadAverage();
            ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
            double[] djl = new double[repeats];
            double[] djlCpu = new double[repeats];
            double[] torch = new double[repeats];
            double[] torchCpu = new double[repeats];
            String outText = "";
            // alternate DJL and PyTorch so that both see the same load; the minimum is the least disturbed run
            for (int r = 0; r < repeats; r++) {
                long c0 = tmx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                new VaeTrainer(cfg).fit(data, seed);
                djl[r] = (System.nanoTime() - t0) / 1e9;
                djlCpu[r] = (tmx.getCurrentThreadCpuTime() - c0) / 1e9;
                outText = runTorch(script, tmp, data.size(), d, epochs, cfg, seed);
                torch[r] = valueOf(outText, "seconds ");
                torchCpu[r] = valueOf(outText, "cpu_seconds ");
            }
            double dMin = Arrays.stream(djl).min().orElseThrow();
            double tMin = Arrays.stream(torch).min().orElseThrow();
            double dcMin = Arrays.stream(djlCpu).min().orElseThrow();
            double tcMin = Arrays.stream(torchCpu).min().orElseThrow();
            return String.format(Locale.ROOT, "VAE speed: %d sideband events, %d epochs, hidden 64-64, latent 4, batch 256,"
                    + " Adam 1e-3, one thread, %d alternating runs each%n"
                    + "  DJL wall %s s (cold first epoch incl. engine load and JIT: %.1f s), thread CPU %s s%n"
                    + "  PyTorch wall %s s, thread CPU %s s%n"
                    + "  ratio DJL/PyTorch: wall (best of each) %.2f, CPU (best of each) %.2f (target <= 1.3); "
                    + "load average %.2f before, %.2f after%n%s", data.size(), epochs, repeats, list(djl), coldEpoch,
                    list(djlCpu), list(torch), list(torchCpu), dMin / tMin, dcMin / tcMin, load0, loadAverage(),
                    outText.strip() + "\n");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String runTorch(Path script, Path data, int n, int d, int epochs, VaeConfig cfg, long seed)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3", script.toString(),
                data.toString(), Integer.toString(n), Integer.toString(d), Integer.toString(epochs), "256", "64,64", "4",
                Double.toString(cfg.beta()), Double.toString(cfg.learningRate()), "0.2", Long.toString(seed));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String outText = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new AnalysisException("PyTorch reference failed: " + outText.strip(),
                    "install Debian's python3-torch (apt-get install -y python3-torch)");
        }
        return outText;
    }

    private static double valueOf(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        return Double.NaN;
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return sb.toString();
    }

    /**
     * Scale: one VAE fit (defaults, no early stopping) on {@code events} sideband events for {@code epochs} epochs,
     * single-threaded; reports the wall and CPU time, time per epoch, the extrapolation to {@code targetEpochs},
     * and the peak heap (sum of the heap pools' peaks, reset after loading). The events are the sideband events
     * (mjj outside the SR, any mjj) of every qcd_full file, repeated in order as often as needed to reach
     * {@code events}: the timing and memory do not depend on the values.
     */
    public static String scale(Path dataDir, int events, int epochs, int targetEpochs, long seed) throws IOException {
        return scale(dataDir, events, epochs, targetEpochs, null, seed);
    }

    /** As {@link #scale(Path, int, int, int, long)}; with a non-null {@code flow} the flow is timed instead of the VAE. */
    public static String scale(Path dataDir, int events, int epochs, int targetEpochs, FlowConfig flow, long seed)
            throws IOException {
        List<Path> full = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path f = dataDir.resolve(String.format(Locale.ROOT, "qcd_full_%03d.csv.gz", i));
            if (Files.isRegularFile(f)) {
                full.add(f);
            }
        }
        Events all = load(full, new Region(0, Double.MAX_VALUE));
        int unique = 0;
        for (double m : all.mjj()) {
            unique += SR.contains(m) ? 0 : 1;
        }
        double[][] x = new double[events][];
        double[] mjj = new double[events];
        int k = 0;
        while (k < events) {
            for (int i = 0; i < all.mjj().length && k < events; i++) {
                if (!SR.contains(all.mjj()[i])) {
                    x[k] = all.x()[i];
                    mjj[k++] = all.mjj()[i];
                }
            }
        }
        all = null;
        SidebandData data = SidebandData.of(FEATURES, x, mjj);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        double load0 = loadAverage();
        long c0 = tmx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        DensityTrainer trainer = flow != null ? new FlowTrainer(flow.withEpochs(epochs).withPatience(0))
                : new VaeTrainer(VaeConfig.defaults().withEpochs(epochs).withPatience(0));
        DensityModel model = trainer.fit(data, seed);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (tmx.getCurrentThreadCpuTime() - c0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        String what = flow != null ? String.format(Locale.ROOT, "flow %d blocks x %d units x %d layers, batch %d",
                flow.blocks(), flow.hidden(), flow.layers(), flow.batchSize()) : "VAE defaults (64-64, latent 4, batch 256)";
        return String.format(Locale.ROOT, "%s scale: %,d sideband events (%,d distinct, repeated), %d epochs, "
                + "one thread%n  wall %.1f s (%.2f s/epoch), thread CPU %.1f s; "
                + "extrapolated to %d epochs: wall %.1f min, CPU %.1f min (target <= 10 min)%n  peak heap %.0f MB of "
                + "max %.0f MB (pools' peaks summed, after loading); load average %.2f before, %.2f after; epochs run %s%n",
                what, events, unique, epochs, wall, wall / epochs, cpu, targetEpochs, wall / epochs * targetEpochs / 60,
                cpu / epochs * targetEpochs / 60, peak / 1e6, max / 1e6, load0, loadAverage(),
                model.provenance().get("epochsRun"));
    }

    /** Sideband features and mjj as CATHODE-preprocessed columns (same recipe as the model's preprocessing). */
    static double[][] standardisedLogit(SidebandData data) {
        int n = data.size();
        int d = data.dimension();
        double[][] out = new double[n][d + 1];
        for (int c = 0; c <= d; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = c < d ? data.x()[i][c] : data.mjj()[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double w = hi - lo;
            lo -= 0.01 * w;
            hi += 0.01 * w;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                double u = ((c < d ? data.x()[i][c] : data.mjj()[i]) - lo) / (hi - lo);
                double t = Math.log(u) - Math.log1p(-u);
                out[i][c] = t;
                s += t;
                s2 += t * t;
            }
            double mean = s / n;
            double sd = Math.sqrt(s2 / n - mean * mean);
            for (int i = 0; i < n; i++) {
                out[i][c] = (out[i][c] - mean) / sd;
            }
        }
        return out;
    }
}
