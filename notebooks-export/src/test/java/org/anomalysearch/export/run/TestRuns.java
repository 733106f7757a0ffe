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
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;

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

    /** results.json of a run named {@code name} that holds nothing but its name and seed. */
    public static String bareResults(String name) {
        return ResultsCodec.write(new RunResults(RunResults.SCHEMA_VERSION, name, 12345, null, null, null, null, null,
                null, null, null, null, null));
    }

    /** The configured SR's tests with a counting Z0 and a sideband-fit local Z (its fit passed). */
    public static RunResults.SignalRegion signalRegion(double z0, double localZ, double localP) {
        return new RunResults.SignalRegion(new RunResults.Counting(1000, 900, z0), new BumpHunt.MaskedFit(3300, 3700,
                1000, 900, 20, 0.5, true, localZ, localZ, localP, null));
    }

    /**
     * A run directory with results.json (generate and select of {@code n} events, the configured SR's tests
     * {@code sr} and {@code bumpHuntSummary} when not null), config.yaml, provenance.json, an events.csv.gz of
     * {@code n} rows with the given label for every row ({@code null}: alternating 0 and 1), and one PNG plot.
     */
    public static Path write(Path dir, String name, int n, Integer label, RunResults.SignalRegion sr,
                             String bumpHuntSummary) throws IOException {
        Files.createDirectories(dir.resolve("plots"));
        RunResults results = new RunResults(RunResults.SCHEMA_VERSION, name, 12345, null, null,
                new RunResults.Generate(n), new RunResults.Select(n, n, null), null, bumpHuntSummary, sr, null,
                List.of("plots/mjj.png"), null);
        Files.writeString(dir.resolve("results.json"), ResultsCodec.write(results), StandardCharsets.UTF_8);
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
