package org.anomalysearch.density;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The on-disk layout shared by every density model: {@code model.properties} (sorted, no timestamp; kind,
 * format version, features, preprocessing, loss curves, provenance as {@code prov.*}) written first, then
 * {@code weights.bin} (magic, format version, kind, model-specific payload). Both are written to a temporary
 * file and moved into place. Package-private.
 */
final class ModelFiles {

    static final String META = "model.properties";
    static final String WEIGHTS = "weights.bin";
    static final int MAGIC = 0x44454E53; // "DENS"

    /** Writes a model's payload to {@code weights.bin}. */
    @FunctionalInterface
    interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a model's payload from {@code weights.bin}. */
    @FunctionalInterface
    interface PayloadReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private ModelFiles() {
    }

    /** The properties every model writes: kind, version, features, loss curves, preprocessing, provenance. */
    static Map<String, String> commonProperties(String kind, int version, List<String> features, LossHistory history,
            Preprocessor pre, Map<String, String> provenance) {
        Map<String, String> p = new TreeMap<>();
        p.put("kind", kind);
        p.put("formatVersion", Integer.toString(version));
        p.put("features", String.join(",", features));
        p.put("loss.columns", String.join(",", history.columns()));
        p.put("loss.rows", history.encode());
        pre.writeTo(p);
        provenance.forEach((k, v) -> p.put("prov." + k, v));
        return p;
    }

    static void write(Path dir, Map<String, String> p, String kind, int version, PayloadWriter payload)
            throws IOException {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.putAll(p);
        StringWriter sw = new StringWriter();
        props.store(sw, null);
        List<String> lines = new ArrayList<>();
        for (String line : sw.toString().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                lines.add(line);
            }
        }
        Collections.sort(lines);
        Path tmp = dir.resolve(META + ".tmp");
        Files.write(tmp, lines, StandardCharsets.ISO_8859_1);
        Files.move(tmp, dir.resolve(META), StandardCopyOption.REPLACE_EXISTING);
        Path wtmp = dir.resolve(WEIGHTS + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(wtmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(version);
            out.writeUTF(kind);
            payload.write(out);
        }
        Files.move(wtmp, dir.resolve(WEIGHTS), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the payload after checking the header; a missing, truncated or foreign file is a ModelFormatException. */
    static <T> T readWeights(Path dir, String kind, int version, PayloadReader<T> payload) throws IOException {
        Path wf = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(wf)) {
            throw new ModelFormatException(dir + ": no " + WEIGHTS, "the model directory is incomplete; retrain");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(wf)))) {
            if (in.readInt() != MAGIC || in.readInt() != version || !kind.equals(in.readUTF())) {
                throw new ModelFormatException(wf + ": not a " + kind + " weights file of format " + version,
                        "the model directory is damaged or mixed up; retrain");
            }
            try {
                return payload.read(in);
            } catch (java.io.EOFException e) {
                throw e;
            } catch (IOException e) {
                throw new ModelFormatException(wf + ": " + e.getMessage(), "the model directory is damaged; retrain");
            }
        } catch (java.io.EOFException e) {
            throw new ModelFormatException(wf + ": truncated", "the model directory is damaged; retrain");
        } catch (java.io.UTFDataFormatException e) {
            throw new ModelFormatException(wf + ": not a " + kind + " weights file (its header is damaged)",
                    "the model directory is damaged; retrain");
        }
    }

    /** Reads one float of a payload; NaN or infinity (a damaged file) is an IOException naming {@code what}. */
    static float finite(DataInputStream in, String what) throws IOException {
        float v = in.readFloat();
        if (!Float.isFinite(v)) {
            throw new IOException(what + " holds " + v + ", expected finite weights");
        }
        return v;
    }

    static String require(Map<String, String> p, String key, String source) {
        String v = p.get(key);
        if (v == null) {
            throw new ModelFormatException(source + ": missing key '" + key + "'", "the model directory is damaged; retrain");
        }
        return v;
    }

    static int requireInt(Map<String, String> p, String key, String source) {
        try {
            return Integer.parseInt(require(p, key, source));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": key '" + key + "' is not an integer",
                    "the model directory is damaged; retrain");
        }
    }

    static LossHistory history(Map<String, String> p, String source) {
        return LossHistory.decode(require(p, "loss.columns", source), p.getOrDefault("loss.rows", ""));
    }

    static Map<String, String> provenance(Map<String, String> p) {
        Map<String, String> prov = new TreeMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("prov.")) {
                prov.put(k.substring(5), v);
            }
        });
        return prov;
    }
}
