package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export notebook|report} on a small demo run, and the errors a user can make. */
class ExportCommandTest {

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void smallDemo() {
        Cli demo = Cli.run("demo", "--no-search", "--runs", tmp.resolve("runs").toString(), "--background", "1500", "--signal", "150",
                "--seed", "3");
        assertEquals(0, demo.exitCode(), demo.err());
        run = tmp.resolve("runs/demo");
    }

    @Test
    void demoRunDirectoryGetsPlotsNotebookAndReport() throws Exception {
        for (String f : List.of("plots/features.png", "plots/mjj.png", "bumphunt/spectrum.png", "bumphunt/scan.png",
                "report.ipynb", "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)) && Files.size(run.resolve(f)) > 1000, f);
        }
        RunResults results = ResultsCodec.readResults(run.resolve("results.json"));
        assertTrue(results.outputs().containsAll(List.of("plots/features.png", "plots/mjj.png", "report.ipynb",
                "report.html")), results.toString());
        String html = Files.readString(run.resolve("report.html"));
        assertEquals(4, html.split("<img src=\"data:image/png;base64,", -1).length - 1,
                "the two feature plots and the two bump-hunt plots");
        assertTrue(results.signalRegion() != null && results.signalRegion().sidebandFit() != null
                && results.bumpHunt() != null && results.bumpHunt().fitRange() != null,
                "the demo's bump hunt fills the significance table: " + results);
        assertTrue(html.contains("BumpHunter, inclusive spectrum"), "BumpHunter's row");
        assertTrue(html.contains("<tr><th>selected events</th><td>1650</td></tr>"), "summary from results.json");
        assertTrue(html.contains("<tr><th>signal region</th><td>3300 – 3700 GeV (mjj)</td></tr>"),
                "config parsed by data-io");
        String nb = Files.readString(run.resolve("report.ipynb"));
        assertTrue(nb.contains("RUN = pathlib.Path(\\\".\\\")"), "the notebook sits in the run directory");
        assertEquals(4, nb.split("\"image/png\"", -1).length - 1, "the four plots embedded; the redrawing cells "
                + "have no outputs until the notebook is run");
    }

    @Test
    void demoWritesPyhfAndHepDataAndExportRewritesThemOnlyWithOverwrite() throws Exception {
        RunResults results = ResultsCodec.readResults(run.resolve("results.json"));
        boolean srFit = results.signalRegion().sidebandFit().fitPassed();
        assertEquals(srFit, Files.isRegularFile(run.resolve("pyhf/signal_region.json")), "a workspace when the SR fit "
                + "passed");
        List<String> hepdata = List.of("hepdata/submission.yaml", "hepdata/mjj_spectrum.yaml",
                "hepdata/significances.yaml");
        for (String f : hepdata) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertTrue(results.outputs().containsAll(hepdata), results.outputs().toString());
        assertFalse(Files.exists(run.resolve("hepdata/scan_windows.yaml")), "--no-search: no scan table");
        byte[] before = Files.readAllBytes(run.resolve("hepdata/submission.yaml"));

        Cli again = Cli.run("export", "hepdata", run.toString());
        assertEquals(1, again.exitCode(), again.err());
        assertTrue(again.err().contains("already exists") && again.err().contains("--overwrite"), again.err());
        Cli over = Cli.run("export", "hepdata", run.toString(), "--overwrite");
        assertEquals(0, over.exitCode(), over.err());
        assertEquals(new String(before), Files.readString(run.resolve("hepdata/submission.yaml")), "deterministic");

        Path elsewhere = tmp.resolve("pyhf-out");
        Cli pyhf = Cli.run("export", "pyhf", run.toString(), "-o", elsewhere.toString());
        if (srFit) {
            assertEquals(0, pyhf.exitCode(), pyhf.err());
            assertEquals(Files.readString(run.resolve("pyhf/signal_region.json")),
                    Files.readString(elsewhere.resolve("signal_region.json")));
        } else {
            assertEquals(1, pyhf.exitCode(), pyhf.err());
            assertTrue(pyhf.err().contains("no window with an accepted background fit"), pyhf.err());
        }
    }

    @Test
    void existingOutputsNeedOverwrite() throws Exception {
        for (String kind : List.of("report", "notebook")) {
            Cli again = Cli.run("export", kind, run.toString());
            assertEquals(1, again.exitCode(), again.err());
            assertEquals(1, again.errorLines().size(), again.err());
            assertTrue(again.err().contains("already exists") && again.err().contains("--overwrite"), again.err());
            Cli over = Cli.run("export", kind, run.toString(), "--overwrite");
            assertEquals(0, over.exitCode(), over.err());
            assertTrue(over.out().startsWith(kind + ": "), over.out());
        }
        try (var s = Files.list(run)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void outputElsewhereLinksBackToTheRun() throws Exception {
        Path out = tmp.resolve("shared/reports");
        Cli missingDir = Cli.run("export", "report", run.toString(), "-o", out.resolve("r.html").toString());
        assertEquals(1, missingDir.exitCode());
        assertTrue(missingDir.err().contains("does not exist"), missingDir.err());
        Files.createDirectories(out);
        assertEquals(0, Cli.run("export", "report", run.toString(), "-o", out.resolve("r.html").toString()).exitCode());
        assertEquals(0, Cli.run("export", "notebook", run.toString(), "-o", out.resolve("n.ipynb").toString())
                .exitCode());
        String html = Files.readString(out.resolve("r.html"));
        assertTrue(html.contains("href=\"../../runs/demo/events.csv.gz\""), "relative link from the report");
        assertTrue(Files.isRegularFile(out.resolve("../../runs/demo/events.csv.gz")));
        assertTrue(Files.readString(out.resolve("n.ipynb")).contains("RUN = pathlib.Path(\\\"../../runs/demo\\\")"));
    }

    @Test
    void aMissingOrInvalidRunDirectoryIsOneClearError() throws Exception {
        Path notRun = Files.createDirectories(tmp.resolve("notrun"));
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        Path badConfig = Files.createDirectories(tmp.resolve("badconfig"));
        Files.writeString(badConfig.resolve("results.json"), "{\"schemaVersion\": 2, \"seed\": 1}");
        Files.writeString(badConfig.resolve("config.yaml"), "schemaVersion: 1\nfeatures: [nope]\n");
        Path badJson = Files.createDirectories(tmp.resolve("badjson"));
        Files.writeString(badJson.resolve("results.json"), "{\"run\": \"x\",}");
        Path oldStyle = Files.createDirectories(tmp.resolve("oldstyle"));
        Files.writeString(oldStyle.resolve("results.json"), "{\"schemaVersion\": 2, \"seed\": 1, \"significance\": "
                + "{\"counting\": {\"Z\": 3.5}}}");
        Object[][] cases = {
            {tmp.resolve("missing"), "no such run directory"},
            {file, "not a directory"},
            {notRun, "not a run directory: it has no results.json"},
            {badConfig, "unknown feature 'nope'"},
            {badJson, "results.json: line 1, column 13: not valid JSON"},
            {oldStyle, "results.json: significance: schema version 2 found, but not its typed layout"},
        };
        for (Object[] c : cases) {
            for (String kind : List.of("notebook", "report")) {
                Cli r = Cli.run("export", kind, c[0].toString());
                assertEquals(1, r.exitCode(), kind + " " + c[0] + ": " + r.err());
                assertEquals(1, r.errorLines().size(), r.err());
                assertTrue(r.err().startsWith("anomaly-search: error: ") && r.err().contains((String) c[1]),
                        r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
        }
        assertEquals(2, Cli.run("export", "report").exitCode(), "RUN_DIR is required");
        assertTrue(Cli.run("export").out().contains("notebook"), "export alone shows its subcommands");
    }

    @Test
    void runPathIsRelativeFromTheOutputsDirectory() {
        assertEquals(".", ExportCommand.relativeRunPath(Path.of("/a/run"), Path.of("/a/run/report.html")));
        assertEquals("../run", ExportCommand.relativeRunPath(Path.of("/a/run"), Path.of("/a/out/x.html")));
    }
}
