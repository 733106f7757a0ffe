package org.anomalysearch.fpga.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.fixed.FixedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conifer's JSON layout: written with the per-tree weight rows and feature_map, read back, bad files named. */
class TreeEnsembleJsonTest {
    @TempDir
    Path dir;

    static TreeEnsemble small() {
        TreeEnsemble.Tree t1 = new TreeEnsemble.Tree(new int[] {1, -2, 0, -2, -2},
                new double[] {0.3, -2, -1.1, -2, -2}, new double[] {0, 0.40625, 0, -0.7, 1.2},
                new int[] {1, -1, 3, -1, -1}, new int[] {2, -1, 4, -1, -1});
        TreeEnsemble.Tree t2 = new TreeEnsemble.Tree(new int[] {-2}, new double[] {-2}, new double[] {0.2},
                new int[] {-1}, new int[] {-1});
        return new TreeEnsemble(List.of("a", "b", "c"), 0.1, 1, List.of(t1, t2), "test");
    }

    @Test
    void writesWeightRowsAndReadsBack() throws IOException {
        TreeEnsemble m = small();
        Map<String, Object> cm = m.toConiferMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree0 = ((List<Map<String, Object>>) ((List<?>) cm.get("trees")).get(0)).get(0);
        int[][] w = (int[][]) tree0.get("weight");
        assertEquals(5, w.length);
        assertEquals(List.of(0, 1, 0), List.of(w[0][0], w[0][1], w[0][2]), "root splits on feature 1 (b)");
        assertEquals(List.of(1, 0, 0), List.of(w[2][0], w[2][1], w[2][2]));
        assertEquals(List.of(0, 0, 0), List.of(w[1][0], w[1][1], w[1][2]), "leaf: zeros");
        assertEquals(Map.of("a", 0, "b", 1, "c", 2), cm.get("feature_map"));

        Path f = dir.resolve("m.json");
        String text = m.toConiferJson(Map.of("Backend", "cpp"));
        assertTrue(text.contains("\"config\": {"), text);
        Files.writeString(f, text);
        TreeEnsemble back = TreeEnsemble.readConiferJson(f);
        assertEquals(m.toConiferJson(null), back.toConiferJson(null));
        double[] x = {-1.2, 0.5, 0};
        assertEquals(m.decisionFunction(x), back.decisionFunction(x), 0);
    }

    @Test
    void badFilesNameTheKey() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, small().toConiferJson(null).replace("\"n_classes\": 2", "\"n_classes\": 3"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TreeEnsemble.readConiferJson(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("n_classes"), e.getMessage());

        Files.writeString(f, "{\"n_classes\": 2, \"n_features\": 1, \"init_predict\": [0], \"norm\": 1, \"trees\": "
                + "[[{\"feature\": [0, -2, -2], \"threshold\": [0.5, -2, -2], \"value\": [0, 1, 2], "
                + "\"children_left\": [1, -1, -1], \"children_right\": [2, -1, -1], "
                + "\"weight\": [[0.5], [0], [0]]}]]}");
        e = assertThrows(InvalidInputException.class, () -> TreeEnsemble.readConiferJson(f));
        assertTrue(e.getMessage().contains("trees[0].weight[0]") && e.getMessage().contains("one-hot"),
                e.getMessage());

        Files.writeString(f, "not json");
        e = assertThrows(InvalidInputException.class, () -> TreeEnsemble.readConiferJson(f));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    /**
     * conifer's weight type defaults to the threshold type; when that cannot hold 1 (fixed&lt;8,1&gt;: 1 wraps to
     * -1) the firmware's split sees x * (weight_t) 1 = -x, and so does the emulator.
     */
    @Test
    void weightTypeThatCannotHoldOneFlipsTheSplit() {
        TreeEnsemble.Tree t = new TreeEnsemble.Tree(new int[] {0, -2, -2}, new double[] {0.25, -2, -2},
                new double[] {0, 0.125, -0.125}, new int[] {1, -1, -1}, new int[] {2, -1, -1});
        TreeEnsemble m = new TreeEnsemble(List.of("x"), 0, 1, List.of(t), "test");
        FixedType narrow = FixedType.parse("fixed<8,1>");
        FixedType wide = FixedType.parse("fixed<16,6>");
        double[] x = {0.5};
        assertEquals(-0.125, m.decisionFunction(x), 0, "float: 0.5 > 0.25 goes right");
        assertEquals(-0.125, TreeEmulator.of(m, new TreeEmulator.Precisions(wide, wide, wide, wide),
                TreeEmulator.Backend.XILINXHLS).decisionFunction(x).toDouble(), 0);
        // weight_t fixed<8,1>: (weight_t) 1 = -1, acc = (input_t)(0.5 * -1) = -0.5 <= 0.25: left
        assertEquals(0.125, TreeEmulator.of(m, new TreeEmulator.Precisions(wide, narrow, narrow, wide),
                TreeEmulator.Backend.XILINXHLS).decisionFunction(x).toDouble(), 0);
    }
}
