package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Renders a {@link LossPlot}. */
final class LossChart {

    static final int CURVES = 0;
    static final int BEST = 1;

    private LossChart() {
    }

    static String trainLabel(LossCurve r) {
        return r.label() + " (train)";
    }

    static String validationLabel(LossCurve r) {
        return r.label() + " (validation)";
    }

    static JFreeChart chart(LossPlot p) {
        XYPlot plot = PlotStyle.plot(new XYPlot());
        XYSeriesCollection curves = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDrawSeriesLineAsPath(true);
        XYSeriesCollection best = new XYSeriesCollection();
        XYLineAndShapeRenderer bestRenderer = new XYLineAndShapeRenderer(false, true);
        List<LossCurve> runs = p.runs();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int maxEpochs = 1;
        for (int c = 0; c < runs.size(); c++) {
            LossCurve run = runs.get(c);
            maxEpochs = Math.max(maxEpochs, run.epochs());
            double[] train = run.train();
            double[] val = run.validation();
            XYSeries t = new XYSeries(trainLabel(run), false, true);
            for (int i = 0; i < train.length; i++) {
                t.add(i + 1, train[i]);
                yMin = Math.min(yMin, train[i]);
                yMax = Math.max(yMax, train[i]);
            }
            int k = curves.getSeriesCount();
            curves.addSeries(t);
            lines.setSeriesPaint(k, PlotStyle.colour(c));
            lines.setSeriesStroke(k, PlotStyle.line());
            if (val != null) {
                XYSeries v = new XYSeries(validationLabel(run), false, true);
                for (int i = 0; i < val.length; i++) {
                    v.add(i + 1, val[i]);
                    yMin = Math.min(yMin, val[i]);
                    yMax = Math.max(yMax, val[i]);
                }
                curves.addSeries(v);
                lines.setSeriesPaint(k + 1, PlotStyle.colour(c));
                lines.setSeriesStroke(k + 1, PlotStyle.dashed());
            }
            int b = run.bestEpoch();
            double[] ref = val != null ? val : train;
            XYSeries bs = new XYSeries(run.label() + " best epoch", false, true);
            bs.add(b, ref[b - 1]);
            best.addSeries(bs);
            bestRenderer.setSeriesPaint(c, PlotStyle.colour(c));
            bestRenderer.setSeriesShape(c, new Ellipse2D.Double(-6, -6, 12, 12));
            bestRenderer.setSeriesVisibleInLegend(c, false);
            ValueMarker m = new ValueMarker(b);
            m.setPaint(PlotStyle.colour(c));
            m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {2f, 4f}, 0f));
            PlotStyle.markerLabel(m, "best " + b, PlotStyle.colour(c));
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            m.setLabelOffset(new RectangleInsets(2, 2, 4 + 18 * c, 2));
            plot.addDomainMarker(m);
        }
        plot.setDataset(BEST, best);
        plot.setRenderer(BEST, bestRenderer);
        plot.setDataset(CURVES, curves);
        plot.setRenderer(CURVES, lines);
        NumberAxis x = PlotStyle.numberAxis("Epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(maxEpochs > 1 ? 0.5 : 0.5, maxEpochs + 0.5);
        plot.setDomainAxis(x);
        ValueAxis y;
        if (p.logY()) {
            LogAxis log = PlotStyle.logAxis(p.yLabel());
            PlotStyle.logRange(log, yMin / 1.5, yMax * 4);
            y = log;
        } else {
            NumberAxis lin = PlotStyle.numberAxis(p.yLabel());
            lin.setStandardTickUnits(new NumberTickUnitSource());
            double span = yMax > yMin ? yMax - yMin : Math.max(1e-3, Math.abs(yMax));
            lin.setRange(yMin - 0.05 * span, yMax + 0.35 * span);
            y = lin;
        }
        plot.setRangeAxis(y);
        JFreeChart chart = new JFreeChart(p.title().isEmpty() ? null : p.title(), PlotStyle.TITLE_FONT, plot,
                false);
        PlotStyle.chart(chart);
        PlotStyle.legendAwayFromData(chart, plot, true, 700, 480);
        return chart;
    }
}
