package org.anomalysearch.fpga.scan;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * The figures of a precision scan, drawn with plain Java2D (PNG): a heat map of the relative AUC over total bits W
 * (x) and integer bits I (y), with the chosen precision outlined, and line plots of the relative AUC against W, one
 * line per I, with the target as a dashed line. Headless-safe.
 */
public final class ScanPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 640;
    private static final Color[] PALETTE = { // viridis anchors
        new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140), new Color(94, 201, 98),
        new Color(253, 231, 37)};
    private static final Color[] LINE_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private ScanPlots() {
    }

    /** The lower end of the colour and y scales: the smallest relative AUC, at least 0.5, rounded down. */
    static double lowerBound(ScanResult r) {
        double min = r.points().stream().mapToDouble(ScanPoint::relativeAuc).min().orElse(0.5);
        min = Math.max(0.5, Math.min(min, r.config().relativeAucTarget() - 0.01));
        return Math.floor(min * 100) / 100;
    }

    /** Writes the heat map as PNG to {@code file}. */
    public static void heatMap(ScanResult r, Path file) throws IOException {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        int[] ws = r.config().widths();
        int[] is = r.config().integerBits();
        double lo = lowerBound(r);
        int left = 90;
        int top = 60;
        int plotW = WIDTH - left - 150;
        int plotH = HEIGHT - top - 80;
        int cw = plotW / ws.length;
        int ch = plotH / is.length;
        title(g, "Relative AUC = AUC(fixed) / AUC(float), ap_fixed<W,I> (" + r.config().quantization() + ", "
                + r.config().overflow() + ")");
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, cw < 60 ? 10 : 12));
        for (int a = 0; a < ws.length; a++) {
            for (int b = 0; b < is.length; b++) {
                int x = left + a * cw;
                int y = top + (is.length - 1 - b) * ch;
                var p = r.point(ws[a], is[b]);
                if (p.isEmpty()) {
                    g.setColor(new Color(235, 235, 235));
                    g.fillRect(x, y, cw, ch);
                    continue;
                }
                double v = p.get().relativeAuc();
                Color c = colour((v - lo) / (1 - lo));
                g.setColor(c);
                g.fillRect(x, y, cw, ch);
                g.setColor(luminance(c) > 140 ? Color.BLACK : Color.WHITE);
                centred(g, String.format(Locale.ROOT, "%.3f", v), x + cw / 2, y + ch / 2);
            }
        }
        r.chosen().ifPresent(p -> {
            int a = indexOf(ws, p.width());
            int b = indexOf(is, p.integerBits());
            g.setColor(Color.RED);
            g.setStroke(new BasicStroke(4f));
            g.drawRect(left + a * cw + 2, top + (is.length - 1 - b) * ch + 2, cw - 4, ch - 4);
            g.setStroke(new BasicStroke(1f));
        });
        g.setColor(Color.BLACK);
        g.drawRect(left, top, cw * ws.length, ch * is.length);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int a = 0; a < ws.length; a++) {
            centred(g, String.valueOf(ws[a]), left + a * cw + cw / 2, top + ch * is.length + 15);
        }
        for (int b = 0; b < is.length; b++) {
            centred(g, String.valueOf(is[b]), left - 15, top + (is.length - 1 - b) * ch + ch / 2);
        }
        centred(g, "total bits W", left + cw * ws.length / 2, top + ch * is.length + 40);
        vertical(g, "integer bits I", left - 50, top + ch * is.length / 2);
        // colour bar
        int bx = left + cw * ws.length + 40;
        int bh = ch * is.length;
        for (int k = 0; k < bh; k++) {
            g.setColor(colour(1 - (double) k / bh));
            g.fillRect(bx, top + k, 25, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, top, 25, bh);
        for (int t = 0; t <= 4; t++) {
            double v = lo + (1 - lo) * t / 4;
            int y = top + bh - (int) Math.round(bh * t / 4.0);
            g.drawLine(bx + 25, y, bx + 30, y);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), bx + 33, y + 5);
        }
        String chosen = r.chosen().map(p -> "chosen (red): " + p.type().toHls4mlString()).orElse("no precision "
                + "meets the target");
        g.drawString(chosen + ", target " + r.config().relativeAucTarget() + ", float AUC "
                + String.format(Locale.ROOT, "%.4f", r.floatAuc()), left, HEIGHT - 12);
        g.dispose();
        write(img, file);
    }

    /** Writes the line plot (relative AUC against W, one line per I) as PNG to {@code file}. */
    public static void lines(ScanResult r, Path file) throws IOException {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        int[] ws = r.config().widths();
        int[] is = r.config().integerBits();
        double lo = lowerBound(r);
        double hi = Math.max(1.005, r.points().stream().mapToDouble(ScanPoint::relativeAuc).max().orElse(1) + 0.005);
        int left = 90;
        int top = 60;
        int plotW = WIDTH - left - 150;
        int plotH = HEIGHT - top - 80;
        double wMin = Arrays.stream(ws).min().getAsInt();
        double wMax = Math.max(wMin + 1, Arrays.stream(ws).max().getAsInt());
        title(g, "Relative AUC against total bits W, one line per integer bits I");
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int w : ws) {
            int x = left + (int) Math.round((w - wMin) / (wMax - wMin) * plotW);
            g.drawLine(x, top + plotH, x, top + plotH + 5);
            centred(g, String.valueOf(w), x, top + plotH + 18);
        }
        for (int t = 0; t <= 5; t++) {
            double v = lo + (hi - lo) * t / 5;
            int y = top + plotH - (int) Math.round(plotH * t / 5.0);
            g.drawLine(left - 5, y, left, y);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), left - 50, y + 5);
        }
        centred(g, "total bits W", left + plotW / 2, top + plotH + 42);
        vertical(g, "AUC(fixed) / AUC(float)", left - 65, top + plotH / 2);
        int ty = top + plotH - (int) Math.round((r.config().relativeAucTarget() - lo) / (hi - lo) * plotH);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
        g.setColor(Color.DARK_GRAY);
        g.drawLine(left, ty, left + plotW, ty);
        g.drawString("target " + r.config().relativeAucTarget(), left + plotW - 110, ty + 16);
        g.setClip(left, top, plotW + 1, plotH + 1);
        for (int b = 0; b < is.length; b++) {
            Color c = LINE_COLORS[b % LINE_COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (int w : ws) {
                var p = r.point(w, is[b]);
                if (p.isEmpty()) {
                    continue;
                }
                int x = left + (int) Math.round((w - wMin) / (wMax - wMin) * plotW);
                double v = Math.max(lo - 0.05 * (hi - lo), p.get().relativeAuc());
                int y = top + plotH - (int) Math.round((v - lo) / (hi - lo) * plotH);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 4, y - 4, 8, 8);
                px = x;
                py = y;
            }
        }
        g.setClip(null);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int b = 0; b < is.length; b++) {
            int y = top + 10 + b * 20;
            g.setColor(LINE_COLORS[b % LINE_COLORS.length]);
            g.fillRect(left + plotW + 20, y, 20, 4);
            g.setColor(Color.BLACK);
            g.drawString("I = " + is[b], left + plotW + 48, y + 7);
        }
        g.drawString("points below the axis are drawn at its bottom; float AUC "
                + String.format(Locale.ROOT, "%.4f", r.floatAuc()), left, HEIGHT - 12);
        g.dispose();
        write(img, file);
    }

    private static BufferedImage canvas() {
        return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static void title(Graphics2D g, String text) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        centred(g, text, WIDTH / 2, 28);
    }

    private static void centred(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y + fm.getAscent() / 2 - 1);
    }

    private static void vertical(Graphics2D g, String s, int x, int y) {
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        centred(g, s, x, y);
        g.setTransform(old);
    }

    /** Viridis-like colour of t in [0, 1] (clamped). */
    static Color colour(double t) {
        double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (PALETTE.length - 1);
        int k = Math.min(PALETTE.length - 2, (int) Math.floor(u));
        double f = u - k;
        Color a = PALETTE[k];
        Color b = PALETTE[k + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static double luminance(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }
    }
}
