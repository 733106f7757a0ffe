package org.anomalysearch.core.fit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.hist.Binning;
import org.anomalysearch.core.hist.Histogram;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.WindowScan;
import org.junit.jupiter.api.Test;

/** Every bad input gives a clear exception, never NaN or a made-up significance. */
class FitBadInputTest {

    private static final double[] EDGES = Binning.uniform(20, 1500, 4000).edges();

    private static void assertMessage(AnalysisException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void emptyHistogramIsRejected() {
        Histogram empty = Histogram.of(Binning.uniform(20, 1500, 4000), new double[0]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(BinnedSpectrum.of(empty), 3));
        assertMessage(e, "empty", "all 20 bins are zero");
        // and the significance of a window of an empty spectrum is never computed
        assertThrows(InvalidInputException.class,
                () -> SidebandFit.evaluate(BinnedSpectrum.of(empty), new Region(2000, 2250), 3));
    }

    @Test
    void spectrumWithoutBinsOrWithBadCountsIsRejected() {
        assertMessage(assertThrows(InvalidInputException.class, () -> BinnedSpectrum.of(new double[] {1500}, new double[0])),
                "no bins");
        assertMessage(assertThrows(InvalidInputException.class,
                () -> BinnedSpectrum.of(new double[] {1500, 1600, 1700}, new double[] {3, -1})), "bin 1 holds -1");
        assertThrows(InvalidInputException.class,
                () -> BinnedSpectrum.of(new double[] {1500, 1600, 1700}, new double[] {3, Double.NaN}));
        assertMessage(assertThrows(InvalidInputException.class,
                () -> BinnedSpectrum.of(new double[] {1500, 1600, 1700}, new double[] {3})), "need 2 bin edges, got 3");
        assertMessage(assertThrows(InvalidInputException.class,
                () -> BinnedSpectrum.of(new double[] {12000, 13500}, new double[] {3})), "13000");
        assertThrows(InvalidInputException.class,
                () -> BinnedSpectrum.of(new double[] {1600, 1500}, new double[] {3}));
    }

    @Test
    void allZeroOutsideTheSignalRegionIsRejected() {
        double[] c = new double[20];
        c[8] = 50;
        c[9] = 40;
        BinnedSpectrum s = BinnedSpectrum.of(EDGES, c);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(s, 3, s.mask(8, 9), FitOptions.defaults()));
        assertMessage(e, "no events outside the masked signal region");
    }

    @Test
    void windowOutsideTheFittedRangeIsRejected() {
        BinnedSpectrum s = Fixtures.spectrum("smooth4");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SidebandFit.evaluate(s, new Region(6875, 7250), 4));
        assertMessage(e, "outside the fitted range", "[1500, 7000]");
        assertThrows(InvalidInputException.class, () -> SidebandFit.evaluate(s, new Region(1000, 1750), 4));
        // a window that cuts through a bin
        InvalidInputException cut = assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(s, 4, new Region(3300, 3750)));
        assertMessage(cut, "cuts through a bin", "3300", "nearest: 3250");
        // scans check every window before fitting any
        assertThrows(InvalidInputException.class, () -> WindowScan.scan(s,
                List.of(new Region(3000, 3250), new Region(6875, 7125)), 4, FitOptions.defaults(),
                Significance.Constraint.GAUSSIAN));
    }

    @Test
    void tooFewBinsForTheFunctionAreRejected() {
        BinnedSpectrum five = BinnedSpectrum.of(new double[] {1500, 1600, 1700, 1800, 1900, 2000},
                new double[] {500, 400, 300, 250, 200});
        assertMessage(assertThrows(InvalidInputException.class, () -> DijetFitter.fit(five, 5)), "ndf = 0");
        DijetFitter.fit(five, 4); // ndf = 1 is allowed
        // masking leaves too few bins
        assertMessage(assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(five, 3, new Region(1600, 1800))), "3 unmasked bins", "ndf = 0");
        assertThrows(InvalidInputException.class, () -> DijetFitter.fit(five, 2));
        assertThrows(InvalidInputException.class, () -> DijetFitter.fit(five, 6));
        assertThrows(InvalidInputException.class,
                () -> DijetFitter.fit(five, 3, new boolean[3], FitOptions.defaults()));
    }

    @Test
    void nonConvergentFitThrows() {
        // too few iterations to converge
        FitFailedException e = assertThrows(FitFailedException.class,
                () -> DijetFitter.fit(Fixtures.spectrum("smooth5"), 5, null, FitOptions.defaults().withMaxIterations(1)
                        .withRestarts(0)));
        assertMessage(e, "did not converge", "5-parameter");
        assertEquals(5, e.nParams());
        assertFalse(e.hint().isEmpty());
        // a spectrum with no falling shape: all events in one bin; the shape runs away
        double[] c = new double[20];
        c[10] = 1000;
        BinnedSpectrum spike = BinnedSpectrum.of(EDGES, c);
        FitFailedException s = assertThrows(FitFailedException.class, () -> DijetFitter.fit(spike, 3));
        assertTrue(s.getMessage().contains("did not converge"), s.getMessage());
    }

    @Test
    void fitOptionsAreValidated() {
        assertThrows(AnalysisException.class, () -> new FitOptions(0, 1e-9, 0, 100));
        assertThrows(AnalysisException.class, () -> new FitOptions(10, 0, 0, 100));
        assertThrows(AnalysisException.class, () -> new FitOptions(10, 1e-9, -1, 100));
        assertThrows(AnalysisException.class, () -> new FitOptions(10, 1e-9, 0, 0));
    }
}
