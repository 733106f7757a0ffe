package org.anomalysearch.core.provenance;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** An input file as provenance records it: absolute path, size in bytes and SHA-256. */
public record InputFile(String path, long size, String sha256) implements Serializable {

    public InputFile {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("an input file needs a path");
        }
    }

    /** Hashes {@code file} (streaming). */
    public static InputFile of(Path file) throws IOException {
        return new InputFile(file.toAbsolutePath().normalize().toString(), Files.size(file), Hashing.sha256(file));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("size", size);
        m.put("sha256", sha256);
        return m;
    }
}
