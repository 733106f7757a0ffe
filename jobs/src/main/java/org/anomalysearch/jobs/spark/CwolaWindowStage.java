package org.anomalysearch.jobs.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.Prediction;
import org.anomalysearch.core.metrics.TopSelection;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.LocalSignificance;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.TemplateMethod;
import org.anomalysearch.cwola.ClassifierTrainer;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.KFoldScorer;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.GanConfig;
import org.anomalysearch.density.GanTrainer;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.SignalRegionSampler;
import org.anomalysearch.density.VaeConfig;
import org.anomalysearch.density.VaeTrainer;

/**
 * The density-model + CWoLa window stage (CATHODE): fit a conditional density model of the features on the
 * window's sideband events, sample a synthetic signal-region background (mjj from a KDE of the SR data,
 * {@code oversampling} x the SR count), train a k-fold classifier of SR data (label 1) against the samples (label
 * 0), score every SR data event and every sample out of fold, and cut at the score threshold that keeps the top
 * fraction {@code eff} of the SR data, for each configured efficiency.
 *
 * <p>For each efficiency the background passing the cut is estimated with the template method: the SR count
 * times the fraction of samples passing the same threshold, with its binomial uncertainty
 * ({@link TemplateMethod}); the local Z is {@link Significance#local} with the Gaussian constraint. Data and samples
 * pass the cut by the same rule (out-of-fold score &gt;= threshold), so ties cannot favour either. The
 * {@link WindowResult}'s headline numbers are those of {@link Settings#primaryEfficiency()}; every efficiency's
 * numbers are in its metrics ({@code eff.<e>.selected}, {@code .expected}, {@code .expectedError},
 * {@code .localZ}, {@code .sampledPass}, and {@code .selectedSignal} when the events carry truth labels).
 *
 * <p>Cross-check ({@code .sidebandPass}, {@code .expectedSideband}, {@code .expectedSidebandError},
 * {@code .localZSideband}): the same estimate with the cut's efficiency measured on the sideband data, each event
 * scored by the fold models of the fold its id falls in. The template estimate is only as good as the density
 * model: where the classifier can tell the samples from background data, it ranks data above samples and the
 * template background is too small; the sideband estimate does not share that bias (it has its own, from the
 * features' correlation with mjj), so a large gap between the two flags mismodelling.
 *
 * <p>Deterministic for a seed: every random component draws from a seed derived by name from the window's seed.
 */
public final class CwolaWindowStage implements WindowStage {

    private static final long serialVersionUID = 1L;

    /**
     * DJL's PyTorch engine allows one gradient collector per process at a time, so trainings that use it (the
     * density models, the MLP) run one after another within a JVM; the rest of a window (sampling, HGB, selection)
     * runs concurrently with other windows' tasks.
     */
    private static final Object DJL_TRAINING = new Object();

    /** The default features: mj1, dmj, tau21_j1, tau21_j2 (conditioned on mjj). */
    public static final List<String> DEFAULT_FEATURES = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");

    /** The default selection efficiencies on the SR data. */
    public static final List<Double> DEFAULT_EFFICIENCIES = List.of(0.2, 0.05, 0.01);

    /** Density model kinds. */
    public enum DensityKind {
        /** The conditional VAE ({@link VaeTrainer}). */
        VAE,
        /** The conditional WGAN-GP ({@link GanTrainer}). */
        GAN
    }

    /** Classifier kinds. */
    public enum ClassifierKind {
        /** Histogram gradient-boosted trees ({@link HgbTrainer}): fast and robust, the default. */
        HGB,
        /** The CATHODE MLP ({@link MlpTrainer}). */
        MLP
    }

    /**
     * The stage's settings.
     *
     * @param features          feature columns modelled and classified (conditioned on mjj)
     * @param density           density model kind
     * @param densityEpochs     density model epochs (0: the model's default)
     * @param oversampling      synthetic SR background events per SR data event
     * @param classifier        classifier kind
     * @param classifierEpochs  HGB: maximum trees; MLP: epochs (0: the classifier's default)
     * @param folds             k of the k-fold scoring, &gt;= 2
     * @param repeats           trainings per fold with different seeds (scores averaged), &gt;= 1
     * @param efficiencies      fractions of SR data kept by the cuts, each in (0, 1)
     * @param primaryEfficiency the efficiency whose numbers are the window's headline result (one of them)
     */
    public record Settings(List<String> features, DensityKind density, int densityEpochs, int oversampling,
                           ClassifierKind classifier, int classifierEpochs, int folds, int repeats,
                           List<Double> efficiencies, double primaryEfficiency) implements Serializable {

        public Settings {
            features = List.copyOf(features);
            efficiencies = List.copyOf(efficiencies);
            if (features.isEmpty()) {
                throw new InvalidConfigException("scan.features", "is empty", "name at least one feature, e.g. mj1");
            }
            if (density == null || classifier == null) {
                throw new InvalidConfigException("scan.density/classifier", "must be set", "e.g. vae and hgb");
            }
            if (densityEpochs < 0 || classifierEpochs < 0) {
                throw new InvalidConfigException("scan.epochs", "got " + densityEpochs + " / " + classifierEpochs
                        + ", expected >= 0", "0 takes the model's default");
            }
            if (oversampling < 1) {
                throw new InvalidConfigException("scan.oversampling", "got " + oversampling + ", expected >= 1",
                        "default 4");
            }
            if (folds < 2 || repeats < 1) {
                throw new InvalidConfigException("scan.folds", "got k = " + folds + ", repeats = " + repeats
                        + ", expected k >= 2 and repeats >= 1", "default k = 5, repeats = 1");
            }
            if (efficiencies.isEmpty()) {
                throw new InvalidConfigException("scan.efficiencies", "is empty", "default 0.2, 0.05, 0.01");
            }
            for (double e : efficiencies) {
                if (!(e > 0 && e < 1)) {
                    throw new InvalidConfigException("scan.efficiencies", "got " + e + ", expected each in (0, 1)",
                            "default 0.2, 0.05, 0.01");
                }
            }
            if (!efficiencies.contains(primaryEfficiency)) {
                throw new InvalidConfigException("scan.primaryEfficiency", "got " + primaryEfficiency
                        + ", expected one of " + efficiencies, "default: the tightest efficiency");
            }
        }

        /**
         * Defaults: features mj1, dmj, tau21_j1, tau21_j2; VAE with its default epochs; 4x oversampling; HGB with
         * its defaults; k = 5, one repeat; efficiencies 0.2, 0.05, 0.01; headline at 0.01.
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_FEATURES, DensityKind.VAE, 0, SignalRegionSampler.DEFAULT_OVERSAMPLING,
                    ClassifierKind.HGB, 0, 5, 1, DEFAULT_EFFICIENCIES, 0.01);
        }

        public Settings withDensity(DensityKind kind, int epochs) {
            return new Settings(features, kind, epochs, oversampling, classifier, classifierEpochs, folds, repeats,
                    efficiencies, primaryEfficiency);
        }

        public Settings withClassifier(ClassifierKind kind, int epochs, int k) {
            return new Settings(features, density, densityEpochs, oversampling, kind, epochs, k, repeats,
                    efficiencies, primaryEfficiency);
        }

        /** The efficiencies, the headline being the smallest. */
        public Settings withEfficiencies(List<Double> effs) {
            return new Settings(features, density, densityEpochs, oversampling, classifier, classifierEpochs, folds,
                    repeats, effs, effs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        }

        public Settings withFeatures(List<String> f) {
            return new Settings(f, density, densityEpochs, oversampling, classifier, classifierEpochs, folds, repeats,
                    efficiencies, primaryEfficiency);
        }

        /** A canonical text form (part of the checkpoints' inputs hash). */
        String describe() {
            return "cwola(features=" + String.join(",", features) + ";density=" + density.name().toLowerCase(Locale.ROOT)
                    + ":" + densityEpochs + ";oversampling=" + oversampling + ";classifier="
                    + classifier.name().toLowerCase(Locale.ROOT) + ":" + classifierEpochs + ";k=" + folds + "x" + repeats
                    + ";eff=" + efficiencies + ";primary=" + primaryEfficiency + ")";
        }
    }

    private final Settings settings;

    public CwolaWindowStage(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.describe();
    }

    /** The metrics key of efficiency {@code e}: {@code eff.0.01}. */
    public static String key(double e) {
        return "eff." + e;
    }

    @Override
    public WindowResult run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed) {
        List<String> features = settings.features();
        String where = "window SR " + window.signal();
        if (signalRegion.size() < 2 * settings.folds()) {
            throw new AnalysisException(where + ": " + signalRegion.size() + " signal-region events, too few for "
                    + settings.folds() + "-fold CWoLa", "widen the windows or use more events");
        }
        if (sidebands.size() < SidebandData.MIN_EVENTS) {
            throw new AnalysisException(where + ": " + sidebands.size() + " sideband events, the density model needs "
                    + "at least " + SidebandData.MIN_EVENTS, "widen the sidebands or use more events");
        }
        // 1. density model on the sidebands
        SidebandData sb = SidebandData.fromBatch(sidebands, features, "mjj", window);
        DensityModel model;
        synchronized (DJL_TRAINING) {
            model = densityTrainer().fit(sb, Seeds.derive(seed, "scan.density"));
        }

        // 2. synthetic SR background
        double[] srMjj = signalRegion.column("mjj");
        SignalRegionSampler.Sample s = SignalRegionSampler.sample(model, srMjj, window.signal(),
                settings.oversampling(), Seeds.derive(seed, "scan.sample"));
        return evaluate(window, sidebands, signalRegion, s.x(), seed);
    }

    /**
     * Steps 3 and 4 with given background rows in place of the density model's samples (the feature columns of
     * {@link Settings#features()}): k-fold CWoLa, cuts, template background and local Z. With the true SR background
     * as {@code background} this is the idealized check of the method (benchmarks).
     */
    public WindowResult evaluate(RegionSet window, EventBatch sidebands, EventBatch signalRegion, double[][] background,
                                 long seed) {
        List<String> features = settings.features();
        record Sample(double[][] x) {
        }
        Sample s = new Sample(background);

        // 3. k-fold CWoLa: SR data (1) vs samples (0), out-of-fold scores for both
        double[][] data = TrainingSet.rows(signalRegion, features, "signal-region data");
        int n = data.length;
        int m = s.x().length;
        double[][] x = new double[n + m][];
        int[] labels = new int[n + m];
        long[] ids = new long[n + m];
        for (int i = 0; i < n; i++) {
            x[i] = data[i];
            labels[i] = 1;
            ids[i] = signalRegion.ids()[i];
        }
        for (int j = 0; j < m; j++) {
            x[n + j] = s.x()[j];
            ids[n + j] = j;
        }
        TrainingSet set = new TrainingSet(TrainingMode.CWOLA, features, x, labels, ids);
        KFoldScorer scorer = new KFoldScorer(classifierTrainer(), settings.folds(), Seeds.derive(seed, "scan.kfold"),
                settings.repeats());
        KFoldScorer.Result scored;
        if (settings.classifier() == ClassifierKind.MLP) {
            synchronized (DJL_TRAINING) {
                scored = scorer.score(set);
            }
        } else {
            scored = scorer.score(set);
        }
        double[] dataScores = java.util.Arrays.copyOfRange(scored.scores(), 0, n);
        double[] sampleScores = java.util.Arrays.copyOfRange(scored.scores(), n, n + m);

        // sideband data scored by the fold models (each event by the models of the fold its id falls in, as the
        // SR data): the cross-check background from the cut's efficiency on real, signal-free events next to the SR
        double[][] sbX = TrainingSet.rows(sidebands, features, "sideband data");
        double[] sbScores = new double[sbX.length];
        int[] perFold = new int[settings.folds()];
        for (KFoldScorer.FoldModel fm : scored.models()) {
            perFold[fm.fold()]++;
        }
        for (KFoldScorer.FoldModel fm : scored.models()) {
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            for (int i = 0; i < sbX.length; i++) {
                if (KFoldScorer.fold(sidebands.ids()[i], scored.seed(), scored.k()) == fm.fold()) {
                    rows.add(i);
                }
            }
            double[][] xs = new double[rows.size()][];
            for (int j = 0; j < xs.length; j++) {
                xs[j] = sbX[rows.get(j)];
            }
            double[] v = xs.length == 0 ? new double[0] : fm.classifier().score(xs);
            for (int j = 0; j < xs.length; j++) {
                sbScores[rows.get(j)] += v[j] / perFold[fm.fold()];
            }
        }

        // 4. cuts, template background and local Z
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("sampledEvents", (double) m);
        int[] truth = signalRegion.labels();
        boolean labelled = java.util.Arrays.stream(truth).anyMatch(l -> l == 1);
        if (labelled) {
            metrics.put("signalInSR", (double) java.util.Arrays.stream(truth).filter(l -> l == 1).count());
        }
        Prediction before = TemplateMethod.observedCount(n);
        long primarySelected = 0;
        double primaryB = Double.NaN;
        double primaryZ = Double.NaN;
        for (double eff : settings.efficiencies()) {
            double threshold = TopSelection.top(dataScores, eff).thresholds()[0];
            long selected = 0;
            long selectedSignal = 0;
            for (int i = 0; i < n; i++) {
                if (dataScores[i] >= threshold) {
                    selected++;
                    if (truth[i] == 1) {
                        selectedSignal++;
                    }
                }
            }
            long pass = 0;
            for (double v : sampleScores) {
                if (v >= threshold) {
                    pass++;
                }
            }
            // No sample passing would give b = 0 +- 0; 1 of m is a conservative stand-in (flagged in the metrics).
            long passUsed = Math.max(pass, 1);
            Prediction b = TemplateMethod.background(before, passUsed, m);
            LocalSignificance z = Significance.local(selected, b.value(), b.error(), Significance.Constraint.GAUSSIAN);
            String k = key(eff);
            long sbPass = 0;
            for (double v : sbScores) {
                if (v >= threshold) {
                    sbPass++;
                }
            }
            Prediction bSb = TemplateMethod.background(before, Math.max(sbPass, 1), sbScores.length);
            metrics.put(k + ".sidebandPass", (double) sbPass);
            metrics.put(k + ".expectedSideband", bSb.value());
            metrics.put(k + ".expectedSidebandError", bSb.error());
            metrics.put(k + ".localZSideband", Significance.local(selected, bSb.value(), bSb.error(),
                    Significance.Constraint.GAUSSIAN).z());
            metrics.put(k + ".threshold", threshold);
            metrics.put(k + ".selected", (double) selected);
            metrics.put(k + ".sampledPass", (double) pass);
            metrics.put(k + ".expected", b.value());
            metrics.put(k + ".expectedError", b.error());
            metrics.put(k + ".localZ", z.z());
            if (labelled) {
                metrics.put(k + ".selectedSignal", (double) selectedSignal);
            }
            if (eff == settings.primaryEfficiency()) {
                primarySelected = selected;
                primaryB = b.value();
                primaryZ = z.z();
            }
        }
        return new WindowResult(window, sidebands.size(), n, primarySelected, primaryB, primaryZ, metrics);
    }

    private DensityTrainer densityTrainer() {
        int e = settings.densityEpochs();
        if (settings.density() == DensityKind.GAN) {
            GanConfig c = GanConfig.defaults();
            return new GanTrainer(e > 0 ? c.withEpochs(e) : c);
        }
        VaeConfig c = VaeConfig.defaults();
        return new VaeTrainer(e > 0 ? c.withEpochs(e) : c);
    }

    private ClassifierTrainer classifierTrainer() {
        int e = settings.classifierEpochs();
        if (settings.classifier() == ClassifierKind.MLP) {
            MlpConfig c = MlpConfig.cathode();
            return new MlpTrainer(e > 0 ? c.withEpochs(e, Math.min(c.ensembleSize(), e)) : c);
        }
        HgbConfig c = HgbConfig.defaults();
        return new HgbTrainer(e > 0 ? c.withMaxIterations(e) : c);
    }

    @Override
    public String toString() {
        return name();
    }
}
