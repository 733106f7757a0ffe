package org.anomalysearch.io.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.provenance.Hashing;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the canonical YAML of an {@link AnalysisConfig}: {@link AnalysisConfig#toMap()} in block style, keys
 * in fixed order, every default filled in, LF line ends, UTF-8. The same config always gives the same bytes,
 * so {@link #sha256} identifies it.
 */
public final class ConfigWriter {

    private ConfigWriter() {
    }

    /** The canonical YAML text. */
    public static String toYaml(AnalysisConfig config) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(120);
        o.setLineBreak(DumperOptions.LineBreak.UNIX);
        o.setExplicitStart(false);
        return new Yaml(o).dump(config.toMap());
    }

    /** Writes the canonical YAML to {@code file} (replacing it) and returns its SHA-256. */
    public static String write(AnalysisConfig config, Path file) throws IOException {
        String yaml = toYaml(config);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return Hashing.sha256(yaml);
    }

    /** SHA-256 (hex) of the canonical YAML's UTF-8 bytes. */
    public static String sha256(AnalysisConfig config) {
        return Hashing.sha256(toYaml(config));
    }
}
