package org.anomalysearch.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.metrics.WorkingPoint;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.KFoldScorer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.SignalRegionSampler;
import org.anomalysearch.search.EventBatches;
import org.anomalysearch.jobs.spark.RunJob;
import org.apache.commons.math3.stat.descriptive.rank.Median;


/**
 * The whole weakly supervised chain in one signal region, for comparing background models by the sensitivity they
 * give: on dijet_pythia with the 3.5 TeV signal injected at a given S/B in 3.3-3.7 TeV, each background model
 * (a density model trained on the sidebands and sampled into the SR, or {@code idealized}: the true SR background
 * qcd_inner) provides a template of the same size; a k-fold HGB ensemble is trained on SR data (label 1) against the
 * template (label 0), and its out-of-fold scores of the SR data events are judged with their truth labels (injected
 * signal vs QCD): max SIC (>= 25 background events passing) and AUC. Repeated over training seeds (the data and the
 * injected events are fixed); the median is reported.
 */
public final class ChainBenchmark {

    static final Region SR = new Region(3300, 3700);
    static final List<String> FEATURES = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");

    private ChainBenchmark() {
    }

    /** One row of the result: a background model's per-seed figures. */
    public record Row(String model, double[] maxSic, double[] auc, double[] seconds) {
        double medianSic() {
            return median(maxSic);
        }
    }

    /**
     * @param dataDir       dijet_pythia
     * @param files         qcd_full files (1-4)
     * @param sOverB        injected signal over QCD in the SR
     * @param sidebandWidth each sideband's width [GeV]
     * @param models        background models: density-model names understood by {@code trainers}, or "idealized"
     * @param trainers      density trainer for a model name
     * @param templateSize  template events per model (0: as many as qcd_inner holds)
     * @param seeds         training seeds (1..seeds, each derived from {@code seed})
     * @param folds         k of the k-fold classifier
     */
    public static String run(Path dataDir, int files, double sOverB, double sidebandWidth, List<String> models,
            Function<String, DensityTrainer> trainers, int templateSize, int seeds, int folds, long seed) {
        long t0 = System.nanoTime();
        InjectedData data = InjectedData.load(dataDir, files, sOverB, SR, Seeds.derive(seed, "bench.chain.signal"));
        RegionSet regions = RegionSet.around(SR.lo(), SR.hi(), sidebandWidth, sidebandWidth);
        EventBatch sb = EventBatches.subset(data.events(), regions::inSideband);
        EventBatch sr = EventBatches.subset(data.events(), regions::inSignal);
        double[][] inner = TrainingSet.rows(ScanBenchmark.read(dataDir.resolve("qcd_inner_000.csv.gz")), FEATURES,
                "qcd_inner");
        int tSize = templateSize > 0 ? templateSize : inner.length;
        if (tSize > inner.length && models.contains("idealized")) {
            throw new AnalysisException("template size " + tSize + " exceeds qcd_inner's " + inner.length + " events",
                    "use --template-size <= " + inner.length);
        }
        double[][] srX = TrainingSet.rows(sr, FEATURES, "SR data");
        int[] truth = sr.labels().clone();
        StringBuilder out = new StringBuilder();
        out.append(data.summary()).append(String.format(Locale.ROOT, "SR %s, sidebands %s: %,d sideband events, %,d SR "
                + "events (%d signal); template %,d events per model; HGB k = %d; %d training seeds; load average %.2f%n",
                SR, regions, sb.size(), sr.size(), Arrays.stream(truth).sum(), tSize, folds, seeds,
                DensityBenchmark.loadAverage()));
        System.out.print(out);
        System.out.flush();
        SidebandData sbData = SidebandData.of(FEATURES, TrainingSet.rows(sb, FEATURES, "sideband data"),
                sb.column("mjj"));
        double[] srMjj = sr.column("mjj");
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            double[] sic = new double[seeds];
            double[] auc = new double[seeds];
            double[] sec = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                long s = Seeds.derive(seed, "bench.chain.seed", k);
                long t = System.nanoTime();
                double[][] template;
                if (model.equals("idealized")) {
                    template = pick(inner, tSize, Seeds.derive(s, "template"));
                } else {
                    DensityTrainer trainer = trainers.apply(model);
                    DensityModel dm = trainer.fit(sbData, Seeds.derive(s, "density"));
                    int over = (int) Math.ceil((double) tSize / srMjj.length);
                    SignalRegionSampler.Sample smp = SignalRegionSampler.sample(dm, srMjj, SR, over,
                            Seeds.derive(s, "sample"));
                    template = pick(smp.x(), tSize, Seeds.derive(s, "template"));
                }
                double[] scores = cwolaScores(srX, sr.ids(), template, folds, Seeds.derive(s, "classifier"));
                WorkingPoint wp = ClassifierMetrics.maxSic(scores, truth, ClassifierMetrics.DEFAULT_MIN_BACKGROUND);
                sic[k] = wp.sic();
                auc[k] = ClassifierMetrics.auc(scores, truth);
                sec[k] = (System.nanoTime() - t) / 1e9;
                String line = String.format(Locale.ROOT, "  %-10s seed %d: max SIC %6.2f (TPR %.3f, %d background "
                        + "passing), AUC %.4f, %.0f s, load %.2f%n", model, k + 1, sic[k], wp.tpr(),
                        wp.backgroundPassing(), auc[k], sec[k], DensityBenchmark.loadAverage());
                out.append(line);
                System.out.print(line);
                System.out.flush();
            }
            rows.add(new Row(model, sic, auc, sec));
        }
        out.append(String.format(Locale.ROOT, "%-10s %14s %14s %28s%n", "model", "median maxSIC", "median AUC",
                "maxSIC per seed"));
        for (Row r : rows) {
            StringBuilder per = new StringBuilder();
            for (double v : r.maxSic()) {
                per.append(String.format(Locale.ROOT, " %.2f", v));
            }
            out.append(String.format(Locale.ROOT, "%-10s %14.2f %14.4f   %s%n", r.model(), r.medianSic(),
                    median(r.auc()), per.toString().strip()));
        }
        out.append(String.format(Locale.ROOT, "total %.0f s, %d cores, load average %.2f%n", (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors(), DensityBenchmark.loadAverage()));
        return out.toString();
    }

    /** Out-of-fold scores of the SR data events from a k-fold HGB trained on SR data (1) vs the template (0). */
    static double[] cwolaScores(double[][] srX, long[] srIds, double[][] template, int folds, long seed) {
        long maxId = Arrays.stream(srIds).max().orElse(0);
        TrainingSet set = TrainingSet.of(TrainingMode.CWOLA, FEATURES, srX, srIds, template,
                LongStream.range(maxId + 1, maxId + 1 + template.length).toArray());
        KFoldScorer scorer = new KFoldScorer(new HgbTrainer(HgbConfig.defaults()), folds, seed, 1);
        return Arrays.copyOf(scorer.score(set).scores(), srX.length);
    }

    /** {@code size} rows of {@code x} in a seeded random order (all of them, shuffled, when size >= x.length). */
    static double[][] pick(double[][] x, int size, long seed) {
        int[] p = ScanBenchmark.permutation(x.length, seed);
        double[][] out = new double[Math.min(size, x.length)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[p[i]];
        }
        return out;
    }

    static double median(double[] v) {
        return new Median().evaluate(v);
    }
}
