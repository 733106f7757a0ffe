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

    /** A logarithmic axis (base 10, ticks as 10^k) with the style fonts. */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis();
        axis.setBase(10);
        axis.setSmallestValue(1e-300);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.###E0") {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double v, StringBuffer sb, java.text.FieldPosition p) {
                return sb.append(formatPowerOfTen(v));
            }
        });
        return axis(axis, label);
    }

    /** Tick text for a log axis: 1, 10 and 100 plain, other powers of ten as 10^k, other numbers plain. */
    static String formatPowerOfTen(double v) {
        int k = (int) Math.round(Math.log10(v));
        boolean power = Math.abs(Math.pow(10, k) - v) <= 1e-6 * v;
        if (power && (k < 0 || k > 2)) {
            return "10" + superscript(k);
        }
        if (v >= 0.01 && v < 1e4) {
            return new java.text.DecimalFormat("0.###").format(v);
        }
        return new java.text.DecimalFormat("0.#E0").format(v);
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
     * Sets the range of a log axis; over more than about two decades the ticks sit at powers of ten only
     * (every second one beyond eight decades), otherwise JFreeChart chooses them.
     */
    static void logRange(LogAxis axis, double lo, double hi) {
        axis.setRange(lo, hi);
        double decades = Math.log10(hi / lo);
        if (decades > 2) {
            axis.setTickUnit(new NumberTickUnit(decades > 8 ? 2 : 1), false, false);
            axis.setAutoTickUnitSelection(false, false);
            axis.setMinorTickCount(decades > 8 ? 2 : 10);
            axis.setMinorTickMarksVisible(true);
        }
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
