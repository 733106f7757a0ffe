package org.anomalysearch.fpga.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class MagnitudePruningTest {

    @Test
    void prunesExactlyTheRoundedCountOfSmallestMagnitudes() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {1, 3, 7, 40, 321}) {
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (float) rng.nextGaussian();
            }
            for (double s : new double[] {0, 0.1, 0.5, 0.75, 0.99}) {
                float[] mask = MagnitudePruning.mask(w, s);
                int k = (int) Math.round(s * n);
                int zeros = 0;
                float largestPruned = 0;
                float smallestKept = Float.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (mask[i] == 0f) {
                        zeros++;
                        largestPruned = Math.max(largestPruned, Math.abs(w[i]));
                    } else {
                        assertEquals(1f, mask[i]);
                        smallestKept = Math.min(smallestKept, Math.abs(w[i]));
                    }
                }
                assertEquals(k, zeros, "n " + n + ", sparsity " + s);
                assertTrue(largestPruned <= smallestKept, "n " + n + ", sparsity " + s);
            }
        }
    }

    @Test
    void tiesArePrunedInIndexOrder() {
        float[] w = {0.5f, -0.1f, 0.1f, 0.3f, -0.1f};
        assertArrayEquals(new float[] {1, 0, 0, 1, 1}, MagnitudePruning.mask(w, 0.4));
        assertEquals("0.4000 (2/5),0.0000 (0/1)", MagnitudePruning.describe(List.of(
                new float[] {0, 1, 0, 2, 3}, new float[] {1})));
    }

    @Test
    void optionsAreCheckedWithTheOptionNamed() {
        Compression.Problem qat = (p, h) -> new InvalidInputException("--qat", null, p, h);
        assertNull(Compression.parseQat("none", qat));
        assertEquals(8, Compression.parseQat("fixed<8,3,RND,SAT>", qat).width());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Compression.parseQat("fixed<4>",
                qat));
        assertTrue(e.getMessage().startsWith("--qat: 'fixed<4>' is not a fixed-point type"), e.getMessage());
        assertTrue(e.hint().contains("fixed<8,3>"), e.hint());
        e = assertThrows(InvalidInputException.class, () -> Compression.parseQat("fixed<32,8>", qat));
        assertTrue(e.getMessage().contains("above 24 bits"), e.getMessage());
        Compression.Problem prune = (p, h) -> new InvalidInputException("--prune", null, p, h);
        Compression.Problem ft = (p, h) -> new InvalidInputException("--finetune-epochs", null, p, h);
        e = assertThrows(InvalidInputException.class, () -> Compression.checkPruning(1.5, 3, prune, ft));
        assertEquals("--prune: is 1.5, expected a fraction of weights in [0, 1)", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Compression.checkPruning(0.5, 0, prune, ft));
        assertTrue(e.getMessage().startsWith("--finetune-epochs: is 0"), e.getMessage());
        Compression.checkPruning(0.5, 2, prune, ft);
    }
}
