package org.anomalysearch.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Mann-Whitney AUC against hand-computed cases and an O(n^2) pair count with ties. */
class AucTiesTest {

    @Test
    void handCases() {
        assertEquals(1.0, ClassifierMetrics.auc(new double[] {1, 2, 3, 4}, new int[] {0, 0, 1, 1}));
        assertEquals(0.0, ClassifierMetrics.auc(new double[] {4, 3, 2, 1}, new int[] {0, 0, 1, 1}));
        assertEquals(0.5, ClassifierMetrics.auc(new double[] {7, 7, 7, 7}, new int[] {0, 1, 0, 1}));
        assertEquals(0.75, ClassifierMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1})); // scikit-learn's example
        assertEquals(0.5, ClassifierMetrics.auc(new double[] {1, 1, 2, 2}, new int[] {0, 1, 0, 1}));
        assertEquals(0.75, ClassifierMetrics.auc(new double[] {1, 2, 2, 2}, new int[] {0, 0, 1, 1}));
    }

    @Test
    void equalsPairCountingWithTies() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int rep = 0; rep < 20; rep++) {
            int n = 50 + rnd.nextInt(300);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(3) == 0 ? 1 : 0;
                s[i] = Math.floor((rnd.nextDouble() + 0.3 * y[i]) * 8) / 8; // coarse: many ties
            }
            y[0] = 1;
            y[1] = 0;
            double pairs = 0;
            long np = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] == 1 && y[j] == 0) {
                        np++;
                        pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(pairs / np, ClassifierMetrics.auc(s, y), 1e-12);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassifierMetrics.auc(new double[] {1, 2}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassifierMetrics.auc(new double[] {1, 2}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ClassifierMetrics.auc(new double[] {1}, new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> ClassifierMetrics.auc(new double[] {Double.NaN, 1}, new int[] {1, 0}));
    }
}
