package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.anomalysearch.io.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anomaly-search fpga export} and {@code fpga cost} on hls4ml's reference MLP. */
class FpgaExportCostCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportWritesTheProjectWithHls4mlsOutputs() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path out = dir.resolve("proj");
        Cli r = Cli.run("fpga", "export", "--model", model.toString(), "--precision", "fixed<10,4>", "--input",
                model.resolveSibling("inputs.csv").toString(), "-o", out.toString(), "--max-events", "300",
                "--reuse", "8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ESTIMATE") && r.out().contains("reuse factor 8"), r.out());
        List<String> want = Files.readAllLines(model.resolveSibling("outputs_fixed10_4.csv")).subList(0, 300);
        assertEquals(want.stream().map(String::strip).toList(),
                Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat")));
        assertTrue(Files.readString(out.resolve("hls4ml_config.yml")).contains("    ReuseFactor: 8\n"));

        // again without --overwrite: refused, untouched
        Cli again = Cli.run("fpga", "export", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                model.resolveSibling("inputs.csv").toString(), "-o", out.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, again.exitCode());
        assertTrue(again.errorLines().get(0).contains("already exists"), again.err());
    }

    /**
     * At fixed&lt;12,1&gt; (1.0 not representable) the shipped expected outputs are hls4ml's own (hls4ml_low_int);
     * --verify runs hls4ml where python3 imports it and otherwise says it was skipped.
     */
    @Test
    void exportAtOneIntegerBitShipsHls4mlsOutputsAndVerifies() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_low_int/model_sigmoid.onnx");
        Path out = dir.resolve("low");
        Cli r = Cli.run("fpga", "export", "--model", model.toString(), "--precision", "fixed<12,1>", "--input",
                model.resolveSibling("inputs.csv").toString(), "-o", out.toString(), "--verify");
        assertEquals(0, r.exitCode(), r.err());
        List<String> want = Files.readAllLines(model.resolveSibling("outputs_sigmoid_fixed12_1.csv"));
        assertEquals(want.stream().map(String::strip).toList(),
                Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat")));
        String verify = r.out().lines().filter(l -> l.startsWith("verify: ")).findFirst().orElseThrow();
        assertTrue(verify.startsWith("verify: skipped (hls4ml is not importable")
                || verify.startsWith("verify: passed: 2000 of 2000 rows"), r.out());
    }

    @Test
    void invalidReuseFactorIsOneLineNamingTheValidOnes() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Cli r = Cli.run("fpga", "export", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                model.resolveSibling("inputs.csv").toString(), "-o", dir.resolve("p").toString(), "--reuse", "3");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains("valid reuse factors for this model: 1, 2, 4, 8, 16, 32"), r.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written");
        }
        Cli c = Cli.run("fpga", "cost", "--model", model.toString(), "--precision", "fixed<16,6>", "--reuse", "1,3");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, c.exitCode());
        assertFalse(c.out().contains("ESTIMATE"), "nothing printed before the check");
    }

    @Test
    void costPrintsEstimatesPerReuseFactor() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path json = dir.resolve("cost.json");
        Cli r = Cli.run("fpga", "cost", "--model", model.toString(), "--precision", "ap_fixed<20,8>", "--reuse",
                "1,4", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("valid reuse factors for this model: [1, 2, 4, 8, 16, 32]"), r.out());
        // 4-32-32-1: 1184 products, no zero weights; 20-bit operands take 2 DSP48E2 each; RF 4: 296 multipliers
        assertTrue(r.out().matches("(?s).*total\\s+1184\\s+0\\s+1184\\s+1184\\s+2368\\s+1\\s+9\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*total\\s+1184\\s+0\\s+296\\s+296\\s+592\\s+4\\s+18\\n.*"), r.out());
        String text = Files.readString(json);
        assertTrue(text.contains("\"dsp27x18\": 2368") && text.contains("not synthesis"), text);
    }
}
