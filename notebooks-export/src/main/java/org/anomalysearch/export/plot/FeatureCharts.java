package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;

/** Renders a {@link FeaturePlot}: a grid of (histograms above, ratio below) panels. */
final class FeatureCharts {

    static final String RATIO_LABEL = "Data / Bkg";
    /** Dataset indices of the ratio plot. */
    static final int RATIO = 0;
    static final int RATIO_BAND = 1;
    static final int HEADER = 44;

    private FeatureCharts() {
    }

    /** The step-line series of a histogram: a point at each lower edge, the last value repeated at the end. */
    static XYSeries steps(String label, double[] edges, double[] values) {
        XYSeries s = new XYSeries(label, false, true);
        for (int i = 0; i < values.length; i++) {
            s.add(edges[i], values[i]);
        }
        s.add(edges[values.length], values[values.length - 1]);
        return s;
    }

    /** The chart of panel {@code index}. */
    static JFreeChart chart(FeaturePlot f, int index) {
        FeaturePanel p = f.panels().get(index);
        double[] e = p.edges();
        double[] d = p.data();
        double[] b = p.background();
        int n = d.length;

        XYPlot hist = PlotStyle.plot(new XYPlot());
        XYSeriesCollection h = new XYSeriesCollection();
        h.addSeries(steps(f.backgroundLabel(), e, b));
        h.addSeries(steps(f.dataLabel(), e, d));
        XYStepRenderer steps = new XYStepRenderer();
        steps.setSeriesPaint(0, PlotStyle.colour(0));
        steps.setSeriesStroke(0, PlotStyle.line());
        steps.setSeriesPaint(1, PlotStyle.DATA);
        steps.setSeriesStroke(1, new BasicStroke(1.8f));
        hist.setDataset(h);
        hist.setRenderer(steps);
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.max(d[i], b[i]));
        }
        NumberAxis y = PlotStyle.numberAxis("Events");
        y.setRange(0, max > 0 ? max * 1.45 : 1);
        hist.setRangeAxis(y);

        XYPlot ratio = PlotStyle.plot(new XYPlot());
        ratio.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        double[] r = p.ratio();
        double[] re = p.ratioError();
        XYIntervalSeries rs = new XYIntervalSeries(RATIO_LABEL, false, true);
        double lo = 1;
        double hi = 1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(r[i]) && d[i] > 0) {
                rs.add(SpectrumChart.centre(e, i), e[i], e[i + 1], r[i], r[i] - re[i], r[i] + re[i]);
                lo = Math.min(lo, r[i] - re[i]);
                hi = Math.max(hi, r[i] + re[i]);
            }
        }
        XYIntervalSeriesCollection rd = new XYIntervalSeriesCollection();
        rd.addSeries(rs);
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDefaultLinesVisible(false);
        er.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        er.setSeriesPaint(0, PlotStyle.DATA);
        er.setErrorPaint(PlotStyle.DATA);
        er.setCapLength(0);
        ratio.setDataset(RATIO, rd);
        ratio.setRenderer(RATIO, er);
        double[] be = p.backgroundError();
        if (be != null) {
            YIntervalSeries band = new YIntervalSeries("Bkg. stat. unc.", false, true);
            for (int i = 0; i < n; i++) {
                if (b[i] > 0) {
                    double rel = be[i] / b[i];
                    band.add(e[i], 1, 1 - rel, 1 + rel);
                    band.add(e[i + 1], 1, 1 - rel, 1 + rel);
                }
            }
            PlotStyle.bandDataset(ratio, RATIO_BAND, band);
        }
        ratio.addRangeMarker(PlotStyle.referenceLine(1, Color.BLACK, PlotStyle.thin()));
        NumberAxis ry = PlotStyle.numberAxis(RATIO_LABEL);
        ry.setLabelFont(PlotStyle.TICK_FONT);
        double dev = Math.min(2, Math.max(0.25, 1.1 * Math.max(1 - lo, hi - 1)));
        ry.setRange(Math.max(0, 1 - dev), 1 + dev);
        ratio.setRangeAxis(ry);

        NumberAxis x = PlotStyle.numberAxis(p.xLabel());
        x.setRange(e[0], e[n]);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(4);
        combined.add(hist, 3);
        combined.add(ratio, 1);
        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE_FONT, combined, false);
        PlotStyle.chart(chart);
        // a grid cell of the default size; the histogram takes 3/4 of its height
        double cellWidth = 480 - 90;
        double cellHeight = 440 * 0.75 - 40;
        PlotStyle.legendAwayFromData(chart, hist, false, cellWidth, cellHeight);
        return chart;
    }

    /** The whole grid, title on top. */
    static Figure grid(FeaturePlot f, boolean plainText) {
        return (Graphics2D g, Rectangle2D area) -> {
            List<FeaturePanel> panels = f.panels();
            int header = f.title().isEmpty() ? 0 : HEADER;
            if (header > 0) {
                Font font = PlotStyle.TITLE_FONT;
                g.setFont(font);
                g.setPaint(Color.BLACK);
                FontMetrics fm = g.getFontMetrics();
                float tx = (float) (area.getX() + (area.getWidth() - fm.stringWidth(f.title())) / 2);
                float ty = (float) (area.getY() + (header + fm.getAscent() - fm.getDescent()) / 2.0);
                g.drawString(f.title(), tx, ty);
            }
            int columns = Math.min(f.columns(), panels.size());
            int rows = f.rows();
            double pw = area.getWidth() / columns;
            double ph = (area.getHeight() - header) / rows;
            for (int i = 0; i < panels.size(); i++) {
                int row = i / columns;
                int col = i % columns;
                JFreeChart chart = chart(f, i);
                if (plainText) {
                    Plots.plainLabels(chart);
                }
                chart.draw(g, new Rectangle2D.Double(area.getX() + col * pw,
                        area.getY() + header + row * ph, pw, ph));
            }
        };
    }
}
