package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.io.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config --example} is a valid, fully commented config; {@code config --check} reports bad keys by name. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void exampleParsesBackToTheExampleConfigAndEveryKeyIsCommented() {
        Cli r = Cli.run("config", "--example");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(ConfigCommand.exampleConfig(), ConfigLoader.parse(r.out(), "example"));
        r.out().lines().filter(l -> !l.startsWith("#") && !l.strip().startsWith("- "))
                .forEach(l -> assertTrue(l.contains("  # "), "uncommented key line: " + l));
    }

    @Test
    void checkNamesAnUnknownKey() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "schemaVersion: 1\nregions: {signalLow: 3000}\n");
        Cli r = Cli.run("config", "--check", bad.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.err().contains("regions.signalLow"), r.err());
        Path badSearch = Files.writeString(dir.resolve("bad-search.yaml"),
                "schemaVersion: 1\nsearch: {classifier: {fold: 3}}\n");
        Cli rs = Cli.run("config", "--check", badSearch.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, rs.exitCode());
        assertTrue(rs.err().contains("search.classifier.fold") && rs.err().contains("folds"), rs.err());
        Path good = Files.writeString(dir.resolve("good.yaml"), "schemaVersion: 1\nseed: 9\n");
        Cli ok = Cli.run("config", "--check", good.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("seed: 9"), ok.out());
    }
}
