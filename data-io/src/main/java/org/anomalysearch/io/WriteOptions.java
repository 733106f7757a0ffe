package org.anomalysearch.io;

import java.util.Map;
import java.util.Objects;

/**
 * How to write an output: whether an existing file may be replaced, the Parquet compression, and key-value
 * metadata (provenance) stored in the Parquet footer. CSV and npy outputs ignore compression and metadata.
 */
public record WriteOptions(boolean overwrite, Compression compression, Map<String, String> metadata) {

    public static final WriteOptions DEFAULTS = new WriteOptions(false, Compression.ZSTD, Map.of());

    public WriteOptions {
        Objects.requireNonNull(compression, "compression");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    public WriteOptions withOverwrite(boolean o) {
        return new WriteOptions(o, compression, metadata);
    }

    public WriteOptions withCompression(Compression c) {
        return new WriteOptions(overwrite, c, metadata);
    }

    public WriteOptions withMetadata(Map<String, String> m) {
        return new WriteOptions(overwrite, compression, m);
    }
}
