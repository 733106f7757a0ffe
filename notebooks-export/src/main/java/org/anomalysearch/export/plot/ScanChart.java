package org.anomalysearch.export.plot;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Renders a {@link SignificanceScanPlot}. */
final class ScanChart {

    /** The shade of planned windows that were not computed. */
    static final Color NOT_COMPUTED = new Color(0xDDDDDD);

    /** Dataset index of the curves; bands are at 1. */
    static final int CURVES = 0;
    static final int BANDS = 1;

    private ScanChart() {
    }

    static JFreeChart chart(SignificanceScanPlot s) {
        XYPlot plot = PlotStyle.plot(new XYPlot());
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        XYSeriesCollection curves = new XYSeriesCollection();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        lines.setDrawSeriesLineAsPath(true);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        double zMin = 0;
        double zMax = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        List<Curve> scans = s.scans();
        for (int c = 0; c < scans.size(); c++) {
            Curve curve = scans.get(c);
            double[] x = curve.x();
            double[] z = curve.y();
            XYSeries series = new XYSeries(curve.label(), false, true);
            for (int i = 0; i < x.length; i++) {
                series.add(x[i], z[i]);
                zMin = Math.min(zMin, z[i]);
                zMax = Math.max(zMax, z[i]);
                xMin = Math.min(xMin, x[i]);
                xMax = Math.max(xMax, x[i]);
            }
            curves.addSeries(series);
            lines.setSeriesPaint(c, PlotStyle.colour(c));
            lines.setSeriesStroke(c, PlotStyle.line());
            lines.setSeriesShape(c, new Ellipse2D.Double(-3, -3, 6, 6));
            if (curve.hasBand()) {
                double[] lo = curve.low();
                double[] hi = curve.high();
                YIntervalSeries band = new YIntervalSeries(curve.label() + " band", false, true);
                for (int i = 0; i < x.length; i++) {
                    band.add(x[i], z[i], lo[i], hi[i]);
                    zMin = Math.min(zMin, lo[i]);
                    zMax = Math.max(zMax, hi[i]);
                }
                int b = bands.getSeriesCount();
                bands.addSeries(band);
                bandRenderer.setSeriesFillPaint(b, PlotStyle.band(PlotStyle.colour(c)));
                bandRenderer.setSeriesPaint(b, PlotStyle.band(PlotStyle.colour(c)));
                bandRenderer.setSeriesVisibleInLegend(b, false);
            }
        }
        bandRenderer.setAlpha(1f);
        plot.setDataset(CURVES, curves);
        plot.setRenderer(CURVES, lines);
        if (bands.getSeriesCount() > 0) {
            plot.setDataset(BANDS, bands);
            plot.setRenderer(BANDS, bandRenderer);
        }
        for (double ref : s.referenceLines()) {
            ValueMarker m = PlotStyle.referenceLine(ref, new Color(0x555555), PlotStyle.dashed());
            PlotStyle.markerLabel(m, fmt(ref) + "σ", new Color(0x555555));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            m.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
            plot.addRangeMarker(m);
            zMax = Math.max(zMax, ref);
            zMin = Math.min(zMin, ref);
        }
        boolean first = true;
        for (double[] r : s.notComputed()) {
            org.jfree.chart.plot.IntervalMarker m = new org.jfree.chart.plot.IntervalMarker(r[0], r[1],
                    NOT_COMPUTED);
            if (first) { // one label for all of them
                PlotStyle.markerLabel(m, "not computed", new Color(0x555555));
                m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                m.setLabelOffset(new RectangleInsets(2, 4, 4, 2));
                first = false;
            }
            plot.addDomainMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
            xMin = Math.min(xMin, r[0]);
            xMax = Math.max(xMax, r[1]);
        }
        NumberAxis y = PlotStyle.numberAxis("Local significance Z [σ]");
        double span = Math.max(zMax - zMin, 1);
        y.setRange(zMin - (zMin < 0 ? 0.05 * span : 0), zMax + 0.3 * span);
        plot.setRangeAxis(y);
        NumberAxis x = PlotStyle.numberAxis(s.xLabel());
        if (xMax > xMin) {
            double pad = 0.03 * (xMax - xMin);
            x.setRange(xMin - pad, xMax + pad);
        }
        plot.setDomainAxis(x);
        plot.addRangeMarker(PlotStyle.referenceLine(0, Color.BLACK, PlotStyle.thin()));
        JFreeChart chart = new JFreeChart(s.title().isEmpty() ? null : s.title(), PlotStyle.TITLE_FONT, plot,
                false);
        PlotStyle.chart(chart);
        if (s.globalZ().isPresent()) {
            // above the plot area, left-aligned: outside the curves
            TextTitle t = new TextTitle(globalText(s.globalZ().getAsDouble(), s.globalZIsLowerBound()),
                    PlotStyle.ANNOTATION_FONT);
            t.setPosition(org.jfree.chart.ui.RectangleEdge.TOP);
            t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            t.setPadding(new RectangleInsets(0, 4, 2, 4));
            chart.addSubtitle(t);
        }
        PlotStyle.legendAwayFromData(chart, plot, true, 700, 480);
        return chart;
    }

    static String globalText(double z, boolean lowerBound) {
        return "Global Z " + (lowerBound ? "≥ " : "= ") + String.format(java.util.Locale.ROOT, "%.2f", z)
                + "σ (look-elsewhere" + (lowerBound ? "; no toy reached the data)" : ")");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
