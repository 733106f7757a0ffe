package org.anomalysearch.density;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** Loading saved density models. */
public final class DensityModels {

    /** The kinds this version can load. */
    public static final Set<String> KINDS = Set.of(VaeTrainer.KIND, GanTrainer.KIND, FlowTrainer.KIND,
            Refinement.KIND);

    private DensityModels() {
    }

    /**
     * Loads a model saved by {@link DensityModel#save}. The kind and format version in {@code model.properties}
     * are checked before any weights are read.
     *
     * @throws ModelFormatException for a directory without a model, of another kind or format version, or damaged
     */
    public static DensityModel load(Path dir) throws IOException {
        return load(dir, null);
    }

    /** As {@link #load(Path)}, additionally requiring the given kind (null = any known kind). */
    public static DensityModel load(Path dir, String expectedKind) throws IOException {
        Path meta = dir.resolve(ModelFiles.META);
        if (!Files.isRegularFile(meta)) {
            throw new ModelFormatException(dir + ": no " + ModelFiles.META + " (not a saved density model)",
                    "point to a directory written by 'density fit' or DensityModel.save");
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.ISO_8859_1)) {
            props.load(r);
        }
        Map<String, String> p = new TreeMap<>();
        props.forEach((k, v) -> p.put(k.toString(), v.toString()));
        String kind = p.get("kind");
        if (kind == null || !KINDS.contains(kind)) {
            throw new ModelFormatException(dir + ": model kind '" + kind + "' is not a density model (expected one of "
                    + new java.util.TreeSet<>(KINDS) + ")", "load it with the tool that wrote it");
        }
        if (expectedKind != null && !expectedKind.equals(kind)) {
            throw new ModelFormatException(dir + ": model kind '" + kind + "', expected '" + expectedKind + "'",
                    "point to a " + expectedKind + " model directory");
        }
        boolean flow = FlowTrainer.KIND.equals(kind);
        boolean refined = Refinement.KIND.equals(kind);
        int readable = flow ? FlowModel.FORMAT_VERSION
                : refined ? RefinedModel.FORMAT_VERSION : GenerativeModel.FORMAT_VERSION;
        String version = p.get("formatVersion");
        if (!Integer.toString(readable).equals(version)) {
            throw new ModelFormatException(dir + ": " + kind + " model format version " + version + ", this version reads "
                    + readable, "retrain the model with this version of anomaly-search");
        }
        if (refined) {
            return RefinedModel.load(dir, p);
        }
        return flow ? FlowModel.load(dir, p) : GenerativeModel.load(dir, p);
    }
}
