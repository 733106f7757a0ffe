package org.anomalysearch.export.plot;

import static org.anomalysearch.export.plot.PlotTesting.rejects;
import static org.anomalysearch.export.plot.PlotTesting.xs;
import static org.anomalysearch.export.plot.PlotTesting.ys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RocPlotTest {

    static final double[] ES = {0.1, 0.3, 0.5, 0.8, 1.0};
    static final double[] EB = {0.0, 0.01, 0.04, 0.25, 1.0};
    static final double[] EB_LO = {0.0, 0.005, 0.03, 0.2, 1.0};
    static final double[] EB_HI = {0.001, 0.02, 0.05, 0.3, 1.0};

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static List<RocCurve> curves() {
        return List.of(new RocCurve("A", ES, EB, EB_LO, EB_HI),
                RocCurve.of("B", new double[] {0.5, 1}, new double[] {0.25, 1}));
    }

    @Test
    void rejectionViewPlotsOneOverEpsBOnALogAxisSkippingEpsBZero() {
        XYPlot plot = Plots.chart(RocPlot.rejection("ROC", curves())).getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getRangeAxis());
        XYDataset d = plot.getDataset(RocChart.CURVES);
        assertEquals(3, d.getSeriesCount(), "two curves and the random classifier");
        assertEquals(RocChart.RANDOM, d.getSeriesKey(2));
        assertArrayEquals(new double[] {0.3, 0.5, 0.8, 1.0}, xs(d, 0), 0);
        assertArrayEquals(new double[] {100, 25, 4, 1}, ys(d, 0), 1e-12);
        assertEquals(1 / 0.4, d.getYValue(2, 39), 1e-12, "random: 1/eps_S");
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) plot.getDataset(RocChart.BANDS);
        assertEquals(1, band.getSeriesCount());
        // point eps_S = 0.1 has an infinite upper band edge and is left out
        assertEquals(0.3, band.getXValue(0, 0), 0);
        assertEquals(1 / 0.02, band.getStartYValue(0, 0), 1e-12);
        assertEquals(1 / 0.005, band.getEndYValue(0, 0), 1e-12);
    }

    @Test
    void sicViewPlotsEpsSOverSqrtEpsB() {
        XYPlot plot = Plots.chart(RocPlot.sic("SIC", curves())).getXYPlot();
        assertInstanceOf(NumberAxis.class, plot.getRangeAxis());
        XYDataset d = plot.getDataset(RocChart.CURVES);
        assertArrayEquals(new double[] {3, 2.5, 1.6, 1}, ys(d, 0), 1e-12);
        assertArrayEquals(new double[] {1, 1}, ys(d, 1), 1e-12);
        assertEquals(Math.sqrt(0.4), d.getYValue(2, 39), 1e-12, "random: sqrt(eps_S)");
        YIntervalSeriesCollection band = (YIntervalSeriesCollection) plot.getDataset(RocChart.BANDS);
        assertEquals(0.3, band.getXValue(0, 0), 0, "eps_B low = 0 at eps_S = 0.1: infinite band edge left out");
        assertEquals(0.3 / Math.sqrt(0.02), band.getStartYValue(0, 0), 1e-12);
        assertEquals(0.3 / Math.sqrt(0.005), band.getEndYValue(0, 0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, new RocCurve("A", ES, EB, EB_LO, EB_HI).sic()[0]);
    }

    @Test
    void sicAgainstRejectionPlotsEpsSOverSqrtEpsBAgainstOneOverEpsBOnALogXAxis() {
        XYPlot plot = Plots.chart(RocPlot.sicVsRejection("SIC", curves())).getXYPlot();
        LogAxis x = assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals(RocChart.REJECTION_LABEL, x.getLabel());
        assertInstanceOf(NumberAxis.class, plot.getRangeAxis());
        XYDataset d = plot.getDataset(RocChart.CURVES);
        assertEquals(3, d.getSeriesCount(), "two curves and the random classifier");
        // curve A without eps_B = 0, sorted by 1/eps_B: (1, 1), (4, 1.6), (25, 2.5), (100, 3)
        assertArrayEquals(new double[] {1, 4, 25, 100}, xs(d, 0), 1e-12);
        assertArrayEquals(new double[] {1, 0.8 / 0.5, 0.5 / 0.2, 0.3 / 0.1}, ys(d, 0), 1e-12);
        for (int i = 0; i < d.getItemCount(2); i++) {
            assertEquals(1 / Math.sqrt(d.getXValue(2, i)), d.getYValue(2, i), 1e-12, "random: SIC = 1/sqrt(1/eps_B)");
        }
        assertEquals(100, d.getXValue(2, d.getItemCount(2) - 1), 1e-9, "random drawn over the curves' x range");
        assertEquals(null, plot.getDataset(RocChart.BANDS), "no band: eps_B's band is along x here");
        assertEquals(1, x.getLowerBound(), 0);
        assertEquals(150, x.getUpperBound(), 1e-9);
    }

    @Test
    void rejectionInputIsConvertedToEfficiency() {
        RocCurve c = RocCurve.fromRejection("r", new double[] {0.2, 0.6}, new double[] {100, 4},
                new double[] {50, 2}, new double[] {200, 8});
        assertArrayEquals(new double[] {0.01, 0.25}, c.backgroundEff(), 1e-15);
        assertArrayEquals(new double[] {0.005, 0.125}, c.backgroundEffLow(), 1e-15);
        assertArrayEquals(new double[] {0.02, 0.5}, c.backgroundEffHigh(), 1e-15);
        assertArrayEquals(new double[] {100, 4}, c.rejection(), 1e-12);
    }

    @Test
    void rendersPngAndSvg() throws Exception {
        PlotTesting.png(RocPlot.rejection("ROC", curves()), 800, 600);
        PlotTesting.png(RocPlot.sic("SIC", curves()), 640, 480);
        PlotTesting.svgContains(PlotTesting.svg(RocPlot.rejection("ROC", curves())), "ROC",
                RocChart.X_LABEL, RocChart.REJECTION_LABEL, "A", "B", RocChart.RANDOM);
        PlotTesting.svgContains(PlotTesting.svg(RocPlot.sic("SIC", curves())), RocChart.SIC_LABEL);
    }

    @Test
    void badInputIsRejectedWithTheSeriesNamed() {
        rejects(() -> RocCurve.of("tagger", ES, new double[] {0.1}), "series 'tagger'", "1 entries", "5");
        rejects(() -> RocCurve.of("tagger", new double[] {50}, new double[] {0.1}), "series 'tagger'", "[0, 1]");
        rejects(() -> RocCurve.of("tagger", new double[] {0.5}, new double[] {Double.NaN}), "tagger", "NaN");
        rejects(() -> RocCurve.of("tagger", new double[0], new double[0]), "tagger", "empty");
        rejects(() -> new RocCurve("tagger", ES, EB, EB_HI, EB_LO), "tagger", "above");
        rejects(() -> RocCurve.fromRejection("r", new double[] {0.5}, new double[] {0.5}, null, null), "r",
                ">= 1");
        rejects(() -> RocPlot.sic("t", List.of()), "ROC curves");
    }
}
