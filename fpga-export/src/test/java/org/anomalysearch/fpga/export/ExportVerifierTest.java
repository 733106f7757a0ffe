package org.anomalysearch.fpga.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.anomalysearch.fpga.Python;
import org.anomalysearch.fpga.TestModels;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check runs the real tool where python3 can import it and says it was skipped otherwise: whichever holds on
 * this machine, the outcome must be the matching one (PASSED with every row equal, or SKIPPED naming hls4ml).
 */
class ExportVerifierTest {
    @TempDir
    Path dir;

    static boolean importable(String module) {
        return Python.canImport("python3", "numpy, " + module); // the interpreter ExportVerifier runs
    }

    @Test
    void hls4mlCheckPassesOrSaysItWasSkipped() throws IOException {
        MlpWeights w = TestModels.randomWeights(3, MlpWeights.Activation.SIGMOID, 4, 8, 1);
        Path out = dir.resolve("export");
        FpgaExport.export(w, Map.of(), PrecisionConfig.model("fixed<12,1>"), ExportOptions.defaults(),
                TestModels.randomInputs(4, 50, 4), out);
        ExportVerifier.Verification v = ExportVerifier.verify(ExportVerifier.Tool.HLS4ML, out, 30);
        if (importable("hls4ml")) {
            assertEquals(ExportVerifier.Status.PASSED, v.status(), v.describe());
            assertEquals(50, v.equalRows(), v.describe());
        } else {
            assertEquals(ExportVerifier.Status.SKIPPED, v.status(), v.describe());
            assertTrue(v.describe().startsWith("verify: skipped (") && v.detail().contains("hls4ml"), v.describe());
        }
    }

    @Test
    void noPythonIsSkippedNotPassed() throws IOException {
        ExportVerifier.Verification v = ExportVerifier.verify(ExportVerifier.Tool.HLS4ML, dir,
                dir.resolve("no-such-python").toString(), 1);
        assertEquals(ExportVerifier.Status.SKIPPED, v.status());
        assertTrue(v.detail().contains("cannot be started"), v.detail());
    }
}
