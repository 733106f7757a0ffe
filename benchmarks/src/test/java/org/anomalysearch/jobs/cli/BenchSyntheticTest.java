package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.anomalysearch.io.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic-vs-Pythia comparison runs end to end on a small toy and writes its table and plot. */
class BenchSyntheticTest {

    @Test
    void comparesEveryFeatureAndWritesThePlot(@TempDir Path dir) throws Exception {
        Path pythia = TestData.shared("dijet_pythia/qcd_full_000.csv.gz").getParent();
        Cli r = Cli.run("bench", "synthetic", "--pythia", pythia.toString(), "-o", dir.toString(), "--events", "5000");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : new String[] {"mjj", "mj1", "dmj", "tau21_j1", "tau21_j2", "dR_jj"}) {
            assertTrue(r.out().contains(f), "table row " + f + ":\n" + r.out());
        }
        BufferedImage png = ImageIO.read(dir.resolve("synthetic_vs_pythia.png").toFile());
        assertTrue(png.getWidth() >= 800 && png.getHeight() >= 600);
        assertTrue(Files.size(dir.resolve("synthetic_vs_pythia.svg")) > 10_000);
    }
}
