package org.anomalysearch.io;

/** Page compression of Parquet output. Both codecs work offline (zstd-jni and snappy-java ship their natives). */
public enum Compression {
    ZSTD, SNAPPY, GZIP, UNCOMPRESSED
}
