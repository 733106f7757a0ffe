package org.anomalysearch.export.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

/** The one number to quote: which one is chosen, its toy uncertainty (against normal-table quantiles) and its text. */
class HeadlineTest {

    @Test
    void demoQuotesTheScansToyZAsALowerBoundAndTheTrialsFactorOnlyAsCrossCheck() throws Exception {
        RunResults r = ResultsCodec.readResults(Path.of(getClass().getResource("/runs/demo-results.json").toURI()));
        Headline h = Headline.of(r);
        assertEquals("global Z of the density model + CWoLa scan", h.name());
        assertTrue(h.lowerBound());
        assertEquals(">= 2.58 (no toy of 200 reached the data; more toys raise the bound)", h.value());
        assertEquals("SR [3500, 3900) GeV at efficiency 0.2", h.where());
        assertEquals("headline: global Z of the density model + CWoLa scan >= 2.58 (no toy of 200 reached the data; "
                + "more toys raise the bound), SR [3500, 3900) GeV at efficiency 0.2; cross-check, not for quoting: "
                + "Z = 6.82 from the trials factor 5.6 (it treats the windows and efficiencies as independent)",
                h.line());
    }

    @Test
    void toyUncertaintyIsTheZIntervalOfPPlusMinusItsBinomialError() {
        // p = 0.34 +- 0.05: Z in [Phi^-1(0.61), Phi^-1(0.71)] = [0.2793, 0.5534] (normal table), Z(0.34) = 0.4125
        Scan.Global g = new Scan.Global("p", 0.07, 1.5, 0, 0.05, 100, 34, 0.34, 0.05, 0.4125, false, 3, 0.2, 0.84,
                "toys", null);
        ScanWindow w = new ScanWindow(new double[] {2900, 3300}, new double[] {3300, 3700}, new double[] {3700, 4100},
                100, 800, 40, 31, 1.5, 0.05, 3200, 3100, 7000, new double[0], null, List.of());
        RunResults r = results(null, Scan.of("cwola", List.of(w), 1, List.of(), g), null);
        Headline h = Headline.of(r);
        assertEquals(0.2793, h.zLow(), 1e-4);
        assertEquals(0.5534, h.zHigh(), 1e-4);
        assertEquals("0.41 +0.14 -0.13 (toy statistics, 100 toys)", h.value());
    }

    @Test
    void withoutScanBumpHunterThenTheSignalRegionAreQuoted() {
        BumpHunt bh = new BumpHunt(BumpHunt.PASSED, null, new BumpHunt.FitRange(3100, 7000, 100, 2650, "auto",
                List.of()), null, new BumpHunt.BumpHunter(4200, 4300, 120, 100, 0.0116, 2.27, 4.4, 1000, 380,
                0.38, 0.0153, 0.3055, false, "refitted"), new double[0], new double[0], null);
        Headline h = Headline.of(results(bh, null, null));
        assertEquals("global Z of BumpHunter on the inclusive m_jj spectrum", h.name());
        assertEquals("window [4200, 4300) GeV", h.where());
        assertEquals("", h.crossCheck());
        RunResults.SignalRegion sr = TestRuns.signalRegion(3.2, 1.926041791158254, 0.027);
        Headline local = Headline.of(results(null, null, sr));
        assertEquals("1.93", local.value(), "two decimals, no toys");
        assertTrue(local.name().contains("no look-elsewhere"), local.name());
        assertNull(Headline.of(results(null, null, null)));
    }

    @Test
    void numbersArePrintedWithSensiblePrecision() {
        assertEquals("0.0062", Headline.p(0.006150737657501775));
        assertEquals("0.027", Headline.p(0.0270495779199801));
        assertEquals("8.0e-13", Headline.p(8.041354837371567e-13));
        assertEquals("0.21", Headline.z(0.2147015680017446));
        assertEquals("-0.09", Headline.z(-0.0903));
    }

    private static RunResults results(BumpHunt bh, Scan scan, RunResults.SignalRegion sr) {
        return new RunResults(RunResults.SCHEMA_VERSION, "t", 1, null, null, null, null, bh, null, sr, scan, null,
                null);
    }
}
