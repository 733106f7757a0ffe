package org.anomalysearch.fpga.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tree emulator against conifer 1.9's own outputs (../shared/data/fixed_point/conifer): a 20-tree ensemble read
 * from conifer's JSON, 2,000 inputs (some beyond ap_fixed&lt;16,6&gt;, some exactly on thresholds), four precision
 * sets; every row bit-exact for the xilinxhls firmware (balanced adder tree) and for the cpp backend (in order),
 * which differ from each other whenever a partial sum saturates.
 */
class ConiferReferenceTest {

    @ParameterizedTest(name = "{0} precision line {1}")
    @CsvSource({"XILINXHLS, 0", "XILINXHLS, 1", "XILINXHLS, 2", "XILINXHLS, 3", "CPP, 0", "CPP, 1", "CPP, 2",
        "CPP, 3"})
    void everyRowBitExact(TreeEmulator.Backend backend, int line) throws IOException {
        Path dir = SharedData.require("data/fixed_point/conifer/trees.json").getParent();
        TreeEnsemble model = TreeEnsemble.readConiferJson(dir.resolve("trees.json"));
        double[][] x = EmulatorIo.readDoubles(dir.resolve("trees_inputs.csv"), 4);
        String[] p = Files.readAllLines(dir.resolve("precisions.txt")).get(line).trim().split(";");
        TreeEmulator em = TreeEmulator.of(model, TreeEmulator.Precisions.of(FixedType.parse(p[0]),
                FixedType.parse(p[1]), FixedType.parse(p[2])), backend);
        List<String> want = Files.readAllLines(dir.resolve("conifer_" + backend.coniferName() + "_" + line
                + ".csv"));
        assertEquals(x.length, want.size());
        double[] got = em.predict(x);
        long[] counts = new long[2];
        for (int r = 0; r < x.length; r += 10) {
            assertEquals(got[r], em.decisionFunctionCountingOverflows(x[r], counts).toDouble(), "counting, row " + r);
        }
        List<String> bad = new ArrayList<>();
        for (int r = 0; r < x.length; r++) {
            if (Double.compare(got[r], Double.parseDouble(want.get(r))) != 0) {
                bad.add("row " + (r + 1) + ": got " + FixedValue.exactString(got[r]) + ", conifer " + want.get(r));
            }
        }
        assertTrue(bad.isEmpty(), (x.length - bad.size()) + " of " + x.length + " rows equal conifer's "
                + backend.coniferName() + " at " + String.join(";", p) + "; first: "
                + bad.subList(0, Math.min(5, bad.size())));
    }

    /** The two orders differ on the reference: each emulator fails the other backend's file at line 1. */
    @Test
    void theOrderMatters() throws IOException {
        Path dir = SharedData.require("data/fixed_point/conifer/trees.json").getParent();
        TreeEnsemble model = TreeEnsemble.readConiferJson(dir.resolve("trees.json"));
        double[][] x = EmulatorIo.readDoubles(dir.resolve("trees_inputs.csv"), 4);
        String[] p = Files.readAllLines(dir.resolve("precisions.txt")).get(1).trim().split(";");
        TreeEmulator.Precisions pr = TreeEmulator.Precisions.of(FixedType.parse(p[0]), FixedType.parse(p[1]),
                FixedType.parse(p[2]));
        double[] firmware = TreeEmulator.of(model, pr, TreeEmulator.Backend.XILINXHLS).predict(x);
        List<String> cpp = Files.readAllLines(dir.resolve("conifer_cpp_1.csv"));
        int differ = 0;
        for (int r = 0; r < x.length; r++) {
            differ += firmware[r] == Double.parseDouble(cpp.get(r)) ? 0 : 1;
        }
        assertTrue(differ > 1000, "the README counts 1706 rows where cpp and xilinxhls differ; " + differ);
    }

    /** The float tree walk equals conifer's python backend (float64, no quantization). */
    @Test
    void floatDecisionFunctionMatchesConiferPython() throws IOException {
        Path dir = SharedData.require("data/fixed_point/conifer/trees.json").getParent();
        TreeEnsemble model = TreeEnsemble.readConiferJson(dir.resolve("trees.json"));
        assertEquals(20, model.trees().size());
        assertEquals(List.of("x0", "x1", "x2", "x3"), model.featureNames());
        double[][] x = EmulatorIo.readDoubles(dir.resolve("trees_inputs.csv"), 4);
        List<String> want = Files.readAllLines(dir.resolve("conifer_python_float.csv"));
        for (int r = 0; r < x.length; r++) {
            assertEquals(Double.parseDouble(want.get(r)), model.decisionFunction(x[r]), 1e-12, "row " + (r + 1));
        }
    }
}
