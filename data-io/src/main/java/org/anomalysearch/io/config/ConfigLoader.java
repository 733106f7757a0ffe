package org.anomalysearch.io.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an {@link AnalysisConfig} from YAML with SnakeYAML's {@link SafeConstructor} (plain maps, lists,
 * strings, numbers and booleans only; no arbitrary types, no duplicate keys, bounded aliases). Every error
 * names the file.
 */
public final class ConfigLoader {

    /** The largest config file read (SnakeYAML is told the same limit in code points). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private ConfigLoader() {
    }

    /** Loads and validates a config file. */
    public static AnalysisConfig load(Path yaml) throws IOException {
        String text;
        try {
            if (Files.isDirectory(yaml)) {
                throw new InvalidInputException(yaml.toString(), null, "is a directory, expected a config file",
                        "give the YAML file (see 'anomaly-search config --example')");
            }
            if (Files.isRegularFile(yaml) && Files.size(yaml) > MAX_BYTES) {
                throw new InvalidInputException(yaml.toString(), null, "config file has " + Files.size(yaml)
                        + " bytes, more than the " + MAX_BYTES + " a config may have", "is this really the config?");
            }
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(yaml.toString(), null, "config file not found",
                    "check the path (relative paths start from " + Path.of("").toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(yaml.toString(), null, "is not UTF-8 text: it holds bytes that are not valid UTF-8",
                    "save the config as UTF-8; is this really a YAML file?");
        }
        return parse(text, yaml.toString());
    }

    /** Parses config text; {@code source} names it in errors. */
    public static AnalysisConfig parse(String text, String source) {
        Object tree;
        try (Reader r = new StringReader(text)) {
            tree = newYaml().load(r);
        } catch (YAMLException e) {
            throw new InvalidInputException(source, null, "not valid YAML: " + oneLine(e.getMessage()),
                    "check indentation and quoting", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (tree != null && !(tree instanceof Map)) {
            throw new InvalidInputException(source, null, "a config file must be a mapping of keys at the top level, got "
                    + tree.getClass().getSimpleName(), "start with e.g. 'schemaVersion: 1'");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = (Map<String, ?>) tree;
            return AnalysisConfig.fromMap(map);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(source + ": " + e.key(), problemOf(e), e.hint());
        }
    }

    private static String problemOf(InvalidConfigException e) {
        String prefix = "config " + e.key() + ": ";
        String msg = e.getMessage();
        return msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
    }

    static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
