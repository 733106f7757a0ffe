package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.region.Region;
import org.junit.jupiter.api.Test;

/**
 * What the refinement is for: a base model that is wrong in a way the sidebands show is corrected, also at
 * conditioning values the classifiers never saw (the toy's gap at c = 0.5).
 */
class RefinementTest {

    /** The toy's true density with feature a shifted by {@code shift} standard deviations and b widened by 30 %. */
    static final class WrongToy implements DensityModel {
        private final double shift;

        WrongToy(double shift) {
            this.shift = shift;
        }

        @Override
        public String kind() {
            return "wrong-toy";
        }

        @Override
        public List<String> features() {
            return Toy.FEATURES;
        }

        @Override
        public Region conditioningRange() {
            return new Region(0, 1);
        }

        @Override
        public double[][] sample(double[] mjj, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] out = new double[mjj.length][];
            for (int i = 0; i < mjj.length; i++) {
                double[] x = Toy.draw(mjj[i], rng);
                x[0] += shift * Toy.SD[0];
                x[1] = Toy.mean(mjj[i])[1] + 1.3 * (x[1] - Toy.mean(mjj[i])[1]);
                out[i] = x;
            }
            return out;
        }

        @Override
        public LossHistory lossHistory() {
            return new LossHistory(List.of("train"), List.of());
        }

        @Override
        public Map<String, String> provenance() {
            return Map.of("kind", kind());
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException("test model");
        }
    }

    @Test
    void correctsAShiftedAndWidenedBaseAtUnseenConditioning() {
        SidebandData data = Toy.sidebands(8000, 3L);
        DensityModel base = new WrongToy(0.6);
        DensityModel refined = Refinement.refine(base, data, RefinedContractTest.small(), 5L, EpochListener.NONE);
        double[] c = DensityModelContract.constant(20000, 0.5);
        double[][] before = base.sample(c, 1L);
        double[][] after = refined.sample(c, 1L);
        double[] truth = Toy.mean(0.5);
        double shiftBefore = (Toy.sampleMean(before)[0] - truth[0]) / Toy.SD[0];
        double shiftAfter = (Toy.sampleMean(after)[0] - truth[0]) / Toy.SD[0];
        double widthBefore = Math.sqrt(Toy.sampleCov(before)[1][1]) / Toy.SD[1];
        double widthAfter = Math.sqrt(Toy.sampleCov(after)[1][1]) / Toy.SD[1];
        String report = String.format("mean of a: %.3f sd off before, %.3f after; sd of b: %.3f x true before, %.3f after; "
                + "acceptance %s", shiftBefore, shiftAfter, widthBefore, widthAfter, refined.provenance().get("acceptance"));
        System.out.println("refinement of a wrong toy model at c = 0.5: " + report);
        assertEquals(0.6, shiftBefore, 0.03, report);
        assertEquals(0.0, shiftAfter, 0.15, report);
        assertEquals(1.3, widthBefore, 0.03, report);
        assertEquals(1.0, widthAfter, 0.1, report);
        assertEquals("wrong-toy", refined.provenance().get("baseKind"));
    }

    @Test
    void refusesToRefineARefinedModelOrOtherFeatures() {
        SidebandData data = Toy.sidebands(1000, 3L);
        RefineConfig tiny = new RefineConfig(new int[] {4}, 1, 1, 256, 1e-3, 0.2, 1, 0.99);
        DensityModel refined = Refinement.refine(new WrongToy(0), data, tiny, 1L, EpochListener.NONE);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Refinement.refine(refined, data, tiny, 1L, EpochListener.NONE));
        assertTrue(twice.getMessage().contains("already refined"), twice.getMessage());
        SidebandData renamed = SidebandData.of(List.of("a", "b", "c", "e"), data.x(), data.mjj());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Refinement.refine(new WrongToy(0), renamed, tiny, 1L, EpochListener.NONE));
        assertTrue(other.getMessage().contains("features"), other.getMessage());
    }

    @Test
    void rejectsBadConfigurationWithTheKeyNamed() {
        var e = assertThrows(org.anomalysearch.core.InvalidConfigException.class,
                () -> RefineConfig.defaults().withCapQuantile(0.2));
        assertTrue(e.getMessage().contains("density.refine.capQuantile"), e.getMessage());
        assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> RefineConfig.defaults().withEnsemble(0));
    }
}
