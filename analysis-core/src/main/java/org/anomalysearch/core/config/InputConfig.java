package org.anomalysearch.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;

/**
 * Config section {@code input}.
 *
 * @param path   the input file or directory (required in this section)
 * @param format the reader to use, or null (key absent) to detect it from the file name
 */
public record InputConfig(String path, String format) {
    static final List<String> KEYS = List.of("path", "format");

    public InputConfig {
        if (path == null || path.isBlank()) {
            throw new InvalidConfigException("input.path", "is required when the input section is given",
                    "give the file to read, e.g. input: {path: data/events.h5}");
        }
        if (format != null && format.isBlank()) {
            throw new InvalidConfigException("input.format", "must not be empty", "omit the key to detect the format");
        }
    }

    static InputConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        return new InputConfig(m.getString("path", null), m.getString("format", null));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        if (format != null) {
            m.put("format", format);
        }
        return m;
    }
}
