package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class MjjCoverageTest {

    private static double[] uniform(int n, double lo, double hi, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        return x;
    }

    @Test
    void quantilesAreNumpysLinearOnes() {
        // numpy.quantile(np.arange(101.0), [0.01, 0.99]) = [1, 99]; of [0, 10]: [0.1, 9.9]
        MjjCoverage.Range r = MjjCoverage.of(java.util.stream.IntStream.rangeClosed(0, 100).asDoubleStream().toArray());
        assertEquals(1.0, r.lo(), 1e-12);
        assertEquals(99.0, r.hi(), 1e-12);
        MjjCoverage.Range two = MjjCoverage.of(new double[] {10, 0});
        assertEquals(0.1, two.lo(), 1e-12);
        assertEquals(9.9, two.hi(), 1e-12);
    }

    @Test
    void signalRegionSamplesAgainstTheWholeSpectrumAreRefused() {
        double[] data = uniform(20_000, 1500, 7000, 1);
        double[] samples = uniform(5_000, 3300, 3700, 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MjjCoverage.requireSame("--data d.parquet", data, "--background s.parquet", samples));
        // the 1 % and 99 % quantiles of U(1500, 7000) are 1555 and 6945, of U(3300, 3700) 3304 and 3696
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--data d.parquet spans (\\d+)-(\\d+) GeV, "
                + "--background s.parquet spans (\\d+)-(\\d+) GeV").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertEquals(1555, Integer.parseInt(m.group(1)), 20);
        assertEquals(6945, Integer.parseInt(m.group(2)), 20);
        assertEquals(3304, Integer.parseInt(m.group(3)), 5);
        assertEquals(3696, Integer.parseInt(m.group(4)), 5);
        assertTrue(e.userMessage().contains("--mjj-range 3300,3700"), e.userMessage());
    }

    @Test
    void twoSamplesOfOneRegionPassAndAShiftBeyondTheToleranceDoesNot() {
        assertDoesNotThrow(() -> MjjCoverage.requireSame("a", uniform(1000, 3300, 3700, 3), "b",
                uniform(4000, 3300, 3700, 4)));
        // the same width, shifted by 15 % of it: beyond the 10 % tolerance at both ends
        assertThrows(InvalidInputException.class, () -> MjjCoverage.requireSame("a", uniform(1000, 3300, 3700, 5), "b",
                uniform(1000, 3360, 3760, 6)));
        // shifted by 5 %: within it
        assertDoesNotThrow(() -> MjjCoverage.requireSame("a", uniform(1000, 3300, 3700, 7), "b",
                uniform(1000, 3320, 3720, 8)));
    }
}
