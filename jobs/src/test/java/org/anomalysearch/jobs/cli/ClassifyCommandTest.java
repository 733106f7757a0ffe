package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.ClassifierDirectory;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.io.EventSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classify train|score|evaluate} in-process on toys written by {@code generate} (the planted resonance
 * A(3500) -> B(500) C(100) on the smooth background), with tiny trainings; and the up-front validation of bad
 * inputs.
 */
class ClassifyCommandTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path background;
    static Path test;

    @BeforeAll
    static void toys() {
        data = dir.resolve("data.parquet");
        background = dir.resolve("bg.parquet");
        test = dir.resolve("test.parquet");
        assertEquals(0, Cli.run("generate", "-o", data.toString(), "--background", "1000", "--signal", "200",
                "--seed", "1").exitCode());
        assertEquals(0, Cli.run("generate", "-o", background.toString(), "--background", "1000", "--seed", "2")
                .exitCode());
        assertEquals(0, Cli.run("generate", "-o", test.toString(), "--background", "800", "--signal", "160",
                "--seed", "3").exitCode());
    }

    private static double auc(Cli r) {
        Matcher m = Pattern.compile("AUC (\\d\\.\\d+) \\+- ").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void supervisedMlpWithFoldsTrainsScoresAndEvaluates() throws IOException {
        Path model = dir.resolve("mlp");
        Cli t = Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--model", "mlp",
                "--folds", "2", "--epochs", "3", "--seed", "7", "-o", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.err().contains("fold 1/2: epoch 1/3: loss") && t.err().contains("fold 2/2: epoch 3/3"), t.err());
        List<String> oof = Files.readAllLines(model.resolve("oof_scores.csv"));
        assertEquals("event_id,class,fold,score", oof.get(0));
        assertEquals(1200 + 1, oof.size());

        Path scores = dir.resolve("mlp-scores.csv");
        Cli s = Cli.run("classify", "score", "--model", model.toString(), "--input", test.toString(), "-o",
                scores.toString());
        assertEquals(0, s.exitCode(), s.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("event_id,score", lines.get(0));
        assertEquals(960 + 1, lines.size());

        Path out = dir.resolve("mlp-eval");
        Cli e = Cli.run("classify", "evaluate", "--scores", scores.toString(), "--labels", test.toString(), "-o",
                out.toString(), "--bootstrap", "50");
        assertEquals(0, e.exitCode(), e.err());
        // The planted resonance is far from the background in mj1 and dmj: even 3 epochs separate it well.
        assertTrue(auc(e) > 0.9, e.out());
        String json = Files.readString(out.resolve("metrics.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"maxSic\"") && json.contains("\"minBackground\": 25")
                && json.contains("\"rejection\""), json.substring(0, Math.min(600, json.length())));
        for (String f : List.of("roc.png", "roc.svg", "sic.png", "sic.svg", "sic_rejection.png", "sic_rejection.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
    }

    @Test
    void idealizedHgbFindsThePlantedSignal() throws IOException {
        Path model = dir.resolve("hgb");
        Cli t = Cli.run("classify", "train", "--mode", "idealized", "--data", data.toString(), "--background",
                background.toString(), "--model", "hgb", "-o", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path scores = dir.resolve("hgb-scores.csv");
        assertEquals(0, Cli.run("classify", "score", "--model", model.toString(), "--input", test.toString(), "-o",
                scores.toString()).exitCode());
        Cli e = Cli.run("classify", "evaluate", "--scores", scores.toString(), "--labels", test.toString(), "-o",
                dir.resolve("hgb-eval").toString(), "--bootstrap", "20");
        assertEquals(0, e.exitCode(), e.err());
        // Signal is 1/6 of the data; data vs background learns it without labels. AUC 0.5 = nothing learnt.
        assertTrue(auc(e) > 0.8, e.out());
    }

    @Test
    void scoreSelectsTheTopFractionPerMjjBin() throws IOException {
        Path model = dir.resolve("hgb-top");
        assertEquals(0, Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--model",
                "hgb", "-o", model.toString()).exitCode());
        Path scores = dir.resolve("top-scores.csv");
        double[] edges = {2000, 3000, 3400, 3600, 4000, 5000};
        Cli s = Cli.run("classify", "score", "--model", model.toString(), "--input", test.toString(), "-o",
                scores.toString(), "--top", "0.1", "--mjj-bins", "2000,3000,3400,3600,4000,5000");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("selected the top 0.1"), s.out());

        // Independent check: mjj from the event table, scores from the CSV; per bin, round(0.1 n) events whose
        // scores are >= every unselected score of the bin.
        org.anomalysearch.core.event.EventBatch b;
        try (org.anomalysearch.io.EventSource src = org.anomalysearch.io.EventSource.open(test)) {
            b = src.readAll();
        }
        java.util.Map<Long, Double> mjj = new java.util.HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            mjj.put(b.ids()[i], b.column("mjj")[i]);
        }
        java.util.Map<Long, Double> score = new java.util.HashMap<>();
        for (String l : Files.readAllLines(scores).subList(1, 961)) {
            score.put(Long.parseLong(l.split(",")[0]), Double.parseDouble(l.split(",")[1]));
        }
        java.util.Set<Long> selected = new java.util.HashSet<>();
        List<String> sel = Files.readAllLines(dir.resolve("top-scores_top.csv"));
        assertEquals("event_id,mjj,score,bin", sel.get(0));
        for (String l : sel.subList(1, sel.size())) {
            String[] c = l.split(",");
            long id = Long.parseLong(c[0]);
            assertTrue(selected.add(id));
            assertEquals(mjj.get(id), Double.parseDouble(c[1]), 0.0);
            assertEquals(score.get(id), Double.parseDouble(c[2]), 0.0);
        }
        List<String> bins = Files.readAllLines(dir.resolve("top-scores_top_bins.csv"));
        assertEquals("bin,mjj_lo,mjj_hi,events,selected,threshold", bins.get(0));
        assertEquals(edges.length, bins.size(), "one line per bin");
        int total = 0;
        for (int g = 0; g + 1 < edges.length; g++) {
            int n = 0;
            int k = 0;
            double minSel = Double.POSITIVE_INFINITY;
            double maxRest = Double.NEGATIVE_INFINITY;
            for (Long id : mjj.keySet()) {
                double m = mjj.get(id);
                if (m >= edges[g] && (m < edges[g + 1] || (g + 2 == edges.length && m == edges[g + 1]))) {
                    n++;
                    if (selected.contains(id)) {
                        k++;
                        minSel = Math.min(minSel, score.get(id));
                    } else {
                        maxRest = Math.max(maxRest, score.get(id));
                    }
                }
            }
            assertTrue(n > 20, "bin " + g + " holds " + n + " test events");
            assertEquals(Math.round(0.1 * n), k, "bin " + g);
            assertTrue(minSel >= maxRest, "bin " + g + ": a selected score is below an unselected one");
            String[] c = bins.get(g + 1).split(",");
            assertEquals(n, Integer.parseInt(c[3]));
            assertEquals(k, Integer.parseInt(c[4]));
            assertEquals(minSel, Double.parseDouble(c[5]), 0.0);
            total += k;
        }
        assertEquals(total, selected.size(), "events outside the bins are not selected");

        // Without bins: one group, round(0.1 * 960) = 96 events.
        assertEquals(0, Cli.run("classify", "score", "--model", model.toString(), "--input", test.toString(), "-o",
                scores.toString(), "--top", "0.1", "--overwrite").exitCode());
        assertEquals(96 + 1, Files.readAllLines(dir.resolve("top-scores_top.csv")).size());

        String o = dir.resolve("never.csv").toString();
        String line = failsWithOneLine(2, "classify", "score", "--model", model.toString(), "--input",
                test.toString(), "-o", o, "--mjj-bins", "3000,4000");
        assertTrue(line.contains("--top"), line);
        line = failsWithOneLine(2, "classify", "score", "--model", model.toString(), "--input", test.toString(),
                "-o", o, "--top", "1.5");
        assertTrue(line.contains("(0, 1]"), line);
        line = failsWithOneLine(2, "classify", "score", "--model", model.toString(), "--input", test.toString(),
                "-o", o, "--top", "0.1", "--mjj-bins", "4000,3000");
        assertTrue(line.contains("increasing"), line);
        line = failsWithOneLine(1, "classify", "score", "--model", model.toString(), "--input", test.toString(),
                "-o", scores.toString(), "--top", "0.1");
        assertTrue(line.contains("already exists"), line);
        // Scoring events that lack a feature of the model (mismatched feature sets).
        Path narrow = dir.resolve("narrow-model");
        assertEquals(0, Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--model",
                "hgb", "--features", "mj1,dmj,tau32_j1", "-o", narrow.toString()).exitCode());
        Path csv = dir.resolve("no-tau32.csv");
        assertEquals(0, Cli.run("convert", test.toString(), "-o", csv.toString()).exitCode());
        List<String> rows = Files.readAllLines(csv);
        int col = Arrays.asList(rows.get(0).split(",")).indexOf("tau32_j1");
        assertTrue(col >= 0, rows.get(0));
        List<String> cut = new ArrayList<>();
        for (String r : rows) {
            List<String> cells = new ArrayList<>(Arrays.asList(r.split(",", -1)));
            cells.remove(col);
            cut.add(String.join(",", cells));
        }
        Files.write(csv, cut);
        line = failsWithOneLine(1, "classify", "score", "--model", narrow.toString(), "--input", csv.toString(),
                "-o", o);
        assertTrue(line.contains("tau32_j1") && line.contains("missing"), line);
    }

    private static String failsWithOneLine(int code, String... args) {
        Cli r = Cli.run(args);
        assertEquals(code, r.exitCode(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.err());
        return lines.get(0);
    }

    @Test
    void badInputsFailBeforeTraining() throws IOException {
        String o = dir.resolve("never").toString();
        String line = failsWithOneLine(1, "classify", "train", "--mode", "supervised", "--data",
                dir.resolve("missing.parquet").toString(), "-o", o);
        assertTrue(line.contains("missing.parquet") && line.contains("no such file"), line);

        line = failsWithOneLine(1, "classify", "train", "--mode", "supervised", "--data", data.toString(),
                "--features", "mj1,nosuch", "-o", o);
        assertTrue(line.contains("nosuch"), line);

        line = failsWithOneLine(1, "classify", "train", "--mode", "supervised", "--data", background.toString(),
                "-o", o);
        assertTrue(line.contains("empty"), line);

        line = failsWithOneLine(2, "classify", "train", "--mode", "cwola", "--data", data.toString(), "-o", o);
        assertTrue(line.contains("--background"), line);

        line = failsWithOneLine(2, "classify", "train", "--mode", "idealized", "--data", data.toString(),
                "--background", background.toString(), "--model", "hgb", "--epochs", "3", "-o", o);
        assertTrue(line.contains("--epochs"), line);

        // A NaN feature in a CSV event table.
        Path csv = dir.resolve("nan.csv");
        assertEquals(0, Cli.run("convert", background.toString(), "-o", csv.toString()).exitCode());
        List<String> rows = new ArrayList<>(Files.readAllLines(csv));
        int col = Arrays.asList(rows.get(0).split(",")).indexOf("mj1");
        assertTrue(col >= 0, rows.get(0));
        String[] cells = rows.get(5).split(",", -1);
        cells[col] = "NaN";
        rows.set(5, String.join(",", cells));
        Files.write(csv, rows);
        line = failsWithOneLine(1, "classify", "train", "--mode", "idealized", "--data", data.toString(),
                "--background", csv.toString(), "-o", o);
        assertTrue(line.contains("mj1") && line.toLowerCase().contains("nan"), line);
        assertTrue(Files.notExists(dir.resolve("never")), "nothing is written when validation fails");

        // Scores of events the label file does not hold.
        Path scores = dir.resolve("alien.csv");
        Files.writeString(scores, "event_id,score\n999999,0.5\n");
        line = failsWithOneLine(1, "classify", "evaluate", "--scores", scores.toString(), "--labels", test.toString(),
                "-o", dir.resolve("e").toString());
        assertTrue(line.contains("999999"), line);

        line = failsWithOneLine(1, "classify", "score", "--model", dir.resolve("nomodel").toString(), "--input",
                test.toString(), "-o", dir.resolve("s.csv").toString());
        assertTrue(line.contains("nomodel"), line);
    }

    /** --ensemble N: the same seed gives the same scores, the N members differ, the score is their mean. */
    @Test
    void ensembleMembersDifferAndTheirMeanIsTheScore() throws IOException {
        for (String kind : List.of("hgb", "mlp")) {
        for (String folds : List.of("1", "2")) {
            Path a = dir.resolve("ens-a-" + kind + folds);
            Path b = dir.resolve("ens-b-" + kind + folds);
            for (Path m : List.of(a, b)) {
                List<String> args = new ArrayList<>(List.of("classify", "train", "--mode", "idealized", "--data",
                        data.toString(), "--background", background.toString(), "--model", kind, "--folds", folds,
                        "--ensemble", "3", "--seed", "5", "-o", m.toString()));
                if (kind.equals("mlp")) {
                    args.addAll(List.of("--epochs", "2"));
                }
                Cli t = Cli.run(args.toArray(String[]::new));
                assertEquals(0, t.exitCode(), t.err());
            }
            List<Classifier> members = ClassifierDirectory.load(a);
            assertEquals(3 * Integer.parseInt(folds), members.size(), "N members per fold");
            assertTrue(Files.readString(a.resolve("classify.properties")).contains("ensemble=3"), "recorded");
            Path sa = dir.resolve("ens-a-" + kind + folds + ".csv");
            Path sb = dir.resolve("ens-b-" + kind + folds + ".csv");
            assertEquals(0, Cli.run("classify", "score", "--model", a.toString(), "--input", test.toString(), "-o",
                    sa.toString()).exitCode());
            assertEquals(0, Cli.run("classify", "score", "--model", b.toString(), "--input", test.toString(), "-o",
                    sb.toString()).exitCode());
            assertEquals(Files.readAllLines(sa), Files.readAllLines(sb), "same seed, same scores");

            double[][] x = TrainingSet.rows(ClassifyCommand.read(test, "--input"),
                    List.of("mj1", "dmj", "tau21_j1", "tau21_j2"), "test");
            double[][] member = new double[members.size()][];
            for (int i = 0; i < member.length; i++) {
                member[i] = members.get(i).score(x);
            }
            int step = Integer.parseInt(folds);
            for (int r = 1; r < 3; r++) {
                assertFalse(Arrays.equals(member[0], member[r * step]), "members trained with other seeds differ");
            }
            List<String> lines = Files.readAllLines(sa);
            for (int e = 0; e < x.length; e++) {
                double mean = 0;
                for (double[] m : member) {
                    mean += m[e] / member.length;
                }
                assertEquals(mean, Double.parseDouble(lines.get(e + 1).split(",")[1]), 1e-12, "event " + e);
            }
        }
        }
    }

    @Test
    void mlpPresetsAreNamedCheckedAndRecorded() throws IOException {
        Path model = dir.resolve("preset-cathode");
        Cli t = Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--preset", "cathode",
                "--epochs", "2", "-o", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(Files.readString(model.resolve("classify.properties")).contains("preset=cathode"));
        Cli d = Cli.run("classify", "train", "--mode", "supervised", "--data", data.toString(), "--epochs", "2",
                "-o", dir.resolve("preset-default").toString());
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(Files.readString(dir.resolve("preset-default/classify.properties")).contains("preset=default"));
        String line = failsWithOneLine(2, "classify", "train", "--mode", "supervised", "--data", data.toString(),
                "--preset", "cathod", "-o", dir.resolve("never").toString());
        assertTrue(line.contains("--preset must be one of default, cathode, got 'cathod'"), line);
        line = failsWithOneLine(2, "classify", "train", "--mode", "supervised", "--data", data.toString(),
                "--model", "hgb", "--preset", "cathode", "-o", dir.resolve("never").toString());
        assertTrue(line.contains("--preset applies to --model mlp only"), line);
    }

    /** A "background" file with signal-labelled events: a warning naming them, or --drop-signal-labels drops them. */
    @Test
    void signalLabelsInTheBackgroundAreNamedOrDropped() {
        Cli kept = Cli.run("classify", "train", "--mode", "idealized", "--data", test.toString(), "--background",
                data.toString(), "--model", "hgb", "-o", dir.resolve("labelled-kept").toString());
        assertEquals(0, kept.exitCode(), kept.err());
        assertTrue(kept.err().contains("warning: --background " + data + " holds 200 signal-labelled events (label 1) "
                + "of 1,200"), kept.err());
        assertTrue(kept.err().contains("1200 class 0 events"), kept.err());
        Cli dropped = Cli.run("classify", "train", "--mode", "idealized", "--data", test.toString(), "--background",
                data.toString(), "--model", "hgb", "--drop-signal-labels", "-o",
                dir.resolve("labelled-dropped").toString());
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertTrue(dropped.err().contains("dropped 200 signal-labelled events (label 1)"), dropped.err());
        assertTrue(dropped.err().contains("1000 class 0 events"), dropped.err());
        assertFalse(dropped.err().contains("warning"), dropped.err());
        Cli clean = Cli.run("classify", "train", "--mode", "idealized", "--data", test.toString(), "--background",
                background.toString(), "--model", "hgb", "-o", dir.resolve("labelled-clean").toString());
        assertFalse(clean.err().contains("signal-labelled"), "a background without signal labels: no word");
    }

    /**
     * A CWoLa set-up whose classes cover different mjj ranges (data of the whole spectrum against background of the
     * signal region only) is refused before training, naming both ranges and the cut that fixes it; cut both to the
     * signal region with convert --mjj-range and it trains.
     */
    @Test
    void classesOverDifferentMjjRangesAreRefusedBeforeTraining() throws IOException {
        Path bgSr = dir.resolve("bg-sr.parquet");
        Path dataSr = dir.resolve("data-sr.parquet");
        assertEquals(0, Cli.run("convert", background.toString(), "-o", bgSr.toString(), "--mjj-range", "3300,3700")
                .exitCode());
        assertEquals(0, Cli.run("convert", data.toString(), "-o", dataSr.toString(), "--mjj-range", "3300,3700")
                .exitCode());
        Path model = dir.resolve("mismatch");
        Cli r = Cli.run("classify", "train", "--mode", "cwola", "--data", data.toString(), "--background",
                bgSr.toString(), "--model", "hgb", "-o", model.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        String line = r.errorLines().get(0);
        // the ranges the message names, computed here from the files
        double[] d;
        double[] b;
        try (EventSource s = EventSource.open(data)) {
            d = s.readAll().column("mjj");
        }
        try (EventSource s = EventSource.open(bgSr)) {
            b = s.readAll().column("mjj");
        }
        Arrays.sort(d);
        Arrays.sort(b);
        String dRange = String.format(Locale.ROOT, "%.0f-%.0f GeV", quantile(d, 0.01), quantile(d, 0.99));
        String bRange = String.format(Locale.ROOT, "%.0f-%.0f GeV", quantile(b, 0.01), quantile(b, 0.99));
        assertTrue(line.contains("--data " + data + " spans " + dRange + ", --background " + bgSr + " spans " + bRange),
                line);
        assertTrue(line.contains("convert FILE --mjj-range 3300,3700"), line);
        assertFalse(r.err().contains("training on"), "refused before training");
        assertFalse(Files.exists(model), "no model directory");

        Cli ok = Cli.run("classify", "train", "--mode", "cwola", "--data", dataSr.toString(), "--background",
                bgSr.toString(), "--model", "hgb", "-o", dir.resolve("sr-model").toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /** numpy's default (linear) quantile of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
