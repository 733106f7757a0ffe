package org.anomalysearch.export.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.export.plot.OverlayGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void readsEverythingARunHolds() throws Exception {
        Path dir = TestRuns.write(tmp.resolve("r"), "r\u00e9sum\u00e9", 20, null, null, null);
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/cwola.onnx"), "x");
        Files.writeString(dir.resolve(".hidden"), "x");
        Files.writeString(dir.resolve(".report.html.1234.tmp"), "x");
        RunDirectory run = RunDirectory.load(dir, TestRuns::parse);
        assertEquals("r\u00e9sum\u00e9", run.name());
        assertEquals(TestRuns.CONFIG_YAML, run.configYaml());
        assertEquals("0.1.0-test", run.provenance().get("appVersion"));
        assertEquals(List.of("plots/mjj.png"), run.plots());
        assertEquals(List.of("config.yaml", "events.csv.gz", "models/cwola.onnx", "plots/mjj.png", "provenance.json",
                "results.json"), run.files().stream().map(RunDirectory.RunFile::path).toList());
        assertEquals(List.of("event_id", "label", "weight", "mjj", "mj1", "dmj", "tau21_j1", "tau21_j2"),
                run.eventColumns());
        assertEquals(FeatureSchema.STANDARD.names(), run.plotFeatures());
        assertEquals(3300.0, run.signalRegion()[0]);
    }

    @Test
    void aBareRunHasOnlyResults() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bare"));
        Files.writeString(dir.resolve("results.json"), TestRuns.bareResults(null));
        RunDirectory run = RunDirectory.load(dir, null);
        assertEquals("bare", run.name(), "the directory's name when results.json has no run");
        assertNull(run.configYaml());
        assertNull(run.provenance());
        assertTrue(run.plots().isEmpty() && run.eventColumns().isEmpty() && !run.hasEvents());
        assertNull(run.signalRegion());
    }

    @Test
    void aMissingOrInvalidRunDirectoryIsOneClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("results.json"), "{\"run\": ");
        Path array = Files.createDirectories(tmp.resolve("array"));
        Files.writeString(array.resolve("results.json"), "[]");
        Path badGz = Files.createDirectories(tmp.resolve("badgz"));
        Files.writeString(badGz.resolve("results.json"), TestRuns.bareResults("badGz"));
        Files.writeString(badGz.resolve("events.csv.gz"), "not gzip");
        Object[][] cases = {
            {tmp.resolve("nope"), "no such run directory"},
            {file, "not a directory"},
            {empty, "not a run directory: it has no results.json"},
            {bad, "not valid JSON: Unexpected end-of-input"},
            {array, "no schema version"},
            {badGz, "not a gzip file"},
        };
        for (Object[] c : cases) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> RunDirectory.load((Path) c[0], null), String.valueOf(c[0]));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
            assertTrue(!e.hint().isEmpty(), "a hint for " + c[0]);
        }
    }

    @Test
    void plotsOfAnUnlabelledRunHaveOneCurvePerPanel() throws Exception {
        FeatureSchema schema = FeatureSchema.STANDARD;
        EventBatch.Builder b = new EventBatch.Builder(schema, 100);
        for (int i = 0; i < 100; i++) {
            b.addRow(i, -1, 1.0, new double[] {3000 + i, 100 + i % 7, i % 11, 0.5, 0.4});
        }
        OverlayGrid grid = RunPlots.features(b.build(), schema.names(), "t", 10);
        grid.writePng(tmp.resolve("f.png"), 600, 400);
        assertTrue(Files.size(tmp.resolve("f.png")) > 1000);
        assertEquals(List.of(100), RunPlots.split(new double[100], new int[100]).values().stream()
                .map(a -> a.length).toList());
        assertEquals("no truth label", RunPlots.labelName(-1));
        var split = RunPlots.split(new double[] {1, 2, 3, 4}, new int[] {1, 0, 1, -1});
        assertEquals(List.of(-1, 0, 1), List.copyOf(split.keySet()));
        assertEquals(List.of(1.0, 3.0), java.util.Arrays.stream(split.get(1)).boxed().toList());
    }
}
