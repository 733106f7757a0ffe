package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;
import org.junit.jupiter.api.Test;

class MjjKdeTest {

    static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void bandwidthRulesMatchHandComputedValues() {
        // sd (n-1) = 3.02765, IQR (linear interpolation, numpy default) = 7.75 - 3.25 = 4.5
        Region s = new Region(0, 11);
        assertEquals(0.9 * 3.0276503540974917 * Math.pow(10, -0.2), MjjKde.fit(ONE_TO_TEN, s).bandwidth(), 1e-12);
        // scipy.stats.gaussian_kde([1..10]).factor * std(ddof=1) = 0.6309573 * 3.0276504 = 1.9103181
        assertEquals(1.9103181, MjjKde.fit(ONE_TO_TEN, s, MjjKde.Bandwidth.SCOTT).bandwidth(), 1e-6);
    }

    @Test
    void samplesAreSeededInsideTheSupportAndFollowTheKde() {
        SplittableRandom r = new SplittableRandom(1);
        double[] m = new double[4000];
        for (int i = 0; i < m.length; i++) {
            m[i] = 3300 + 400 * r.nextDouble();
        }
        Region sr = new Region(3300, 3700);
        MjjKde kde = MjjKde.fit(m, sr);
        double[] a = kde.sample(20000, 5);
        assertArrayEquals(a, kde.sample(20000, 5), 0.0);
        int[] bins = new int[4];
        for (double v : a) {
            assertTrue(v >= 3300 && v <= 3700);
            bins[(int) Math.min(3, (v - 3300) / 100)]++;
        }
        // expected: the KDE density truncated to the SR, integrated numerically per bin (edges lose mass)
        double[] mass = new double[4];
        double total = 0;
        for (double v = 3300.25; v < 3700; v += 0.5) {
            double f = kde.density(v);
            mass[(int) ((v - 3300) / 100)] += f;
            total += f;
        }
        for (int b = 0; b < 4; b++) {
            double expected = 20000 * mass[b] / total;
            assertEquals(expected, bins[b], 4 * Math.sqrt(expected), "bin " + b);
        }
        assertTrue(bins[0] < bins[1], "truncation depletes the edge bins");
    }

    @Test
    void rejectsValuesOutsideTheSupport() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MjjKde.fit(new double[] {3400, 3800}, new Region(3300, 3700)));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> MjjKde.fit(new double[] {3400}, new Region(3300, 3700)));
    }

    /** A model that returns its conditioning value, to check the sampler's plumbing without training. */
    static DensityModel echo(Region range) {
        return new DensityModel() {
            public String kind() {
                return "echo";
            }

            public List<String> features() {
                return List.of("m");
            }

            public Region conditioningRange() {
                return range;
            }

            public double[][] sample(double[] mjj, long seed) {
                double[][] out = new double[mjj.length][];
                for (int i = 0; i < mjj.length; i++) {
                    out[i] = new double[] {mjj[i]};
                }
                return out;
            }

            public LossHistory lossHistory() {
                return new LossHistory(List.of("x"), List.of());
            }

            public Map<String, String> provenance() {
                return Map.of();
            }

            public void save(java.nio.file.Path dir) {
            }
        };
    }

    @Test
    void signalRegionSamplerOversamplesFromTheKde() {
        double[] sr = new double[500];
        for (int i = 0; i < sr.length; i++) {
            sr[i] = 3300 + 0.8 * i;
        }
        Region srRegion = new Region(3300, 3700);
        SignalRegionSampler.Sample s = SignalRegionSampler.sample(echo(new Region(2800, 4200)), sr, srRegion, 1L);
        assertEquals(4 * 500, s.mjj().length);
        for (int i = 0; i < s.mjj().length; i++) {
            assertEquals(s.mjj()[i], s.x()[i][0], 0.0);
            assertTrue(srRegion.contains(s.mjj()[i]) || s.mjj()[i] == 3700);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SignalRegionSampler.sample(echo(new Region(3400, 4200)), sr, srRegion, 1L));
        assertTrue(e.getMessage().contains("not inside the model's fitted mjj range"), e.getMessage());
    }
}
