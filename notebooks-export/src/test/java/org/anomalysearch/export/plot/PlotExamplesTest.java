package org.anomalysearch.export.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotExamplesTest {

    @BeforeAll
    static void headless() {
        PlotTesting.headless();
    }

    @Test
    void writesOneSmallPngOfEachPlotType(@TempDir Path dir) throws Exception {
        PlotExamples.main(new String[] {dir.toString()});
        assertEquals(7, PlotExamples.all().size());
        for (PlotExamples.Example e : PlotExamples.all()) {
            Path png = dir.resolve(e.name() + ".png");
            long size = Files.size(png);
            assertTrue(size > 20_000 && size < 200_000, png + " has " + size + " bytes");
        }
    }

    @Test
    void examplesAreSeeded() {
        assertEquals(java.util.Arrays.toString(PlotExamples.spectrum().counts()),
                java.util.Arrays.toString(PlotExamples.spectrum().counts()));
        // the bump is visible: the pull at the bump mass is large and positive
        SpectrumPlot s = PlotExamples.spectrum();
        int bin = (int) ((PlotExamples.BUMP_MASS - PlotExamples.LO) / 100);
        assertTrue(s.pullValues()[bin] > 3, "pull at the bump " + s.pullValues()[bin]);
    }
}
