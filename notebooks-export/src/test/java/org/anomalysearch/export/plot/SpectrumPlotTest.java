package org.anomalysearch.export.plot;

import static org.anomalysearch.export.plot.PlotTesting.rejects;
import static org.anomalysearch.export.plot.PlotTesting.xs;
import static org.anomalysearch.export.plot.PlotTesting.ys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.chart.ui.RectangleAnchor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpectrumPlotTest {

    static final double[] EDGES = {1000, 1100, 1200, 1300, 1400, 1500};
    static final double[] COUNTS = {400, 210, 0, 60, 25};
    static final double[] FIT = {390, 220, 110, 55, 28};

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static SpectrumPlot spec() {
        double[] lo = new double[5];
        double[] hi = new double[5];
        for (int i = 0; i < 5; i++) {
            lo[i] = FIT[i] * 0.95;
            hi[i] = FIT[i] * 1.05;
        }
        return SpectrumPlot.of("Test spectrum", EDGES, COUNTS, FIT).withFitBand(lo, hi)
                .withMaskedWindow(1200, 1300);
    }

    @Test
    void garwoodIntervalsMatchScipy() {
        // scipy.stats.chi2.ppf(a/2, 2n)/2 and chi2.ppf(1-a/2, 2(n+1))/2, a = 1 - 0.682689492137
        double[][] ref = {
            {0, 0, 1.8410216450089925},
            {1, 0.17275377902350095, 3.2995265591155016},
            {2, 0.7081854398190944, 4.637859623454832},
            {5, 2.840308855593492, 8.382472652146342},
            {10, 6.891305560638794, 14.266949761008688},
        };
        for (double[] r : ref) {
            double[] g = SpectrumPlot.garwood(r[0]);
            assertEquals(r[1], g[0], 1e-8, "lower, n = " + r[0]);
            assertEquals(r[2], g[1], 1e-8, "upper, n = " + r[0]);
        }
    }

    @Test
    void pearsonPullsAreDataMinusFitOverSqrtFit() {
        double[] p = spec().pullValues();
        for (int i = 0; i < 5; i++) {
            assertEquals((COUNTS[i] - FIT[i]) / Math.sqrt(FIT[i]), p[i], 1e-12);
        }
        assertEquals(-Math.sqrt(110), p[2], 1e-12);
    }

    @Test
    void dataPullsUseTheErrorBarOnTheSideOfTheFit() {
        SpectrumPlot s = spec().withErrors(SpectrumPlot.ErrorBars.GARWOOD, SpectrumPlot.PullMode.DATA);
        double[] p = s.pullValues();
        // n = 400 > fit: lower bar; n = 0 < fit: upper bar 1.841
        assertEquals((400 - 390) / (400 - SpectrumPlot.garwood(400)[0]), p[0], 1e-12);
        assertEquals(-110 / 1.8410216450089925, p[2], 1e-7);
        SpectrumPlot sq = spec().withErrors(SpectrumPlot.ErrorBars.SQRT_N, SpectrumPlot.PullMode.DATA);
        assertEquals(10 / 20.0, sq.pullValues()[0], 1e-12);
        assertEquals(-110 / Math.sqrt(110), sq.pullValues()[2], 1e-12, "sqrt(n) = 0 falls back to sqrt(fit)");
        assertArrayEquals(new double[] {380, 210 - Math.sqrt(210), 0, 60 - Math.sqrt(60), 20}, sq.dataLow(),
                1e-12);
    }

    @Test
    void chartHoldsDataFitBandMaskedWindowAndPulls() {
        JFreeChart chart = Plots.chart(spec());
        assertEquals("Test spectrum", chart.getTitle().getText());
        CombinedDomainXYPlot combined = assertInstanceOf(CombinedDomainXYPlot.class, chart.getPlot());
        assertEquals("m_jj [GeV]", combined.getDomainAxis().getLabel());
        List<XYPlot> subs = combined.getSubplots();
        assertEquals(2, subs.size());
        XYPlot main = subs.get(0);
        XYPlot pull = subs.get(1);
        assertInstanceOf(LogAxis.class, main.getRangeAxis());

        // data: the empty bin is not drawn on the log axis, error bars are Garwood
        IntervalXYDataset data = (IntervalXYDataset) main.getDataset(SpectrumChart.DATA);
        assertEquals(1, data.getSeriesCount());
        assertArrayEquals(new double[] {1050, 1150, 1350, 1450}, xs(data, 0), 1e-12);
        assertArrayEquals(new double[] {400, 210, 60, 25}, ys(data, 0), 1e-12);
        assertEquals(SpectrumPlot.garwood(60)[1], data.getEndYValue(0, 2), 1e-9);
        assertEquals(SpectrumPlot.garwood(60)[0], data.getStartYValue(0, 2), 1e-9);
        assertEquals(1300, data.getStartXValue(0, 2), 0);
        assertEquals(1400, data.getEndXValue(0, 2), 0);

        assertArrayEquals(FIT, ys(main.getDataset(SpectrumChart.FIT), 0), 1e-12);
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) main.getDataset(SpectrumChart.BAND);
        assertEquals(0.95 * 110, band.getStartYValue(0, 2), 1e-9);
        assertEquals(1.05 * 110, band.getEndYValue(0, 2), 1e-9);

        for (XYPlot p : subs) {
            @SuppressWarnings("unchecked")
            Collection<Object> markers = (Collection<Object>) p.getDomainMarkers(Layer.BACKGROUND);
            assertEquals(1, markers.size(), "the masked window is shaded in both panels");
            IntervalMarker m = (IntervalMarker) markers.iterator().next();
            assertEquals(1200, m.getStartValue(), 0);
            assertEquals(1300, m.getEndValue(), 0);
        }
        assertArrayEquals(spec().pullValues(), ys(pull.getDataset(), 0), 1e-12);
        assertEquals(5, pull.getDataset().getItemCount(0), "every bin has a pull, the empty one too");
        List<String> legend = new java.util.ArrayList<>();
        for (int i = 0; i < main.getLegendItems().getItemCount(); i++) {
            legend.add(main.getLegendItems().get(i).getLabel());
        }
        assertEquals(List.of("Data", "Background fit", "Fit uncertainty", "Signal region (masked)"), legend);

        // the fit band is drawn in the pull panel too, in the pulls' units: (band edge - fit) / sqrt(fit), per bin
        YIntervalSeriesCollection pullBand = (YIntervalSeriesCollection) pull.getDataset(SpectrumChart.PULL_BAND);
        assertEquals(10, pullBand.getItemCount(0), "a step: both edges of each bin");
        assertEquals(1200, pullBand.getXValue(0, 4), 0);
        assertEquals(1300, pullBand.getXValue(0, 5), 0);
        assertEquals(-0.05 * 110 / Math.sqrt(110), pullBand.getStartYValue(0, 4), 1e-12);
        assertEquals(0.05 * 110 / Math.sqrt(110), pullBand.getEndYValue(0, 5), 1e-12);

        // the y axis fits the data: from half the lowest point to a little above the highest error bar
        double top = SpectrumPlot.garwood(400)[1];
        assertEquals(25 / 2.0, main.getRangeAxis().getLowerBound(), 1e-9);
        assertTrue(main.getRangeAxis().getUpperBound() > top && main.getRangeAxis().getUpperBound() < 1.5 * top,
                "upper bound " + main.getRangeAxis().getUpperBound());
        assertEquals("Events / 100 GeV", main.getRangeAxis().getLabel(), "bin width and unit");
    }

    @Test
    void legendGoesToACornerWithoutDataOrBelowTheChart() {
        // falling spectrum: the upper right is empty
        assertEquals(RectangleAnchor.TOP_RIGHT, legendCorner(Plots.chart(SpectrumPlot.of("", EDGES, COUNTS, FIT))));
        // rising spectrum: the upper left
        double[] up = {25, 60, 110, 210, 400};
        assertEquals(RectangleAnchor.TOP_LEFT, legendCorner(Plots.chart(SpectrumPlot.of("", EDGES, up, up))));
        // data in every corner (high, low, high, low, high): the legend leaves the plot area
        double[] zigzag = {400, 20, 400, 20, 400, 20, 400};
        double[] edges = {1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700};
        JFreeChart chart = Plots.chart(SpectrumPlot.of("", edges, zigzag, zigzag));
        assertEquals(null, legendCorner(chart));
        assertTrue(chart.getLegend() != null, "below the chart");
    }

    @Test
    void sampleLabelAndEventsPerBinWidth() {
        JFreeChart chart = Plots.chart(SpectrumPlot.of("", EDGES, COUNTS, FIT).withSampleLabel("Pythia 8, √s = 13 "
                + "TeV"));
        List<String> subtitles = new java.util.ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                subtitles.add(t.getText());
            }
        }
        assertEquals(List.of("Pythia 8, √s = 13 TeV"), subtitles, "above the plot area");
        assertEquals("Events / 100 GeV", SpectrumPlot.eventsPerBin(EDGES, "m_jj [GeV]"));
        assertEquals("Events / 0.25 TeV", SpectrumPlot.eventsPerBin(new double[] {3, 3.25, 3.5}, "m_jj [TeV]"));
        assertEquals("Events / bin", SpectrumPlot.eventsPerBin(new double[] {1000, 1100, 1300}, "m_jj [GeV]"));
        assertEquals("Events / bin", SpectrumPlot.of("", new double[] {1000, 1100, 1300}, new double[] {5, 3},
                new double[] {5, 3}).yLabel());
    }

    /** The anchor of the legend drawn inside the main panel, or null when there is none. */
    static RectangleAnchor legendCorner(JFreeChart chart) {
        XYPlot main = chart.getPlot() instanceof CombinedDomainXYPlot c ? c.getSubplots().get(0) : chart.getXYPlot();
        for (Object a : main.getAnnotations()) {
            if (a instanceof org.jfree.chart.annotations.XYTitleAnnotation t) {
                return t.getTitleAnchor();
            }
        }
        return null;
    }

    @Test
    void rendersPngAndSvgWithLabels() throws Exception {
        PlotTesting.png(spec(), 800, 700);
        PlotTesting.png(spec(), 400, 300);
        PlotTesting.svgContains(PlotTesting.svg(spec().withSampleLabel("Pythia 8, √s = 13 TeV")), "Test spectrum",
                "m_jj [GeV]", "Events / 100 GeV", "Pull", "Data", "Background fit", "Signal region (masked)",
                "Pythia 8, √s = 13 TeV");
    }

    @Test
    void withoutBandOrWindowThereIsNoMarker() {
        JFreeChart chart = Plots.chart(SpectrumPlot.of("", EDGES, COUNTS, FIT));
        XYPlot main = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
        assertTrue(main.getDomainMarkers(Layer.BACKGROUND) == null
                || main.getDomainMarkers(Layer.BACKGROUND).isEmpty());
        assertEquals(0, main.getDataset(SpectrumChart.BAND).getItemCount(0));
    }

    @Test
    void badInputIsRejectedWithTheSeriesNamed() {
        rejects(() -> SpectrumPlot.of("t", EDGES, COUNTS, new double[] {1, 2, 3}), "series 'fit'", "3 entries",
                "5");
        rejects(() -> SpectrumPlot.of("t", EDGES, new double[] {1, Double.NaN, 1, 1, 1}, FIT), "series 'data'",
                "counts[1] is NaN");
        rejects(() -> SpectrumPlot.of("t", new double[] {1}, new double[0], new double[0]), "series 'data'",
                "empty");
        rejects(() -> SpectrumPlot.of("t", new double[] {1, 2, 3, 4, 5}, COUNTS, FIT), "bin edges", "6");
        rejects(() -> SpectrumPlot.of("t", new double[] {1, 2, 2, 4, 5, 6}, COUNTS, FIT), "increase");
        rejects(() -> SpectrumPlot.of("t", EDGES, new double[] {1, -1, 1, 1, 1}, FIT), "counts[1]", ">= 0");
        rejects(() -> SpectrumPlot.of("t", EDGES, COUNTS, new double[] {1, 1, 0, 1, 1}), "fit[2]", "positive");
        rejects(() -> spec().withMaskedWindow(2000, 2500), "masked window", "outside");
        rejects(() -> spec().withMaskedWindow(1300, 1200), "masked window", "low < high");
        rejects(() -> SpectrumPlot.of("t", EDGES, COUNTS, FIT).withFitBand(FIT, null), "fit band", "one side");
        rejects(() -> SpectrumPlot.of("t", EDGES, COUNTS, FIT).withFitBand(new double[] {1}, new double[] {2}),
                "fit band", "1 entries");
    }

    @Test
    void arraysAreCopied() {
        double[] counts = COUNTS.clone();
        SpectrumPlot s = SpectrumPlot.of("t", EDGES, counts, FIT);
        counts[0] = 1;
        s.counts()[1] = 1;
        assertArrayEquals(COUNTS, s.counts(), 0);
    }
}
