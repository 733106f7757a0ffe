package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.Fixtures;
import org.anomalysearch.core.provenance.Seeds;
import org.junit.jupiter.api.Test;

class BumpHunterTest {

    @Test
    void scanMatchesPyBumpHunterStyleScipyScan() {
        double[] data = Fixtures.get("bumphunter", "data");
        double[] bkg = Fixtures.get("bumphunter", "background");
        double[] ref = Fixtures.get("bumphunter", "result"); // min p, t, first, last; widths 1..6
        BumpHunter.Scan s = BumpHunter.scan(data, bkg, new BumpHunter.Config(1, 6, 1, 1));
        assertEquals(ref[0], s.minPValue(), 1e-9 * ref[0]);
        assertEquals(ref[1], s.tStatistic(), 1e-9);
        assertEquals((int) ref[2], s.firstBin());
        assertEquals((int) ref[3], s.lastBin());
    }

    @Test
    void windowPValueConventions() {
        assertEquals(1, BumpHunter.windowPValue(0, 3));
        assertEquals(1, BumpHunter.windowPValue(3, 3)); // not an excess
        assertEquals(1, BumpHunter.windowPValue(2, 3)); // deficit
        assertEquals(1, BumpHunter.windowPValue(5, 0)); // no background: not testable (as pyBumpHunter)
        assertEquals(1 - Math.exp(-0.5), BumpHunter.windowPValue(1, 0.5), 1e-15);
        assertEquals(Double.MIN_NORMAL, BumpHunter.windowPValue(1e5, 10), 0); // floored, t finite
    }

    @Test
    void toysAreReproducibleAndPoisson() {
        double[] mu = {0, 0.3, 4, 39.5, 40.5, 1000, 2.5e5};
        double[] a = Toys.generate(mu, 42, 7);
        assertArrayEquals(a, Toys.generate(mu, 42, 7));
        assertFalse(java.util.Arrays.equals(a, Toys.generate(mu, 42, 8)));
        assertEquals(Seeds.derive(42, "bumphunt.toys", 7), Toys.seed(42, 7));
        assertEquals(0, a[0]);
        // pinned: the same counts on every JVM (Well19937c + Commons Math's sampler)
        assertArrayEquals(new double[] {0.0, 0.0, 5.0, 47.0, 37.0, 1019.0, 249457.0}, a);
        // moments over many toys
        int nToys = 2000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < nToys; i++) {
            double v = Toys.generate(new double[] {12.5}, 1, i)[0];
            s += v;
            s2 += v * v;
        }
        double mean = s / nToys;
        double var = s2 / nToys - mean * mean;
        assertEquals(12.5, mean, 5 * Math.sqrt(12.5 / nToys));
        assertEquals(12.5, var, 5 * 12.5 * Math.sqrt(2.0 / nToys));
        assertThrows(InvalidInputException.class, () -> Toys.generate(new double[] {-1}, 1, 0));
        assertThrows(InvalidInputException.class, () -> Toys.generate(new double[] {Double.NaN}, 1, 0));
        assertThrows(InvalidInputException.class, () -> Toys.generate(mu, 1, -1));
    }

    @Test
    void globalPValueCountsToysAtOrAboveObserved() {
        GlobalSignificance g = GlobalSignificance.of(3.0, new double[] {1, 2, 3, 4, 0.5, 2.9, 3.1, 0, 1, 2});
        assertEquals(3, g.nAtLeast());
        assertEquals(0.3, g.pValue(), 1e-15);
        assertEquals(Math.sqrt(0.3 * 0.7 / 10), g.pValueError(), 1e-15);
        assertEquals(0.5244005127080407, g.z(), 1e-9); // scipy.stats.norm.isf(0.3)
        assertFalse(g.zIsLowerBound());
        GlobalSignificance none = GlobalSignificance.of(50, new double[] {1, 2, 3, 4});
        assertEquals(0, none.pValue());
        assertTrue(none.zIsLowerBound());
        assertEquals(Significance.zFromP(0.25), none.z(), 1e-12);
        assertThrows(InvalidInputException.class, () -> GlobalSignificance.of(1, new double[0]));
        assertThrows(InvalidInputException.class, () -> GlobalSignificance.of(Double.NaN, new double[] {1}));
    }

    @Test
    void injectedBumpIsGloballySignificantAndBackgroundIsNot() {
        double[] data = Fixtures.get("bumphunter", "data");
        double[] bkg = Fixtures.get("bumphunter", "background");
        BumpHunter.Config cfg = BumpHunter.Config.widths(6);
        BumpHunter.Result r = BumpHunter.run(data, bkg, cfg, 300, 2024);
        assertEquals(0, r.global().nAtLeast(), "t_obs = " + r.data().tStatistic());
        assertTrue(r.global().zIsLowerBound());
        // a background-only toy as data: a global p-value that is not small
        double[] fake = Toys.generate(bkg, 99, 0);
        BumpHunter.Result r0 = BumpHunter.run(fake, bkg, cfg, 300, 2024);
        assertTrue(r0.global().pValue() > 0.01, "global p " + r0.global().pValue());
        // toy results are what Spark would map: index and seed recorded
        ToyResult t = BumpHunter.toy(bkg, cfg, 2024, 5);
        assertEquals(5, t.index());
        assertEquals(Toys.seed(2024, 5), t.seed());
        assertEquals(t, BumpHunter.toy(bkg, cfg, 2024, 5));
    }

    @Test
    void badInputsAreRejected() {
        BumpHunter.Config cfg = BumpHunter.Config.widths(3);
        assertThrows(InvalidInputException.class, () -> BumpHunter.scan(new double[] {1, 2}, new double[] {1}, cfg));
        assertThrows(InvalidInputException.class, () -> BumpHunter.scan(new double[0], new double[0], cfg));
        assertThrows(InvalidInputException.class, () -> BumpHunter.scan(new double[] {1, 2}, new double[] {0, 0}, cfg));
        assertThrows(InvalidInputException.class, () -> BumpHunter.scan(new double[] {1, -2}, new double[] {1, 1}, cfg));
        assertThrows(InvalidInputException.class, () -> BumpHunter.scan(new double[] {1, 2}, new double[] {1, Double.NaN}, cfg));
        assertThrows(InvalidInputException.class,
                () -> BumpHunter.scan(new double[] {1, 2}, new double[] {1, 1}, new BumpHunter.Config(3, 4, 1, 1)));
        assertThrows(InvalidConfigException.class, () -> new BumpHunter.Config(0, 3, 1, 1));
        assertThrows(InvalidConfigException.class, () -> new BumpHunter.Config(3, 2, 1, 1));
        assertThrows(InvalidInputException.class, () -> BumpHunter.run(new double[] {1}, new double[] {1}, cfg, 0, 1));
    }
}
