package org.anomalysearch.export.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.font.TextAttribute;
import java.text.AttributedString;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look shared by every anomaly-search plot: white background, light grid, large sans-serif fonts, and
 * the Okabe-Ito palette, which stays distinguishable for the common forms of colour blindness (blue and
 * vermillion first, then bluish green, reddish purple, orange, sky blue). Sizes are chosen for a figure about
 * 800 x 600 pixels, the default of {@link Plots}.
 *
 * <p>Axis labels may use {@code _} for a subscript of the following letters up to a space or bracket, as in
 * {@code "m_jj [GeV]"} or {@code "ε_S"}: on screen the letters are drawn lowered and smaller.
 */
public final class PlotStyle {

    /** Okabe-Ito colours in the order series take them (yellow is left out: too pale on white). */
    public static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
    };

    /** Data points and reference lines. */
    public static final Color DATA = Color.BLACK;
    /** Grid lines. */
    public static final Color GRID = new Color(0xDDDDDD);
    /** The shaded masked (signal-region) window. */
    public static final Color MASKED = new Color(0xE69F00);
    /** Opacity of uncertainty bands. */
    public static final float BAND_ALPHA = 0.3f;

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    public static final Font ANNOTATION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    /** Line width of curves. */
    public static final float LINE_WIDTH = 2.2f;

    private PlotStyle() {
    }

    /** The colour of series number {@code i}. */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** {@code c} made translucent for a band. */
    public static Color band(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(BAND_ALPHA * 255));
    }

    static Stroke line() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static Stroke dashed() {
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {8f, 5f}, 0f);
    }

    static Stroke thin() {
        return new BasicStroke(1.2f);
    }

    /** Applies the chart-level style: white background, title font, no border. */
    static JFreeChart chart(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        TextTitle t = chart.getTitle();
        if (t != null) {
            t.setFont(TITLE_FONT);
            t.setPaint(Color.BLACK);
            t.setPadding(new RectangleInsets(4, 4, 8, 4));
        }
        return chart;
    }

    /** Applies the plot-level style: white background, light grid, no outline clutter. */
    static XYPlot plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(thin());
        plot.setRangeGridlineStroke(thin());
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return plot;
    }

    /** A linear axis with the style fonts. */
    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRangeIncludesZero(false);
        return axis(axis, label);
    }

    /**
     * A logarithmic axis (base 10) with the style fonts. Its ticks take one format, set by {@link #logRange}: every
     * tick as 10^k when they sit at powers of ten, else every tick as a plain number.
     */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis();
        axis.setBase(10);
        axis.setSmallestValue(1e-300);
        axis.setNumberFormatOverride(tickFormat(true));
        return axis(axis, label);
    }

    /** The tick format of a log axis: all ticks as powers of ten ({@code powers}) or all as plain numbers. */
    static java.text.NumberFormat tickFormat(boolean powers) {
        return new java.text.DecimalFormat("0.###E0") {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double v, StringBuffer sb, java.text.FieldPosition p) {
                return sb.append(powers ? formatPowerOfTen(v) : formatPlain(v));
            }
        };
    }

    /** Tick text at a power of ten, 10^k for every k (10⁰, 10¹, 10², 10³: one format on the axis). */
    static String formatPowerOfTen(double v) {
        int k = (int) Math.round(Math.log10(v));
        return "10" + superscript(k);
    }

    /** Tick text of a log axis spanning at most two decades: plain numbers ("0.05", "20", "3000"). */
    static String formatPlain(double v) {
        return new java.text.DecimalFormat("0.####").format(v);
    }

    private static String superscript(int k) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            sb.append(c == '-' ? '⁻' : digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    static <A extends ValueAxis> A axis(A axis, String label) {
        axis.setLabel(label);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setAxisLinePaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickMarkInsideLength(4f);
        axis.setTickMarkOutsideLength(0f);
        AttributedString sub = subscripted(label);
        if (sub != null) {
            axis.setAttributedLabel(sub);
        }
        return axis;
    }

    /**
     * The label with each {@code _xy} turned into a subscript, or null when it has none. The plain label is
     * kept as well (SVG and tests read it).
     */
    static AttributedString subscripted(String label) {
        if (label == null || label.indexOf('_') < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        java.util.List<int[]> ranges = new java.util.ArrayList<>();
        int i = 0;
        while (i < label.length()) {
            char c = label.charAt(i);
            if (c == '_' && i + 1 < label.length()) {
                int start = text.length();
                i++;
                while (i < label.length() && " [](),/".indexOf(label.charAt(i)) < 0) {
                    text.append(label.charAt(i++));
                }
                ranges.add(new int[] {start, text.length()});
            } else {
                text.append(c);
                i++;
            }
        }
        AttributedString as = new AttributedString(text.toString());
        // TextAttribute.FONT would override SUPERSCRIPT, so the font is given by its parts
        as.addAttribute(TextAttribute.FAMILY, LABEL_FONT.getFamily());
        as.addAttribute(TextAttribute.SIZE, (float) LABEL_FONT.getSize());
        as.addAttribute(TextAttribute.FOREGROUND, Color.BLACK);
        for (int[] r : ranges) {
            if (r[1] > r[0]) {
                as.addAttribute(TextAttribute.SUPERSCRIPT, TextAttribute.SUPERSCRIPT_SUB, r[0], r[1]);
            }
        }
        return as;
    }

    /** A legend drawn inside the plot area at {@code anchor}, framed, on white, one item per line. */
    static void legendInside(JFreeChart chart, XYPlot plot, RectangleAnchor anchor) {
        legendInside(chart, plot, anchor, true);
    }

    /** A legend drawn inside the plot area; items stacked in a column or in one row. */
    static void legendInside(JFreeChart chart, XYPlot plot, RectangleAnchor anchor, boolean column) {
        LegendTitle legend = column ? new LegendTitle(plot, new ColumnArrangement(), new ColumnArrangement())
                : new LegendTitle(plot);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        legend.setItemFont(LEGEND_FONT);
        legend.setBackgroundPaint(new Color(255, 255, 255, 230));
        legend.setFrame(new BlockBorder(new Color(0xBBBBBB)));
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 4));
        legend.setPadding(new RectangleInsets(4, 4, 4, 6));
        legend.setPosition(RectangleEdge.TOP);
        double x = anchor.toString().contains("LEFT") ? 0.02 : 0.98;
        double y = anchor.toString().contains("BOTTOM") ? 0.02 : 0.98;
        plot.addAnnotation(new XYTitleAnnotation(x, y, legend, anchor));
        if (chart.getLegend() != null) {
            chart.removeLegend();
        }
    }

    /**
     * A range with round ticks: the step is 1, 2, 2.5 or 5 times a power of ten giving at most {@code maxTicks}
     * intervals over [lo, hi], and the bounds are the multiples of the step just outside [lo, hi].
     *
     * @return {lower bound, upper bound, step}
     */
    static double[] niceRange(double lo, double hi, int maxTicks) {
        double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1) * 1e-3;
        double raw = span / maxTicks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * p;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                step = m * p;
                break;
            }
        }
        double a = Math.floor(lo / step + 1e-9) * step;
        double b = Math.ceil(hi / step - 1e-9) * step;
        return new double[] {a, b > a ? b : a + step, step};
    }

    /** Sets {@code axis} to {@link #niceRange} of [lo, hi] with its step as the fixed tick unit. */
    static void niceAxis(NumberAxis axis, double lo, double hi, int maxTicks) {
        double[] r = niceRange(lo, hi, maxTicks);
        axis.setRange(r[0], r[1]);
        axis.setTickUnit(new NumberTickUnit(r[2], new java.text.DecimalFormat(r[2] >= 1 && r[2] == Math.rint(r[2])
                ? "0" : "0.0##")), false, false);
        axis.setAutoTickUnitSelection(false, false);
    }

    /** Corners tried for a legend, in order of preference (the upper corners first, as readers look there). */
    static final RectangleAnchor[] CORNERS = {RectangleAnchor.TOP_RIGHT, RectangleAnchor.TOP_LEFT,
        RectangleAnchor.BOTTOM_RIGHT, RectangleAnchor.BOTTOM_LEFT};

    /**
     * The first corner of the plot area where a box of {@code width x height} (fractions of the plot area, with a
     * 2 % inset) holds none of {@code points} (each {x, y} as fractions of the axes, 0 at the lower left), or null
     * when every corner holds data.
     */
    static RectangleAnchor emptyCorner(java.util.List<double[]> points, double width, double height) {
        for (RectangleAnchor a : CORNERS) {
            boolean right = a.toString().contains("RIGHT");
            boolean top = a.toString().contains("TOP");
            double x0 = right ? 0.98 - width : 0.02;
            double y0 = top ? 0.98 - height : 0.02;
            boolean free = true;
            for (double[] p : points) {
                if (p[0] >= x0 - 0.01 && p[0] <= x0 + width + 0.01 && p[1] >= y0 - 0.01 && p[1] <= y0 + height + 0.01) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return a;
            }
        }
        return null;
    }

    /** {@code (x, y)} in data coordinates as fractions of the plot's axes (log axes in log), for {@link #emptyCorner}. */
    static double[] fraction(XYPlot plot, double x, double y) {
        return new double[] {fraction(plot.getDomainAxis(), x), fraction(plot.getRangeAxis(), y)};
    }

    private static double fraction(ValueAxis axis, double v) {
        double lo = axis.getLowerBound();
        double hi = axis.getUpperBound();
        if (axis instanceof LogAxis) {
            return v > 0 ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : -1;
        }
        return (v - lo) / (hi - lo);
    }

    /**
     * Every drawn point of the plot's datasets as fractions of its axes, with the ends of interval (error-bar,
     * band) items and 8 points along each segment between consecutive items, so that a line crossing a corner counts
     * as data there. Call it once the axis ranges are set.
     */
    static java.util.List<double[]> dataPoints(XYPlot plot) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            org.jfree.data.xy.XYDataset data = plot.getDataset(d);
            if (data == null) {
                continue;
            }
            for (int series = 0; series < data.getSeriesCount(); series++) {
                double[] prev = null;
                for (int i = 0; i < data.getItemCount(series); i++) {
                    double x = data.getXValue(series, i);
                    double y = data.getYValue(series, i);
                    if (!Double.isFinite(x) || !Double.isFinite(y)) {
                        prev = null;
                        continue;
                    }
                    double[] p = fraction(plot, x, y);
                    out.add(p);
                    if (data instanceof org.jfree.data.xy.IntervalXYDataset iv) {
                        out.add(fraction(plot, x, iv.getStartYValue(series, i)));
                        out.add(fraction(plot, x, iv.getEndYValue(series, i)));
                        out.add(fraction(plot, iv.getStartXValue(series, i), y));
                        out.add(fraction(plot, iv.getEndXValue(series, i), y));
                    }
                    if (prev != null) {
                        for (int k = 1; k < 8; k++) {
                            double t = k / 8.0;
                            out.add(new double[] {prev[0] + t * (p[0] - prev[0]), prev[1] + t * (p[1] - prev[1])});
                        }
                    }
                    prev = p;
                }
            }
        }
        return out;
    }

    /** The labels of the plot's legend items. */
    static java.util.List<String> legendLabels(XYPlot plot) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        org.jfree.chart.LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels;
    }

    /**
     * {@link #legendAwayFromData} with the plot's own drawn points and legend labels, for a plot area of about
     * {@code plotWidth x plotHeight} pixels.
     */
    static RectangleAnchor legendAwayFromData(JFreeChart chart, XYPlot plot, boolean column, double plotWidth,
                                              double plotHeight) {
        java.util.List<double[]> points = dataPoints(plot);
        // labelled horizontal reference lines are data too
        java.util.Collection<?> markers = plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (markers != null) {
            for (Object m : markers) {
                if (m instanceof ValueMarker v && v.getLabel() != null) {
                    double y = fraction(plot, plot.getDomainAxis().getLowerBound(), v.getValue())[1];
                    for (double x = 0; x <= 1; x += 0.02) {
                        points.add(new double[] {x, y});
                    }
                }
            }
        }
        return legendAwayFromData(chart, plot, points, legendSize(legendLabels(plot), column, plotWidth,
                plotHeight), column);
    }

    /**
     * The legend's size as fractions of a plot area of {@code plotWidth x plotHeight} pixels: items stacked in a
     * column, each line about 20 px high, the widest label about 8 px per character plus the key.
     */
    static double[] legendSize(java.util.List<String> labels, boolean column, double plotWidth, double plotHeight) {
        int chars = 0;
        int total = 0;
        for (String l : labels) {
            chars = Math.max(chars, l.length());
            total += l.length() + 5;
        }
        double w = column ? chars * 8 + 48 : total * 8 + 20;
        double h = column ? labels.size() * 20 + 12 : 32;
        return new double[] {w / plotWidth, h / plotHeight};
    }

    /**
     * The legend in the first corner of the plot area free of {@code points} (fractions of the axes, see
     * {@link #fraction}), else below the chart, outside the plot area: it never hides data.
     *
     * @return the corner used, or null when the legend went below the chart
     */
    static RectangleAnchor legendAwayFromData(JFreeChart chart, XYPlot plot, java.util.List<double[]> points,
                                              double[] size, boolean column) {
        RectangleAnchor corner = emptyCorner(points, size[0], size[1]);
        if (corner != null) {
            legendInside(chart, plot, corner, column);
            return corner;
        }
        LegendTitle legend = new LegendTitle(plot);
        legend.setItemFont(LEGEND_FONT);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        if (chart.getLegend() != null) {
            chart.removeLegend();
        }
        chart.addLegend(legend);
        return null;
    }

    /**
     * The sample label (e.g. "Pythia 8, √s = 13 TeV") above the plot area, right-aligned, as CMS prints its
     * energy and luminosity: outside the data, never over it. Nothing for an empty label.
     */
    static void sampleLabel(JFreeChart chart, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        TextTitle t = new TextTitle(text, LEGEND_FONT);
        t.setPaint(Color.BLACK);
        t.setPosition(RectangleEdge.TOP);
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.RIGHT);
        t.setPadding(new RectangleInsets(0, 4, 2, 4));
        chart.addSubtitle(t);
    }

    /**
     * Sets the range of a log axis; over more than about two decades the ticks sit at powers of ten only
     * (every second one beyond eight decades), otherwise JFreeChart chooses them.
     */
    static void logRange(LogAxis axis, double lo, double hi) {
        axis.setRange(lo, hi);
        double decades = Math.log10(hi / lo);
        axis.setNumberFormatOverride(tickFormat(decades > 2));
        if (decades > 2) {
            axis.setTickUnit(new NumberTickUnit(decades > 8 ? 2 : 1), false, false);
            axis.setAutoTickUnitSelection(false, false);
            axis.setMinorTickCount(decades > 8 ? 2 : 10);
            axis.setMinorTickMarksVisible(true);
        }
    }

    /** Sets {@code band} as dataset {@code index} of {@code plot}, drawn as a translucent band of the first colour. */
    static void bandDataset(XYPlot plot, int index, org.jfree.data.xy.YIntervalSeries band) {
        org.jfree.data.xy.YIntervalSeriesCollection data = new org.jfree.data.xy.YIntervalSeriesCollection();
        data.addSeries(band);
        org.jfree.chart.renderer.xy.DeviationRenderer r = new org.jfree.chart.renderer.xy.DeviationRenderer(false,
                false);
        r.setSeriesFillPaint(0, band(colour(0)));
        r.setSeriesPaint(0, band(colour(0)));
        r.setAlpha(1f);
        plot.setDataset(index, data);
        plot.setRenderer(index, r);
    }

    /** A marker label style: annotation font, no background box. */
    static void markerLabel(org.jfree.chart.plot.Marker m, String text, Paint paint) {
        m.setLabel(text);
        m.setLabelFont(ANNOTATION_FONT);
        m.setLabelPaint(paint);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    }

    /** A horizontal reference line at {@code y}. */
    static ValueMarker referenceLine(double y, Paint paint, Stroke stroke) {
        ValueMarker m = new ValueMarker(y);
        m.setPaint(paint);
        m.setStroke(stroke);
        return m;
    }
}
