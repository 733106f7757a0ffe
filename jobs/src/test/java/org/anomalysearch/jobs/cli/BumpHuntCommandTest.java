package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.stats.Toys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bump hunt from the command line on counts drawn from a known dijet function, with and without an injected
 * Gaussian bump in the default signal region (3300-3700 GeV).
 */
class BumpHuntCommandTest {

    @TempDir
    Path dir;

    /** Poisson counts of a 4-parameter dijet spectrum on 100 GeV bins over 2600-7000 GeV, plus a bump. */
    private Path counts(String name, double bumpEvents, long seed) throws IOException {
        DijetFunction f = DijetFunction.fourParam(1, 10, 5, 0.1);
        int n = 44;
        double[] expected = new double[n];
        double norm = 300_000 / f.integral(2600, 7000);
        for (int i = 0; i < n; i++) {
            double lo = 2600 + 100 * i;
            expected[i] = norm * f.integral(lo, lo + 100);
            double c = lo + 50;
            expected[i] += bumpEvents * 100 * Math.exp(-0.5 * Math.pow((c - 3500) / 120, 2)) / (Math.sqrt(2 * Math.PI) * 120);
        }
        double[] counts = Toys.generate(expected, seed, 0);
        StringBuilder sb = new StringBuilder("lo,hi,count\n");
        for (int i = 0; i < n; i++) {
            sb.append(2600 + 100 * i).append(',').append(2700 + 100 * i).append(',').append((long) counts[i]).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** The first number written under {@code key} in the JSON text. */
    private static double number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\": (-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void findsAnInjectedBumpAndWritesJsonAndPlots() throws IOException {
        Path in = counts("bump.csv", 900, 11);
        Path out = dir.resolve("out");
        Cli r = Cli.run("bumphunt", in.toString(), "-o", out.toString(), "--toys", "200");
        assertEquals(0, r.exitCode(), r.err());
        String json = Files.readString(out.resolve("bumphunt.json"));
        int sr = json.indexOf("\"signalRegion\"");
        double z = number(json.substring(sr), "localZ");
        assertTrue(z > 3, "the injected bump is found in the signal region: Z = " + z);
        int bh = json.indexOf("\"bumpHunter\"");
        double lo = number(json.substring(bh), "windowLo");
        double hi = number(json.substring(bh), "windowHi");
        assertTrue(lo < 3700 && hi > 3300, "BumpHunter's window overlaps the bump: [" + lo + ", " + hi + ")");
        BufferedImage png = ImageIO.read(out.resolve("spectrum.png").toFile());
        assertEquals(800, png.getWidth());
        assertTrue(Files.size(out.resolve("scan.svg")) > 5_000);
        Cli again = Cli.run("bumphunt", in.toString(), "-o", out.toString(), "--toys", "200");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, again.exitCode(), "results are not overwritten without --overwrite");
    }

    @Test
    void backgroundOnlyGivesNoSignificantExcess() throws IOException {
        Path in = counts("bkg.csv", 0, 12);
        Path out = dir.resolve("out");
        Cli r = Cli.run("bumphunt", in.toString(), "-o", out.toString(), "--toys", "200");
        assertEquals(0, r.exitCode(), r.err());
        String json = Files.readString(out.resolve("bumphunt.json"));
        double z = number(json.substring(json.indexOf("\"signalRegion\"")), "localZ");
        assertTrue(Math.abs(z) < 3, "no excess: Z = " + z);
    }

    @Test
    void badInputsGiveOneClearLine() throws IOException {
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), "lo,hi,count\n" + "3000,3100,0\n".repeat(1)
                + "3100,3200,0\n3200,3300,0\n3300,3400,0\n3400,3500,0\n3500,3600,0\n3600,3700,0\n3700,3800,0\n");
        Path far = counts("far.csv", 0, 13);
        String shifted = Files.readString(far).lines().filter(l -> l.startsWith("lo") || l.compareTo("4000") >= 0)
                .reduce("", (a, b) -> a + b + "\n");
        Path high = Files.writeString(dir.resolve("high.csv"), shifted);
        Path empty = Files.writeString(dir.resolve("empty.csv"), "lo,hi,count\n");
        for (Path p : new Path[] {zeros, high, empty}) {
            Cli r = Cli.run("bumphunt", p.toString(), "-o", dir.resolve("o-" + p.getFileName()).toString(), "--toys", "10");
            assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), p + ": " + r.err());
            assertEquals(1, r.errorLines().size(), r.err());
            assertTrue(r.errorLines().get(0).contains(p.getFileName().toString()), r.errorLines().get(0));
            assertTrue(!Files.exists(dir.resolve("o-" + p.getFileName()).resolve("bumphunt.json")));
        }
    }

    /**
     * Checks that need no events come before the read: a bin width that does not divide the signal region fails at
     * once, shown by a table whose third line is broken (reading it would report that line instead), and leaves no
     * output directory.
     */
    @Test
    void aBinWidthThatCutsTheSignalRegionFailsBeforeReading() throws IOException {
        Path table = Files.writeString(dir.resolve("broken.csv"), "event_id,label,weight,mjj\n0,0,1,3000\nnot,a,row\n");
        Path out = dir.resolve("never");
        Cli r = Cli.run("bumphunt", table.toString(), "-o", out.toString(), "--bin-width", "150");
        assertEquals(AnomalySearch.EXIT_USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--bin-width 150 GeV does not cut the signal region [3300, 3700) GeV (400 GeV wide) "
                + "into whole bins; choose a width that divides it (e.g. 100 GeV)"), r.err());
        assertFalse(r.err().contains("line 3"), "the table was not read: " + r.err());
        assertFalse(Files.exists(out));
        // the same file with a width that divides the SR is read, and its broken line reported
        Cli read = Cli.run("bumphunt", table.toString(), "-o", out.toString(), "--bin-width", "200");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, read.exitCode(), read.err());
        assertTrue(read.err().contains("line 3"), read.err());
        assertFalse(Files.exists(out), "a failed bump hunt leaves no output directory");
    }

    /** A failed bump hunt removes the output directory it created, and never one that existed before. */
    @Test
    void aFailedBumpHuntRemovesOnlyTheDirectoryItCreated() throws IOException {
        StringBuilder sb = new StringBuilder("event_id,label,weight,mjj\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i).append(",0,1,").append(1000 + 5 * i).append('\n');
        }
        Path low = Files.writeString(dir.resolve("low.csv"), sb);
        Path fresh = dir.resolve("a/b/out");
        Cli r = Cli.run("bumphunt", low.toString(), "-o", fresh.toString(), "--toys", "10");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains("which does not hold the configured signal region"), r.err());
        assertFalse(Files.exists(dir.resolve("a")), "the created parents are removed too");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Cli again = Cli.run("bumphunt", low.toString(), "-o", existing.toString(), "--toys", "10");
        assertEquals(AnomalySearch.EXIT_USER_ERROR, again.exitCode(), again.err());
        assertTrue(Files.isDirectory(existing), "a directory the user made is kept");
    }
}
