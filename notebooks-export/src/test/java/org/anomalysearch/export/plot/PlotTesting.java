package org.anomalysearch.export.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.anomalysearch.core.InvalidInputException;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers of the plot tests. */
final class PlotTesting {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PlotTesting() {
    }

    static void headless() {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless() || System.getProperty("java.awt.headless") != null);
    }

    /** Renders a PNG and checks its size in pixels and that it is more than a blank image. */
    static BufferedImage png(PlotSpec spec, int width, int height) throws IOException {
        byte[] bytes = Plots.render(spec, Plots.Format.PNG, width, height);
        assertTrue(bytes.length > 10_000, "a PNG with content, got " + bytes.length + " bytes");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        return img;
    }

    static String svg(PlotSpec spec) {
        return new String(Plots.render(spec, Plots.Format.SVG, 800, 600), StandardCharsets.UTF_8);
    }

    /** The SVG contains every string as text (JFreeSVG escapes only XML specials). */
    static void svgContains(String svg, String... texts) {
        for (String t : texts) {
            String escaped = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            assertTrue(svg.contains(">" + escaped + "<"), "SVG should contain the text '" + t + "'");
        }
    }

    /** The failure is an InvalidInputException whose message contains every fragment. */
    static InvalidInputException rejects(Executable e, String... fragments) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' should mention '" + f + "'");
        }
        assertTrue(!ex.hint().isEmpty(), "a hint is given");
        return ex;
    }

    static double[] ys(XYDataset d, int series) {
        double[] y = new double[d.getItemCount(series)];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.getYValue(series, i);
        }
        return y;
    }

    static double[] xs(XYDataset d, int series) {
        double[] x = new double[d.getItemCount(series)];
        for (int i = 0; i < x.length; i++) {
            x[i] = d.getXValue(series, i);
        }
        return x;
    }
}
