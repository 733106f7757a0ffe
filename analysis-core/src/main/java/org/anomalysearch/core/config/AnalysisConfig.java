package org.anomalysearch.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.synth.GeneratorSettings;

/**
 * The typed configuration of an analysis run (config file schema version 1). Build it from a parsed YAML
 * tree with {@link #fromMap}: unknown keys are errors naming the dotted key path and the valid keys, missing
 * keys take the defaults below, wrong types give an {@link InvalidConfigException}. {@link #toMap()} gives
 * the canonical tree (every key, defaults filled in, fixed order), which {@code fromMap} reads back to an
 * equal config.
 *
 * <pre>
 * schemaVersion: 1          # must be 1
 * seed: 12345               # master seed (default 12345); component seeds: Seeds.derive(seed, name)
 * input: {path: ..., format: ...}        # optional section; format optional (detected)
 * selection: {nJetsMin: 2, leadingJetPtMin: 1200.0, leadingJetAbsEtaMax: 2.5}
 * jets: {algorithm: anti-kt, radius: 1.0, ptMin: 20.0}
 * regions: {signalLo: 3300.0, signalHi: 3700.0, lowSidebandWidth: 400.0, highSidebandWidth: 400.0,
 *           scan: {...}}                 # scan optional, see {@link ScanConfig}
 * features: [mjj, mj1, dmj, tau21_j1, tau21_j2]   # names of FeatureSchema.EVENT_TABLE
 * generate: {...}                        # optional section, see {@link GeneratorSettings}
 * fit: {lo: auto, hi: 7000.0, ...}       # the background fit of every bump hunt, see {@link FitConfig}
 * search: {...}                          # optional section: the density + CWoLa scan, see {@link SearchConfig}
 * </pre>
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param seed          master seed
 * @param input         the input, or null when absent
 * @param selection     event selection
 * @param jets          jet clustering
 * @param regions       signal region(s) and sidebands
 * @param features      feature names, each in {@link FeatureSchema#EVENT_TABLE}, no duplicates
 * @param generate      synthetic data settings, or null when absent
 * @param search        the density + CWoLa scan, or null when absent (the chain ends after the bump hunt)
 * @param fit           the background-fit policy (range, parameters, quality gate) of every bump hunt
 */
public record AnalysisConfig(int schemaVersion, long seed, InputConfig input, SelectionConfig selection,
                             JetConfig jets, RegionsConfig regions, List<String> features, GeneratorSettings generate,
                             SearchConfig search, FitConfig fit) {

    public static final int SCHEMA_VERSION = 1;
    public static final long DEFAULT_SEED = 12345L;
    static final List<String> KEYS = List.of("schemaVersion", "seed", "input", "selection", "jets", "regions",
            "features", "generate", "fit", "search");

    public AnalysisConfig {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidConfigException("schemaVersion", "unsupported schema version " + schemaVersion
                    + "; this version of anomaly-search reads version " + SCHEMA_VERSION, "set schemaVersion: 1");
        }
        if (selection == null || jets == null || regions == null || features == null || fit == null) {
            throw new IllegalArgumentException("selection, jets, regions, features and fit must not be null");
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new InvalidConfigException("features", "needs at least one feature",
                    "e.g. " + FeatureSchema.STANDARD.names());
        }
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            if (!FeatureSchema.EVENT_TABLE.contains(f)) {
                throw new InvalidConfigException("features[" + i + "]", "unknown feature '" + f + "'",
                        "known features: " + String.join(", ", FeatureSchema.EVENT_TABLE.names()));
            }
            if (features.indexOf(f) != i) {
                throw new InvalidConfigException("features[" + i + "]", "feature '" + f + "' is listed twice", null);
            }
        }
    }

    /** Without a search section (the constructor of schema version 1 before the scan stage existed). */
    public AnalysisConfig(int schemaVersion, long seed, InputConfig input, SelectionConfig selection, JetConfig jets,
                          RegionsConfig regions, List<String> features, GeneratorSettings generate) {
        this(schemaVersion, seed, input, selection, jets, regions, features, generate, null, FitConfig.defaults());
    }

    /** With the default fit policy. */
    public AnalysisConfig(int schemaVersion, long seed, InputConfig input, SelectionConfig selection, JetConfig jets,
                          RegionsConfig regions, List<String> features, GeneratorSettings generate, SearchConfig search) {
        this(schemaVersion, seed, input, selection, jets, regions, features, generate, search, FitConfig.defaults());
    }

    /** Every default; no input and no generate section. */
    public static AnalysisConfig defaults() {
        return new AnalysisConfig(SCHEMA_VERSION, DEFAULT_SEED, null, SelectionConfig.defaults(), JetConfig.defaults(),
                RegionsConfig.defaults(), FeatureSchema.STANDARD.names(), null);
    }

    /** The feature schema of {@link #features()}. */
    public FeatureSchema featureSchema() {
        return FeatureSchema.of(features);
    }

    public AnalysisConfig withSeed(long seed) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    public AnalysisConfig withInput(InputConfig input) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    public AnalysisConfig withGenerate(GeneratorSettings generate) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    public AnalysisConfig withRegions(RegionsConfig regions) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    public AnalysisConfig withFit(FitConfig fit) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    public AnalysisConfig withSearch(SearchConfig search) {
        return new AnalysisConfig(schemaVersion, seed, input, selection, jets, regions, features, generate, search, fit);
    }

    /**
     * Reads a parsed config tree (maps with string keys, lists, strings, numbers, booleans). A null or empty
     * map gives {@link #defaults()}.
     */
    public static AnalysisConfig fromMap(Map<String, ?> tree) {
        ConfigMap m = ConfigMap.of("", tree == null ? Map.of() : tree, KEYS);
        AnalysisConfig d = defaults();
        int version = m.getInt("schemaVersion", SCHEMA_VERSION);
        if (version != SCHEMA_VERSION) {
            throw new InvalidConfigException("schemaVersion", "unsupported schema version " + version
                    + "; this version of anomaly-search reads version " + SCHEMA_VERSION, "set schemaVersion: 1");
        }
        return new AnalysisConfig(version, m.getLong("seed", d.seed),
                m.has("input") ? InputConfig.fromMap("input", m.raw("input")) : null,
                m.has("selection") ? SelectionConfig.fromMap("selection", m.raw("selection")) : d.selection,
                m.has("jets") ? JetConfig.fromMap("jets", m.raw("jets")) : d.jets,
                m.has("regions") ? RegionsConfig.fromMap("regions", m.raw("regions")) : d.regions,
                m.getStringList("features", d.features),
                m.has("generate") ? GenerateConfigs.fromMap("generate", m.raw("generate")) : null,
                m.has("search") ? SearchConfig.fromMap("search", m.raw("search")) : null,
                m.has("fit") ? FitConfig.fromMap("fit", m.raw("fit")) : d.fit);
    }

    /** The canonical tree: every key in a fixed order, defaults filled in; absent optional sections omitted. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", schemaVersion);
        m.put("seed", seed);
        if (input != null) {
            m.put("input", input.toMap());
        }
        m.put("selection", selection.toMap());
        m.put("jets", jets.toMap());
        m.put("regions", regions.toMap());
        m.put("features", new ArrayList<>(features));
        if (generate != null) {
            m.put("generate", GenerateConfigs.toMap(generate));
        }
        m.put("fit", fit.toMap());
        if (search != null) {
            m.put("search", search.toMap());
        }
        return m;
    }
}
