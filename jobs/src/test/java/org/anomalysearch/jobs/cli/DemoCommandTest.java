package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.io.EventSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default run: a complete, reproducible run directory, never overwriting an earlier run. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoWritesARunDirectoryAndIsReproducible() throws Exception {
        Path runs = dir.resolve("runs");
        String[] args = {"demo", "--runs", runs.toString(), "--background", "4000", "--signal", "100", "--seed", "7", "--no-search"};
        Cli first = Cli.run(args);
        assertEquals(0, first.exitCode(), first.err());
        Cli second = Cli.run(args);
        assertEquals(0, second.exitCode(), second.err());
        Path a = runs.resolve("demo");
        Path b = runs.resolve("demo-2");
        for (String f : new String[] {"config.yaml", "provenance.json", "results.json", "events.csv.gz",
            "inspect.txt"}) {
            assertTrue(Files.isRegularFile(a.resolve(f)), f);
            assertTrue(Files.isRegularFile(b.resolve(f)), f);
        }
        assertTrue(Files.readString(a.resolve("config.yaml")).contains("seed: 7"));
        String prov = Files.readString(a.resolve("provenance.json"));
        assertTrue(prov.contains("\"masterSeed\": 7") && prov.contains("synth.events") && prov.contains("javaVersion"),
                prov);
        String results = Files.readString(a.resolve("results.json"));
        assertTrue(results.contains("\"generate\": {\n    \"events\": 4100"), results);
        assertFalse(Files.exists(a.resolve("generated.parquet")), "one event table per run: events.csv.gz");
        assertTrue(Files.readString(a.resolve("inspect.txt")).contains("generated.parquet is deleted at the end of the "
                + "demo; the run keeps the same events as events.csv.gz"), "inspect.txt says which table it describes");
        try (EventSource x = EventSource.open(a.resolve("events.csv.gz"));
             EventSource y = EventSource.open(b.resolve("events.csv.gz"))) {
            EventBatch ex = x.readAll();
            EventBatch ey = y.readAll();
            assertEquals(4100, ex.size(), "the generated events all pass the selection they were drawn with");
            assertTrue(ex.sameContent(ey), "same seed, same events");
        }
        assertFalse(first.out().contains("Exception"));
    }

    @Test
    void demoWithTheScanReproducesResultsJson() throws Exception {
        // small: 5 windows, VAE 10 epochs and HGB per window (DemoSearch.SMALL), on local Spark with 2 threads, so
        // windows train concurrently as in the real demo
        Path runs = dir.resolve("runs-scan");
        String[] args = {"demo", "--runs", runs.toString(), "--background", "30000", "--signal", "600", "--seed", "3"};
        Cli first = Cli.run(args);
        assertEquals(0, first.exitCode(), first.err());
        Cli second = Cli.run(args);
        assertEquals(0, second.exitCode(), second.err());
        String a = Files.readString(runs.resolve("demo").resolve("results.json"));
        String b = Files.readString(runs.resolve("demo-2").resolve("results.json"));
        assertTrue(a.contains("\"windows\"") && a.contains("\"global\""), "the scan's results are in results.json");
        assertEquals(a.replace("\"run\": \"demo\"", "\"run\": \"demo-2\""), b,
                "same seed, same results.json apart from the run's name");
    }
}
