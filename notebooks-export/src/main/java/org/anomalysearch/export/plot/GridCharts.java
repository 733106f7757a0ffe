package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Renders {@link HeatMapPlot} and {@link LinePlot} in the project's style. */
final class GridCharts {

    /** Viridis anchors (dark blue to yellow): perceptually uniform and colour-blind safe. */
    private static final Color[] VIRIDIS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private GridCharts() {
    }

    static Color viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int a = (int) Math.min(VIRIDIS.length - 2, Math.floor(u));
        double f = u - a;
        Color c0 = VIRIDIS[a];
        Color c1 = VIRIDIS[a + 1];
        return new Color((int) Math.round(c0.getRed() + f * (c1.getRed() - c0.getRed())),
                (int) Math.round(c0.getGreen() + f * (c1.getGreen() - c0.getGreen())),
                (int) Math.round(c0.getBlue() + f * (c1.getBlue() - c0.getBlue())));
    }

    static JFreeChart heatMap(HeatMapPlot h) {
        int[] xs = h.xs();
        int[] ys = h.ys();
        double[][] z = h.z();
        int n = 0;
        for (double[] col : z) {
            for (double v : col) {
                n += Double.isNaN(v) ? 0 : 1;
            }
        }
        double[][] data = new double[3][n];
        int k = 0;
        XYPlot plot = PlotStyle.plot(new XYPlot());
        for (int a = 0; a < xs.length; a++) {
            for (int b = 0; b < ys.length; b++) {
                double v = z[a][b];
                if (Double.isNaN(v)) {
                    continue;
                }
                data[0][k] = xs[a];
                data[1][k] = ys[b];
                data[2][k] = v;
                k++;
                double t = (v - h.zLow()) / (h.zHigh() - h.zLow());
                XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.3f", v), xs[a], ys[b]);
                label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                label.setPaint(t > 0.6 ? Color.BLACK : Color.WHITE);
                plot.addAnnotation(label);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(h.zLabel(), data);
        LookupPaintScale scale = new LookupPaintScale(h.zLow(), h.zHigh(), Color.LIGHT_GRAY);
        for (int s = 0; s <= 100; s++) {
            scale.add(h.zLow() + (h.zHigh() - h.zLow()) * s / 100.0, viridis(s / 100.0));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(stepOf(xs));
        renderer.setBlockHeight(stepOf(ys));
        renderer.setPaintScale(scale);
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        NumberAxis x = integerAxis(h.xLabel(), xs);
        NumberAxis y = integerAxis(h.yLabel(), ys);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        int[] c = h.chosen();
        if (c != null) {
            double w = stepOf(xs);
            double hh = stepOf(ys);
            plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(xs[c[0]] - w / 2, ys[c[1]] - hh / 2, w, hh),
                    new BasicStroke(3f), new Color(0xD55E00)));
        }
        JFreeChart chart = new JFreeChart(h.title().isEmpty() ? null : h.title(), PlotStyle.TITLE_FONT, plot, false);
        PlotStyle.chart(chart);
        NumberAxis zAxis = PlotStyle.numberAxis(h.zLabel());
        zAxis.setRange(h.zLow(), h.zHigh());
        PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(18);
        chart.addSubtitle(legend);
        notes(chart, h.notes());
        return chart;
    }

    static JFreeChart lines(LinePlot l) {
        XYPlot plot = PlotStyle.plot(new XYPlot());
        XYSeriesCollection curves = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<Curve> cs = l.curves();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cs.size(); i++) {
            Curve c = cs.get(i);
            XYSeries s = new XYSeries(c.label(), false, true);
            for (int j = 0; j < c.x().length; j++) {
                s.add(c.x()[j], c.y()[j]);
                yMin = Math.min(yMin, c.y()[j]);
                yMax = Math.max(yMax, c.y()[j]);
            }
            curves.addSeries(s);
            renderer.setSeriesPaint(i, PlotStyle.colour(i));
            renderer.setSeriesStroke(i, PlotStyle.line());
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setDataset(curves);
        plot.setRenderer(renderer);
        double[] refs = l.referenceLines();
        int decimals = decimals(refs);
        double lowest = java.util.Arrays.stream(refs).min().orElse(0);
        for (double ref : refs) {
            ValueMarker m = PlotStyle.referenceLine(ref, new Color(0x555555), PlotStyle.dashed());
            PlotStyle.markerLabel(m, String.format(Locale.ROOT, "%." + decimals + "f", ref), new Color(0x555555));
            // labels at the right end; the lowest line's below it, the others above, so close lines keep apart
            boolean below = refs.length > 1 && ref == lowest;
            m.setLabelAnchor(below ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(below ? org.jfree.chart.ui.TextAnchor.TOP_RIGHT
                    : org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            m.setLabelOffset(new RectangleInsets(2, 2, 2, 6));
            plot.addRangeMarker(m);
            yMin = Math.min(yMin, ref);
            yMax = Math.max(yMax, ref);
        }
        NumberAxis x = PlotStyle.numberAxis(l.xLabel());
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Curve c : cs) {
            for (double v : c.x()) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
        }
        double xPad = 0.04 * Math.max(xMax - xMin, 1);
        // round ticks, the range ending at the ticks just outside the data (kept 4 % from the frame)
        PlotStyle.niceAxis(x, xMin - xPad, xMax + xPad, 10);
        plot.setDomainAxis(x);
        NumberAxis y = PlotStyle.numberAxis(l.yLabel());
        double span = Math.max(yMax - yMin, 1e-3);
        PlotStyle.niceAxis(y, yMin - 0.04 * span, yMax + 0.04 * span, 8);
        plot.setRangeAxis(y);
        JFreeChart chart = new JFreeChart(l.title().isEmpty() ? null : l.title(), PlotStyle.TITLE_FONT, plot, false);
        PlotStyle.chart(chart);
        notes(chart, l.notes());
        PlotStyle.legendAwayFromData(chart, plot, true, 700, 420);
        return chart;
    }

    /** The fewest decimals (0 to 4) that print every value distinctly and exactly to 3 significant digits. */
    static int decimals(double[] values) {
        for (int d = 0; d < 4; d++) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean ok = true;
            for (double v : values) {
                String t = String.format(Locale.ROOT, "%." + d + "f", v);
                ok &= seen.add(t) && Math.abs(Double.parseDouble(t) - v) <= 5e-4 * Math.max(Math.abs(v), 1e-12);
            }
            if (ok) {
                return d;
            }
        }
        return 4;
    }

    private static void notes(JFreeChart chart, List<String> notes) {
        for (String note : notes) {
            TextTitle t = new TextTitle(note, PlotStyle.LEGEND_FONT);
            t.setPosition(RectangleEdge.BOTTOM);
            chart.addSubtitle(t);
        }
    }

    private static double stepOf(int[] v) {
        int step = Integer.MAX_VALUE;
        for (int i = 1; i < v.length; i++) {
            step = Math.min(step, Math.abs(v[i] - v[i - 1]));
        }
        return v.length < 2 || step == 0 ? 1 : step;
    }

    private static NumberAxis integerAxis(String label, int[] v) {
        NumberAxis a = PlotStyle.numberAxis(label);
        double step = stepOf(v);
        int lo = java.util.Arrays.stream(v).min().getAsInt();
        int hi = java.util.Arrays.stream(v).max().getAsInt();
        a.setRange(lo - step / 2, hi + step / 2);
        a.setTickUnit(new NumberTickUnit(step));
        return a;
    }
}
