package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off users take: {@code classify train} -> {@code fpga export|emulate|scan|cost --model DIR} on an event
 * table, with no manual standardisation. The exported network in float reproduces {@code classify score} (the
 * whole ensemble) and the trees' decision function reproduces the classifier's logit.
 */
class FpgaFromClassifierTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path test;
    static Path mlp;
    static Path hgb;

    @BeforeAll
    static void train() {
        data = dir.resolve("data.parquet");
        test = dir.resolve("test.parquet");
        assertEquals(0, Cli.run("generate", "-o", data.toString(), "--background", "800", "--signal", "200",
                "--seed", "1").exitCode());
        assertEquals(0, Cli.run("generate", "-o", test.toString(), "--background", "300", "--signal", "60",
                "--seed", "3").exitCode());
        mlp = dir.resolve("mlp");
        Cli t = Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--model", "mlp",
                "--folds", "2", "--epochs", "2", "--seed", "7", "-o", mlp.toString());
        assertEquals(0, t.exitCode(), t.err());
        hgb = dir.resolve("hgb");
        assertEquals(0, Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--model",
                "hgb", "-o", hgb.toString()).exitCode());
    }

    static Map<Long, Double> scores(Path csv) throws IOException {
        Map<Long, Double> m = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            m.put(Long.parseLong(f[0]), Double.parseDouble(f[1]));
        }
        return m;
    }

    @Test
    void wholeEnsembleExportComputesTheClassifiersScoreFromRawFeatures() throws IOException {
        Path out = dir.resolve("export-all");
        Cli e = Cli.run("fpga", "export", "--model", mlp.toString(), "--whole-ensemble", "--precision",
                "fixed<24,10>", "--input", test.toString(), "-o", out.toString(), "--verify");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("note: exported the whole ensemble") && e.out().contains("raw features"), e.out());
        assertTrue(e.out().contains("verify: "), e.out());

        Path scoreCsv = dir.resolve("scores.csv");
        assertEquals(0, Cli.run("classify", "score", "--model", mlp.toString(), "--input", test.toString(), "-o",
                scoreCsv.toString()).exitCode());
        Map<Long, Double> want = scores(scoreCsv);
        EventBatch b = ClassifyCommand.read(test, "--input");
        List<String> features = FpgaModelOptions.loadClassifiers(mlp).get(0).features();
        double[][] raw = TrainingSet.rows(b, features, "test");
        OnnxMlp net = OnnxMlp.read(out.resolve("model.onnx"));
        float[][] tb = EmulatorIo.readFeatures(out.resolve("tb_data/tb_input_features.dat"), features.size());
        assertEquals(raw.length, tb.length);
        double maxFloat = 0;
        for (int i = 0; i < raw.length; i++) {
            assertEquals((float) raw[i][0], tb[i][0], "tb_data holds the raw features, event " + i);
            double s = net.forwardFloat32(tb[i])[0];
            maxFloat = Math.max(maxFloat, Math.abs(s - want.get(b.ids()[i])));
        }
        assertTrue(maxFloat < 1e-4, "float32 network vs classify score: " + maxFloat);
        // the shipped expected outputs are the emulator's at the export precision
        MlpEmulator em = MlpEmulator.of(net, PrecisionConfig.model("fixed<24,10>"));
        List<String> tbOut = Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat"));
        for (int i = 0; i < 20; i++) {
            assertEquals(em.predict(tb[i])[0], Double.parseDouble(tbOut.get(i)), 0, "row " + i);
        }
    }

    @Test
    void oneMemberIsStatedAndEmulateScanCostTakeTheDirectory() throws IOException {
        Path out = dir.resolve("export-one");
        Cli e = Cli.run("fpga", "export", "--model", mlp.toString(), "--precision", "fixed<16,6>", "--input",
                test.toString(), "-o", out.toString(), "--max-events", "50");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("note: exported ensemble member") && e.out().contains("from fold model"), e.out());

        Path em = dir.resolve("emulated.csv");
        Cli m = Cli.run("fpga", "emulate", "--model", mlp.toString(), "--member", "1", "--precision", "fixed<16,6>",
                "--input", test.toString(), "-o", em.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertEquals(360, Files.readAllLines(em).size());
        assertTrue(m.out().contains("member 1 of"), m.out());

        Cli c = Cli.run("fpga", "cost", "--model", mlp.toString(), "--precision", "fixed<16,6>", "--reuse", "1");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("ESTIMATE"), c.out());

        Path scan = dir.resolve("scan");
        Cli s = Cli.run("fpga", "scan", "--model", mlp.toString(), "--data", test.toString(), "-o", scan.toString(),
                "--widths", "10,16", "--integer-bits", "4,6");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("360 events") && s.out().contains("note: "), s.out());
    }

    @Test
    void treesGoToConiferWithTheClassifiersLogit() throws IOException {
        Path out = dir.resolve("conifer");
        Cli e = Cli.run("fpga", "export", "--model", hgb.toString(), "--precision", "ap_fixed<32,14>", "--input",
                test.toString(), "-o", out.toString(), "--verify");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("conifer_model.json") && e.out().contains("verify: "), e.out());
        TreeEnsemble t = TreeEnsemble.readConiferJson(out.resolve("conifer_model.json"));
        double[][] x = EmulatorIo.readDoubles(out.resolve("tb_data/tb_input_features.dat"), t.featureNames().size());
        List<String> tbOut = Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat"));
        Path scoreCsv = dir.resolve("hgb-scores.csv");
        assertEquals(0, Cli.run("classify", "score", "--model", hgb.toString(), "--input", test.toString(), "-o",
                scoreCsv.toString()).exitCode());
        Map<Long, Double> want = scores(scoreCsv);
        EventBatch b = ClassifyCommand.read(test, "--input");
        int far = 0;
        for (int i = 0; i < x.length; i++) {
            double p = want.get(b.ids()[i]);
            assertEquals(p, 1 / (1 + Math.exp(-t.decisionFunction(x[i]))), 1e-9, "float trees, event " + i);
            // 18 fractional bits: the fixed-point logit is within 2^-18 per tree of the float one, unless an input
            // falls between a threshold and its quantized value
            if (Math.abs(Double.parseDouble(tbOut.get(i)) - t.decisionFunction(x[i])) > t.trees().size() * 0x1p-17) {
                far++;
            }
        }
        assertTrue(far <= 3, far + " events where the fixed-point trees leave the float decision function");

        Cli em = Cli.run("fpga", "emulate", "--model", hgb.toString(), "--precision", "ap_fixed<32,14>", "--backend",
                "cpp", "--input", test.toString(), "-o", dir.resolve("hgb-em.csv").toString());
        assertEquals(0, em.exitCode(), em.err());
        Path scan = dir.resolve("hgb-scan");
        Cli sc = Cli.run("fpga", "scan", "--model", hgb.toString(), "--data", test.toString(), "-o", scan.toString(),
                "--widths", "16,24", "--integer-bits", "6,12");
        assertEquals(0, sc.exitCode(), sc.err());
        // raw masses of hundreds of GeV overflow ap_fixed<W,6> (range +-32), not <W,12> (+-2048)
        String six = sc.out().lines().filter(l -> l.startsWith("fixed<24,6>")).findFirst().orElseThrow();
        assertTrue(six.contains("parameters overflow"), sc.out());
        assertTrue(sc.out().contains("chosen: fixed<24,12>") || sc.out().contains("chosen: fixed<16,12>"), sc.out());
        Cli cost = Cli.run("fpga", "cost", "--model", hgb.toString(), "--precision", "fixed<16,6>");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, cost.exitCode());
        assertEquals(1, cost.errorLines().size(), cost.err());
        assertTrue(cost.errorLines().get(0).contains("boosted-tree"), cost.err());
    }

    @Test
    void aDirectoryThatIsNoClassifierIsOneClearLine() {
        Cli r = Cli.run("fpga", "emulate", "--model", dir.toString(), "--precision", "fixed<16,6>", "--input",
                test.toString(), "-o", dir.resolve("x.csv").toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains("classify.properties"), r.err());
    }
}
