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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code anomaly-search fpga emulate} on hls4ml's reference MLP (../shared/data/fixed_point/hls4ml_mlp): the output
 * file equals hls4ml's C-simulation outputs line by line, text for text, at all three precisions; user mistakes end
 * in one error line, exit code 1 and no output file.
 */
class FpgaEmulateCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'fixed<16,6>', outputs_fixed16_6.csv", "'ap_fixed<10,4>', outputs_fixed10_4.csv",
            "'fixed<18,8,RND,SAT>', outputs_fixed18_8_RND_SAT.csv"})
    void reproducesHls4mlOutputsTextually(String precision, String reference) throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path inputs = model.resolveSibling("inputs.csv");
        Path out = dir.resolve("out.csv");
        Cli r = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", precision, "--input",
                inputs.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> got = Files.readAllLines(out);
        List<String> want = Files.readAllLines(model.resolveSibling(reference));
        assertEquals(4000, want.size());
        assertEquals(want.size(), got.size(), "one output line per input line");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).strip(), got.get(i), "line " + (i + 1));
        }
        assertTrue(r.out().contains("emulated 4,000 events"), r.out());
    }

    @Test
    void refusesToOverwriteWithoutFlag() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path in = Files.writeString(dir.resolve("in.csv"), "1,2,3,4\n-1,0.5,0,2\n");
        Path out = Files.writeString(dir.resolve("out.csv"), "keep me\n");
        Cli r = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                in.toString(), "--output", out.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode());
        assertTrue(r.errorLines().get(0).contains("already exists"), r.err());
        assertEquals("keep me\n", Files.readString(out));
        Cli ok = Cli.run("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                in.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals(2, Files.readAllLines(out).size());
    }

    @Test
    void badPrecisionIsOneClearLine() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path in = Files.writeString(dir.resolve("in.csv"), "1,2,3,4\n");
        for (String bad : List.of("fixed<16>", "fixd<16,6>", "fixed<16,6,RND,SATURATE>", "fixed<0,6>")) {
            String line = fails("fpga", "emulate", "--model", model.toString(), "--precision", bad, "--input",
                    in.toString(), "--output", dir.resolve("out.csv").toString());
            assertTrue(line.contains(bad) && line.contains("position"), line);
        }
    }

    @Test
    void missingFilesAndBadRowsAreOneClearLine() throws IOException {
        Path model = TestData.shared("fixed_point/hls4ml_mlp/model.onnx");
        Path in = Files.writeString(dir.resolve("in.csv"), "1,2,3,4\n1,2,3\n");
        String out = dir.resolve("out.csv").toString();
        String line = fails("fpga", "emulate", "--model", dir.resolve("nope.onnx").toString(), "--precision",
                "fixed<16,6>", "--input", in.toString(), "--output", out);
        assertTrue(line.contains("nope.onnx"), line);
        line = fails("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                dir.resolve("nope.csv").toString(), "--output", out);
        assertTrue(line.contains("nope.csv"), line);
        line = fails("fpga", "emulate", "--model", model.toString(), "--precision", "fixed<16,6>", "--input",
                in.toString(), "--output", out);
        assertTrue(line.contains("line 2") && line.contains("expected 4 values"), line);
        line = fails("fpga", "emulate", "--model", in.toString(), "--precision", "fixed<16,6>", "--input",
                in.toString(), "--output", out);
        assertTrue(line.contains("in.csv"), line);
    }

    private String fails(String... args) throws IOException {
        List<String> before = listing();
        Cli r = Cli.run(args);
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), () -> "exit code; stderr: " + r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), () -> "exactly one error line, got: " + r.err());
        assertTrue(lines.get(0).startsWith("anomaly-search: error: "), lines.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals(before, listing(), "no output or temporary file left");
        return lines.get(0);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
