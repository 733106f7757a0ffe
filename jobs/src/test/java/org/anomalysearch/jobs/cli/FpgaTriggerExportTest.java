package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.jobs.fpga.TriggerHandoff;
import org.anomalysearch.trigger.TriggerFeatures;
import org.anomalysearch.trigger.TriggerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fpga export / emulate / cost --model TRIGGER_DIR} on tiny trigger models trained here (AE and VAE, 2 epochs
 * on the dijet CSVs of {@link TriggerCommandTest}): the exported network plus score, emulated at a wide precision,
 * agrees with {@link TriggerModel#score} on every event, and the export holds the expected files, the score types
 * and the input scaling.
 */
class FpgaTriggerExportTest {
    /**
     * Emulated at fixed&lt;32,16&gt; with a fixed&lt;40,20&gt; score, the score differs from the double-precision
     * model by the float32 rounding of z and the 2^-16 truncation (biased down) of every weight, product and sum of
     * up to 32 terms: |emulated - score| / max(1, score) at most 2e-3 (measured: 2.7e-5 for the AE, whose scores
     * reach 480, and 8.9e-4 for the VAE, whose scores are O(1)). At fixed&lt;44,22&gt; the difference must be 16 times
     * smaller (measured: 60 to 70 times, the step ratio 2^6), so it is quantization, not a structural mismatch.
     */
    static final double TOLERANCE = 2e-3;

    @TempDir
    static Path dir;
    static Path events;

    @BeforeAll
    static void train() throws IOException {
        Path data = dir.resolve("train.csv");
        TriggerCommandTest.writeCsv(data, 1500, 11, 0);
        events = dir.resolve("events.csv");
        TriggerCommandTest.writeCsv(events, 150, 12, 1);
        for (String kind : List.of("ae", "vae")) {
            Cli t = Cli.run("trigger", "train", "--model", kind, "--data", data.toString(), "--epochs", "2", "--seed",
                    "5", "-o", dir.resolve(kind).toString());
            assertEquals(0, t.exitCode(), t.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ae", "vae"})
    void exportAtAWidePrecisionReproducesTheModelsScore(String kind) throws IOException {
        Path model = dir.resolve(kind);
        Path out = dir.resolve("export-" + kind);
        Cli e = Cli.run("fpga", "export", "--model", model.toString(), "--precision", "fixed<32,16>",
                "--score-precision", "fixed<40,20>", "--input", events.toString(), "-o", out.toString(), "--verify",
                "--python", dir.resolve("no-such-python").toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("verify: skipped (" + dir.resolve("no-such-python") + " cannot be started"),
                e.out());
        assertTrue(e.out().contains("note: trigger " + kind + ": the network takes standardised features z"),
                e.out());
        for (String f : List.of("model.onnx", "hls4ml_config.yml", "tb_data/tb_input_features.dat",
                "tb_data/tb_output_predictions.dat", "export.json", TriggerHandoff.SCALING_FILE)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in " + e.out());
        }
        TriggerModel m = TriggerModel.load(model);
        EventBatch b = ClassifyCommand.read(events, "events");
        double[] want = m.score(TriggerFeatures.of(b, "events"));
        double at16 = worst(want, Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat")));
        assertTrue(at16 <= TOLERANCE, "largest |emulated - TriggerModel.score| / max(1, score) " + at16);
        // 6 more fractional bits: the difference shrinks with the quantization step (no structural mismatch)
        Path y = dir.resolve("wider-" + kind + ".csv");
        Cli em = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<44,22>",
                "--score-precision", "fixed<52,26>", "--input", events.toString(), "-o", y.toString());
        assertEquals(0, em.exitCode(), em.err());
        double at22 = worst(want, Files.readAllLines(y));
        assertTrue(at22 <= at16 / 16, "at fixed<44,22> " + at22 + ", at fixed<32,16> " + at16);

        // the ONNX file reads back as the same network (score tail included) and the config pins the score types
        OnnxMlp back = OnnxMlp.read(out.resolve("model.onnx"));
        assertEquals(TriggerHandoff.SUM, back.layers().get(back.layers().size() - 1).name());
        assertEquals(kind.equals("ae") ? 13 : 7, back.layers().size(), back.layers().toString());
        String yml = Files.readString(out.resolve("hls4ml_config.yml"));
        assertTrue(yml.contains("'score_sum_matmul':\n      Precision:\n        weight: 'ufixed<1,1>'"), yml);
        assertTrue(yml.contains("accum: 'fixed<40,20>'") && yml.contains("'score_square':"), yml);
        assertEquals(kind.equals("ae"), yml.contains("'score_sub':"), yml);
        String scaling = Files.readString(out.resolve(TriggerHandoff.SCALING_FILE));
        assertTrue(scaling.contains("\"input\":\"z\"") || scaling.contains("\"input\": \"z\""), scaling);
        assertTrue(scaling.contains(Double.toString(m.inputMean()[0]))
                && scaling.contains(Double.toString(m.inputStd()[9])), scaling);
        assertTrue(Files.readString(out.resolve("export.json")).contains(TriggerHandoff.SCALING_FILE));
    }

    /** The largest |emulated - want| / max(1, |want|) over the events. */
    static double worst(double[] want, List<String> got) {
        assertEquals(want.length, got.size());
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double g = Double.parseDouble(got.get(i).trim());
            worst = Math.max(worst, Math.abs(g - want[i]) / Math.max(1, Math.abs(want[i])));
        }
        return worst;
    }

    @Test
    void emulateDescribesTheScoreLayersAndPlainNumbersAreZ() throws IOException {
        Path model = dir.resolve("ae");
        Path y = dir.resolve("emulated.csv");
        Cli em = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                events.toString(), "-o", y.toString(), "--describe");
        assertEquals(0, em.exitCode(), em.err());
        assertTrue(em.out().contains("Merge score_sub (subtract: input - previous): result ap_fixed<24,12,AP_RND,"
                + "AP_SAT>"), em.out());
        assertTrue(em.out().contains("Dense score_sum_matmul (10 -> 1): weight ap_ufixed<1,1>"), em.out());
        // the same events given as z (plain numbers) give the same outputs
        TriggerModel m = TriggerModel.load(model);
        double[][] x = TriggerFeatures.of(ClassifyCommand.read(events, "events"), "events");
        float[][] z = TriggerHandoff.of(m).networkInputs(x);
        StringBuilder sb = new StringBuilder();
        for (float[] row : z) {
            List<String> v = new ArrayList<>();
            for (float f : row) {
                v.add(String.format(Locale.ROOT, "%.9g", f));
            }
            sb.append(String.join(",", v)).append('\n');
        }
        Path zCsv = dir.resolve("z.csv");
        Files.writeString(zCsv, sb);
        Path y2 = dir.resolve("emulated-z.csv");
        Cli em2 = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                zCsv.toString(), "-o", y2.toString());
        assertEquals(0, em2.exitCode(), em2.err());
        assertArrayEquals(Files.readAllLines(y).toArray(), Files.readAllLines(y2).toArray());

        Cli c = Cli.run("fpga", "cost", "--model", model.toString(), "--precision", "fixed<16,6>");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("score_square") && c.out().contains("Multiply"), c.out());
    }

    @Test
    void badScorePrecisionsAreOneClearLine() {
        Cli u = Cli.run("fpga", "emulate", "--model", dir.resolve("ae").toString(), "--precision", "fixed<16,6>",
                "--score-precision", "ufixed<16,8>", "--input", events.toString(), "-o", dir.resolve("u.csv")
                        .toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, u.exitCode());
        assertEquals(1, u.errorLines().size(), u.err());
        assertTrue(u.errorLines().get(0).contains("--score-precision") && u.err().contains("signed"), u.err());
        Cli onnx = Cli.run("fpga", "cost", "--model", events.toString(), "--precision", "fixed<16,6>",
                "--score-precision", "fixed<24,12>");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, onnx.exitCode());
        assertEquals(1, onnx.errorLines().size(), onnx.err());
        assertTrue(onnx.err().contains("applies to a 'trigger train' directory only"), onnx.err());
        Cli scan = Cli.run("fpga", "scan", "--model", dir.resolve("vae").toString(), "--data", events.toString(),
                "-o", dir.resolve("scan").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, scan.exitCode());
        assertTrue(scan.err().contains("does not take trigger models"), scan.err());
    }
}
