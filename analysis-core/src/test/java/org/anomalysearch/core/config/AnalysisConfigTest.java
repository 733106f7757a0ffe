package org.anomalysearch.core.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.junit.jupiter.api.Test;

class AnalysisConfigTest {

    @Test
    void emptyMapGivesDocumentedDefaults() {
        AnalysisConfig c = AnalysisConfig.fromMap(Map.of());
        assertEquals(AnalysisConfig.defaults(), c);
        assertEquals(1, c.schemaVersion());
        assertEquals(12345L, c.seed());
        assertNull(c.input());
        assertNull(c.generate());
        assertEquals(new SelectionConfig(2, 1200, 2.5), c.selection());
        assertEquals(new JetConfig("anti-kt", 1.0, 20), c.jets());
        assertEquals(3300, c.regions().signalRegionSet().signal().lo());
        assertEquals(2900, c.regions().signalRegionSet().lowSideband().lo());
        assertEquals(FeatureSchema.STANDARD, c.featureSchema());
    }

    @Test
    void fullTreeRoundTripsThroughToMap() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schemaVersion", 1);
        tree.put("seed", 7);
        tree.put("input", Map.of("path", "data/x.h5"));
        tree.put("selection", Map.of("leadingJetPtMin", 1000));
        tree.put("jets", Map.of("algorithm", "kt", "radius", 0.8));
        tree.put("regions", Map.of("signalLo", 3400, "signalHi", 3600, "scan", Map.of("spacing", "log", "lo", 2000,
                "hi", 7000, "bins", 20)));
        tree.put("features", List.of("mjj", "mj1", "dR_jj"));
        tree.put("generate", Map.of("nSignal", 1000, "dijetParams", List.of(6.0, 8.0, 2.0), "applySelection", false));
        AnalysisConfig c = AnalysisConfig.fromMap(tree);
        assertEquals(7, c.seed());
        assertEquals(1000, c.selection().leadingJetPtMin());
        assertEquals("kt", c.jets().algorithm());
        assertTrue(c.regions().isScan());
        assertEquals(20 - 6 + 1, c.regions().regionSets().size());
        assertEquals(1000, c.generate().nSignal());
        assertEquals(GeneratorSettings.defaults().nBackground(), c.generate().nBackground());
        assertFalse(c.generate().applySelection());
        Map<String, Object> canon = c.toMap();
        assertEquals(List.of("schemaVersion", "seed", "input", "selection", "jets", "regions", "features", "generate",
                "fit"),
                List.copyOf(canon.keySet()));
        assertEquals(c, AnalysisConfig.fromMap(canon));
        assertEquals(canon, AnalysisConfig.fromMap(canon).toMap());
    }

    @Test
    void unknownKeysNameThePathAndTheValidKeys() {
        InvalidConfigException top = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("sed", 1)));
        assertEquals("sed", top.key());
        assertTrue(top.hint().contains("seed") && top.hint().contains("generate"), top.hint());
        InvalidConfigException nested = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("selection", Map.of("leadingJetPt", 1000))));
        assertEquals("selection.leadingJetPt", nested.key());
        assertTrue(nested.hint().contains("leadingJetPtMin"), nested.hint());
        InvalidConfigException deep = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("regions", Map.of("scan", Map.of("widht", 1)))));
        assertEquals("regions.scan.widht", deep.key());
    }

    @Test
    void wrongTypesAndValuesGiveClearMessages() {
        InvalidConfigException t = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("seed", "abc")));
        assertEquals("seed", t.key());
        assertTrue(t.getMessage().contains("whole number") && t.getMessage().contains("'abc'"), t.getMessage());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("generate", Map.of("nBackground", "1e6"))));
        assertTrue(e.hint().contains("1.0e+6"), e.hint());
        InvalidConfigException frac = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("selection", Map.of("nJetsMin", 2.5))));
        assertEquals("selection.nJetsMin", frac.key());
        InvalidConfigException alg = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("jets", Map.of("algorithm", "antikt"))));
        assertTrue(alg.hint().contains("anti-kt, kt, cambridge-aachen"));
        InvalidConfigException feat = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("features", List.of("mjj", "mjjj"))));
        assertEquals("features[1]", feat.key());
        assertTrue(feat.hint().contains("tau21_j1"));
        InvalidConfigException ver = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("schemaVersion", 2)));
        assertTrue(ver.getMessage().contains("unsupported schema version 2"));
        InvalidConfigException sec = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("jets", List.of(1))));
        assertEquals("jets", sec.key());
        InvalidConfigException sr = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("regions", Map.of("signalLo", 3700, "signalHi", 3300))));
        assertNotNull(sr.getMessage());
        assertThrows(InvalidConfigException.class, () -> AnalysisConfig.fromMap(Map.of("input", Map.of("format", "csv"))));
        assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("selection", Map.of("leadingJetAbsEtaMax", Double.NaN))));
    }

    @Test
    void searchSectionReadsNestedSettingsAndRoundTrips() {
        AnalysisConfig c = AnalysisConfig.fromMap(Map.of("search", Map.of("density", Map.of("kind", "GAN", "epochs", 20, "crossFitFolds", 4),
                "classifier", Map.of("kind", "mlp", "folds", 3), "efficiencies", List.of(0.1, 0.02),
                "fit", Map.of("params", 5, "signalBins", 2), "toys", 200),
                "fit", Map.of("lo", 2800, "hi", 6000, "params", "auto", "gate", 0.05)));
        SearchConfig s = c.search();
        assertEquals("gan", s.densityKind());
        assertEquals(20, s.densityEpochs());
        assertEquals(4, s.oversampling(), "absent keys take the defaults");
        assertTrue(s.crossFit());
        assertEquals(4, s.crossFitFolds());
        assertEquals("mlp", s.classifierKind());
        assertEquals(3, s.folds());
        assertEquals(List.of(0.1, 0.02), s.efficiencies());
        assertEquals(5, s.fitParams());
        assertEquals(2, s.signalBins());
        assertEquals(2800, c.fit().lo());
        assertFalse(c.fit().autoLo());
        assertTrue(c.fit().autoParams());
        assertEquals(0.05, c.fit().gate());
        assertEquals(200, s.toys());
        assertEquals(c, AnalysisConfig.fromMap(c.toMap()));
        assertNull(AnalysisConfig.defaults().search(), "no search section by default");
        SearchConfig autoFit = AnalysisConfig.fromMap(Map.of("search", Map.of("fit", Map.of("params", "auto")))).search();
        assertEquals(0, autoFit.fitParams(), "search.fit.params: auto is 0, as fit.params");
        assertEquals("auto", ((Map<?, ?>) autoFit.toMap().get("fit")).get("params"));
        assertEquals(autoFit, AnalysisConfig.fromMap(Map.of("search", autoFit.toMap())).search());
        assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("fit", Map.of("params", 0)))));
        assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("fit", Map.of("params", 6)))));
        assertFalse(AnalysisConfig.defaults().toMap().containsKey("search"));

        AnalysisConfig auto = AnalysisConfig.fromMap(Map.of("fit", Map.of("lo", "auto")));
        assertTrue(auto.fit().autoLo());
        assertEquals(FitConfig.defaults(), AnalysisConfig.defaults().fit(), "the fit policy has defaults");
        assertEquals("auto", ((Map<?, ?>) auto.toMap().get("fit")).get("lo"));
        assertEquals(auto, AnalysisConfig.fromMap(auto.toMap()));
        assertEquals(SearchConfig.defaults(), AnalysisConfig.fromMap(Map.of("search", Map.of())).search());
    }

    @Test
    void searchSectionRejectsUnknownKeysAndBadValuesByName() {
        InvalidConfigException k = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("classifier", Map.of("fold", 3)))));
        assertEquals("search.classifier.fold", k.key());
        assertTrue(k.hint().contains("kind, epochs, folds, repeats"), k.hint());
        InvalidConfigException top = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("effs", List.of(0.1)))));
        assertTrue(top.hint().contains("efficiencies"), top.hint());
        InvalidConfigException kind = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("density", Map.of("kind", "nf")))));
        assertEquals("search.density.kind", kind.key());
        assertTrue(kind.hint().contains("vae, gan"), kind.hint());
        assertEquals("search.efficiencies[1]", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("efficiencies", List.of(0.1, 1.5))))).key());
        assertEquals("search.fit.params", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("fit", Map.of("params", 6))))).key());
        assertEquals("fit.lo", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("fit", Map.of("lo", "peak")))).key());
        assertEquals("fit.gate", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("fit", Map.of("gate", 1.5)))).key());
        assertEquals("fit.params", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("fit", Map.of("params", 6)))).key());
        for (Object bad : new Object[] {"erf", 3, "dijet turnon"}) {
            InvalidConfigException fn = assertThrows(InvalidConfigException.class,
                    () -> AnalysisConfig.fromMap(Map.of("fit", Map.of("function", bad))));
            assertEquals("fit.function", fn.key());
            String line = fn.userMessage();
            assertFalse(line.contains("\n"), "one line: " + line);
            assertTrue(line.contains("fit.function") && line.contains(String.valueOf(bad))
                    && line.contains("expected one of dijet, dijet-turnon") && line.contains("(hint: "), line);
        }
        assertEquals(org.anomalysearch.core.fit.FitFunction.DIJET, AnalysisConfig.defaults().fit().function(),
                "the default family is the plain dijet function");
        AnalysisConfig turnOn = AnalysisConfig.fromMap(Map.of("fit", Map.of("function", "dijet-turnon")));
        assertEquals(org.anomalysearch.core.fit.FitFunction.DIJET_TURNON, turnOn.fit().function());
        assertEquals(turnOn, AnalysisConfig.fromMap(turnOn.toMap()), "the family survives the canonical tree");
        InvalidConfigException moved = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("fit", Map.of("lo", 2800)))));
        assertEquals("search.fit.lo", moved.key(), "the old place of the fit range is named");
        assertTrue(moved.getMessage().contains("top-level") && moved.hint().contains("fit: {lo"), moved.getMessage());
        assertEquals("search.features[0]", assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("features", List.of("mjj"))))).key());
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> AnalysisConfig.fromMap(Map.of("search", Map.of("features", List.of("mj1_over_pt")))));
        assertTrue(unknown.hint().contains("mj1_over_mjj"), "the derived features are listed: " + unknown.hint());
        assertEquals(List.of("mj1_over_mjj", "tau21_j1"), AnalysisConfig.fromMap(Map.of("search", Map.of("features",
                List.of("mj1_over_mjj", "tau21_j1"))))
                .search().features(), "a derived feature is a scan feature");
    }
}
