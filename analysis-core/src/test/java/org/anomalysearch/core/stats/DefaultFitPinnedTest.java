package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;
import org.junit.jupiter.api.Test;

/**
 * The default fit policy ({@code fit.function: dijet}) gives the numbers it gave before the turn-on family existed:
 * the auto range, the F-test's choice, the parameters, the deviance and a spurious-signal fit on the shared Pythia pool,
 * to 1e-12 relative, as printed by the code of commit 51ca072 (the null calibration of the search was measured with
 * it; the same code path today gives them bit for bit). Skipped without the shared data.
 */
class DefaultFitPinnedTest {

    @Test
    void theDefaultFitOfThePythiaPoolIsUnchanged() throws IOException {
        double[] pool = SpuriousSignalPythiaTest.poolMjj();
        FitConfig d = FitConfig.defaults();
        assertEquals(FitFunction.DIJET, d.function());
        FitRange range = FitRange.resolve("qcd", pool, d, 3300);
        assertEquals(3100, range.lo());
        assertEquals(1, range.tried().size());
        BinnedSpectrum s = range.histogram("qcd", pool);
        FitQuality.Gated g = FitQuality.Gated.fit(s, null, d.params(), d.gate(), FitOptions.defaults());
        double[] want = {1.850135057186857, 6.393794219075654, 7.444505551827606, 1.840004873621796};
        double[] got = g.fit().params();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-12 * Math.abs(want[i]), "p" + i);
        }
        assertEquals(4, g.fit().nParams());
        assertEquals(30.507777999111326, g.fit().deviance(), 1e-12 * 30.5);
        assertEquals(1.5523446447199647, g.fit().covariance()[1][1], 1e-12 * 1.55);
        assertEquals(16.68806513836626, g.quality().choice().get(0).fStatistic(), 1e-9);
        SpuriousSignal.Point p = SpuriousSignal.fit(s, g.fit(), 3300, 0.07 * 3300);
        assertArrayEquals(new double[] {-320.7348452400052, 1444.8579848986005}, new double[] {p.signal(),
                p.signalError()}, 1e-9);
    }
}
