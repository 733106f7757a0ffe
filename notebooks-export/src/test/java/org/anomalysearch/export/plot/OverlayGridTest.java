package org.anomalysearch.export.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayGridTest {

    @Test
    void densityHasUnitAreaAndIgnoresOutOfRange() {
        Overlay o = Overlay.density("a", new double[] {0.1, 0.2, 0.6, 5.0}, 0, 1, 2);
        assertArrayEquals(new double[] {0, 0.5, 1}, o.edges(), 1e-15);
        assertArrayEquals(new double[] {2.0 / 3 / 0.5, 1.0 / 3 / 0.5}, o.values(), 1e-12);
    }

    @Test
    void writesPngAndSvgWithoutLeftovers(@TempDir Path dir) throws Exception {
        double[] a = {1, 2, 2, 3, 3, 3};
        double[] b = {1, 1, 2, 3};
        OverlayGrid grid = new OverlayGrid("test", List.of(
                new OverlayGrid.Panel("x", "x [GeV]", List.of(Overlay.density("a", a, 0, 4, 4),
                        Overlay.density("b", b, 0, 4, 4)))), 1);
        Path png = dir.resolve("p.png");
        grid.writePng(png, 400, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        Path svg = dir.resolve("p.svg");
        grid.writeSvg(svg, 400, 300);
        assertTrue(Files.readString(svg).contains("<svg"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }
}
