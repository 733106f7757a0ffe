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
}
