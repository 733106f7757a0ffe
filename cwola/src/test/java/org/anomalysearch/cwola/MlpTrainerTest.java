package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.metrics.RocCurve;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTrainerTest {

    // CWoLa toy: "data" = 3000 background + 300 signal (S/B 10 %), "sampled background" = 3000 background.
    static EventBatch data;
    static EventBatch sampled;
    static EventBatch test;
    static Classifier cwola;

    @BeforeAll
    static void train() {
        data = Toys.events(3000, 300, 0, 1);
        sampled = Toys.events(3000, 0, 1_000_000, 2);
        test = Toys.events(10000, 1000, 2_000_000, 3);
        cwola = new MlpTrainer(Toys.tiny(7)).fit(TrainingSet.cwola(data, sampled, Toys.FEATURES));
    }

    @Test
    void cwolaFindsAPlantedSignal() {
        double[] s = cwola.score(test);
        RocCurve roc = RocCurve.of(s, test.labels());
        double auc = roc.auc();
        double sic = roc.maxSic(25).sic();
        System.out.printf("planted-signal toy, CWoLa: AUC %.4f max SIC %.2f%n", auc, sic);
        // The ceiling on this toy: max SIC <= 1/sqrt(25/10000) = 20 (signal and background barely overlap). A
        // classifier that ignores the signal has AUC 0.5 and SIC ~ 1. Measured (seed 7): AUC 0.998, max SIC 14.1;
        // at S/B 5 % the same net reaches only SIC ~ 4.7, so the bounds below leave margin but not much slack.
        assertTrue(auc > 0.95, "AUC " + auc);
        assertTrue(sic > 8.0, "max SIC " + sic);
        assertEquals("CWOLA", cwola.provenance().get("mode"));
        assertEquals(5, cwola.provenance().get("ensembleEpochs").split(",").length);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherScores() {
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        double[] a = cwola.score(test);
        double[] b = new MlpTrainer(Toys.tiny(7)).fit(set).score(test);
        double[] c = new MlpTrainer(Toys.tiny(8)).fit(set).score(test);
        assertArrayEquals(a, b, 0.0, "same seed on CPU must give bit-identical scores");
        assertFalse(Arrays.equals(a, c), "another seed should give other scores");
    }

    @Test
    void saveLoadRoundTripChecksKindAndVersion(@TempDir Path dir) throws IOException {
        cwola.save(dir);
        Classifier back = Classifiers.load(dir);
        assertEquals(cwola.features(), back.features());
        assertEquals(cwola.provenance(), back.provenance());
        assertArrayEquals(cwola.score(test), back.score(test), 0.0);

        Path meta = dir.resolve(Classifiers.META_FILE);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        p.setProperty("formatVersion", "99");
        try (OutputStream out = Files.newOutputStream(meta)) {
            p.store(out, null);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Classifiers.load(dir));
        assertTrue(e.getMessage().contains("format version '99', expected 1"), e.getMessage());
        p.setProperty("kind", "bdt");
        try (OutputStream out = Files.newOutputStream(meta)) {
            p.store(out, null);
        }
        e = assertThrows(ModelFormatException.class, () -> Classifiers.load(dir));
        assertTrue(e.getMessage().contains("unknown classifier kind 'bdt'"), e.getMessage());
    }

    @Test
    void badInputsGiveClearErrors() {
        // a batch without one of the trained features
        EventBatch three = new EventBatch(new org.anomalysearch.core.event.FeatureSchema(
                Toys.SCHEMA.features().subList(0, 3)), test.ids(), test.labels(), test.weights(),
                Arrays.copyOf(test.columns(), 3));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> cwola.score(three));
        assertTrue(e.getMessage().contains("missing feature column(s) [f3]"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> cwola.score(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("has 3 values, expected 4"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> cwola.score(new double[][] {{1, 2, Double.NaN, 4}}));
        assertTrue(e.getMessage().contains("f2") && e.getMessage().contains("NaN"), e.getMessage());
        // training: NaN, empty class, mismatched feature sets
        EventBatch nan = Toys.withColumnValue(data, 1, 17, Double.NaN);
        e = assertThrows(InvalidInputException.class, () -> TrainingSet.cwola(nan, sampled, Toys.FEATURES));
        assertTrue(e.getMessage().contains("f1: row 17 is NaN"), e.getMessage());
        EventBatch empty = Toys.events(0, 0, 0, 1);
        e = assertThrows(InvalidInputException.class, () -> TrainingSet.cwola(data, empty, Toys.FEATURES));
        assertTrue(e.getMessage().contains("class 0 (sampled background) is empty"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> TrainingSet.supervised(Toys.events(100, 0, 0, 1), Toys.FEATURES));
        assertTrue(e.getMessage().contains("class 1 (signal) is empty"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TrainingSet.idealized(data, three, Toys.FEATURES));
        assertTrue(e.getMessage().contains("true background") && e.getMessage().contains("[f3]"), e.getMessage());
        // too few events of a class to hold out a validation part
        TrainingSet tiny = TrainingSet.cwola(Toys.events(1, 0, 0, 1), sampled, Toys.FEATURES);
        AnalysisException a = assertThrows(AnalysisException.class, () -> new MlpTrainer(Toys.tiny(1)).fit(tiny));
        assertTrue(a.getMessage().contains("too few"), a.getMessage());
    }

    @Test
    void modesOnlyDecideTheLabels() {
        TrainingSet ideal = TrainingSet.idealized(data, sampled, Toys.FEATURES);
        assertEquals(TrainingMode.IDEALIZED, ideal.mode());
        assertEquals(data.size(), ideal.count(1));
        assertEquals(sampled.size(), ideal.count(0));
        TrainingSet sup = TrainingSet.supervised(data, Toys.FEATURES);
        assertEquals(300, sup.count(1));
        assertEquals(3000, sup.count(0));
        TrainingSet sup2 = TrainingSet.of(TrainingMode.SUPERVISED, Toys.events(0, 50, 0, 4), sampled, Toys.FEATURES);
        assertEquals(50, sup2.count(1));
        assertEquals(List.of("f0", "f1", "f2", "f3"), sup2.features());
        // a supervised classifier on the same toy is at least as good as the CWoLa one
        double aucSup = ClassifierMetrics.auc(new MlpTrainer(Toys.tiny(7)).fit(
                TrainingSet.of(TrainingMode.SUPERVISED, Toys.events(0, 600, 5_000_000, 5), sampled, Toys.FEATURES))
                .score(test), test.labels());
        System.out.printf("planted-signal toy, supervised: AUC %.4f%n", aucSup);
        assertTrue(aucSup > 0.99, "supervised AUC " + aucSup);
    }

    @Test
    void ensembleSelectionRulesShareOneTraining() {
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        MlpConfig cfg = Toys.tiny(11).withEpochs(8, 3);
        var all = new MlpTrainer(cfg).fitSelections(set, 11, List.of(MlpConfig.EnsembleSelection.values()));
        // The default rule through fit() gives the same ensemble, bit for bit.
        double[] viaFit = new MlpTrainer(cfg).fit(set, 11).score(test);
        assertArrayEquals(viaFit, all.get(MlpConfig.EnsembleSelection.LOWEST_VALIDATION_LOSS).score(test));
        assertEquals("6,7,8", all.get(MlpConfig.EnsembleSelection.LAST_EPOCHS).provenance().get("ensembleEpochs"));
        // Best window: 3 consecutive epochs whose mean validation loss is the smallest of all windows.
        String[] hist = all.get(MlpConfig.EnsembleSelection.BEST_WINDOW).provenance().get("lossHistory").split(";");
        double[] val = Arrays.stream(hist).mapToDouble(h -> Double.parseDouble(h.split("/")[1])).toArray();
        int best = 0;
        for (int s = 1; s + 3 <= val.length; s++) {
            if (val[s] + val[s + 1] + val[s + 2] < val[best] + val[best + 1] + val[best + 2]) {
                best = s;
            }
        }
        assertEquals((best + 1) + "," + (best + 2) + "," + (best + 3),
                all.get(MlpConfig.EnsembleSelection.BEST_WINDOW).provenance().get("ensembleEpochs"));
        assertEquals("BEST_WINDOW",
                all.get(MlpConfig.EnsembleSelection.BEST_WINDOW).provenance().get("config.selection"));
    }

    @Test
    void cosineScheduleStartsAtTheBaseRateAndDecaysPerEpoch() {
        MlpConfig.LearningRateSchedule cos = MlpConfig.LearningRateSchedule.COSINE;
        assertEquals(1.0, cos.factor(0, 5), 1e-15);
        assertEquals(0.01 + 0.99 * 0.5, cos.factor(2, 5), 1e-15, "half way: cos(pi/2) = 0");
        assertEquals(0.01, cos.factor(4, 5), 1e-15);
        assertEquals(1.0, MlpConfig.LearningRateSchedule.CONSTANT.factor(4, 5), 0.0);
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        MlpConfig cfg = Toys.tiny(13).withEpochs(4, 2);
        Classifier constant = new MlpTrainer(cfg).fit(set);
        Classifier cosine = new MlpTrainer(cfg.withLearningRateSchedule(cos)).fit(set);
        String[] a = constant.provenance().get("lossHistory").split(";");
        String[] b = cosine.provenance().get("lossHistory").split(";");
        // Epoch 1 runs at the base rate under both schedules (same seed: same epoch), later epochs do not.
        assertEquals(a[0], b[0]);
        assertFalse(a[1].equals(b[1]), "epoch 2 must run at a lower rate: " + a[1] + " vs " + b[1]);
        assertEquals("COSINE", cosine.provenance().get("config.schedule"));
        assertEquals("CONSTANT", constant.provenance().get("config.schedule"));
    }

    @Test
    void earlyStoppingWaitsForTheSmoothedLossToStopFalling() {
        // window 2, means from epoch 2 on: 0.95, 0.85, 0.75 (epoch 4, the minimum), 0.8, 0.85 -> patience 2 stops after epoch 6
        MlpTrainer.EarlyStopping es = new MlpTrainer.EarlyStopping(2, 2);
        double[] losses = {1.0, 0.9, 0.8, 0.7, 0.9, 0.8, 0.9};
        int stoppedAt = -1;
        for (int e = 0; e < losses.length && stoppedAt < 0; e++) {
            if (es.stop(losses[e])) {
                stoppedAt = e + 1;
            }
        }
        assertEquals(6, stoppedAt, "smoothed minimum 0.75 at epoch 4 (0.8, 0.7); epochs 5 and 6 do not beat it");
        // a single noisy dip does not reset a window-3 smoothing: 1, 0.5, 1, 1, 1 has window means 0.833 (min), 0.833, 1
        MlpTrainer.EarlyStopping w3 = new MlpTrainer.EarlyStopping(2, 3);
        assertFalse(w3.stop(1.0));
        assertFalse(w3.stop(0.5));
        assertFalse(w3.stop(1.0));
        assertFalse(w3.stop(1.0));
        assertTrue(w3.stop(1.0));
        // patience 0 never stops
        MlpTrainer.EarlyStopping off = new MlpTrainer.EarlyStopping(0, 1);
        for (int e = 0; e < 50; e++) {
            assertFalse(off.stop(1.0 + e));
        }
    }

    @Test
    void earlyStoppedTrainingEndsWhereTheRuleSays() {
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        MlpConfig cfg = Toys.tiny(17).withEpochs(40, 2).withEarlyStopping(2, 3)
                .withSelection(MlpConfig.EnsembleSelection.BEST_WINDOW);
        Classifier c = new MlpTrainer(cfg).fit(set);
        String[] hist = c.provenance().get("lossHistory").split(";");
        int trained = Integer.parseInt(c.provenance().get("epochsTrained"));
        assertEquals(hist.length, trained);
        // replaying the validation losses through the rule stops exactly at the last trained epoch (or never)
        MlpTrainer.EarlyStopping es = new MlpTrainer.EarlyStopping(2, 3);
        for (int e = 0; e < trained; e++) {
            boolean stop = es.stop(Double.parseDouble(hist[e].split("/")[1]));
            assertEquals(e == trained - 1 && trained < 40, stop, "epoch " + (e + 1));
        }
        assertEquals("2", c.provenance().get("config.patience"));
        assertEquals("3", c.provenance().get("config.smoothing"));
        assertArrayEquals(c.score(test), new MlpTrainer(cfg).fit(set).score(test), 0.0, "same seed, same scores");
    }

    @Test
    void whiteningDecorrelatesAndIsFoldedIntoTheFirstLayer() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[][] x = new double[4000][3];
        for (double[] r : x) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            r[0] = 10 + 3 * a;
            r[1] = -2 + 0.5 * a + 0.2 * b; // strongly correlated with r[0]
            r[2] = rng.nextGaussian() * 7;
        }
        int[] rows = java.util.stream.IntStream.range(0, x.length).toArray();
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            for (double[] r : x) {
                mean[c] += r[c] / x.length;
            }
            for (double[] r : x) {
                std[c] += (r[c] - mean[c]) * (r[c] - mean[c]) / x.length;
            }
            std[c] = Math.sqrt(std[c]);
        }
        double[][] m = MlpTrainer.zcaWhitening(x, rows, mean, std);
        double[][] cov = new double[3][3];
        for (double[] r : x) {
            double[] w = new double[3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    w[a] += m[a][b] * (r[b] - mean[b]) / std[b];
                }
            }
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    cov[a][b] += w[a] * w[b] / x.length;
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(a == b ? 1.0 : 0.0, cov[a][b], 1e-5, "covariance of the whitened rows [" + a + "][" + b + "]");
            }
        }
        // ZCA is symmetric
        assertEquals(m[0][1], m[1][0], 1e-12);
        // folding: the first layer applied to M s equals the folded layer applied to s
        float[] w = {0.3f, -1.2f, 0.7f, 2.0f, 0.1f, -0.4f};
        MlpClassifier.Layer first = new MlpClassifier.Layer(3, 2, w, new float[] {0.5f, -0.25f});
        MlpClassifier.Layer folded = MlpTrainer.foldIntoFirstLayer(List.of(first), m).get(0);
        double[] s = {0.8, -1.5, 0.3};
        for (int o = 0; o < 2; o++) {
            double direct = first.b()[o];
            double viaFold = folded.b()[o];
            for (int i = 0; i < 3; i++) {
                double ms = 0;
                for (int j = 0; j < 3; j++) {
                    ms += m[i][j] * s[j];
                }
                direct += w[o * 3 + i] * ms;
                viaFold += folded.w()[o * 3 + i] * s[i];
            }
            assertEquals(direct, viaFold, 1e-5, "output " + o);
        }
    }

    @Test
    void dropoutAndWhiteningTrainReproduciblyAndStillFindTheSignal() {
        TrainingSet set = TrainingSet.cwola(data, sampled, Toys.FEATURES);
        MlpConfig cfg = Toys.tiny(7).withDropout(0.1).withWhitening(true);
        double[] a = new MlpTrainer(cfg).fit(set).score(test);
        double[] b = new MlpTrainer(cfg).fit(set).score(test);
        assertArrayEquals(a, b, 0.0, "same seed, same scores with dropout");
        assertFalse(Arrays.equals(a, cwola.score(test)), "dropout and whitening change the network");
        double auc = ClassifierMetrics.auc(a, test.labels());
        assertTrue(auc > 0.95, "AUC " + auc);
    }

    @Test
    void presetsAreNamedAndCheckedAndRecordedInTheProvenance() {
        assertEquals(MlpConfig.cathode(), MlpConfig.preset("cathode"));
        assertEquals(MlpConfig.defaults(), MlpConfig.preset("default"));
        var e = assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> MlpConfig.preset("cathod"));
        assertTrue(e.userMessage().contains("valid presets: [default, cathode]"), e.userMessage());
        assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> MlpConfig.cathode().withDropout(1.0));
        assertThrows(org.anomalysearch.core.InvalidConfigException.class,
                () -> MlpConfig.cathode().withEarlyStopping(-1, 1));
        assertThrows(org.anomalysearch.core.InvalidConfigException.class,
                () -> MlpConfig.cathode().withEarlyStopping(5, 0));
        assertEquals("0.1", MlpConfig.cathode().withDropout(0.1).toMap().get("dropout"));
    }
}
