package org.anomalysearch.export.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Heat maps and line plots: validated when built, rendered in every format, the colour scale's ends as drawn. */
class GridChartsTest {

    static HeatMapPlot heat() {
        return new HeatMapPlot("t", "W", "I", "z", new int[] {6, 8, 10}, new int[] {2, 3},
                new double[][] {{0.9, 0.95}, {0.97, Double.NaN}, {0.99, 1.0}}, 0.9, 1.0, new int[] {2, 0},
                List.of("note"));
    }

    @Test
    void heatMapAndLinesRender() throws Exception {
        for (Plots.Format f : Plots.Format.values()) {
            assertTrue(Plots.render(heat(), f, 600, 400).length > 1000, f.toString());
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Plots.render(heat(), Plots.Format.PNG, 600, 400)));
        assertEquals(600, png.getWidth());
        LinePlot l = new LinePlot("t", "W", "rel", List.of(Curve.of("I = 2", new double[] {6, 8}, new double[] {0.9,
                0.99})), new double[] {0.99}, List.of("note"));
        assertTrue(Plots.render(l, Plots.Format.SVG, 600, 400).length > 1000);
        assertEquals(GridCharts.viridis(0), new java.awt.Color(68, 1, 84));
        assertEquals(GridCharts.viridis(1), new java.awt.Color(253, 231, 37));
    }

    @Test
    void linePlotTicksAreRoundAndItsLegendAvoidsCurvesAndReferenceLines() {
        // values like an fpga scan's: relative AUC from 0.602 to 1.011 against W = 12..24
        LinePlot l = new LinePlot("t", "total bits W", "relative AUC", List.of(
                Curve.of("I = 8", new double[] {12, 16, 20, 24}, new double[] {0.602, 0.704, 0.999, 1.011}),
                Curve.of("I = 10", new double[] {12, 16, 20, 24}, new double[] {0.61, 0.95, 1.0, 1.0})),
                new double[] {0.99, 1.01}, List.of());
        org.jfree.chart.JFreeChart chart = Plots.chart(l);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        for (org.jfree.chart.axis.ValueAxis a : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            org.jfree.chart.axis.NumberAxis n = (org.jfree.chart.axis.NumberAxis) a;
            double step = n.getTickUnit().getSize();
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertTrue(List.of(1.0, 2.0, 2.5, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
                    "step " + step);
            assertEquals(0, Math.abs(Math.IEEEremainder(n.getLowerBound(), step)), 1e-9, "bound on a tick");
            assertEquals(0, Math.abs(Math.IEEEremainder(n.getUpperBound(), step)), 1e-9, "bound on a tick");
        }
        assertTrue(plot.getRangeAxis().getLowerBound() <= 0.602 && plot.getRangeAxis().getUpperBound() >= 1.011);
        assertEquals(0.1, ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).getTickUnit().getSize(), 1e-12);
        assertEquals(2, GridCharts.decimals(new double[] {0.99, 1.01}), "0.99 and 1.01, not 0.990 and 1.01");
        // curves rise to the upper right and the target lines cross the top: the legend goes to the lower right
        assertEquals(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT, SpectrumPlotTest.legendCorner(chart));
    }

    @Test
    void niceRangesAndEmptyCorners() {
        assertArrayEquals(new double[] {0.6, 1.1, 0.1}, PlotStyle.niceRange(0.602, 1.011, 8), 1e-12);
        assertArrayEquals(new double[] {10, 26, 2}, PlotStyle.niceRange(11.5, 24.5, 10), 1e-12);
        assertArrayEquals(new double[] {0, 2500, 250}, PlotStyle.niceRange(3, 2400, 10), 1e-12);
        List<double[]> diagonal = List.of(new double[] {0.1, 0.1}, new double[] {0.5, 0.5}, new double[] {0.9, 0.9});
        assertEquals(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT, PlotStyle.emptyCorner(diagonal, 0.3, 0.2));
        List<double[]> corners = List.of(new double[] {0.9, 0.9}, new double[] {0.1, 0.9}, new double[] {0.9, 0.1},
                new double[] {0.1, 0.1});
        assertEquals(null, PlotStyle.emptyCorner(corners, 0.3, 0.2));
    }

    @Test
    void badGridsAreRefused() {
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2, 3}, new double[][] {{1}}, 0, 1, null, null));
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2}, new double[][] {{1}}, 1, 1, null, null));
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2}, new double[][] {{1}}, 0, 1, new int[] {1, 0}, null));
    }
}
