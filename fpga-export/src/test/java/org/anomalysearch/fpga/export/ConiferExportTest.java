package org.anomalysearch.fpga.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anomalysearch.fpga.Python;
import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conifer export of the shared reference ensemble: the shipped test-bench outputs are conifer 1.9's own
 * (xilinxhls at precision line 1, where saturation makes the order matter), the model reads back, and the check
 * runs conifer where python3 imports it or says it was skipped.
 */
class ConiferExportTest {
    @TempDir
    Path dir;

    @Test
    void exportShipsConifersOwnOutputs() throws IOException {
        Path ref = SharedData.require("data/fixed_point/conifer/trees.json").getParent();
        TreeEnsemble model = TreeEnsemble.readConiferJson(ref.resolve("trees.json"));
        double[][] x = EmulatorIo.readDoubles(ref.resolve("trees_inputs.csv"), 4);
        TreeEmulator.Precisions p = TreeEmulator.Precisions.of(FixedType.parse("ap_fixed<16,6>"),
                FixedType.parse("ap_fixed<16,6>"), FixedType.parse("ap_fixed<8,2,AP_RND,AP_SAT>"));
        Path out = dir.resolve("conifer");
        ConiferExport.Result r = ConiferExport.export(model, p, TreeEmulator.Backend.XILINXHLS,
                ExportOptions.defaults(), Map.of("k", "v"), x, out);
        assertEquals(List.of("conifer_model.json", "conifer_config.json", "tb_data/tb_input_features.dat",
                "tb_data/tb_output_predictions.dat", "export.json"), r.files());
        List<String> want = Files.readAllLines(ref.resolve("conifer_xilinxhls_1.csv"));
        List<String> got = Files.readAllLines(out.resolve("tb_data/tb_output_predictions.dat"));
        for (int i = 0; i < want.size(); i++) {
            assertEquals(Double.parseDouble(want.get(i)), Double.parseDouble(got.get(i)), 0, "row " + (i + 1));
        }
        double[][] back = EmulatorIo.readDoubles(out.resolve("tb_data/tb_input_features.dat"), 4);
        assertTrue(java.util.Arrays.deepEquals(x, back), "inputs printed exactly");
        String json = Files.readString(out.resolve("conifer_model.json"));
        assertTrue(json.contains("\"weight\": [") && json.contains("\"config\": {")
                && json.contains("\"Backend\": \"xilinxhls\"") && json.contains("\"Unroll\": true"), json);
        assertEquals(model.toConiferJson(null), TreeEnsemble.readConiferJson(out.resolve("conifer_model.json"))
                .toConiferJson(null));
        assertTrue(Files.readString(out.resolve("conifer_config.json"))
                .contains("\"ScorePrecision\": \"ap_fixed<8,2,AP_RND,AP_SAT>\""));
        assertThrows(FileAlreadyExistsException.class, () -> ConiferExport.export(model, p,
                TreeEmulator.Backend.CPP, ExportOptions.defaults(), Map.of(), x, out));

        ExportVerifier.Verification v = ExportVerifier.verify(ExportVerifier.Tool.CONIFER, out, 30);
        if (Python.canImport("python3", "numpy, conifer")) {
            assertEquals(ExportVerifier.Status.PASSED, v.status(), v.describe());
        } else {
            assertEquals(ExportVerifier.Status.SKIPPED, v.status(), v.describe());
            assertTrue(v.detail().contains("conifer"), v.describe());
        }
    }
}
