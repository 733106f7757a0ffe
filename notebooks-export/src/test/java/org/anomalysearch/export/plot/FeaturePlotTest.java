package org.anomalysearch.export.plot;

import static org.anomalysearch.export.plot.PlotTesting.rejects;
import static org.anomalysearch.export.plot.PlotTesting.xs;
import static org.anomalysearch.export.plot.PlotTesting.ys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeaturePlotTest {

    static final double[] EDGES = {0, 1, 2, 3};
    static final double[] DATA = {100, 49, 0};
    static final double[] BKG = {80, 49, 0};

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static FeaturePlot spec() {
        return new FeaturePlot("Features", "Data (SR)", "Sampled", List.of(
                new FeaturePanel("m_J1 [GeV]", EDGES, DATA, BKG, new double[] {8, 7, 0}),
                FeaturePanel.of("τ_21 (J1)", EDGES, BKG, DATA),
                FeaturePanel.of("third", EDGES, DATA, DATA)), 2);
    }

    @Test
    void ratioIsDataOverBackgroundWithDataErrors() {
        FeaturePanel p = spec().panels().get(0);
        assertArrayEquals(new double[] {1.25, 1, Double.NaN}, p.ratio(), 1e-15);
        assertArrayEquals(new double[] {10 / 80.0, 7 / 49.0, Double.NaN}, p.ratioError(), 1e-15);
    }

    @Test
    void chartHoldsStepHistogramsAndRatioPoints() {
        CombinedDomainXYPlot combined = assertInstanceOf(CombinedDomainXYPlot.class,
                FeatureCharts.chart(spec(), 0).getPlot());
        assertEquals("m_J1 [GeV]", combined.getDomainAxis().getLabel());
        XYPlot hist = combined.getSubplots().get(0);
        XYPlot ratio = combined.getSubplots().get(1);
        XYDataset h = hist.getDataset();
        assertEquals(2, h.getSeriesCount());
        assertEquals("Sampled", h.getSeriesKey(0));
        assertEquals("Data (SR)", h.getSeriesKey(1));
        assertArrayEquals(new double[] {0, 1, 2, 3}, xs(h, 1), 0);
        assertArrayEquals(new double[] {100, 49, 0, 0}, ys(h, 1), 0, "step line repeats the last bin");
        assertArrayEquals(new double[] {80, 49, 0, 0}, ys(h, 0), 0);
        IntervalXYDataset r = (IntervalXYDataset) ratio.getDataset(FeatureCharts.RATIO);
        assertArrayEquals(new double[] {0.5, 1.5}, xs(r, 0), 0, "the empty-background bin has no ratio");
        assertArrayEquals(new double[] {1.25, 1}, ys(r, 0), 1e-15);
        assertEquals(1.25 - 10 / 80.0, r.getStartYValue(0, 0), 1e-15);
        assertEquals(1.25 + 10 / 80.0, r.getEndYValue(0, 0), 1e-15);
        IntervalXYDataset band = (IntervalXYDataset) ratio.getDataset(FeatureCharts.RATIO_BAND);
        assertEquals(1 + 8 / 80.0, band.getEndYValue(0, 0), 1e-15);
        XYPlot ratioWithoutErrors = ((CombinedDomainXYPlot) FeatureCharts.chart(spec(), 1).getPlot())
                .getSubplots().get(1);
        assertEquals(null, ratioWithoutErrors.getDataset(FeatureCharts.RATIO_BAND),
                "no band without background errors");
    }

    @Test
    void fromSamplesScalesTheBackgroundToTheData() {
        double[] d = new double[1000];
        double[] b = new double[4000];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 100) / 100.0;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 100) / 100.0;
        }
        FeaturePanel p = FeaturePanel.fromSamples("x", d, b, 10);
        double sd = 0;
        double sb = 0;
        for (int i = 0; i < 10; i++) {
            sd += p.data()[i];
            sb += p.background()[i];
        }
        assertEquals(sd, sb, 1e-9);
        assertEquals(p.data()[3], p.background()[3], 1e-9);
        assertEquals(Math.sqrt(4 * p.data()[3]) / 4, p.backgroundError()[3], 1e-9, "sqrt(n) of the raw counts");
    }

    @Test
    void gridRendersAtItsDefaultSizeAndSvgHasLabels() throws Exception {
        FeaturePlot f = spec();
        assertEquals(960, f.defaultWidth());
        assertEquals(60 + 2 * 440, f.defaultHeight());
        PlotTesting.png(f, f.defaultWidth(), f.defaultHeight());
        PlotTesting.svgContains(PlotTesting.svg(f), "Features", "m_J1 [GeV]", "τ_21 (J1)", "third", "Events",
                FeatureCharts.RATIO_LABEL, "Data (SR)", "Sampled");
    }

    @Test
    void panelsFromRowsAreLabelledWithUnitsAsPapersWriteThem() {
        double[][] rows = {{100, 3500, 0.5}, {120, 3600, 0.6}};
        List<FeaturePanel> p = FeaturePanel.fromRows(List.of("mj1", "pt_j1", "tau21_j1"), rows, rows, 4);
        assertEquals(List.of("m_J1 [GeV]", "pt_j1 [GeV]", "τ_21 (J1)"), p.stream().map(FeaturePanel::xLabel).toList());
        assertEquals("Δm_J [GeV]", FeaturePanel.axisLabel("dmj"));
        assertEquals("jet1_nconst", FeaturePanel.axisLabel("jet1_nconst"), "no unit");
        assertEquals("my_score", FeaturePanel.axisLabel("my_score"), "unknown column: its name");
    }

    @Test
    void badInputIsRejectedWithTheSeriesNamed() {
        rejects(() -> FeaturePanel.of("m_J1", EDGES, DATA, new double[] {1, 2}), "series 'm_J1'",
                "background counts has 2 entries");
        rejects(() -> FeaturePanel.of("m_J1", EDGES, new double[] {1, Double.NaN, 1}, BKG), "m_J1", "NaN");
        rejects(() -> FeaturePanel.of("m_J1", new double[] {0, 1}, DATA, BKG), "m_J1", "bin edges");
        rejects(() -> FeaturePanel.of("m_J1", EDGES, new double[0], new double[0]), "m_J1", "empty");
        rejects(() -> FeaturePlot.of("t", List.of()), "feature panels");
        rejects(() -> new FeaturePlot("t", null, null, List.of(FeaturePanel.of("a", EDGES, DATA, BKG)), 0),
                "columns");
        rejects(() -> FeaturePanel.fromSamples("m", new double[] {1}, new double[] {Double.NaN}, 10), "m", "NaN");
    }
}
