package org.anomalysearch.fpga.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.anomalysearch.fpga.SharedData;
import org.anomalysearch.fpga.TestModels;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.fixed.OverflowMode;
import org.anomalysearch.fpga.fixed.QuantMode;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.trees.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The precision scan on a toy whose labels are the float model's own output plus noise: relative AUC tends to 1 at
 * wide precisions, drops at narrow ones, and the chosen precision meets the bound with the fewest bits.
 */
class PrecisionScanTest {

    @TempDir
    Path dir;

    /** Labels: the float logit plus Gaussian noise of half its spread, above the median. */
    static LabelledData toy(OnnxMlp mlp, int n, long seed) {
        float[][] x = TestModels.randomInputs(seed, n, 4);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        double[] logit = new double[n];
        for (int e = 0; e < n; e++) {
            double p = mlp.forwardFloat32(x[e])[0];
            logit[e] = Math.log(p / (1 - p));
        }
        double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(logit);
        double[] noisy = new double[n];
        for (int e = 0; e < n; e++) {
            double u = 1 - rnd.nextDouble();
            noisy[e] = logit[e] + 0.5 * sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        double[] sorted = noisy.clone();
        java.util.Arrays.sort(sorted);
        int[] y = new int[n];
        for (int e = 0; e < n; e++) {
            y[e] = noisy[e] > sorted[n / 2] ? 1 : 0;
        }
        return new LabelledData(List.of("a", "b", "c", "d"), x, y);
    }

    static OnnxMlp toyModel() {
        return TestModels.randomWeights(11, MlpWeights.Activation.SIGMOID, 4, 16, 8, 1).toOnnxMlp();
    }

    @Test
    void relativeAucGoesToOneAndTheChoiceMeetsTheBound() throws IOException {
        OnnxMlp mlp = toyModel();
        LabelledData data = toy(mlp, 3000, 21);
        ScanConfig cfg = new ScanConfig(new int[] {4, 6, 8, 10, 12, 16, 20}, new int[] {1, 2, 3, 4, 6},
                QuantMode.AP_TRN, OverflowMode.AP_WRAP, 0.99, 0.1, 1, 0);
        ScanResult r = PrecisionScan.run(mlp, data, cfg);
        assertTrue(r.floatAuc() > 0.75 && r.floatAuc() < 0.99, "toy float AUC " + r.floatAuc());
        ScanPoint wide = r.point(20, 6).orElseThrow();
        assertEquals(1.0, wide.relativeAuc(), 0.002, r.toTable());
        assertTrue(wide.selectionOverlap() > 0.9, r.toTable()); // the 1024-entry sigmoid table makes ties
        assertEquals(0, wide.totalOverflows(), r.toTable());
        ScanPoint narrow = r.point(4, 2).orElseThrow();
        assertTrue(narrow.relativeAuc() < 0.97, r.toTable());
        assertTrue(r.point(6, 1).orElseThrow().totalOverflows() > 0, "I = 1 overflows: " + r.toTable());
        assertTrue(r.chosen().isPresent(), r.toTable());
        ScanPoint c = r.chosen().get();
        assertTrue(Math.abs(1 - c.relativeAuc()) <= 0.01 && c.withinTarget() && c.eligible());
        assertEquals(0, c.eventsWithOverflow(), r.toTable());
        assertEquals(0, c.totalParameterOverflows(), r.toTable());
        assertTrue(c.selectionOverlap() >= ScanConfig.DEFAULT_MIN_OVERLAP, r.toTable());
        // fixed<10,3> is within the AUC target (the old rule chose it) but selects other events: overlap < 0.9
        ScanPoint tenThree = r.point(10, 3).orElseThrow();
        assertTrue(tenThree.withinTarget() && !tenThree.eligible(), r.toTable());
        assertTrue(tenThree.rejections().get(0).startsWith("selection overlap"), tenThree.rejections().toString());
        for (ScanPoint p : r.points()) {
            if (p.width() < c.width()) {
                assertFalse(p.eligible(), "a narrower point is eligible: " + p.type());
            }
            assertEquals(Math.abs(1 - p.relativeAuc()) <= 0.01, p.withinTarget());
            assertEquals(p.withinTarget() && p.eventsWithOverflow() == 0 && p.totalParameterOverflows() == 0
                    && p.selectionOverlap() >= 0.9, p.eligible(), p.type() + " " + p.rejections());
            assertEquals(p.auc() / r.floatAuc(), p.relativeAuc(), 1e-15);
        }
        assertTrue(r.closest().isEmpty());
        assertEquals(4 * 7 + 2 + 1 + 1, r.points().size(), "I < W only: W=4 has I 1,2,3; W>=6 has 5 each");
        assertTrue(r.toTable().contains("<- chosen"), r.toTable());

    }

    /**
     * 1 % of events have a feature at 100, beyond ap_fixed&lt;W,6&gt; (range +-32): those precisions overflow on a few
     * events while the AUC stays within the target. They are not chosen unless overflows are allowed.
     */
    @Test
    void overflowingPrecisionsAreChosenOnlyWhenAllowed() {
        OnnxMlp mlp = toyModel();
        LabelledData clean = toy(mlp, 3000, 21);
        float[][] x = clean.features();
        for (int e = 0; e < x.length; e += 100) {
            x[e][0] = 100f;
        }
        LabelledData data = new LabelledData(clean.featureNames(), x, clean.labels());
        ScanConfig cfg = new ScanConfig(new int[] {14, 16, 18}, new int[] {6, 8}, QuantMode.AP_TRN,
                OverflowMode.AP_WRAP, 0.99, 0.1, 1, 0);
        ScanResult strict = PrecisionScan.run(mlp, data, cfg);
        List<ScanPoint> overflowingWithinTarget = strict.points().stream()
                .filter(p -> p.withinTarget() && p.eventsWithOverflow() > 0).toList();
        assertFalse(overflowingWithinTarget.isEmpty(), "the toy must have such points: " + strict.toTable());
        for (ScanPoint p : overflowingWithinTarget) {
            assertFalse(p.eligible(), p.type().toString());
            assertTrue(p.rejections().stream().anyMatch(s -> s.endsWith("events overflow")), p.rejections().toString());
        }
        ScanPoint c = strict.chosen().orElseThrow(() -> new AssertionError(strict.toTable()));
        assertEquals(0, c.eventsWithOverflow(), strict.toTable());
        assertEquals(8, c.integerBits(), strict.toTable());

        ScanResult lax = PrecisionScan.run(mlp, data, cfg.withSelectionChecks(0.9, true));
        ScanPoint l = lax.chosen().orElseThrow(() -> new AssertionError(lax.toTable()));
        // allowed, the narrowest point within the target wins although 30 events (the 1 % at 100) overflow
        assertTrue(l.width() < c.width() && l.eventsWithOverflow() == 30, lax.toTable());
        assertTrue(lax.toTable().contains("30 events overflow (allowed)"), lax.toTable());
    }

    /** A target no precision meets: nothing is chosen, and the table says which point came closest and why not. */
    @Test
    void whenNothingMeetsTheTargetTheClosestIsNamed() {
        OnnxMlp mlp = toyModel();
        LabelledData data = toy(mlp, 1000, 23);
        ScanConfig cfg = new ScanConfig(new int[] {6, 8}, new int[] {2, 3}, QuantMode.AP_TRN, OverflowMode.AP_WRAP,
                0.999, 0.1, 1, 0);
        ScanResult r = PrecisionScan.run(mlp, data, cfg);
        assertTrue(r.chosen().isEmpty(), r.toTable());
        ScanPoint closest = r.closest().orElseThrow();
        for (ScanPoint p : r.points()) {
            assertTrue(p.rejections().size() > closest.rejections().size()
                    || p.aucDeparture() >= closest.aucDeparture(), p.type() + " is closer than " + closest.type());
        }
        String table = r.toTable();
        assertTrue(table.contains("chosen: none") && table.contains("closest: " + closest.type().toHls4mlString())
                && table.contains("not chosen because: "), table);
        assertEquals(closest.type().toHls4mlString(), r.toMap().get("closest"));
    }

    /**
     * Trees: conifer's reference ensemble on its reference inputs (rows 1601-1800 wide, 29 values beyond +-32),
     * labels from the float decision function plus noise. The input overflow counter equals the number of values
     * outside [-32, 32) at I = 6, relative AUC tends to 1 when wide, and the choice has no overflow.
     */
    @Test
    void treesAreScannedWithConifersArithmetic() throws IOException {
        Path ref = SharedData.require("data/fixed_point/conifer/trees.json").getParent();
        TreeEnsemble model = TreeEnsemble.readConiferJson(ref.resolve("trees.json"));
        double[][] raw = EmulatorIo.readDoubles(ref.resolve("trees_inputs.csv"), 4);
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] x = EmulatorIo.toFloat(raw); // float32 numbers: exact
        int[] y = new int[x.length];
        long beyond = 0;
        for (int e = 0; e < x.length; e++) {
            y[e] = model.decisionFunction(raw[e]) + rnd.nextGaussian() > 0 ? 1 : 0;
            for (double v : raw[e]) {
                beyond += v < -32 || v >= 32 ? 1 : 0;
            }
        }
        assertEquals(29, beyond, "as the reference README says");
        LabelledData data = new LabelledData(List.of("x0", "x1", "x2", "x3"), x, y);
        ScanConfig cfg = new ScanConfig(new int[] {12, 16, 24}, new int[] {4, 6, 8}, QuantMode.AP_TRN,
                OverflowMode.AP_WRAP, 0.99, 0.1, 1, 0);
        ScanResult r = PrecisionScan.run(model, data, cfg, () -> { });
        ScanPoint six = r.point(24, 6).orElseThrow();
        assertEquals(29, six.overflows().get("input"), r.toTable());
        assertEquals(0, r.point(24, 8).orElseThrow().overflows().get("input"), r.toTable());
        assertEquals(1.0, r.point(24, 8).orElseThrow().relativeAuc(), 0.002, r.toTable());
        ScanPoint c = r.chosen().orElseThrow(() -> new AssertionError(r.toTable()));
        assertEquals(0, c.eventsWithOverflow(), r.toTable());
        assertEquals(8, c.integerBits(), "I = 8 is the only I without input overflow: " + r.toTable());
    }

    @Test
    void theCriterionIsTwoSided() {
        ScanConfig cfg = ScanConfig.defaults();
        assertTrue(cfg.withinTarget(1.0) && cfg.withinTarget(0.995) && cfg.withinTarget(1.005));
        assertFalse(cfg.withinTarget(0.985), "below");
        assertFalse(cfg.withinTarget(1.00245 + 0.01), "a relative AUC well above 1 departs from the float model");
        assertEquals(0.01, cfg.relativeAucTolerance(), 1e-15);
    }

    @Test
    void selectionKeepsTiesAtTheCut() {
        boolean[] s = PrecisionScan.select(new double[] {0.1, 0.5, 0.5, 0.5, 0.2, 0.9, 0.3, 0.4, 0.0, 0.6}, 0.2);
        // k = 2: the cut is the 2nd highest (0.6)
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i]) {
                kept.add(i);
            }
        }
        assertEquals(List.of(5, 9), kept);
        boolean[] t = PrecisionScan.select(new double[] {0.1, 0.5, 0.5, 0.5, 0.2}, 0.2);
        assertEquals(3, java.util.stream.IntStream.range(0, 5).filter(i -> t[i]).count(), "ties at the cut kept");
    }
}
