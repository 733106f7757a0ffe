package org.anomalysearch.export.plot;

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
    void badGridsAreRefused() {
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2, 3}, new double[][] {{1}}, 0, 1, null, null));
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2}, new double[][] {{1}}, 1, 1, null, null));
        assertThrows(InvalidInputException.class, () -> new HeatMapPlot("t", "W", "I", "z", new int[] {6},
                new int[] {2}, new double[][] {{1}}, 0, 1, new int[] {1, 0}, null));
    }
}
