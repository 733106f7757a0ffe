package org.anomalysearch.export.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A grid of panels, each overlaying several distributions as step lines, written as PNG, SVG or PDF. Used for
 * "data vs model" and "generator vs reference" comparisons, in the common {@link PlotStyle}. Files are
 * written to a temporary file and renamed, so a failed write leaves nothing behind.
 */
public final class OverlayGrid {

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
            data.addSeries(FeatureCharts.steps(o.label(), o.edges(), o.values()));
        }
        XYPlot plot = PlotStyle.plot(new XYPlot());
        plot.setDataset(data);
        XYStepRenderer r = new XYStepRenderer();
        for (int i = 0; i < panel.overlays().size(); i++) {
            r.setSeriesPaint(i, PlotStyle.colour(i));
            r.setSeriesStroke(i, PlotStyle.line());
        }
        plot.setRenderer(r);
        NumberAxis y = PlotStyle.numberAxis("Density");
        y.setAutoRangeIncludesZero(true);
        // room above the peaks, so that an upper corner is usually free for the legend
        y.setUpperMargin(0.25);
        plot.setRangeAxis(y);
        plot.setDomainAxis(PlotStyle.numberAxis(panel.xLabel()));
        JFreeChart chart = new JFreeChart(panel.title(), PlotStyle.TITLE_FONT, plot, false);
        PlotStyle.chart(chart);
        chart.getTitle().setFont(PlotStyle.LABEL_FONT);
        // a cell of the grids the runs draw (1200 x 720 in three columns, 900 x 520 alone)
        PlotStyle.legendAwayFromData(chart, plot, true, 330, 260);
        return chart;
    }

    private void draw(Graphics2D g, Rectangle2D area) {
        int header = 40;
        g.setColor(Color.BLACK);
        g.setFont(PlotStyle.TITLE_FONT);
        g.drawString(title, (float) area.getX() + 12, (float) area.getY() + 28);
        int rows = (panels.size() + columns - 1) / columns;
        double pw = area.getWidth() / columns;
        double ph = (area.getHeight() - header) / rows;
        for (int i = 0; i < panels.size(); i++) {
            int row = i / columns;
            int col = i % columns;
            chart(panels.get(i)).draw(g, new Rectangle2D.Double(area.getX() + col * pw,
                    area.getY() + header + row * ph, pw, ph));
        }
    }

    /** Writes a PNG of the given pixel size. */
    public void writePng(Path file, int width, int height) throws IOException {
        Plots.writeAtomically(file, Plots.renderFigure(this::draw, Plots.Format.PNG, width, height));
    }

    /** Writes an SVG of the given size. */
    public void writeSvg(Path file, int width, int height) throws IOException {
        Plots.writeAtomically(file, Plots.renderFigure(this::draw, Plots.Format.SVG, width, height));
    }

    /** Writes a PDF of the given size (points). */
    public void writePdf(Path file, int width, int height) throws IOException {
        Plots.writeAtomically(file, Plots.renderFigure(this::draw, Plots.Format.PDF, width, height));
    }
}
