package org.anomalysearch.export.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.export.plot.Overlay;
import org.anomalysearch.export.plot.OverlayGrid;

/** Small run directories written by hand for the exporter tests. */
public final class TestRuns {

    private TestRuns() {
    }

    /** The config text of a run (the parser in tests maps any text to the defaults). */
    public static final String CONFIG_YAML = "schemaVersion: 1\nseed: 12345\nfeatures:\n- mjj\n- mj1\n";

    /** A parser stand-in: data-io's YAML loader is not a dependency of notebooks-export. */
    public static AnalysisConfig parse(String yaml) {
        return AnalysisConfig.defaults();
    }

    /**
     * A run directory with results.json (extra entries merged in), config.yaml, provenance.json, an
     * events.csv.gz of {@code n} rows with the given label for every row ({@code null}: alternating 0 and 1),
     * and one PNG plot.
     */
    public static Path write(Path dir, String name, int n, Integer label, Map<String, Object> extraResults)
            throws IOException {
        Files.createDirectories(dir.resolve("plots"));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run", name);
        results.put("seed", 12345);
        results.put("generate", Map.of("events", n));
        results.put("select", Map.of("eventsIn", n, "eventsOut", n));
        results.putAll(extraResults);
        Files.writeString(dir.resolve("results.json"), Json.write(results), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("config.yaml"), CONFIG_YAML, StandardCharsets.UTF_8);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("appVersion", "0.1.0-test");
        prov.put("masterSeed", 12345);
        prov.put("commandLine", List.of("demo", "--name", name));
        Files.writeString(dir.resolve("provenance.json"), Json.write(prov), StandardCharsets.UTF_8);
        Random rnd = new Random(1);
        double[] mjj = new double[n];
        try (OutputStream raw = Files.newOutputStream(dir.resolve("events.csv.gz"));
             PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(new GZIPOutputStream(raw),
                     StandardCharsets.UTF_8))) {
            w.println("event_id,label,weight,mjj,mj1,dmj,tau21_j1,tau21_j2");
            for (int i = 0; i < n; i++) {
                int l = label != null ? label : i % 2;
                mjj[i] = 3000 + 500 * rnd.nextGaussian();
                w.printf(java.util.Locale.ROOT, "%d,%d,1.0,%.3f,%.3f,%.3f,%.4f,%.4f%n", i, l, mjj[i],
                        100 + 20 * rnd.nextGaussian(), 50 + 30 * rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
            }
        }
        new OverlayGrid("mjj", List.of(new OverlayGrid.Panel("mjj", "mjj [GeV]",
                List.of(Overlay.density("all", mjj, 1500, 4500, 30)))), 1)
                .writePng(dir.resolve("plots/mjj.png"), 320, 240);
        return dir;
    }
}
