package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.io.EventSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** density fit | sample | report on a small generated table, with tiny epochs; and the user errors. */
class DensityCommandTest {

    @TempDir
    static Path dir;
    static Path table;
    static Path model;
    static Cli fit;

    @BeforeAll
    static void fitOnce() {
        table = dir.resolve("events.parquet");
        assertEquals(0, Cli.run("generate", "-o", table.toString(), "--background", "8000", "--seed", "3").exitCode());
        model = dir.resolve("vae");
        fit = Cli.run("density", "fit", "--input", table.toString(), "--model", "vae", "--sr", "3300,3700",
                "-o", model.toString(), "--epochs", "2", "--seed", "5", "--no-refine");
    }

    @Test
    void fitWritesModelAndReportsEachEpochOnStderr() {
        assertEquals(0, fit.exitCode(), fit.err());
        assertTrue(Files.isRegularFile(model.resolve("model.properties")));
        assertTrue(Files.isRegularFile(model.resolve("regions.properties")));
        assertTrue(fit.err().contains("epoch 1/2 loss"), fit.err());
        assertTrue(fit.err().contains("epoch 2/2 loss"), fit.err());
        assertTrue(fit.out().contains("wrote cvae model (2 epochs"), fit.out());
    }

    @Test
    void sampleWritesOversampledSrTable() throws Exception {
        Path out = dir.resolve("samples.parquet");
        Cli r = Cli.run("density", "sample", "--model", model.toString(), "--input", table.toString(), "-o",
                out.toString(), "--oversampling", "3");
        assertEquals(0, r.exitCode(), r.err());
        long srEvents = 0;
        try (EventSource src = EventSource.open(table)) {
            while (src.hasNext()) {
                for (double m : src.next().column("mjj")) {
                    srEvents += m >= 3300 && m < 3700 ? 1 : 0;
                }
            }
        }
        int rows = 0;
        try (EventSource src = EventSource.open(out)) {
            assertEquals(List.of("mjj", "mj1", "dmj", "tau21_j1", "tau21_j2"), src.schema().names());
            while (src.hasNext()) {
                EventBatch b = src.next();
                for (double m : b.column("mjj")) {
                    assertTrue(m >= 3300 && m < 3700, "sampled mjj " + m + " outside the SR");
                }
                for (double v : b.column("tau21_j1")) {
                    assertTrue(Double.isFinite(v));
                }
                rows += b.size();
            }
        }
        assertTrue(srEvents > 100, "SR events " + srEvents);
        assertEquals(3 * srEvents, rows);
        // same seed, same samples; the existing file is not replaced silently
        Cli again = Cli.run("density", "sample", "--model", model.toString(), "--input", table.toString(), "-o",
                out.toString(), "--oversampling", "3");
        assertNotEquals(0, again.exitCode());
    }

    @Test
    void reportWritesJsonAndPlots() throws Exception {
        Path out = dir.resolve("report");
        Cli r = Cli.run("density", "report", "--model", model.toString(), "--input", table.toString(), "-o",
                out.toString(), "--classifier-epochs", "2");
        assertEquals(0, r.exitCode(), r.err());
        String json = Files.readString(out.resolve("quality.json"));
        assertTrue(json.contains("\"twoSampleAuc\""), json.substring(0, Math.min(400, json.length())));
        assertTrue(json.contains("\"wasserstein1\""));
        assertTrue(Files.size(out.resolve("features.png")) > 1000);
        assertTrue(Files.isRegularFile(out.resolve("features.svg")));
        String svg = Files.readString(out.resolve("features.svg"));
        assertTrue(svg.contains(">Conditional VAE samples vs true background, SR [3300, 3700] GeV<")
                || svg.contains("samples vs true background, SR"), "title with the model's name");
        assertTrue(svg.contains(">m_J1 [GeV]<") && svg.contains(">Δm_J [GeV]<"), "x axes with units");
        assertTrue(!svg.contains(">cvae") && !svg.contains("cvae samples"), "no internal kind name");
        assertTrue(r.out().contains("two-sample AUC"), r.out());
        assertTrue(r.out().contains("tau21_j2"), r.out());
    }

    @Test
    void userErrorsAreClear() {
        Cli badKind = Cli.run("density", "fit", "--input", table.toString(), "--model", "nf", "--sr", "3300,3700",
                "-o", dir.resolve("x").toString());
        assertEquals(2, badKind.exitCode());
        assertTrue(badKind.err().contains("--model must be vae, gan or flow, got 'nf'"), badKind.err());
        Cli flowOption = Cli.run("density", "fit", "--input", table.toString(), "--model", "vae", "--sr", "3300,3700",
                "-o", dir.resolve("x").toString(), "--flow-blocks", "3");
        assertEquals(2, flowOption.exitCode());
        assertTrue(flowOption.err().contains("--flow-* options apply to --model flow only"), flowOption.err());
        Cli badFlow = Cli.run("density", "fit", "--input", table.toString(), "--model", "flow", "--sr", "3300,3700",
                "-o", dir.resolve("x").toString(), "--flow-blocks", "0");
        assertNotEquals(0, badFlow.exitCode());
        assertTrue(badFlow.err().contains("density.flow.blocks"), badFlow.err());
        Cli badSr = Cli.run("density", "fit", "--input", table.toString(), "--model", "vae", "--sr", "3700,3300",
                "-o", dir.resolve("x").toString());
        assertEquals(2, badSr.exitCode());
        assertTrue(badSr.err().contains("--sr needs two increasing values"), badSr.err());
        Cli exists = Cli.run("density", "fit", "--input", table.toString(), "--model", "vae", "--sr", "3300,3700",
                "-o", model.toString(), "--epochs", "1");
        assertEquals(2, exists.exitCode());
        assertTrue(exists.err().contains("already holds a model; pass --overwrite"), exists.err());
        Cli noModel = Cli.run("density", "sample", "--model", dir.resolve("nope").toString(), "--input",
                table.toString(), "-o", dir.resolve("s2.parquet").toString());
        assertNotEquals(0, noModel.exitCode());
        assertTrue(noModel.err().contains("no such model directory"), noModel.err());
        assertTrue(!noModel.err().contains("\tat "), "no stack trace: " + noModel.err());
        Cli badFeature = Cli.run("density", "fit", "--input", table.toString(), "--model", "gan", "--sr", "3300,3700",
                "-o", dir.resolve("y").toString(), "--features", "mj1,nonsense");
        assertNotEquals(0, badFeature.exitCode());
        assertTrue(badFeature.err().contains("nonsense"), badFeature.err());
    }

    @Test
    void flowFitsSamplesAndReports() throws Exception {
        Path flow = dir.resolve("flow");
        Cli f = Cli.run("density", "fit", "--input", table.toString(), "--model", "flow", "--sr", "3300,3700",
                "-o", flow.toString(), "--epochs", "2", "--flow-blocks", "2", "--flow-hidden", "8", "--flow-ensemble", "2",
                "--seed", "5");
        assertEquals(0, f.exitCode(), f.err());
        assertTrue(f.out().contains("wrote cmaf model (2 epochs"), f.out());
        Cli s = Cli.run("density", "sample", "--model", flow.toString(), "--input", table.toString(), "-o",
                dir.resolve("flow_samples.parquet").toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("cmaf samples"), s.out());
        Cli r = Cli.run("density", "report", "--model", flow.toString(), "--input", table.toString(), "-o",
                dir.resolve("flow_report").toString(), "--classifier-epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        String svg = Files.readString(dir.resolve("flow_report/features.svg"));
        assertTrue(svg.contains("Normalising flow (MAF) samples vs true background"), "not 'cmaf' in the title");
        assertTrue(r.out().contains("two-sample AUC"), r.out());
    }

    @Test
    void refinedGanFitsSamplesAndReports() throws Exception {
        Path gan = dir.resolve("gan-refined");
        Cli f = Cli.run("density", "fit", "--input", table.toString(), "--model", "gan", "--sr", "3300,3700",
                "-o", gan.toString(), "--epochs", "2", "--refine-ensemble", "2", "--seed", "5");
        assertEquals(0, f.exitCode(), f.err());
        assertTrue(f.out().contains("refined by 2 classifiers"), f.out());
        assertTrue(f.out().contains("wrote refined model (cgan 2 epochs"), f.out());
        assertTrue(Files.isRegularFile(gan.resolve("base").resolve("model.properties")));
        Cli s = Cli.run("density", "sample", "--model", gan.toString(), "--input", table.toString(), "-o",
                dir.resolve("refined_samples.parquet").toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("refined samples"), s.out());
        Cli noRefine = Cli.run("density", "fit", "--input", table.toString(), "--model", "gan", "--sr", "3300,3700",
                "-o", dir.resolve("x").toString(), "--refine-ensemble", "2", "--no-refine");
        assertEquals(2, noRefine.exitCode());
        assertTrue(noRefine.err().contains("--refine-ensemble needs --refine"), noRefine.err());
    }

    /**
     * density fit checks the signal region against the data before training: an SR outside the data's mjj range (a
     * TeV range given for GeV data), and an SR whose sideband holds no events (data cut to the SR).
     */
    @Test
    void signalRegionOutsideTheDataOrAnEmptySidebandIsRefusedBeforeTraining() throws Exception {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        try (EventSource s = EventSource.open(table)) {
            for (double m : s.readAll().column("mjj")) {
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
        }
        Path out = dir.resolve("tev");
        Cli tev = Cli.run("density", "fit", "--input", table.toString(), "--model", "flow", "--sr", "3.3,3.7",
                "--sideband-width", "0.5", "-o", out.toString(), "--epochs", "1");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, tev.exitCode(), tev.err());
        assertEquals(1, tev.errorLines().size(), tev.err());
        assertTrue(tev.err().contains(table + ": mjj: the signal region [3.3, 3.7) lies outside the data's mjj range ["
                + String.format(java.util.Locale.ROOT, "%.6g, %.6g", lo, hi) + "]"), tev.err());
        assertTrue(tev.err().contains("GeV in event tables: 3300,3700, not 3.3,3.7"), tev.err());
        assertFalse(tev.err().contains("epoch"), "refused before training");
        assertFalse(Files.exists(out), "no model directory left behind");

        // events below and in the SR and one far above it, none in the high sideband [3700, 4200)
        StringBuilder csv = new StringBuilder("mjj,mj1,dmj,tau21_j1,tau21_j2\n");
        for (int i = 0; i < 40; i++) {
            csv.append(2900 + 20 * i).append(",100,50,0.5,0.5\n");
        }
        csv.append("5000,100,50,0.5,0.5\n");
        Path gap = Files.writeString(dir.resolve("gap.csv"), csv);
        Cli empty = Cli.run("density", "fit", "--input", gap.toString(), "--model", "flow", "--sr", "3300,3700",
                "-o", out.toString(), "--epochs", "1");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, empty.exitCode(), empty.err());
        // independently: the low sideband [2800, 3300) holds 2900, 2920, ..., 3280 = 20 events
        assertTrue(empty.err().contains("the high sideband [3700, 4200) holds no events (low sideband [2800, 3300): 20, "
                + "high sideband [3700, 4200): 0; data mjj range [2900.00, 5000.00])"), empty.err());
        assertFalse(Files.exists(out));
    }
}
