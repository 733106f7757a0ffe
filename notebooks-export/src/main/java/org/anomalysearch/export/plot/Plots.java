package org.anomalysearch.export.plot;

import com.orsonpdf.PDFDocument;
import com.orsonpdf.PDFGraphics2D;
import com.orsonpdf.PDFHints;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.anomalysearch.core.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

/**
 * The one entry point that turns a {@link PlotSpec} into files.
 *
 * <pre>{@code
 * Plots.write(SpectrumPlot.of("Signal region", edges, counts, fit).withMaskedWindow(3300, 3700),
 *         outDir.resolve("mjj_spectrum"), Plots.Format.PNG, Plots.Format.SVG);
 * }</pre>
 *
 * <p>Every format is rendered in memory first, then each file is written to a temporary file in the target
 * directory and renamed over the target, so a failure never leaves a partial or half-updated figure.
 */
public final class Plots {

    /** Default figure width in pixels (PNG) or points (SVG, PDF). */
    public static final int DEFAULT_WIDTH = 800;
    /** Default figure height. */
    public static final int DEFAULT_HEIGHT = 600;

    /** Output formats. */
    public enum Format {
        /** Raster image, width x height pixels. */
        PNG("png"),
        /** Scalable vector graphics; text stays text. */
        SVG("svg"),
        /** PDF (vector, via OrsonPDF; text drawn as outlines so any glyph prints). */
        PDF("pdf");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The file name extension without dot. */
        public String extension() {
            return extension;
        }
    }

    static {
        // JFreeChart draws rotated text (the y-axis labels) as outlines unless this is off; off keeps SVG text
        // as text. The workaround was for old JDKs; Java 17 draws rotated strings correctly.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Plots() {
    }

    /**
     * Writes {@code spec} at its default size in each format to {@code base + "." + extension}.
     *
     * @return the files written, in the order of {@code formats}
     */
    public static List<Path> write(PlotSpec spec, Path base, Format... formats) throws IOException {
        return write(spec, base, spec.defaultWidth(), spec.defaultHeight(), formats);
    }

    /**
     * Writes {@code spec} at {@code width x height} in each format (PNG if none is given) to
     * {@code base + "." + extension}; directories are created as needed.
     *
     * @return the files written, in the order of {@code formats}
     */
    public static List<Path> write(PlotSpec spec, Path base, int width, int height, Format... formats)
            throws IOException {
        Set<Format> set = formats == null || formats.length == 0 ? EnumSet.of(Format.PNG)
                : EnumSet.copyOf(List.of(formats));
        List<byte[]> bytes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Format f : set) {
            bytes.add(render(spec, f, width, height));
            files.add(base.resolveSibling(base.getFileName() + "." + f.extension()));
        }
        for (int i = 0; i < files.size(); i++) {
            writeAtomically(files.get(i), bytes.get(i));
        }
        return List.copyOf(files);
    }

    /** The bytes of {@code spec} rendered in one format. */
    public static byte[] render(PlotSpec spec, Format format, int width, int height) {
        if (spec == null) {
            throw new InvalidInputException(Check.SOURCE, "spec", "no plot to render (null)", "pass a plot spec");
        }
        return renderFigure(figure(spec, format == Format.SVG), format, width, height);
    }

    static byte[] renderFigure(Figure figure, Format format, int width, int height) {
        if (width < 50 || height < 50 || width > 20_000 || height > 20_000) {
            throw new InvalidInputException(Check.SOURCE, "size", "figure size " + width + " x " + height
                    + " is outside 50..20000", "use e.g. 800 x 600");
        }
        Rectangle2D area = new Rectangle2D.Double(0, 0, width, height);
        switch (format) {
            case PNG: {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                            RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, width, height);
                    figure.draw(g, area);
                } finally {
                    g.dispose();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    ImageIO.write(img, "png", out);
                } catch (IOException e) {
                    throw new IllegalStateException("PNG encoding failed in memory", e);
                }
                return out.toByteArray();
            }
            case SVG: {
                SVGGraphics2D g = new SVGGraphics2D(width, height);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                figure.draw(g, area);
                return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
            }
            case PDF: {
                PDFDocument doc = new PDFDocument();
                PDFGraphics2D g = doc.createPage(area).getGraphics2D();
                g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
                figure.draw(g, area);
                return doc.getPDFBytes();
            }
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /**
     * The figure of a spec; with {@code plainText} axis labels are drawn as plain strings ({@code "m_jj"})
     * instead of with subscripts, which SVG could only show as outlines.
     */
    static Figure figure(PlotSpec spec, boolean plainText) {
        if (spec instanceof FeaturePlot f) {
            return FeatureCharts.grid(f, plainText);
        }
        JFreeChart chart = chart(spec);
        if (plainText) {
            plainLabels(chart);
        }
        return chart::draw;
    }

    /** Drops the subscripted form of every axis label, leaving the plain text. */
    static JFreeChart plainLabels(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot plot) {
            plainLabels(plot);
        }
        return chart;
    }

    private static void plainLabels(XYPlot plot) {
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            plain(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            plain(plot.getRangeAxis(i));
        }
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                plainLabels(sub);
            }
        }
    }

    private static void plain(Axis axis) {
        if (axis != null) {
            axis.setAttributedLabel((java.text.AttributedString) null);
        }
    }

    /** The JFreeChart of a single-chart spec (for a feature grid: its first panel). */
    static JFreeChart chart(PlotSpec spec) {
        if (spec instanceof SpectrumPlot s) {
            return SpectrumChart.chart(s);
        } else if (spec instanceof SignificanceScanPlot s) {
            return ScanChart.chart(s);
        } else if (spec instanceof RocPlot r) {
            return RocChart.chart(r);
        } else if (spec instanceof LossPlot l) {
            return LossChart.chart(l);
        } else if (spec instanceof FeaturePlot f) {
            return FeatureCharts.chart(f, 0);
        } else if (spec instanceof HeatMapPlot h) {
            return GridCharts.heatMap(h);
        } else if (spec instanceof LinePlot l) {
            return GridCharts.lines(l);
        }
        throw new IllegalArgumentException("unknown plot spec " + spec.getClass());
    }

    /** Writes {@code bytes} to a temporary file beside {@code file} and renames it over {@code file}. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        writeAtomically(file, out -> out.write(bytes));
    }

    /** Streams into a temporary file beside {@code file} and renames it; nothing is left on failure. */
    static void writeAtomically(Path file, StreamWriter w) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // temp files are created private (0600); a figure is meant to be read by others
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                w.write(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes to a stream. */
    interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }
}
