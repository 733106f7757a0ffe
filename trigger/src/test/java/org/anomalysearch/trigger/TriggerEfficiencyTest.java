package org.anomalysearch.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TriggerEfficiencyTest {

    @Test
    void thresholdPassesTheTargetFractionAndEfficiencyIsADirectCount() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] bg = new double[100_000];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = rng.nextDouble();
        }
        double[] sig = new double[5_000];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = 0.9 + 0.2 * rng.nextDouble();
        }
        for (double a : new double[] {1e-2, 1e-3, 1e-4}) {
            TriggerEfficiency.Threshold t = TriggerEfficiency.threshold(bg, a, 10);
            assertTrue(t.measurable(), "1e5 * " + a + " >= 10 events");
            long direct = 0;
            for (double v : bg) {
                direct += v > t.threshold() ? 1 : 0;
            }
            assertEquals(Math.round(a * bg.length), direct, "background passing for " + a);
            assertEquals(direct, t.passing());
            assertEquals(direct / 1e5, t.acceptance(), 1e-15);
            long sp = 0;
            for (double v : sig) {
                sp += v > t.threshold() ? 1 : 0;
            }
            assertEquals(sp / 5000.0, TriggerEfficiency.efficiency(sig, t.threshold()), 1e-15);
        }
        // uniform background: the 1e-2 threshold is near 0.99, so the uniform(0.9, 1.1) signal passes ~ 0.55
        TriggerEfficiency.Threshold t = TriggerEfficiency.threshold(bg, 1e-2, 10);
        assertEquals(0.99, t.threshold(), 0.002);
        assertEquals(0.55, TriggerEfficiency.efficiency(sig, t.threshold()), 0.03);
    }

    @Test
    void tooFewBackgroundEventsIsNotMeasurable() {
        double[] bg = new double[50_000];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = i;
        }
        TriggerEfficiency.Threshold t = TriggerEfficiency.threshold(bg, 1e-4, 10);
        assertEquals(5, t.expected());
        assertFalse(t.measurable());
        assertTrue(Double.isNaN(t.threshold()));
        assertTrue(Double.isNaN(TriggerEfficiency.efficiency(new double[] {1, 2}, t.threshold())));
        TriggerEfficiency.Threshold ok = TriggerEfficiency.threshold(bg, 1e-3, 10);
        assertTrue(ok.measurable());
        assertEquals(49_949.0, ok.threshold());
        assertEquals(50, ok.passing());
    }

    @Test
    void tiesPassFewerThanTargetAndSayHowMany() {
        double[] bg = new double[1000];
        java.util.Arrays.fill(bg, 500, 1000, 1.0);
        TriggerEfficiency.Threshold t = TriggerEfficiency.threshold(bg, 0.1, 10);
        assertEquals(1.0, t.threshold());
        assertEquals(0, t.passing(), "no event is strictly above a tied maximum");
        assertEquals(0.0, t.acceptance());
    }

    @Test
    void rocMatchesDirectCountsAndIsMonotone() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] bg = new double[20_000];
        double[] sig = new double[2_000];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = rng.nextGaussian();
        }
        for (int i = 0; i < sig.length; i++) {
            sig[i] = 1.5 + rng.nextGaussian();
        }
        double[][] roc = TriggerEfficiency.roc(bg, sig, 10, 50);
        assertTrue(roc.length > 30);
        for (int i = 1; i < roc.length; i++) {
            assertTrue(roc[i][0] < roc[i - 1][0] && roc[i][1] <= roc[i - 1][1], "monotone at " + i);
        }
        double[] last = roc[roc.length - 1];
        assertEquals(10 / 20_000.0, last[0], 1e-12);
        double[] sorted = bg.clone();
        java.util.Arrays.sort(sorted);
        double t = sorted[bg.length - 1 - 10];
        assertEquals(TriggerEfficiency.efficiency(sig, t), last[1], 1e-12);
    }
}
