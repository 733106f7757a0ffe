package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.anomalysearch.io.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trigger train} and {@code trigger evaluate} on small dijet CSVs written here, whose leading-jet pT and HT are
 * known, so the thresholds and efficiencies are checked against direct counts.
 */
class TriggerCommandTest {

    @TempDir
    Path tmp;

    /** Per event {pT of jet 1, pT of jet 2}; jet 1 along +x (eta 0), jet 2 along -x with some pz. */
    static double[][] writeCsv(Path file, int n, long seed, int label) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("pxj1,pyj1,pzj1,mj1,tau1j1,tau2j1,tau3j1,pxj2,pyj2,pzj2,mj2,tau1j2,"
                + "tau2j2,tau3j2,mjj,label\n");
        double[][] pt = new double[n][2];
        for (int i = 0; i < n; i++) {
            double pt1 = (label == 1 ? 1500 : 1200) + 1000 * rng.nextDouble();
            double pt2 = pt1 * (0.7 + 0.25 * rng.nextDouble());
            double pz2 = 800 * (rng.nextDouble() - 0.5);
            double m1 = (label == 1 ? 400 : 60) + 60 * rng.nextDouble();
            double m2 = 30 + 80 * rng.nextDouble();
            double t1a = 0.2 + 0.2 * rng.nextDouble();
            double t1b = 0.2 + 0.2 * rng.nextDouble();
            double[] j1 = {pt1, 0, 0, m1};
            double[] j2 = {-pt2, 0, pz2, m2};
            double e1 = Math.sqrt(pt1 * pt1 + m1 * m1);
            double e2 = Math.sqrt(pt2 * pt2 + pz2 * pz2 + m2 * m2);
            double px = j1[0] + j2[0];
            double pz = j1[2] + j2[2];
            double mjj = Math.sqrt((e1 + e2) * (e1 + e2) - px * px - pz * pz);
            sb.append(j1[0]).append(",0,0,").append(m1).append(',').append(t1a).append(',').append(t1a * 0.6)
                    .append(',').append(t1a * 0.4).append(',').append(j2[0]).append(",0,").append(pz2).append(',')
                    .append(m2).append(',').append(t1b).append(',').append(t1b * 0.7).append(',')
                    .append(t1b * 0.5).append(',').append(mjj).append(',').append(label).append('\n');
            pt[i][0] = pt1;
            pt[i][1] = pt2;
        }
        Files.writeString(file, sb);
        return pt;
    }

    @Test
    void thresholdsAndEfficienciesAreDirectCountsAndOutputsAreProtected() throws IOException {
        Path train = tmp.resolve("train.csv");
        Path bg = tmp.resolve("bg.csv");
        Path sig = tmp.resolve("sig.csv");
        writeCsv(train, 3000, 1, 0);
        double[][] bgPt = writeCsv(bg, 5000, 2, 0);
        double[][] sigPt = writeCsv(sig, 1000, 3, 1);
        Path model = tmp.resolve("model");
        Cli t = Cli.run("trigger", "train", "--data", train.toString(), "--epochs", "2", "--seed", "4", "-o",
                model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path model2 = tmp.resolve("model2");
        assertEquals(0, Cli.run("trigger", "train", "--data", train.toString(), "--epochs", "2", "--seed", "4", "-o",
                model2.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(model.resolve("weights.bin")),
                Files.readAllBytes(model2.resolve("weights.bin")), "same seed, same model");
        Cli again = Cli.run("trigger", "train", "--data", train.toString(), "--epochs", "2", "-o", model.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("already holds a trigger model") && again.err().contains("--overwrite"),
                again.err());

        Path out = tmp.resolve("eval");
        String[] args = {"trigger", "evaluate", "--model", model.toString(), "--background", bg.toString(),
            "--signal", sig.toString(), "--acceptances", "1e-2,1e-3", "--input-rate", "40e6", "-o", out.toString()};
        Cli e = Cli.run(args);
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("not measurable: 5 background events would pass (need >= 10)"), e.out());
        JsonNode doc = new ObjectMapper().readTree(out.resolve("trigger.json").toFile());
        assertEquals(5000, doc.get("background").get("events").asInt());
        JsonNode a1 = doc.get("acceptances").get(0);
        assertTrue(a1.get("measurable").asBoolean());
        double[] lead = Arrays.stream(bgPt).mapToDouble(r -> r[0]).sorted().toArray();
        double[] ht = Arrays.stream(bgPt).mapToDouble(r -> r[0] + r[1]).sorted().toArray();
        check(a1.get("methods").get("leadingJetPt"), lead[5000 - 1 - 50], Arrays.stream(sigPt).mapToDouble(r -> r[0])
                .toArray());
        check(a1.get("methods").get("ht"), ht[5000 - 1 - 50], Arrays.stream(sigPt).mapToDouble(r -> r[0] + r[1])
                .toArray());
        JsonNode m = a1.get("methods").get("model");
        assertEquals(50, m.get("backgroundPassing").asLong());
        assertEquals(0.01 * 40e6, m.get("rateHz").asDouble(), 1e-6);
        JsonNode a2 = doc.get("acceptances").get(1);
        assertFalse(a2.get("measurable").asBoolean());
        assertTrue(a2.get("methods").get("ht").get("threshold").isNull());
        for (String f : new String[] {"distributions.png", "distributions.svg", "roc-sig.png", "roc-sig.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }

        Cli refused = Cli.run(args);
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("trigger.json: already exists"), refused.err());
        String[] over = Arrays.copyOf(args, args.length + 1);
        over[args.length] = "--overwrite";
        assertEquals(0, Cli.run(over).exitCode());
    }

    /** Threshold, passing count, and the signal efficiency as a direct count (pT values within CSV rounding). */
    private static void check(JsonNode method, double threshold, double[] signal) {
        assertEquals(threshold, method.get("threshold").asDouble(), 1e-6 * threshold);
        assertEquals(50, method.get("backgroundPassing").asLong());
        double t = method.get("threshold").asDouble();
        long pass = Arrays.stream(signal).filter(v -> v > t).count();
        assertEquals((double) pass / signal.length, method.get("signalEfficiency").get(0).get("efficiency").asDouble(),
                1e-12);
    }

    @Test
    void badOptionsFailBeforeAnyFileIsRead() {
        Cli r = Cli.run("trigger", "evaluate", "--model", tmp.resolve("none").toString(), "--background",
                tmp.resolve("missing.csv").toString(), "--signal", "x.csv", "--acceptances", "1e-2,2", "-o",
                tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--acceptances must lie in (0, 1), got 2.0"), r.err());
        Cli m = Cli.run("trigger", "train", "--data", tmp.resolve("missing.csv").toString(), "--model", "gan", "-o",
                tmp.resolve("o").toString());
        assertEquals(1, m.exitCode());
        assertTrue(m.err().contains("'gan' is not a trigger model") && m.errorLines().size() == 1, m.err());
        Cli f = Cli.run("trigger", "train", "--data", tmp.resolve("missing.csv").toString(), "-o",
                tmp.resolve("o").toString());
        assertEquals(1, f.exitCode());
        assertTrue(f.err().contains("missing.csv") && f.err().contains("no such file"), f.err());
        assertFalse(Files.exists(tmp.resolve("o")), "a failed command leaves no output directory");
    }

    /**
     * The path users take, on the shared Pythia data (skipped without it): a VAE trained on qcd_full_003, evaluated on
     * it with the 3.5 TeV signal; the leading-jet pT threshold and efficiency against the CSV files read here, with
     * the leading jet taken as the harder of the two (the files' j1 is not always the pT-leading jet).
     */
    @Test
    void pythiaLeadingPtThresholdMatchesTheCsv() throws IOException {
        Path qcd = TestData.shared("dijet_pythia/qcd_full_003.csv.gz");
        Path sig = TestData.shared("dijet_pythia/signal_3500_500_100_000.csv.gz");
        Path model = tmp.resolve("vae");
        Cli t = Cli.run("trigger", "train", "--model", "vae", "--data", qcd.toString(), "--epochs", "2", "-o",
                model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path out = tmp.resolve("eval");
        Cli e = Cli.run("trigger", "evaluate", "--model", model.toString(), "--background", qcd.toString(),
                "--signal", sig.toString(), "-o", out.toString());
        assertEquals(0, e.exitCode(), e.err());
        double[] bg = leadingPt(qcd);
        double[] s = leadingPt(sig);
        assertEquals(5000, bg.length);
        JsonNode doc = new ObjectMapper().readTree(out.resolve("trigger.json").toFile());
        JsonNode lead = doc.get("acceptances").get(0).get("methods").get("leadingJetPt");
        double[] sorted = bg.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[5000 - 1 - 50], lead.get("threshold").asDouble(), 1e-9 * sorted[0]);
        double th = lead.get("threshold").asDouble();
        assertEquals((double) Arrays.stream(s).filter(v -> v > th).count() / s.length,
                lead.get("signalEfficiency").get(0).get("efficiency").asDouble(), 1e-12);
        assertFalse(doc.get("acceptances").get(1).get("measurable").asBoolean(), "5 of 5,000 events: not measurable");
        assertTrue(e.out().contains("not measurable"), e.out());
    }

    private static double[] leadingPt(Path csvGz) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                csvGz)), StandardCharsets.UTF_8))) {
            java.util.List<String> head = Arrays.asList(r.readLine().split(","));
            int px1 = head.indexOf("pxj1");
            int py1 = head.indexOf("pyj1");
            int px2 = head.indexOf("pxj2");
            int py2 = head.indexOf("pyj2");
            return r.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).mapToDouble(f -> Math.max(
                    Math.hypot(Double.parseDouble(f[px1]), Double.parseDouble(f[py1])),
                    Math.hypot(Double.parseDouble(f[px2]), Double.parseDouble(f[py2])))).toArray();
        }
    }
}
