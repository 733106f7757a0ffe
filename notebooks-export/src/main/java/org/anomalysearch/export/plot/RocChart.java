package org.anomalysearch.export.plot;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Renders a {@link RocPlot}: rejection on a log axis, or SIC, against signal efficiency; or SIC against rejection. */
final class RocChart {

    static final int CURVES = 0;
    static final int BANDS = 1;
    static final String RANDOM = "Random classifier";
    static final String X_LABEL = "Signal efficiency ε_S";
    static final String REJECTION_LABEL = "Background rejection 1/ε_B";
    static final String SIC_LABEL = "SIC = ε_S/√ε_B";
    static final String ACCEPTANCE_LABEL = "Background acceptance ε_B";

    private RocChart() {
    }

    /** y of one point in the chosen view; infinite/NaN when eps_B = 0. */
    static double y(RocPlot.Kind kind, double effS, double effB) {
        if (kind == RocPlot.Kind.TRIGGER) {
            return effS;
        }
        return kind == RocPlot.Kind.REJECTION ? 1 / effB : effS / Math.sqrt(effB);
    }

    /** x of one point in the chosen view: eps_S, or 1/eps_B for {@link RocPlot.Kind#SIC_VS_REJECTION}. */
    static double x(RocPlot.Kind kind, double effS, double effB) {
        if (kind == RocPlot.Kind.TRIGGER) {
            return effB;
        }
        return kind == RocPlot.Kind.SIC_VS_REJECTION ? 1 / effB : effS;
    }

    static JFreeChart chart(RocPlot r) {
        RocPlot.Kind kind = r.kind();
        XYPlot plot = PlotStyle.plot(new XYPlot());
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        XYSeriesCollection curves = new XYSeriesCollection();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDrawSeriesLineAsPath(true);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = 0;
        double xMax = 1;
        double xMin = 1;
        List<RocCurve> list = r.curves();
        for (int c = 0; c < list.size(); c++) {
            RocCurve curve = list.get(c);
            double[] es = curve.signalEff();
            double[] eb = curve.backgroundEff();
            XYSeries series = new XYSeries(curve.label(), true, true);
            for (int i = 0; i < es.length; i++) {
                double y = y(kind, es[i], eb[i]);
                double x = x(kind, es[i], eb[i]);
                if (drawable(kind, es[i], y) && Double.isFinite(x) && (kind != RocPlot.Kind.TRIGGER || x > 0)) {
                    series.add(x, y);
                    xMin = Math.min(xMin, x);
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                    xMax = Math.max(xMax, x);
                }
            }
            curves.addSeries(series);
            lines.setSeriesPaint(c, PlotStyle.colour(c));
            lines.setSeriesStroke(c, PlotStyle.line());
            if (curve.hasBand() && kind != RocPlot.Kind.SIC_VS_REJECTION && kind != RocPlot.Kind.TRIGGER) {
                double[] lo = curve.backgroundEffLow();
                double[] hi = curve.backgroundEffHigh();
                YIntervalSeries band = new YIntervalSeries(curve.label() + " band", true, true);
                for (int i = 0; i < es.length; i++) {
                    double y = y(kind, es[i], eb[i]);
                    double yLo = y(kind, es[i], hi[i]);
                    double yHi = y(kind, es[i], lo[i]);
                    if (drawable(kind, es[i], y) && drawable(kind, es[i], yLo) && drawable(kind, es[i], yHi)) {
                        band.add(es[i], y, yLo, yHi);
                        yMin = Math.min(yMin, yLo);
                        yMax = Math.max(yMax, yHi);
                    }
                }
                int b = bands.getSeriesCount();
                bands.addSeries(band);
                bandRenderer.setSeriesFillPaint(b, PlotStyle.band(PlotStyle.colour(c)));
                bandRenderer.setSeriesPaint(b, PlotStyle.band(PlotStyle.colour(c)));
                bandRenderer.setSeriesVisibleInLegend(b, false);
            }
        }
        if (r.showRandom()) {
            XYSeries random = new XYSeries(RANDOM, true, true);
            if (kind == RocPlot.Kind.TRIGGER) {
                // eps_S = eps_B, log-spaced from the smallest acceptance drawn to 1
                for (int i = 0; i <= 100; i++) {
                    double a = Math.pow(xMin, 1 - i / 100.0);
                    random.add(a, a);
                }
            } else if (kind == RocPlot.Kind.SIC_VS_REJECTION) {
                // eps_S = eps_B: SIC = sqrt(eps_B) = 1 / sqrt(1/eps_B), log-spaced over the x range
                for (int i = 0; i <= 100; i++) {
                    double rej = Math.pow(xMax, i / 100.0);
                    random.add(rej, y(kind, 1 / rej, 1 / rej));
                }
            } else {
                for (int i = 1; i <= 100; i++) {
                    double es = i / 100.0;
                    random.add(es, y(kind, es, es));
                }
            }
            int c = curves.getSeriesCount();
            curves.addSeries(random);
            lines.setSeriesPaint(c, new Color(0x777777));
            lines.setSeriesStroke(c, PlotStyle.dashed());
            yMin = Math.min(yMin, kind == RocPlot.Kind.REJECTION ? 1 : 0);
            yMax = Math.max(yMax, 1);
        }
        plot.setDataset(CURVES, curves);
        plot.setRenderer(CURVES, lines);
        if (bands.getSeriesCount() > 0) {
            plot.setDataset(BANDS, bands);
            plot.setRenderer(BANDS, bandRenderer);
        }
        if (!(yMax > 0)) {
            yMin = 1;
            yMax = 10;
        }
        if (kind == RocPlot.Kind.TRIGGER) {
            LogAxis x = PlotStyle.logAxis(ACCEPTANCE_LABEL);
            PlotStyle.logRange(x, Math.min(0.1, xMin * 0.7), 1.2);
            plot.setDomainAxis(x);
        } else if (kind == RocPlot.Kind.SIC_VS_REJECTION) {
            LogAxis x = PlotStyle.logAxis(REJECTION_LABEL);
            PlotStyle.logRange(x, 1, Math.max(10, xMax * 1.5));
            plot.setDomainAxis(x);
        } else {
            NumberAxis x = PlotStyle.numberAxis(X_LABEL);
            x.setRange(0, 1);
            plot.setDomainAxis(x);
        }
        ValueAxis y;
        if (kind == RocPlot.Kind.REJECTION) {
            LogAxis log = PlotStyle.logAxis(REJECTION_LABEL);
            PlotStyle.logRange(log, Math.max(0.8, yMin * 0.8), yMax * 10);
            y = log;
        } else if (kind == RocPlot.Kind.TRIGGER) {
            NumberAxis lin = PlotStyle.numberAxis(X_LABEL);
            lin.setRange(0, 1.05);
            y = lin;
        } else {
            NumberAxis lin = PlotStyle.numberAxis(SIC_LABEL);
            lin.setRange(0, yMax * 1.25);
            y = lin;
        }
        plot.setRangeAxis(y);
        JFreeChart chart = new JFreeChart(r.title().isEmpty() ? null : r.title(), PlotStyle.TITLE_FONT, plot,
                false);
        PlotStyle.chart(chart);
        PlotStyle.legendAwayFromData(chart, plot, true, 700, 480);
        return chart;
    }

    /** Points with eps_B = 0 (infinite y) are left out, and eps_S = 0 on a log rejection axis. */
    private static boolean drawable(RocPlot.Kind kind, double effS, double y) {
        return Double.isFinite(y) && (kind == RocPlot.Kind.SIC || kind == RocPlot.Kind.TRIGGER || (y > 0 && effS > 0));
    }
}
