package org.anomalysearch.jobs.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cwola HGB -> conifer JSON, and the fixed-point tree emulator against the float trees. */
class TreeHandoffTest {

    @TempDir
    Path dir;

    private static Classifier hgb(double[][] x, int[] y) {
        long[] ids = new long[y.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new HgbTrainer(HgbConfig.defaults().withSeed(3)).fit(new TrainingSet(TrainingMode.SUPERVISED,
                List.of("mass", "width", "ratio"), x, y, ids));
    }

    @Test
    void hgbExportsToConiferAndEmulatesInFixedPoint() throws IOException {
        int n = 1200;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        double[][] x = MlpHandoffTest.toy(n, y, 21);
        Classifier c = hgb(x, y);
        TreeEnsemble m = TreeHandoff.of(c);
        assertTrue(m.trees().size() > 1, "several trees");
        double[][] test = MlpHandoffTest.toy(300, null, 22);
        double[] p = c.score(test);
        for (int e = 0; e < test.length; e++) {
            double logit = m.decisionFunction(test[e]);
            assertEquals(p[e], 1 / (1 + Math.exp(-logit)), 1e-12, "sigmoid(decision function) = score, event " + e);
        }
        Path json = dir.resolve("conifer.json");
        Files.writeString(json, m.toConiferJson(null));
        String text = Files.readString(json);
        assertEquals(text, TreeEnsemble.readConiferJson(json).toConiferJson(null), "reads back to the same model");
        for (String key : List.of("\"max_depth\"", "\"n_trees\": " + m.trees().size(), "\"n_classes\": 2",
                "\"n_features\": 3", "\"init_predict\"", "\"splitting_convention\": \"<=\"", "\"children_left\"",
                "\"children_right\"", "\"threshold\"", "\"value\"", "\"feature\"", "\"weight\"", "\"feature_map\"")) {
            assertTrue(text.contains(key), key + " in " + text.substring(0, 300));
        }
        // wide types: the fixed-point trees reach the same leaves unless an input lies within 2^-20 of a threshold
        TreeEmulator wide = TreeEmulator.of(m, FixedType.signed(40, 12));
        double[] fx = wide.predict(test);
        for (int e = 0; e < test.length; e++) {
            assertEquals(m.decisionFunction(test[e]), fx[e], m.trees().size() * Math.pow(2, -28) + 1e-12,
                    "event " + e);
        }
        // narrow inputs (raw masses ~300 overflow ap_fixed<10,4> and wrap): a coarse type departs from the float
        double[] coarse = TreeEmulator.of(m, FixedType.signed(10, 4)).predict(test);
        double maxDiff = 0;
        for (int e = 0; e < test.length; e++) {
            maxDiff = Math.max(maxDiff, Math.abs(coarse[e] - m.decisionFunction(test[e])));
        }
        assertTrue(maxDiff > 0.01, "ap_fixed<10,4> changes decisions: " + maxDiff);
    }

    @Test
    void handBuiltTreeInFixedPointMatchesHandArithmetic() {
        // root: x0 <= 0.3 ? leaf 0.40625 : (x1 <= -1.1 ? leaf -0.7 : leaf 1.2); init 0.1; a second tree: leaf 0.2
        TreeEnsemble.Tree t1 = new TreeEnsemble.Tree(new int[] {0, -2, 1, -2, -2},
                new double[] {0.3, -2, -1.1, -2, -2}, new double[] {0, 0.40625, 0, -0.7, 1.2},
                new int[] {1, -1, 3, -1, -1}, new int[] {2, -1, 4, -1, -1});
        TreeEnsemble.Tree t2 = new TreeEnsemble.Tree(new int[] {-2}, new double[] {-2}, new double[] {0.2},
                new int[] {-1}, new int[] {-1});
        TreeEnsemble m = new TreeEnsemble(List.of("a", "b"), 0.1, 1, List.of(t1, t2), "test");
        // ap_fixed<8,3>: step 1/32, AP_TRN (toward -inf): threshold 0.3 -> 0.28125, -1.1 -> -1.125.
        // x0 = 0.3 -> 0.28125 <= 0.28125: left (float: left); x0 = 0.32 -> 0.3125: right (float: right).
        // x1 = -1.099 -> -1.125 <= -1.125: left, although in float -1.099 > -1.1 goes right.
        FixedType t = FixedType.parse("ap_fixed<8,3>");
        TreeEmulator em = TreeEmulator.of(m, t);
        // leaf values: 0.40625 exact, -0.7 -> -0.71875, 1.2 -> 1.1875, 0.2 -> 0.1875, init 0.1 -> 0.09375
        assertEquals(0.09375 + 0.40625 + 0.1875, em.decisionFunction(new double[] {0.3, 0}).toDouble(), 0);
        assertEquals(0.09375 - 0.71875 + 0.1875, em.decisionFunction(new double[] {0.32, -1.099}).toDouble(), 0);
        assertEquals(1.2 + 0.2 + 0.1, m.decisionFunction(new double[] {0.32, -1.099}), 1e-12, "float goes right");
        assertEquals(0.09375 + 1.1875 + 0.1875, em.decisionFunction(new double[] {0.32, -1.0}).toDouble(), 0);
        // score_t overflow wraps: ap_fixed<8,2> holds [-2, 2); init 1.0 + 1.1875 = 2.1875 wraps to -1.8125,
        // + 0.1875 = -1.625
        TreeEnsemble m2 = new TreeEnsemble(List.of("a", "b"), 1.0, 1, List.of(t1, t2), "test");
        assertEquals(-1.625, TreeEmulator.of(m2, FixedType.parse("ap_fixed<8,2>")).decisionFunction(
                new double[] {0.32, -1.0}).toDouble(), 0);
        Map<String, Object> cm = m.toConiferMap();
        assertEquals(2, cm.get("max_depth"));
        assertEquals(List.of(0.1), cm.get("init_predict"));
    }

    @Test
    void nonTreeClassifierIsRefused() {
        Classifier fake = new Classifier() {
            public String kind() {
                return "mlp";
            }

            public List<String> features() {
                return List.of("a");
            }

            public double[] score(double[][] x) {
                return new double[x.length];
            }

            public Map<String, String> provenance() {
                return Map.of();
            }

            public void save(Path d) {
            }
        };
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TreeHandoff.of(fake));
        assertTrue(e.getMessage().contains("not a boosted-tree"), e.getMessage());
    }
}
