package org.anomalysearch.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCodecTest {

    @TempDir
    Path dir;

    /** Every part of the tree filled, with NaN and infinite numbers and absent optional parts. */
    static RunResults full() {
        BumpHunt.Fit fit = new BumpHunt.Fit(4, new double[] {2.5e38, 51.2, -121.9, 3.0}, new double[] {5e39, 12.7,
                30.4, Double.NaN}, 30.77, 30.05, 34, 0.626, 0.01, true,
                List.of(new BumpHunt.ModelChoice(3, 4, 9.6e-12, 0.0)), new BumpHunt.Exclusion(3600, 3700, "gate"));
        BumpHunt bh = new BumpHunt(BumpHunt.PASSED, null, new BumpHunt.FitRange(3100, 7000, 100, 2650, "auto",
                List.of(new BumpHunt.FitStart(3100, 5, 0.62, true))), fit, new BumpHunt.BumpHunter(3600, 3700, 6138,
                5977.04, 0.0193, 2.068, 3.95, 1000, 534, 0.534, 0.0158, -0.085, false, "refitted"),
                new double[] {3100, 3200, 3300}, new double[] {11185, 10059}, new double[] {11153.3, 10141.4});
        BumpHunt.MaskedFit rejected = new BumpHunt.MaskedFit(3300, 3700, 30117, 29508.3, 264.4, 0.001, false,
                Double.NaN, Double.NaN, Double.NaN, fit);
        ScanWindow.Efficiency e1 = new ScanWindow.Efficiency(0.2, 0.545, 6023, 15637, 1390L, 5063.7, 72.9, 0, 1, 0,
                false, new ScanWindow.SelectedFit(false, 59.3, 60.45, 31, 0.0012, true, new double[] {1819.7, 1665.0}),
                new ScanWindow.Template(12560, 3140, 32.1, 39.0), new double[] {1731, 1750});
        ScanWindow.Efficiency e2 = new ScanWindow.Efficiency(0.01, 0.92, 303, 420, null, 0, 0, 0, 1, 0, true, null,
                new ScanWindow.Template(15, 3.75, 0.97, 36.8), new double[] {14, 40});
        ScanWindow w = new ScanWindow(new double[] {2900, 3300}, new double[] {3300, 3700}, new double[] {3700, 4100},
                63915, 30117, 6023, 5063.67, 0, 0.2, 120468, 3100, 7000, new double[] {3100, 3200, 3300},
                new ScanWindow.Labels(1486, Double.POSITIVE_INFINITY, 0.658, 0.00147), List.of(e1, e2));
        Scan.Global g = new Scan.Global("smallest p", 8.0e-13, 7.06, 0, 0.2, 200, 0, 0, 0, 2.58, true, 5.6, 4.5e-12,
                6.82, "toys", new Scan.EmpiricalNull(8, 0.3, 1.2, 1e-5, 4.2, 0.01, 2.3, false, "standardised"));
        Scan.SeedBand band = new Scan.SeedBand(List.of(12345L, -4L), List.of(new Scan.WindowBand(
                new double[] {3300, 3700}, new double[] {0, 1}, 0.5, new double[] {0.16, 0.84})),
                new Scan.GlobalBand(new double[] {7, 6}, 6.5, new double[] {6.16, 6.84}, new double[] {2.5, 2.4}, 2.45,
                        new double[] {2.41, 2.49}));
        Scan scan = new Scan("cwola(...)", List.of(w, ScanWindow.counts(new RegionSet(new Region(3100, 3500),
                new Region(3500, 3900), new Region(3900, 4300)), 10, 5, 5, 2.5, 1.6)), 0, 3, 2,
                List.of(new Scan.SkippedWindow(0, 3100, 3500, "turn-on")),
                List.of(new Scan.AddedWindow(2, 3200, 3600, "the lowest SR the fit range allows")), g, band,
                "bump in SR [3300, 3700)",
                new Scan.Chosen(1, new double[] {3300, 3700}, "models/window-001/density",
                        "models/window-001/classifier", List.of("plots/chosen_features_3300_3700.png")));
        return new RunResults(RunResults.SCHEMA_VERSION, "demo", 12345, "c960", null, new RunResults.Generate(202000),
                new RunResults.Select(202000, 202000, new RunResults.CutFlow(1300, List.of(new RunResults.Cut("nJets",
                        1200)))), bh, "SR ...", new RunResults.SignalRegion(new RunResults.Counting(30117, 29508.3,
                        3.53), rejected), scan, List.of("plots/a.png"), List.of("results.json", "plots/a.png"));
    }

    @Test
    void writeReadWriteGivesTheSameBytes() throws Exception {
        String text = ResultsCodec.write(full());
        Path f = Files.writeString(dir.resolve("results.json"), text);
        RunResults back = ResultsCodec.readResults(f);
        assertEquals(text, ResultsCodec.write(back), "write -> read -> write");

        ScanWindow w = back.scan().windows().get(0);
        assertTrue(Double.isNaN(back.signalRegion().sidebandFit().localZ()), "NaN written as null, read as NaN");
        assertTrue(text.contains("\"localZ\": null"), "NaN is written as null");
        assertTrue(Double.isNaN(w.labels().sicMax()), "an infinity is written as null too (and read as NaN)");
        assertTrue(Double.isNaN(back.bumpHunt().fit().paramErrors()[3]), "in arrays as well");
        assertEquals(1390L, w.at(0.2).selectedSignal());
        assertNull(w.at(0.01).selectedSignal(), "absent without labels");
        assertNull(w.at(0.01).fit(), "a failed fit has no fit entry");
        assertFalse(text.contains("\"input\""), "absent parts are left out");
        assertArrayEquals(new double[] {1731, 1750}, w.at(0.2).counts());
        assertEquals(new RegionSet(new Region(2900, 3300), new Region(3300, 3700), new Region(3700, 4100)), w.window());
        ScanWindow plain = back.scan().windows().get(1);
        assertTrue(Double.isNaN(plain.bestEfficiency()) && plain.efficiencies().isEmpty());
        // the layout: components in declaration order, "key": value, arrays of numbers on one line
        assertTrue(text.startsWith("{\n  \"schemaVersion\": 2,\n  \"run\": \"demo\",\n  \"seed\": 12345,\n"), text);
        assertTrue(text.contains("\"binEdges\": [3100.0, 3200.0, 3300.0],"), text);
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void checkpointsRoundTripTheirTypedValue() throws Exception {
        ScanWindow w = full().scan().windows().get(0);
        String text = ResultsCodec.write(new Checkpoint<>("window-000", "abc", w));
        Path f = Files.writeString(dir.resolve("window-000.done"), text);
        Checkpoint<ScanWindow> back = ResultsCodec.readCheckpoint(f, ScanWindow.class);
        assertEquals("abc", back.inputs());
        assertEquals(text, ResultsCodec.write(back));
        assertEquals(w.at(0.2).fit().expected()[1], back.value().at(0.2).fit().expected()[1], 0.0);
    }

    @Test
    void anOldStyleResultsJsonIsOneClearError() throws Exception {
        // the demo's results.json before the typed records (schema version 2, flat eff.<e>. metrics), trimmed to one
        // window and efficiency
        Path old = dir.resolve("results.json");
        try (var in = getClass().getResourceAsStream("/old-style-results.json")) {
            Files.copy(in, old);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResultsCodec.readResults(old));
        String m = e.getMessage();
        assertTrue(m.contains(old.toString()), m);
        assertTrue(m.contains("schema version 2 found"), m);
        assertTrue(m.contains("not its typed layout") && m.contains("scan.windows[0]"), m);
        assertFalse(m.contains("DeserializationFeature"), "no Jackson advice: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("com.fasterxml"), "no Jackson internals: " + m);
        assertTrue(e.hint().contains("rerun"), e.hint());

        Path v1 = Files.writeString(dir.resolve("v1.json"), "{\"schemaVersion\": 1, \"seed\": 3}");
        InvalidInputException e1 = assertThrows(InvalidInputException.class, () -> ResultsCodec.readResults(v1));
        assertTrue(e1.getMessage().contains("schema version 1 found") && e1.getMessage().contains("v1.json"),
                e1.getMessage());
        Path none = Files.writeString(dir.resolve("none.json"), "{\"seed\": 3}");
        assertTrue(assertThrows(InvalidInputException.class, () -> ResultsCodec.readResults(none)).getMessage()
                .contains("no schema version"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": 2,\n \"seed\": }");
        InvalidInputException b = assertThrows(InvalidInputException.class, () -> ResultsCodec.readResults(broken));
        assertTrue(b.getMessage().contains("line 2"), b.getMessage());
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        String text = ResultsCodec.write(full()).replace("\"eventsOut\": 202000", "\"eventsOut\": \"many\"");
        Path f = Files.writeString(dir.resolve("results.json"), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResultsCodec.readResults(f));
        assertTrue(e.getMessage().contains("select.eventsOut"), e.getMessage());
    }
}
