package org.anomalysearch.export.plot;

import static org.anomalysearch.export.plot.PlotTesting.rejects;
import static org.anomalysearch.export.plot.PlotTesting.xs;
import static org.anomalysearch.export.plot.PlotTesting.ys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossPlotTest {

    static final double[] TRAIN = {0.9, 0.7, 0.6, 0.55, 0.5};
    static final double[] VAL = {0.95, 0.75, 0.7, 0.72, 0.7};

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static LossPlot spec() {
        return LossPlot.of("Training", List.of(new LossCurve("run A", TRAIN, VAL),
                new LossCurve("run B", new double[] {1, 0.8, 0.9}, null)));
    }

    @Test
    void bestEpochIsTheFirstMinimumOfTheValidationLoss() {
        assertEquals(3, new LossCurve("a", TRAIN, VAL).bestEpoch());
        assertEquals(5, new LossCurve("a", TRAIN, null).bestEpoch(), "training loss without validation");
        assertEquals(1, new LossCurve("a", new double[] {1}, null).bestEpoch());
    }

    @Test
    void chartHoldsTrainAndValidationSeriesAndBestEpochMarkers() {
        XYPlot plot = Plots.chart(spec()).getXYPlot();
        XYDataset d = plot.getDataset(LossChart.CURVES);
        assertEquals(3, d.getSeriesCount());
        assertEquals("run A (train)", d.getSeriesKey(0));
        assertEquals("run A (validation)", d.getSeriesKey(1));
        assertEquals("run B (train)", d.getSeriesKey(2));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, xs(d, 0), 0, "epochs from 1");
        assertArrayEquals(TRAIN, ys(d, 0), 0);
        assertArrayEquals(VAL, ys(d, 1), 0);
        List<Double> best = new ArrayList<>();
        for (Object o : plot.getDomainMarkers(Layer.FOREGROUND)) {
            best.add(((ValueMarker) o).getValue());
        }
        assertEquals(List.of(3.0, 2.0), best);
        XYDataset points = plot.getDataset(LossChart.BEST);
        assertEquals(0.7, points.getYValue(0, 0), 0);
        assertEquals(0.8, points.getYValue(1, 0), 0);
    }

    @Test
    void logAxisOnRequest() throws Exception {
        LossPlot log = spec().withLogY();
        assertInstanceOf(LogAxis.class, Plots.chart(log).getXYPlot().getRangeAxis());
        PlotTesting.png(log, 800, 600);
        PlotTesting.svgContains(PlotTesting.svg(spec()), "Training", "Epoch", "Loss", "run A (validation)",
                "best 3");
    }

    @Test
    void badInputIsRejectedWithTheSeriesNamed() {
        rejects(() -> new LossCurve("run A", TRAIN, new double[] {1, 2}), "series 'run A'", "validation loss",
                "2 entries");
        rejects(() -> new LossCurve("run A", new double[] {1, Double.NaN}, null), "run A",
                "training loss[1] is NaN");
        rejects(() -> new LossCurve("run A", new double[0], null), "run A", "empty");
        rejects(() -> new LossPlot("t", null, List.of(new LossCurve("nll", new double[] {1, -0.5}, null)), true),
                "series 'nll'", "epoch 2", "log y");
        rejects(() -> LossPlot.of("t", List.of()), "loss curves");
    }
}
