package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A grid of panels, each overlaying several distributions as step lines, written as PNG or SVG. Used for
 * "data vs model" and "generator vs reference" comparisons. Files are written to a temporary file and
 * renamed, so a failed write leaves nothing behind.
 */
public final class OverlayGrid {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)
    };

    /** One panel: its title, x-axis label and the overlaid distributions. */
    public record Panel(String title, String xLabel, List<Overlay> overlays) {
    }

    private final String title;
    private final List<Panel> panels;
    private final int columns;

    public OverlayGrid(String title, List<Panel> panels, int columns) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one panel and one column");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = columns;
    }

    static JFreeChart chart(Panel panel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Overlay o : panel.overlays()) {
            XYSeries s = new XYSeries(o.label(), false, true);
            for (int i = 0; i < o.values().length; i++) {
                s.add(o.edges()[i], o.values()[i]);
            }
            s.add(o.edges()[o.values().length], o.values()[o.values().length - 1]);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(panel.title(), panel.xLabel(), "density", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        XYStepRenderer r = new XYStepRenderer();
        for (int i = 0; i < panel.overlays().size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        return chart;
    }

    private void draw(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int header = 40;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 12, 26);
        int rows = (panels.size() + columns - 1) / columns;
        double pw = (double) width / columns;
        double ph = (double) (height - header) / rows;
        for (int i = 0; i < panels.size(); i++) {
            int row = i / columns;
            int col = i % columns;
            chart(panels.get(i)).draw(g, new Rectangle2D.Double(col * pw, header + row * ph, pw, ph));
        }
    }

    /** Writes a PNG of the given pixel size. */
    public void writePng(Path file, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        draw(g, width, height);
        g.dispose();
        writeAtomically(file, out -> ImageIO.write(img, "png", out));
    }

    /** Writes an SVG of the given size. */
    public void writeSvg(Path file, int width, int height) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        draw(g, width, height);
        byte[] svg = g.getSVGDocument().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeAtomically(file, out -> out.write(svg));
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Writer w) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                w.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
