package org.anomalysearch.export.plot;

import static org.anomalysearch.export.plot.PlotTesting.rejects;
import static org.anomalysearch.export.plot.PlotTesting.xs;
import static org.anomalysearch.export.plot.PlotTesting.ys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignificanceScanPlotTest {

    static final double[] X = {2000, 2500, 3000, 3500, 4000};
    static final double[] Z = {0.1, 0.8, 2.4, 4.2, 1.0};

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static SignificanceScanPlot spec() {
        return new SignificanceScanPlot("Scan", null, List.of(Curve.of("after cut", X, Z),
                Curve.of("no cut", X, new double[] {0, 0.2, 1, 1.5, 0.3}).withBand(new double[] {0, 0, 0.5, 1, 0},
                        new double[] {0.5, 0.5, 1.5, 2, 0.6})), new double[] {3, 5}, OptionalDouble.of(2.25));
    }

    static List<Double> rangeMarkers(XYPlot plot) {
        List<Double> v = new ArrayList<>();
        for (Object o : plot.getRangeMarkers(Layer.FOREGROUND)) {
            v.add(((ValueMarker) o).getValue());
        }
        return v;
    }

    @Test
    void chartHoldsCurvesBandsReferenceLinesAndGlobalZ() {
        JFreeChart chart = Plots.chart(spec());
        XYPlot plot = chart.getXYPlot();
        XYDataset curves = plot.getDataset(ScanChart.CURVES);
        assertEquals(2, curves.getSeriesCount());
        assertEquals("after cut", curves.getSeriesKey(0));
        assertArrayEquals(X, xs(curves, 0), 0);
        assertArrayEquals(Z, ys(curves, 0), 0);
        XYDataset bands = plot.getDataset(ScanChart.BANDS);
        assertEquals(1, bands.getSeriesCount(), "only the second curve has a band");
        assertTrue(rangeMarkers(plot).containsAll(List.of(3.0, 5.0, 0.0)), "reference lines " + rangeMarkers(plot));
        assertTrue(plot.getRangeAxis().getUpperBound() > 5, "the 5 sigma line is inside the axis");
        assertEquals(List.of("Global Z = 2.25σ (look-elsewhere)"), subtitles(chart), "above the plot, not on it");
        assertEquals(List.of("Global Z ≥ 2.58σ (look-elsewhere; no toy reached the data)"),
                subtitles(Plots.chart(spec().withGlobalZLowerBound(2.5758))), "a lower bound says so");
    }

    static List<String> subtitles(JFreeChart chart) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle tt) {
                texts.add(tt.getText());
            }
        }
        return texts;
    }

    @Test
    void withoutGlobalZAndReferenceLinesNothingIsAdded() {
        JFreeChart chart = Plots.chart(SignificanceScanPlot.of("", X, Z).withReferenceLines());
        XYPlot plot = chart.getXYPlot();
        assertEquals(List.of(0.0), rangeMarkers(plot));
        assertEquals(List.of(), subtitles(chart));
    }

    @Test
    void rendersPngAndSvg() throws Exception {
        PlotTesting.png(spec(), 800, 600);
        PlotTesting.svgContains(PlotTesting.svg(spec()), "Scan", "Window centre m_jj [GeV]",
                "Local significance Z [σ]", "after cut", "no cut", "3σ", "5σ",
                "Global Z = 2.25σ (look-elsewhere)");
    }

    @Test
    void badInputIsRejectedWithTheSeriesNamed() {
        rejects(() -> SignificanceScanPlot.of("t", X, new double[] {1, 2}), "series 'Local Z'", "2 entries");
        rejects(() -> Curve.of("scan A", X, new double[] {1, 2, Double.NaN, 1, 1}), "series 'scan A'", "y[2] is NaN");
        rejects(() -> Curve.of("scan A", new double[0], new double[0]), "scan A", "empty");
        rejects(() -> Curve.of(" ", X, Z), "label");
        rejects(() -> new SignificanceScanPlot("t", null, List.of(), null, null), "significance scans", "empty");
        rejects(() -> SignificanceScanPlot.of("t", X, Z).withGlobalZ(Double.POSITIVE_INFINITY), "global Z");
        rejects(() -> Curve.of("b", X, Z).withBand(X, Z), "series 'b'", "above");
    }

    @Test
    void plannedWindowsNotComputedAreShadedAndLabelledOnce() {
        SignificanceScanPlot s = spec().withNotComputed(List.of(new double[] {1000, 1400}, new double[] {1400, 1800}));
        XYPlot plot = Plots.chart(s).getXYPlot();
        List<double[]> shaded = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Object o : plot.getDomainMarkers(Layer.BACKGROUND)) {
            org.jfree.chart.plot.IntervalMarker m = (org.jfree.chart.plot.IntervalMarker) o;
            shaded.add(new double[] {m.getStartValue(), m.getEndValue()});
            if (m.getLabel() != null) {
                labels.add(m.getLabel());
            }
        }
        assertEquals(2, shaded.size());
        assertArrayEquals(new double[] {1000, 1400}, shaded.get(0), 0);
        assertArrayEquals(new double[] {1400, 1800}, shaded.get(1), 0);
        assertEquals(List.of("not computed"), labels);
        assertTrue(plot.getDomainAxis().getLowerBound() <= 1000, "the x axis reaches the first planned window: "
                + plot.getDomainAxis().getLowerBound());
        // none without skipped windows; a malformed range is refused
        assertEquals(null, Plots.chart(spec()).getXYPlot().getDomainMarkers(Layer.BACKGROUND));
        rejects(() -> spec().withNotComputed(List.of(new double[] {1400, 1000})), "lo < hi");
    }
}
