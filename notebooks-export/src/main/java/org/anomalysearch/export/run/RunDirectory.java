package org.anomalysearch.export.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;

/**
 * What a run directory ({@code runs/<name>/}) holds, read once for the exporters: its results, config,
 * provenance, plots and files. Nothing is written.
 *
 * <p>A run directory is a directory with a {@code results.json} ({@link RunResults}, read by {@link ResultsCodec}:
 * a file of another schema version is one clear error). Everything else is optional
 * and shown as missing when absent: {@code config.yaml} (the canonical config; parsed by the caller's parser,
 * since YAML lives in data-io), {@code provenance.json} (a JSON object), {@code events.csv.gz} (the event table
 * as CSV, whose header gives the columns), PNG plots under {@code plots/} and {@code bumphunt/}, models under {@code models/}.
 *
 * @param dir          the run directory (absolute, normalised)
 * @param name         the run's name
 * @param results      results.json
 * @param configYaml   config.yaml's text, or null when absent
 * @param config       the parsed config, or null when absent or not parsed
 * @param provenance   provenance.json, or null when absent
 * @param plots        PNG files under plots/ and bumphunt/, relative to {@code dir} with '/' separators, sorted
 * @param files        every regular, non-hidden file (up to 3 levels deep), sorted by path
 * @param eventColumns the header of events.csv.gz, or empty when there is none
 */
public record RunDirectory(Path dir, String name, RunResults results, String configYaml,
                           AnalysisConfig config, Map<String, Object> provenance, List<String> plots,
                           List<RunFile> files, List<String> eventColumns) {

    /** The event table the notebook reads (CSV: pandas needs no extra library for it). */
    public static final String EVENTS_CSV = "events.csv.gz";
    /** The results file that makes a directory a run directory. */
    public static final String RESULTS = "results.json";

    /** A file of the run: path relative to the run directory ('/' separators) and size in bytes. */
    public record RunFile(String path, long size) {
    }

    public RunDirectory {
        plots = List.copyOf(plots);
        files = List.copyOf(files);
        eventColumns = List.copyOf(eventColumns);
    }

    /**
     * Reads a run directory.
     *
     * @param configParser parses config.yaml's text to a config (e.g. data-io's {@code ConfigLoader::parse}),
     *                     or null to keep only the text
     * @throws InvalidInputException when {@code dir} is not a directory, has no results.json, or a JSON file is
     *                               malformed
     */
    public static RunDirectory load(Path dir, Function<String, AnalysisConfig> configParser) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d)) {
            throw new InvalidInputException(dir.toString(), null, "no such run directory",
                    "give a directory made by a run, e.g. runs/demo");
        }
        if (!Files.isDirectory(d)) {
            throw new InvalidInputException(dir.toString(), null, "not a directory",
                    "give the run directory (e.g. runs/demo), not a file in it");
        }
        Path resultsFile = d.resolve(RESULTS);
        if (!Files.isRegularFile(resultsFile)) {
            throw new InvalidInputException(dir.toString(), null, "not a run directory: it has no " + RESULTS,
                    "give a directory made by a run (e.g. runs/demo), or rerun the job that makes it");
        }
        RunResults results = ResultsCodec.readResults(resultsFile);
        String name = results.run() != null && !results.run().isBlank() ? results.run()
                : d.getFileName() == null ? d.toString() : d.getFileName().toString();

        Path configFile = d.resolve("config.yaml");
        String yaml = Files.isRegularFile(configFile) ? read(configFile) : null;
        AnalysisConfig config = yaml != null && configParser != null ? configParser.apply(yaml) : null;

        Path provFile = d.resolve("provenance.json");
        Map<String, Object> prov = Files.isRegularFile(provFile)
                ? ResultsCodec.readObject(provFile) : null;

        List<RunFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(d, 3)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(d.relativize(p)))
                    .sorted(Comparator.comparing(p -> relative(d, p)))
                    .forEach(p -> files.add(new RunFile(relative(d, p), size(p))));
        }
        List<String> plots = files.stream().map(RunFile::path)
                .filter(p -> (p.startsWith("plots/") || p.startsWith("bumphunt/"))
                        && p.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                .toList();
        Path events = d.resolve(EVENTS_CSV);
        List<String> columns = Files.isRegularFile(events) ? csvHeader(events) : List.of();
        return new RunDirectory(d, name, results, yaml, config, prov, plots, files, columns);
    }

    /** Whether the run has the event table the notebook reads. */
    public boolean hasEvents() {
        return !eventColumns.isEmpty();
    }

    /**
     * The features to plot: the config's features present in the event table, else the standard set, else
     * the first five numeric columns after event_id, label and weight.
     */
    public List<String> plotFeatures() {
        List<String> wanted = config != null ? config.features() : FeatureSchema.STANDARD.names();
        List<String> present = wanted.stream().filter(eventColumns::contains).toList();
        if (!present.isEmpty()) {
            return present;
        }
        return eventColumns.stream().filter(c -> !List.of("event_id", "label", "weight").contains(c)).limit(5)
                .toList();
    }

    /** The signal region [lo, hi] in GeV from the config, or null without a config. */
    public double[] signalRegion() {
        return config == null ? null : new double[] {config.regions().signalLo(), config.regions().signalHi()};
    }

    /** Whether the run directory holds this relative path as a regular file. */
    public boolean hasFile(String relativePath) {
        return files.stream().anyMatch(f -> f.path().equals(relativePath));
    }

    private static boolean isHidden(Path rel) {
        for (Path part : rel) {
            String s = part.toString();
            if (s.startsWith(".") || s.endsWith(".tmp")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The first line of a gzipped CSV, split on commas. */
    static List<String> csvHeader(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw new InvalidInputException(gz.toString(), null, "empty event table (no CSV header)",
                        "rerun the job that writes it");
            }
            return Arrays.stream(line.split(",")).map(String::trim).toList();
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(gz.toString(), null, "not a gzip file: " + e.getMessage(),
                    "rerun the job that writes it", e);
        }
    }
}
