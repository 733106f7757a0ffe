package org.anomalysearch.core.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.FeatureSchema;

/**
 * Config section {@code search}: the density-model + CWoLa scan over the windows of {@code regions} (when the
 * section is present, {@code anomaly-search run} runs it after the bump hunt). GeV for masses.
 *
 * <pre>
 * search:
 *   features: [mj1, dmj, tau21_j1, tau21_j2]      # classifier and density-model features (conditioned on mjj)
 *   density: {kind: flow, epochs: 0, oversampling: 4}
 *   classifier: {kind: hgb, epochs: 0, folds: 5, repeats: 1}
 *   efficiencies: [0.2, 0.05, 0.01]              # fractions of the SR data kept by the score cut
 *   fit: {params: 4, signalBins: 4}             # the range and quality gate are the top-level fit section's
 *   toys: 1000                                    # pseudo-experiments of the scan's global significance
 * </pre>
 *
 * @param features         feature columns (not mjj), each in {@link FeatureSchema#EVENT_TABLE}
 * @param densityKind      one of {@link #DENSITY_KINDS}
 * @param densityEpochs    density-model epochs, 0 for the model's default
 * @param oversampling     synthetic SR background events per SR data event, &gt;= 1
 * @param classifierKind   one of {@link #CLASSIFIER_KINDS}
 * @param classifierEpochs HGB: maximum trees; MLP: epochs; 0 for the default
 * @param folds            k of the k-fold scoring, &gt;= 2
 * @param repeats          trainings per fold (scores averaged), &gt;= 1
 * @param efficiencies     fractions of the SR data kept, each in (0, 1), distinct
 * @param fitParams        parameters of the dijet function fitted to the selected spectrum: 3, 4 or 5 (its dijet part
 *                         with {@code fit.function: dijet-turnon}, whose turn-on adds two), or 0 for auto: the F-test's
 *                         choice (at 5 %) on each selected spectrum with the SR masked, the toys' fits choosing alike
 * @param signalBins       fit bins per signal region (bin width = SR width / signalBins), &gt;= 1
 * @param toys             background-only pseudo-experiments for the scan's global significance, &gt;= 1
 * @param crossFit         two density models, each trained on half of the sideband events (halves by event id), and
 *                         two classifiers, each against one model's samples; every event of the fit range is scored
 *                         by the classifier whose samples come from the model that did not train on it (issue 15:
 *                         the cuts' sculpting, docs/fit-range.md)
 * @param crossFitFolds    with {@code crossFit}: K, the number of density models; model h is trained on all sideband
 *                         events but those of one fold of K (by event id), so each sees (K-1)/K of them, and every
 *                         event is scored by the classifier of the model that left its fold out; 2 (the halves) by
 *                         default, &gt;= 2
 * @param classifierQat    MLP: quantization-aware training at this model-wide hls4ml precision (e.g.
 *                         {@code fixed<8,3,RND,SAT>}), or {@code none}; checked when the window stage is built
 *                         (fpga-export's FixedType, not known here)
 * @param classifierPrune  MLP: the fraction of every layer's weights pruned after the epochs, in [0, 1); 0 = none
 * @param classifierFinetuneEpochs MLP: fine-tuning epochs after pruning (the ensemble comes from them)
 * @param densityInFitRange the density models are trained on the sideband events inside the fit range only (mjj at
 *                         or above the run's fit start), not on those of a sideband that reaches down into the
 *                         trigger turn-on; default false (docs/fit-range.md, session 10)
 */
public record SearchConfig(List<String> features, String densityKind, int densityEpochs, int oversampling,
                           String classifierKind, int classifierEpochs, int folds, int repeats, List<Double> efficiencies,
                           int fitParams, int signalBins, int toys, boolean crossFit,
                           int crossFitFolds, String classifierQat, double classifierPrune,
                           int classifierFinetuneEpochs, boolean densityInFitRange)
        implements Serializable {

    /** The configuration without QAT or pruning of the MLP. */
    public SearchConfig(List<String> features, String densityKind, int densityEpochs, int oversampling,
                        String classifierKind, int classifierEpochs, int folds, int repeats, List<Double> efficiencies,
                        int fitParams, int signalBins, int toys, boolean crossFit, int crossFitFolds) {
        this(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs, folds, repeats,
                efficiencies, fitParams, signalBins, toys, crossFit, crossFitFolds, "none", 0, 0, false);
    }

    static final List<String> KEYS = List.of("features", "density", "classifier", "efficiencies", "fit", "toys");
    static final List<String> DENSITY_KEYS = List.of("kind", "epochs", "oversampling", "crossFit", "crossFitFolds",
            "inFitRange");
    static final List<String> CLASSIFIER_KEYS = List.of("kind", "epochs", "folds", "repeats", "qat", "prune",
            "finetuneEpochs");
    static final List<String> FIT_KEYS = List.of("params", "signalBins");
    /** Keys of {@code search.fit} before the fit policy became one top-level section. */
    static final List<String> MOVED_FIT_KEYS = List.of("lo", "hi", "turnOnMargin");

    /**
     * Density models the scan can fit: {@code vae-classic} (the seed talk's VAE sampling: beta 0.05, latent from
     * N(0, 1), Gaussian decoder noise), {@code vae} (the density-models default: posterior bank and empirical
     * residuals, closer to the SR background), {@code gan} (WGAN-GP), {@code flow} (the conditional MAF); each also
     * with the suffix {@link #REFINED}.
     *
     * <p>The default is {@code flow}, measured on dijet_pythia (docs/scan-benchmark.md, 7 windows x 3 efficiencies):
     * QCD only, largest local Z 2.47 (no fake discovery); 1 % S/B, local Z 3.63 in 3.1-3.5 TeV and 3.55 in 3.3-3.7 TeV,
     * global Z 2.88. With {@code vae} the classifier learns the model's SR-specific interpolation error, the cut's
     * efficiency peaks in the SR and the selected spectrum shows bumps on QCD alone (local Z up to 3.51);
     * {@code vae-classic} mismodels smoothly in mjj (largest QCD-only local Z 1.23) but finds less (global Z 2.10).
     */
    public static final List<String> DENSITY_KINDS;

    /**
     * The suffix of a density kind whose model is refined by density-ratio classifiers trained in the same sidebands
     * (density-models' {@code Refinement}; docs/density-refinement.md).
     */
    public static final String REFINED = "+refined";

    static {
        List<String> base = List.of("vae-classic", "vae", "gan", "flow");
        List<String> kinds = new java.util.ArrayList<>(base);
        base.forEach(k -> kinds.add(k + REFINED));
        DENSITY_KINDS = List.copyOf(kinds);
    }

    /** Classifiers the scan can train. */
    public static final List<String> CLASSIFIER_KINDS = List.of("hgb", "mlp");

    public SearchConfig {
        features = List.copyOf(features);
        efficiencies = List.copyOf(efficiencies);
        if (features.isEmpty()) {
            throw new InvalidConfigException("search.features", "needs at least one feature",
                    "e.g. [mj1, dmj, tau21_j1, tau21_j2]");
        }
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            if (f.equals("mjj")) {
                throw new InvalidConfigException("search.features[" + i + "]", "mjj is the conditioning variable, not a "
                        + "feature of the scan", "remove mjj from search.features");
            }
            if (!FeatureSchema.EVENT_TABLE.contains(f) && FeatureSchema.ratioOf(f) == null) {
                throw new InvalidConfigException("search.features[" + i + "]", "unknown feature '" + f + "'",
                        "known features: " + String.join(", ", FeatureSchema.EVENT_TABLE.names()) + "; derived: "
                                + String.join(", ", FeatureSchema.derivedNames()));
            }
            if (features.indexOf(f) != i) {
                throw new InvalidConfigException("search.features[" + i + "]", "feature '" + f + "' is listed twice", null);
            }
        }
        if (!DENSITY_KINDS.contains(densityKind)) {
            throw new InvalidConfigException("search.density.kind", "unknown density model '" + densityKind + "'",
                    "valid kinds: " + String.join(", ", DENSITY_KINDS));
        }
        if (!CLASSIFIER_KINDS.contains(classifierKind)) {
            throw new InvalidConfigException("search.classifier.kind", "unknown classifier '" + classifierKind + "'",
                    "valid kinds: " + String.join(", ", CLASSIFIER_KINDS));
        }
        atLeast("search.density.epochs", densityEpochs, 0, "0 takes the model's default");
        atLeast("search.density.oversampling", oversampling, 1, "default 4");
        atLeast("search.classifier.epochs", classifierEpochs, 0, "0 takes the classifier's default");
        atLeast("search.classifier.folds", folds, 2, "default 5");
        atLeast("search.classifier.repeats", repeats, 1, "default 1");
        if (efficiencies.isEmpty()) {
            throw new InvalidConfigException("search.efficiencies", "needs at least one efficiency",
                    "default [0.2, 0.05, 0.01]");
        }
        for (int i = 0; i < efficiencies.size(); i++) {
            double e = efficiencies.get(i);
            if (!(e > 0 && e < 1)) {
                throw new InvalidConfigException("search.efficiencies[" + i + "]", "got " + e + ", expected a fraction "
                        + "in (0, 1)", "default [0.2, 0.05, 0.01]");
            }
            if (efficiencies.indexOf(e) != i) {
                throw new InvalidConfigException("search.efficiencies[" + i + "]", e + " is listed twice", null);
            }
        }
        if (fitParams != 0 && (fitParams < 3 || fitParams > 5)) {
            throw new InvalidConfigException("search.fit.params", "got " + fitParams + ", the dijet function has 3, 4 "
                    + "or 5 parameters", "default 4; auto lets an F-test choose");
        }
        atLeast("search.fit.signalBins", signalBins, 1, "default 4");
        atLeast("search.toys", toys, 1, "default 1000");
        atLeast("search.density.crossFitFolds", crossFitFolds, 2, "default 2 (the two halves of the sideband events)");
        classifierQat = classifierQat == null || classifierQat.isBlank() ? "none" : classifierQat.strip();
        boolean compressed = !classifierQat.equalsIgnoreCase("none") || classifierPrune != 0
                || classifierFinetuneEpochs != 0;
        if (compressed && !classifierKind.equals("mlp")) {
            throw new InvalidConfigException("search.classifier.qat", "QAT and pruning (qat, prune, finetuneEpochs) "
                    + "apply to the mlp classifier, not '" + classifierKind + "'", "set search.classifier.kind: mlp");
        }
    }

    private static void atLeast(String key, int v, int min, String hint) {
        if (v < min) {
            throw new InvalidConfigException(key, "got " + v + ", expected >= " + min, hint);
        }
    }

    /**
     * Defaults: mj1, dmj, tau21_j1, tau21_j2; the conditional flow ({@code flow}, its default epochs), 4x oversampling,
     * cross-fitted; HGB (its defaults), k = 5, one repeat; efficiencies 0.2, 0.05, 0.01; 4-parameter fit, 4 bins per
     * SR; 1000 toys.
     */
    public static SearchConfig defaults() {
        return new SearchConfig(List.of("mj1", "dmj", "tau21_j1", "tau21_j2"), "flow", 0, 4, "hgb", 0, 5, 1,
                List.of(0.2, 0.05, 0.01), 4, 4, 1000, true, 2);
    }

    public SearchConfig withFeatures(List<String> f) {
        return new SearchConfig(f, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs, folds,
                repeats, efficiencies, fitParams, signalBins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    public SearchConfig withDensity(String kind, int epochs, int over) {
        return new SearchConfig(features, kind, epochs, over, classifierKind, classifierEpochs, folds, repeats,
                efficiencies, fitParams, signalBins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    public SearchConfig withClassifier(String kind, int epochs, int k, int reps) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, kind, epochs, k, reps, efficiencies,
                fitParams, signalBins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    /** The MLP's QAT precision ({@code none}: off), pruning fraction and fine-tuning epochs. */
    public SearchConfig withClassifierCompression(String qat, double prune, int finetuneEpochs) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, fitParams, signalBins, toys, crossFit, crossFitFolds, qat, prune,
                finetuneEpochs, densityInFitRange);
    }

    public SearchConfig withEfficiencies(List<Double> e) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, e, fitParams, signalBins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    /** The selected-spectrum fit's parameters and bins per SR. */
    public SearchConfig withFit(int params, int bins) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, params, bins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    /** With or without the density model's cross-fitting ({@code density.crossFit}). */
    public SearchConfig withCrossFit(boolean on) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, fitParams, signalBins, toys, on, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    /** Cross-fitted with K density models ({@code density.crossFitFolds}, K &gt;= 2). */
    public SearchConfig withCrossFitFolds(int k) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, fitParams, signalBins, toys, true, k,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    /** Density models trained on the sideband events inside the fit range only ({@code density.inFitRange}). */
    public SearchConfig withDensityInFitRange(boolean on) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, fitParams, signalBins, toys, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, on);
    }

    public SearchConfig withToys(int n) {
        return new SearchConfig(features, densityKind, densityEpochs, oversampling, classifierKind, classifierEpochs,
                folds, repeats, efficiencies, fitParams, signalBins, n, crossFit, crossFitFolds,
                classifierQat, classifierPrune, classifierFinetuneEpochs, densityInFitRange);
    }

    static SearchConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        SearchConfig d = defaults();
        ConfigMap den = m.has("density") ? ConfigMap.of(m.key("density"), m.raw("density"), DENSITY_KEYS) : null;
        ConfigMap cls = m.has("classifier") ? ConfigMap.of(m.key("classifier"), m.raw("classifier"), CLASSIFIER_KEYS)
                : null;
        if (m.has("fit") && m.raw("fit") instanceof Map<?, ?> raw) {
            for (String k : MOVED_FIT_KEYS) {
                if (raw.containsKey(k)) {
                    throw new InvalidConfigException(m.key("fit") + "." + k, "the fit range moved to the top-level "
                            + "section fit (one range and quality gate for every bump hunt)", "write fit: {" + k
                            + ": ...} at the top level and keep only params and signalBins under search.fit");
                }
            }
        }
        ConfigMap fit = m.has("fit") ? ConfigMap.of(m.key("fit"), m.raw("fit"), FIT_KEYS) : null;
        return new SearchConfig(m.getStringList("features", d.features),
                den == null ? d.densityKind : den.getString("kind", d.densityKind).toLowerCase(Locale.ROOT),
                den == null ? d.densityEpochs : den.getInt("epochs", d.densityEpochs),
                den == null ? d.oversampling : den.getInt("oversampling", d.oversampling),
                cls == null ? d.classifierKind : cls.getString("kind", d.classifierKind).toLowerCase(Locale.ROOT),
                cls == null ? d.classifierEpochs : cls.getInt("epochs", d.classifierEpochs),
                cls == null ? d.folds : cls.getInt("folds", d.folds),
                cls == null ? d.repeats : cls.getInt("repeats", d.repeats),
                m.getDoubleList("efficiencies", d.efficiencies),
                fit == null ? d.fitParams : FitConfig.paramsOf(fit, d.fitParams),
                fit == null ? d.signalBins : fit.getInt("signalBins", d.signalBins),
                m.getInt("toys", d.toys),
                den == null ? d.crossFit : den.getBoolean("crossFit", d.crossFit),
                den == null ? d.crossFitFolds : den.getInt("crossFitFolds", d.crossFitFolds),
                cls == null ? d.classifierQat : cls.getString("qat", d.classifierQat),
                cls == null ? d.classifierPrune : cls.getDouble("prune", d.classifierPrune),
                cls == null ? d.classifierFinetuneEpochs : cls.getInt("finetuneEpochs", d.classifierFinetuneEpochs),
                den == null ? d.densityInFitRange : den.getBoolean("inFitRange", d.densityInFitRange));
    }

    /** The canonical tree (every key, fixed order). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", new ArrayList<>(features));
        Map<String, Object> den = new LinkedHashMap<>();
        den.put("kind", densityKind);
        den.put("epochs", densityEpochs);
        den.put("oversampling", oversampling);
        den.put("crossFit", crossFit);
        den.put("crossFitFolds", crossFitFolds);
        den.put("inFitRange", densityInFitRange);
        m.put("density", den);
        Map<String, Object> cls = new LinkedHashMap<>();
        cls.put("kind", classifierKind);
        cls.put("epochs", classifierEpochs);
        cls.put("folds", folds);
        cls.put("repeats", repeats);
        cls.put("qat", classifierQat);
        cls.put("prune", classifierPrune);
        cls.put("finetuneEpochs", classifierFinetuneEpochs);
        m.put("classifier", cls);
        m.put("efficiencies", new ArrayList<>(efficiencies));
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("params", fitParams == 0 ? FitConfig.AUTO : (Object) fitParams);
        fit.put("signalBins", signalBins);
        m.put("fit", fit);
        m.put("toys", toys);
        return m;
    }
}
