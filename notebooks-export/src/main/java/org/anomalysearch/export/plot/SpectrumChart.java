package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;

/** Renders a {@link SpectrumPlot}: spectrum on a log axis above, pulls below, sharing m_jj. */
final class SpectrumChart {

    /** Dataset indices of the main (upper) plot. */
    static final int BAND = 0;
    static final int FIT = 1;
    static final int DATA = 2;
    /** Dataset indices of the pull panel: the bars, then the fit uncertainty in units of sqrt(fit). */
    static final int PULLS = 0;
    static final int PULL_BAND = 1;
    static final String PULL_LABEL = "Pull";
    /** Headroom of the log axis above the highest point, as a fraction of the decades shown below it. */
    static final double HEADROOM = 0.08;

    private SpectrumChart() {
    }

    static JFreeChart chart(SpectrumPlot s) {
        double[] e = s.edges();
        double[] n = s.counts();
        double[] fit = s.fit();
        double[] lo = s.dataLow();
        double[] hi = s.dataHigh();
        int bins = n.length;

        XYPlot main = PlotStyle.plot(new XYPlot());
        main.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        YIntervalSeries band = new YIntervalSeries("Fit uncertainty", false, true);
        if (s.hasFitBand()) {
            double[] fl = s.fitLow();
            double[] fh = s.fitHigh();
            for (int i = 0; i < bins; i++) {
                band.add(centre(e, i), fit[i], fl[i], fh[i]);
            }
        }
        PlotStyle.bandDataset(main, BAND, band);

        XYSeries fitSeries = new XYSeries("Background fit", false, true);
        for (int i = 0; i < bins; i++) {
            fitSeries.add(centre(e, i), fit[i]);
        }
        XYLineAndShapeRenderer fitRenderer = new XYLineAndShapeRenderer(true, false);
        fitRenderer.setSeriesPaint(0, PlotStyle.colour(0));
        fitRenderer.setSeriesStroke(0, PlotStyle.line());
        main.setDataset(FIT, new XYSeriesCollection(fitSeries));
        main.setRenderer(FIT, fitRenderer);

        double minPositive = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < bins; i++) {
            minPositive = Math.min(minPositive, fit[i]);
            max = Math.max(max, Math.max(fit[i], hi[i]));
            if (n[i] > 0) {
                minPositive = Math.min(minPositive, n[i]);
            }
        }
        if (s.hasFitBand()) {
            for (double v : s.fitLow()) {
                if (v > 0) {
                    minPositive = Math.min(minPositive, v);
                }
            }
            for (double v : s.fitHigh()) {
                max = Math.max(max, v);
            }
        }
        // the data fill the frame: half a bin's worth below the lowest point, a little headroom above the highest
        // (the legend goes to a corner free of data, or below the chart)
        double yMin = minPositive / 2;
        double yMax = max * Math.pow(max / yMin, HEADROOM);
        // Empty bins have no point on a log axis (they still enter the pulls); error bars reaching 0 are cut
        // at the bottom of the axis.
        XYIntervalSeries dataSeries = new XYIntervalSeries("Data", false, true);
        for (int i = 0; i < bins; i++) {
            if (n[i] > 0) {
                dataSeries.add(centre(e, i), e[i], e[i + 1], n[i], Math.max(yMin, lo[i]), hi[i]);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(dataSeries);
        XYErrorRenderer dataRenderer = new XYErrorRenderer();
        dataRenderer.setDefaultLinesVisible(false);
        dataRenderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        dataRenderer.setSeriesPaint(0, PlotStyle.DATA);
        dataRenderer.setErrorPaint(PlotStyle.DATA);
        dataRenderer.setErrorStroke(new BasicStroke(1.5f));
        dataRenderer.setCapLength(0);
        main.setDataset(DATA, data);
        main.setRenderer(DATA, dataRenderer);

        LogAxis y = PlotStyle.logAxis(s.yLabel());
        PlotStyle.logRange(y, yMin, yMax);
        main.setRangeAxis(y);

        XYPlot pull = PlotStyle.plot(new XYPlot());
        XYIntervalSeries pullSeries = new XYIntervalSeries(PULL_LABEL, false, true);
        double[] p = s.pullValues();
        double maxAbs = 0;
        for (int i = 0; i < bins; i++) {
            pullSeries.add(centre(e, i), e[i], e[i + 1], p[i], Math.min(0, p[i]), Math.max(0, p[i]));
            maxAbs = Math.max(maxAbs, Math.abs(p[i]));
        }
        XYIntervalSeriesCollection pullData = new XYIntervalSeriesCollection();
        pullData.addSeries(pullSeries);
        if (s.hasFitBand()) {
            // the fit's uncertainty in the pull's units (sigma_fit / sqrt(fit)) around 0, a step band per bin:
            // on a log axis a per-cent band is thinner than the line; here it is seen against the pulls
            double[] fl = s.fitLow();
            double[] fh = s.fitHigh();
            YIntervalSeries pb = new YIntervalSeries("Fit uncertainty", false, true);
            for (int i = 0; i < bins; i++) {
                double down = (fl[i] - fit[i]) / Math.sqrt(fit[i]);
                double up = (fh[i] - fit[i]) / Math.sqrt(fit[i]);
                pb.add(e[i], 0, down, up);
                pb.add(e[i + 1], 0, down, up);
                maxAbs = Math.max(maxAbs, Math.max(-down, up));
            }
            PlotStyle.bandDataset(pull, PULL_BAND, pb);
            pull.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        }
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setUseYInterval(true);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, new Color(0x777777));
        pull.setDataset(PULLS, pullData);
        pull.setRenderer(PULLS, bars);
        NumberAxis py = PlotStyle.numberAxis(PULL_LABEL);
        double r = Math.max(3.5, Math.ceil(maxAbs * 1.1 + 0.25));
        py.setRange(-r, r);
        py.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(r > 6 ? 4 : 2));
        pull.setRangeAxis(py);
        pull.addRangeMarker(PlotStyle.referenceLine(0, Color.BLACK, PlotStyle.thin()));

        if (s.masked() != null) {
            main.addDomainMarker(maskedMarker(s.masked()), Layer.BACKGROUND);
            pull.addDomainMarker(maskedMarker(s.masked()), Layer.BACKGROUND);
        }

        NumberAxis x = PlotStyle.numberAxis(s.xLabel());
        x.setRange(e[0], e[bins]);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(6);
        combined.add(main, 3);
        combined.add(pull, 1);
        combined.setBackgroundPaint(Color.WHITE);

        LegendItemCollection items = legend(s);
        main.setFixedLegendItems(items);
        JFreeChart chart = new JFreeChart(s.title().isEmpty() ? null : s.title(), PlotStyle.TITLE_FONT,
                combined, false);
        PlotStyle.chart(chart);
        PlotStyle.sampleLabel(chart, s.label());
        java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < bins; i++) {
            for (double xi : new double[] {e[i], centre(e, i), e[i + 1]}) {
                points.add(PlotStyle.fraction(main, xi, hi[i]));
                points.add(PlotStyle.fraction(main, xi, Math.max(yMin, lo[i])));
                points.add(PlotStyle.fraction(main, xi, fit[i]));
                if (n[i] > 0) {
                    points.add(PlotStyle.fraction(main, xi, n[i]));
                }
            }
        }
        if (s.masked() != null) {
            // the shaded window is data too: keep the legend off it
            for (double f = 0; f <= 1; f += 0.05) {
                points.add(new double[] {PlotStyle.fraction(main, s.masked().low(), 1)[0], f});
                points.add(new double[] {PlotStyle.fraction(main, s.masked().high(), 1)[0], f});
            }
        }
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        PlotStyle.legendAwayFromData(chart, main, points, PlotStyle.legendSize(labels, true, 700, 380), true);
        return chart;
    }

    static IntervalMarker maskedMarker(SpectrumPlot.Window w) {
        IntervalMarker m = new IntervalMarker(w.low(), w.high());
        m.setPaint(PlotStyle.band(PlotStyle.MASKED));
        m.setOutlinePaint(null);
        return m;
    }

    private static LegendItemCollection legend(SpectrumPlot s) {
        LegendItemCollection items = new LegendItemCollection();
        LegendItem data = new LegendItem("Data", "", null, null, new Ellipse2D.Double(-4, -4, 8, 8),
                PlotStyle.DATA);
        items.add(data);
        items.add(new LegendItem("Background fit", "", null, null, new Line2D.Double(-9, 0, 9, 0),
                PlotStyle.line(), PlotStyle.colour(0)));
        Rectangle2D box = new Rectangle2D.Double(-8, -6, 16, 12);
        if (s.hasFitBand()) {
            items.add(new LegendItem("Fit uncertainty", "", null, null, box, PlotStyle.band(PlotStyle.colour(0))));
        }
        if (s.masked() != null) {
            items.add(new LegendItem("Signal region (masked)", "", null, null, box,
                    PlotStyle.band(PlotStyle.MASKED)));
        }
        return items;
    }

    static double centre(double[] edges, int i) {
        return 0.5 * (edges[i] + edges[i + 1]);
    }
}
