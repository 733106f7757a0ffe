package org.anomalysearch.cwola;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Loading saved classifiers of any kind. */
public final class Classifiers {

    /** The file holding kind, format version, features and provenance. */
    public static final String META_FILE = "classifier.properties";

    private Classifiers() {
    }

    /**
     * Loads a classifier saved by {@link Classifier#save(Path)}, checking kind and format version before any
     * weights are read.
     */
    public static Classifier load(Path dir) throws IOException {
        Properties meta = readMeta(dir);
        String kind = meta.getProperty("kind", "");
        if (kind.equals(MlpClassifier.KIND)) {
            return MlpClassifier.load(dir, meta);
        }
        if (kind.equals(HgbClassifier.KIND)) {
            return HgbClassifier.load(dir, meta);
        }
        throw new ModelFormatException(dir + ": unknown classifier kind '" + kind + "', expected '"
                + MlpClassifier.KIND + "' or '" + HgbClassifier.KIND + "'",
                "was this directory written by anomaly-search's classifier save?");
    }

    static Properties readMeta(Path dir) throws IOException {
        Path f = dir.resolve(META_FILE);
        if (!Files.isRegularFile(f)) {
            throw new ModelFormatException(dir + ": no " + META_FILE + " found",
                    "point to a directory written by Classifier.save");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }

    /**
     * Writes {@link #META_FILE} atomically: kind, format version, features, the model's own {@code extra} entries and
     * the provenance (as {@code provenance.*}). Shared by every classifier kind.
     */
    static void writeMeta(Path dir, String kind, int formatVersion, java.util.List<String> features,
                          java.util.Map<String, String> extra, java.util.Map<String, String> provenance) throws IOException {
        Properties p = new Properties();
        p.setProperty("kind", kind);
        p.setProperty("formatVersion", Integer.toString(formatVersion));
        p.setProperty("features", String.join(",", features));
        extra.forEach(p::setProperty);
        provenance.forEach((k, v) -> p.setProperty("provenance." + k, v));
        Path tmp = dir.resolve(META_FILE + ".tmp");
        try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "anomaly-search classifier");
        }
        Files.move(tmp, dir.resolve(META_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Checks the metadata's format version before any weights are read. */
    static void checkFormatVersion(Path dir, Properties meta, String kind, int formatVersion) {
        String version = meta.getProperty("formatVersion", "");
        if (!version.equals(Integer.toString(formatVersion))) {
            throw new ModelFormatException(dir + ": " + kind + " classifier format version '" + version + "', expected "
                    + formatVersion, "retrain the classifier with this version of anomaly-search");
        }
    }

    /** The feature names recorded in the metadata. */
    static java.util.List<String> features(Properties meta) {
        return java.util.Arrays.asList(meta.getProperty("features", "").split(","));
    }

    /** The provenance recorded in the metadata ({@code provenance.*} entries, sorted by key). */
    static java.util.Map<String, String> provenance(Properties meta) {
        java.util.Map<String, String> prov = new java.util.LinkedHashMap<>();
        meta.stringPropertyNames().stream().filter(k -> k.startsWith("provenance.")).sorted()
                .forEach(k -> prov.put(k.substring("provenance.".length()), meta.getProperty(k)));
        return prov;
    }
}
