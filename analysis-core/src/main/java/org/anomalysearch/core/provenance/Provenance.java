package org.anomalysearch.core.provenance;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a result came from: enough to reproduce it. Written beside every output (as YAML/JSON by the
 * caller, from {@link #toMap()}).
 *
 * @param appVersion   anomaly-search version
 * @param javaVersion  {@code java.version}
 * @param javaVendor   {@code java.vendor}
 * @param os           {@code os.name os.version (os.arch)}
 * @param configSha256 SHA-256 of the canonical config (may be empty)
 * @param masterSeed   the run's master seed
 * @param seeds        derived seeds used, by name (insertion order kept)
 * @param inputs       input files with size and SHA-256
 * @param device       where the computation ran, e.g. "cpu" or "gpu:0"
 * @param startTime    when the run started (the only time-dependent field; never used as a seed)
 * @param commandLine  the arguments the run was started with
 * @param extra        further versions or facts by name (e.g. DJL engine, Spark)
 */
public record Provenance(String appVersion, String javaVersion, String javaVendor, String os, String configSha256,
                         long masterSeed, Map<String, Long> seeds, List<InputFile> inputs, String device,
                         Instant startTime, List<String> commandLine, Map<String, String> extra) implements Serializable {

    public Provenance {
        appVersion = nz(appVersion);
        javaVersion = nz(javaVersion);
        javaVendor = nz(javaVendor);
        os = nz(os);
        configSha256 = nz(configSha256);
        device = nz(device);
        seeds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seeds == null ? Map.of() : seeds));
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        commandLine = List.copyOf(commandLine == null ? List.of() : commandLine);
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
        if (startTime == null) {
            throw new IllegalArgumentException("provenance needs a start time");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A copy with one more derived seed recorded. */
    public Provenance withSeed(String name, long seed) {
        Map<String, Long> s = new LinkedHashMap<>(seeds);
        s.put(name, seed);
        return new Provenance(appVersion, javaVersion, javaVendor, os, configSha256, masterSeed, s, inputs, device,
                startTime, commandLine, extra);
    }

    /** A copy with one more input file. */
    public Provenance withInput(InputFile input) {
        List<InputFile> in = new ArrayList<>(inputs);
        in.add(input);
        return new Provenance(appVersion, javaVersion, javaVendor, os, configSha256, masterSeed, seeds, in, device,
                startTime, commandLine, extra);
    }

    /** A copy with one more named fact in {@link #extra()}. */
    public Provenance withExtra(String key, String value) {
        Map<String, String> e = new LinkedHashMap<>(extra);
        e.put(key, value);
        return new Provenance(appVersion, javaVersion, javaVendor, os, configSha256, masterSeed, seeds, inputs, device,
                startTime, commandLine, e);
    }

    /** A nested map of strings, numbers, lists and maps in a fixed key order, ready for YAML or JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appVersion", appVersion);
        m.put("javaVersion", javaVersion);
        m.put("javaVendor", javaVendor);
        m.put("os", os);
        m.put("configSha256", configSha256);
        m.put("masterSeed", masterSeed);
        m.put("seeds", new LinkedHashMap<>(seeds));
        List<Map<String, Object>> in = new ArrayList<>();
        inputs.forEach(f -> in.add(f.toMap()));
        m.put("inputs", in);
        m.put("device", device);
        m.put("startTime", startTime.toString());
        m.put("commandLine", new ArrayList<>(commandLine));
        m.put("extra", new LinkedHashMap<>(extra));
        return m;
    }
}
