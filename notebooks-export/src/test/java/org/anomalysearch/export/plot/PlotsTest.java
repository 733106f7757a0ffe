package org.anomalysearch.export.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesEveryFormatNextToTheBaseName(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("sub/spectrum");
        List<Path> files = Plots.write(SpectrumPlotTest.spec(), base, 640, 480, Plots.Format.PNG,
                Plots.Format.SVG, Plots.Format.PDF);
        assertEquals(List.of(dir.resolve("sub/spectrum.png"), dir.resolve("sub/spectrum.svg"),
                dir.resolve("sub/spectrum.pdf")), files);
        assertEquals(List.of("spectrum.pdf", "spectrum.png", "spectrum.svg"), names(dir.resolve("sub")),
                "no temporary files left");
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertTrue(Files.readString(files.get(1)).contains("<svg"));
        byte[] pdf = Files.readAllBytes(files.get(2));
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        assertTrue(pdf.length > 5_000);
    }

    @Test
    void defaultIsPngAtTheSpecSize(@TempDir Path dir) throws Exception {
        List<Path> files = Plots.write(SpectrumPlotTest.spec(), dir.resolve("s"));
        assertEquals(List.of(dir.resolve("s.png")), files);
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        assertEquals(Plots.DEFAULT_WIDTH, img.getWidth());
        assertEquals(700, img.getHeight());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaries(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("plot");
        Files.writeString(dir.resolve("plot.png"), "old");
        assertThrows(InvalidInputException.class,
                () -> Plots.write(SpectrumPlotTest.spec(), base, 10, 10, Plots.Format.PNG));
        assertEquals("old", Files.readString(dir.resolve("plot.png")));
        // the parent "directory" is a regular file: nothing can be written
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "x");
        assertThrows(java.io.IOException.class,
                () -> Plots.write(SpectrumPlotTest.spec(), blocker.resolve("plot"), Plots.Format.PNG));
        assertEquals(List.of("blocker", "plot.png"), names(dir));
    }

    @Test
    void writtenFilesAreReadableByOthers(@TempDir Path dir) throws Exception {
        Path f = Plots.write(SpectrumPlotTest.spec(), dir.resolve("p"), Plots.Format.SVG).get(0);
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            assertTrue(Files.getPosixFilePermissions(f).contains(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "not a private temp-file mode");
        }
    }

    @Test
    void renderingIsDeterministic() {
        byte[] a = Plots.render(LossPlotTest.spec(), Plots.Format.SVG, 600, 400);
        byte[] b = Plots.render(LossPlotTest.spec(), Plots.Format.SVG, 600, 400);
        String sa = new String(a, StandardCharsets.UTF_8).replaceAll("_\\d+clip", "clip");
        String sb = new String(b, StandardCharsets.UTF_8).replaceAll("_\\d+clip", "clip");
        assertEquals(sa, sb);
        assertArrayEquals(Plots.render(LossPlotTest.spec(), Plots.Format.PNG, 300, 200),
                Plots.render(LossPlotTest.spec(), Plots.Format.PNG, 300, 200));
    }

    @Test
    void nullSpecIsRejected() {
        PlotTesting.rejects(() -> Plots.render(null, Plots.Format.PNG, 100, 100), "spec");
    }

    @Test
    void logTickLabels() {
        // one format per axis: every power of ten as 10^k, or (two decades or fewer) every tick plain
        assertEquals("10⁰", PlotStyle.formatPowerOfTen(1));
        assertEquals("10²", PlotStyle.formatPowerOfTen(100));
        assertEquals("10³", PlotStyle.formatPowerOfTen(1000));
        assertEquals("10⁻²", PlotStyle.formatPowerOfTen(0.01));
        assertEquals("0.6", PlotStyle.formatPlain(0.6));
        assertEquals("200", PlotStyle.formatPlain(200));
    }

    @Test
    void underscoreMakesASubscriptUpToASpaceOrBracket() {
        java.text.AttributedCharacterIterator it = PlotStyle.subscripted("m_jj [GeV]").getIterator();
        StringBuilder text = new StringBuilder();
        StringBuilder sub = new StringBuilder();
        for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) {
            text.append(c);
            Object s = it.getAttribute(java.awt.font.TextAttribute.SUPERSCRIPT);
            sub.append(java.awt.font.TextAttribute.SUPERSCRIPT_SUB.equals(s) ? '^' : ' ');
        }
        assertEquals("mjj [GeV]", text.toString());
        assertEquals(" ^^      ", sub.toString());
        assertEquals(null, PlotStyle.subscripted("Events / bin"));
    }
}
