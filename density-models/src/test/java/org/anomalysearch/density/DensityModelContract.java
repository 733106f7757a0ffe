package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link DensityModel} passes, on the {@link Toy} (4-D correlated Gaussian whose mean moves
 * linearly with the conditioning variable c; trained on c in [0, 0.4] U [0.6, 1]):
 * <ul>
 *   <li>samples at the unseen c = 0.5 reproduce the true mean within {@link #meanTolerance()} standard
 *       deviations per feature, the standard deviations within {@link #sdRelTolerance()} (relative) and the
 *       correlations within {@link #corrTolerance()} (absolute);</li>
 *   <li>save/load round-trips exactly (the same samples, loss curves and provenance);</li>
 *   <li>the same seed gives the same samples; a refit with the same seed gives the same model;</li>
 *   <li>bad input fails with a clear message before any training.</li>
 * </ul>
 * Subclasses supply a small trainer (CI-sized: a few seconds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DensityModelContract {

    static final int N_TRAIN = 3000;
    static final int N_SAMPLE = 20000;
    static final long DATA_SEED = 20240611L;
    static final long FIT_SEED = 7L;

    DensityModel model;

    /** A CI-sized trainer. */
    abstract DensityTrainer trainer();

    /** A trainer for the refit-determinism check: same architecture, very few epochs. */
    abstract DensityTrainer tinyTrainer();

    abstract String expectedKind();

    double meanTolerance() {
        return 0.15;
    }

    /** Tolerance of the means at the training range's edges (c = 0.1, 0.9), in standard deviations. */
    double edgeMeanTolerance() {
        return meanTolerance();
    }

    double sdRelTolerance() {
        return 0.2;
    }

    double corrTolerance() {
        return 0.15;
    }

    @BeforeAll
    void fit() {
        model = trainer().fit(Toy.sidebands(N_TRAIN, DATA_SEED), FIT_SEED);
    }

    static double[] constant(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void interpolatesMeanAndCovarianceAtUnseenConditioning() {
        double[][] s = model.sample(constant(N_SAMPLE, 0.5), 11L);
        double[] m = Toy.sampleMean(s);
        double[][] cov = Toy.sampleCov(s);
        double[] truth = Toy.mean(0.5);
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            report.append(String.format("feature %d: mean %.3f (true %.3f), sd %.3f (true %.3f)%n", i, m[i], truth[i],
                    Math.sqrt(cov[i][i]), Toy.SD[i]));
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < i; j++) {
                report.append(String.format("corr %d%d: %.3f (true %.3f)%n", i, j,
                        cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]), Toy.CORR[i][j]));
            }
        }
        System.out.print(expectedKind() + " at c = 0.5:\n" + report);
        for (int i = 0; i < 4; i++) {
            assertEquals(truth[i], m[i], meanTolerance() * Toy.SD[i], "mean of feature " + i + "\n" + report);
            assertEquals(Toy.SD[i], Math.sqrt(cov[i][i]), sdRelTolerance() * Toy.SD[i], "sd of feature " + i + "\n" + report);
            for (int j = 0; j < i; j++) {
                assertEquals(Toy.CORR[i][j], cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]), corrTolerance(),
                        "correlation " + i + "," + j + "\n" + report);
            }
        }
    }

    @Test
    void followsTheConditioningAtTheEdges() {
        for (double c : new double[] {0.1, 0.9}) {
            double[] m = Toy.sampleMean(model.sample(constant(N_SAMPLE / 2, c), 5L));
            double[] truth = Toy.mean(c);
            for (int i = 0; i < 4; i++) {
                assertEquals(truth[i], m[i], edgeMeanTolerance() * Toy.SD[i], "mean of feature " + i + " at c = " + c);
            }
        }
    }

    @Test
    void sameSeedGivesSameSamplesAndOtherSeedsDiffer() {
        double[] c = constant(500, 0.5);
        double[][] a = model.sample(c, 3L);
        double[][] b = model.sample(c, 3L);
        double[][] other = model.sample(c, 4L);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        assertFalse(Arrays.equals(a[0], other[0]));
        assertEquals(4, a[0].length);
    }

    @Test
    void refitWithTheSameSeedGivesTheSameModel() {
        SidebandData small = Toy.sidebands(600, 1L);
        double[] c = constant(200, 0.5);
        double[][] a = tinyTrainer().fit(small, 99L).sample(c, 1L);
        double[][] b = tinyTrainer().fit(small, 99L).sample(c, 1L);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
    }

    @Test
    void saveLoadRoundTripsExactly(@TempDir Path dir) throws IOException {
        model.save(dir);
        DensityModel back = DensityModels.load(dir);
        assertEquals(model.kind(), back.kind());
        assertEquals(model.features(), back.features());
        assertEquals(model.conditioningRange(), back.conditioningRange());
        assertEquals(model.provenance(), back.provenance());
        assertEquals(model.lossHistory().columns(), back.lossHistory().columns());
        for (int e = 0; e < model.lossHistory().epochs(); e++) {
            assertArrayEquals(model.lossHistory().rows().get(e), back.lossHistory().rows().get(e), 0.0);
        }
        var range = model.conditioningRange();
        double[] c = new double[1000];
        for (int i = 0; i < c.length; i++) {
            c[i] = range.lo() + (range.hi() - range.lo()) * i / 999.0;
        }
        double[][] a = model.sample(c, 21L);
        double[][] b = back.sample(c, 21L);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
        DensityModels.load(dir, expectedKind());
    }

    @Test
    void recordsLossCurvesAndProvenance() {
        assertEquals(expectedKind(), model.kind());
        assertTrue(model.lossHistory().epochs() >= 1);
        for (double[] row : model.lossHistory().rows()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
        assertEquals(expectedKind(), model.provenance().get("kind"));
        assertEquals(Long.toString(FIT_SEED), model.provenance().get("seed"));
        assertEquals(Integer.toString(N_TRAIN), model.provenance().get("sidebandEvents"));
        assertTrue(model.provenance().get("engine").startsWith("PyTorch"), model.provenance().get("engine"));
    }

    @Test
    void samplesStayInsideTheFittedBoxAndAreFinite() {
        double[][] s = model.sample(constant(5000, model.conditioningRange().lo()), 8L);
        for (double[] r : s) {
            for (double v : r) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void rejectsConditioningOutsideTheFittedRange() {
        var r = model.conditioningRange();
        for (double bad : new double[] {r.hi() + 1e-6, r.lo() - 0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> model.sample(new double[] {0.5, bad}, 1L));
            assertTrue(e.getMessage().contains("mjj") && e.getMessage().contains("row 1"), e.getMessage());
        }
    }

    @Test
    void rejectsBadTrainingInputBeforeTraining() {
        SidebandData ok = Toy.sidebands(300, 2L);
        double[][] x = ok.x().clone();
        x[17] = x[17].clone();
        x[17][2] = Double.NaN;
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> trainer().fit(SidebandData.of(Toy.FEATURES, x, ok.mjj()), 1L));
        assertTrue(nan.getMessage().contains("non-finite") && nan.getMessage().contains("row 17")
                && nan.getMessage().contains("c"), nan.getMessage());
        x[17][2] = Double.POSITIVE_INFINITY;
        assertThrows(InvalidInputException.class, () -> SidebandData.of(Toy.FEATURES, x, ok.mjj()));
        double[] m = ok.mjj().clone();
        m[3] = Double.NaN;
        assertThrows(InvalidInputException.class, () -> SidebandData.of(Toy.FEATURES, ok.x(), m));
        InvalidInputException tiny = assertThrows(InvalidInputException.class,
                () -> SidebandData.of(Toy.FEATURES, Arrays.copyOf(ok.x(), SidebandData.MIN_EVENTS - 1),
                        Arrays.copyOf(ok.mjj(), SidebandData.MIN_EVENTS - 1)));
        assertTrue(tiny.getMessage().contains("at least " + SidebandData.MIN_EVENTS), tiny.getMessage());
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> SidebandData.of(Toy.FEATURES, new double[0][], new double[0]));
        assertTrue(empty.getMessage().contains("only 0 sideband events"), empty.getMessage());
        double[][] constantCol = new double[300][];
        for (int i = 0; i < 300; i++) {
            constantCol[i] = ok.x()[i].clone();
            constantCol[i][1] = 4.0;
        }
        InvalidInputException cst = assertThrows(InvalidInputException.class,
                () -> SidebandData.of(Toy.FEATURES, constantCol, ok.mjj()));
        assertTrue(cst.getMessage().contains("constant"), cst.getMessage());
        assertThrows(InvalidInputException.class,
                () -> SidebandData.of(List.of("a", "b", "c"), ok.x(), ok.mjj()));
    }

    @Test
    void loadRejectsOtherKindsVersionsAndDamage(@TempDir Path dir) throws IOException {
        ModelFormatException none = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir));
        assertTrue(none.getMessage().contains("not a saved density model"), none.getMessage());
        model.save(dir);
        Path meta = dir.resolve("model.properties");
        String text = Files.readString(meta, StandardCharsets.ISO_8859_1);
        Files.delete(dir.resolve("weights.bin"));
        ModelFormatException noWeights = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir));
        assertTrue(noWeights.getMessage().contains("weights.bin"), noWeights.getMessage());

        Files.writeString(meta, text.replace("kind=" + expectedKind(), "kind=mlp"), StandardCharsets.ISO_8859_1);
        ModelFormatException kind = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir));
        assertTrue(kind.getMessage().contains("'mlp'"), kind.getMessage());

        Files.writeString(meta, text.replace("formatVersion=1", "formatVersion=2"), StandardCharsets.ISO_8859_1);
        ModelFormatException version = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir));
        assertTrue(version.getMessage().contains("format version 2"), version.getMessage());

        String other = expectedKind().equals(VaeTrainer.KIND) ? GanTrainer.KIND : VaeTrainer.KIND;
        model.save(dir);
        ModelFormatException wrongKind = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir, other));
        assertTrue(wrongKind.getMessage().contains("expected '" + other + "'"), wrongKind.getMessage());

        byte[] w = Files.readAllBytes(dir.resolve("weights.bin"));
        Files.write(dir.resolve("weights.bin"), Arrays.copyOf(w, w.length / 2));
        ModelFormatException cut = assertThrows(ModelFormatException.class, () -> DensityModels.load(dir));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }
}
