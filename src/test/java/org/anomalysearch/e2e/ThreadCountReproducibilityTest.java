package org.anomalysearch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.io.config.ConfigLoader;
import org.anomalysearch.search.CwolaWindowStage;
import org.anomalysearch.jobs.cli.AnomalySearch;
import org.anomalysearch.jobs.spark.RunJob;
import org.anomalysearch.jobs.spark.SparkJobs;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same results.json whatever the number of Spark threads: the density + CWoLa scan run on local[1] (windows
 * one after another on this JVM) and on local[2] (two windows at a time, each in a worker JVM with its own DJL engine)
 * gives byte-identical results.json.
 */
class ThreadCountReproducibilityTest {

    @TempDir
    Path dir;

    @Test
    void sameResultsJsonOnOneAndTwoThreads() throws Exception {
        Path events = dir.resolve("events.parquet");
        assertEquals(0, AnomalySearch.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(
                Writer.nullWriter())).execute("generate", "-o", events.toString(), "--background", "12000", "--signal",
                "100", "--seed", "11"));
        Path yaml = Files.writeString(dir.resolve("a.yaml"), "schemaVersion: 1\nseed: 9\ninput: {path: " + events
                + "}\nregions: {signalLo: 3400, signalHi: 3800, lowSidebandWidth: 300, highSidebandWidth: 300,"
                + " scan: {lo: 3300, hi: 4100, width: 400, step: 400, sidebandWidth: 300}}\n"
                + "fit: {lo: auto, hi: 5000, turnOnMargin: 200}\n"
                + "search:\n  density: {kind: vae, epochs: 3}\n  classifier: {kind: hgb, epochs: 30, folds: 2}\n"
                + "  efficiencies: [0.5, 0.2]\n  fit: {params: 3}\n  toys: 30\n");
        AnalysisConfig config = ConfigLoader.load(yaml);
        String[] results = new String[2];
        for (int threads = 1; threads <= 2; threads++) {
            SparkSession spark = SparkJobs.session("local[" + threads + "]", "threads " + threads);
            try {
                RunJob.Result r = RunJob.run(RunJob.prepare(config, RunJob.Options.of(dir.resolve("runs/t" + threads))
                        .withToys(30), new String[0]), spark, new CwolaWindowStage(config.search(), config.fit()),
                        new PrintWriter(Writer.nullWriter()));
                assertTrue(r.complete());
                results[threads - 1] = Files.readString(r.results());
            } finally {
                spark.stop();
            }
        }
        assertTrue(results[0].contains("\"computedWindows\": 2"), "both windows computed: " + results[0]);
        assertEquals(results[0], results[1], "same seed, same results.json on 1 and 2 threads");
    }
}
