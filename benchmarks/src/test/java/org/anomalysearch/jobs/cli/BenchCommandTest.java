package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench command joins the command line when the benchmarks module is on the classpath. */
class BenchCommandTest {

    @Test
    void benchDensityListsQualityAndSpeed() {
        Cli r = Cli.run("bench", "density", "--help");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("quality") && r.out().contains("speed") && r.out().contains("scale"), r.out());
    }

    @Test
    void benchIsOneOfTheCommands() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("bench"), r.out());
    }
}
