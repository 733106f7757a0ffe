package org.anomalysearch.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Helpers that read the facts of the running JVM for a {@link Provenance}. */
public final class RunInfo {

    private RunInfo() {
    }

    /** The project version from the jar's manifest or Maven properties, or "dev" when run from classes. */
    public static String appVersion() {
        String v = RunInfo.class.getPackage() == null ? null : RunInfo.class.getPackage().getImplementationVersion();
        if (v != null && !v.isEmpty()) {
            return v;
        }
        try (InputStream in = RunInfo.class.getResourceAsStream(
                "/META-INF/maven/org.anomalysearch/analysis-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null) {
                    return pv;
                }
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "dev";
    }

    public static String javaVersion() {
        return System.getProperty("java.version", "");
    }

    public static String javaVendor() {
        return System.getProperty("java.vendor", "");
    }

    /** e.g. "Linux 6.1.0 (amd64)". */
    public static String os() {
        return System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " ("
                + System.getProperty("os.arch", "") + ")";
    }

    /**
     * A provenance of this JVM with the given config hash, master seed, derived seed names (each derived with
     * {@link Seeds#derive}), input files (hashed now), device and command line; started now.
     */
    public static Provenance capture(String configSha256, long masterSeed, List<String> seedNames, List<Path> inputs,
                                     String device, List<String> commandLine) throws IOException {
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String n : seedNames) {
            seeds.put(n, Seeds.derive(masterSeed, n));
        }
        List<InputFile> files = new ArrayList<>();
        for (Path p : inputs) {
            files.add(InputFile.of(p));
        }
        return new Provenance(appVersion(), javaVersion(), javaVendor(), os(), configSha256, masterSeed, seeds, files,
                device, Instant.now(), commandLine, Map.of());
    }
}
