package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.metrics.RocCurve;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.fpga.qat.FakeQuant;
import org.anomalysearch.fpga.qat.MagnitudePruning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantization-aware training and pruning of the MLP on the planted-signal toy (supervised, a few epochs). */
class MlpCompressionTest {

    static final String QAT = "fixed<8,3,RND,SAT>";
    static TrainingSet set;
    static EventBatch test;

    @BeforeAll
    static void data() {
        set = TrainingSet.supervised(Toys.events(2000, 600, 0, 1), Toys.FEATURES);
        test = Toys.events(3000, 1000, 1_000_000, 3);
    }

    static MlpConfig config(Compression c, long seed) {
        return MlpConfig.cathode().withHidden(8, 8).withEpochs(4, 2).withSeed(seed).withCompression(c);
    }

    static Compression compression(String qat, double prune, int finetune) {
        return Compression.of(qat, prune, finetune, "classifier.qat", "classifier.prune", "classifier.finetuneEpochs");
    }

    static boolean allOnGrid(MlpClassifier m, FakeQuant fq) {
        for (int e = 0; e < m.ensembleSize(); e++) {
            for (int l = 0; l < m.layerCount(e); l++) {
                for (float[] row : m.weight(e, l)) {
                    for (float v : row) {
                        if (!fq.onGrid(v)) {
                            return false;
                        }
                    }
                }
                for (float v : m.bias(e, l)) {
                    if (!fq.onGrid(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static float[] flat(float[][] w) {
        float[] out = new float[w.length * w[0].length];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, out, i * w[0].length, w[0].length);
        }
        return out;
    }

    @Test
    void qatMembersLieOnTheGridDeterministicallyAndStillSeparate() {
        FakeQuant fq = FakeQuant.of(FixedType.parse(QAT));
        MlpClassifier a = (MlpClassifier) new MlpTrainer(config(compression(QAT, 0, 0), 5)).fit(set);
        MlpClassifier b = (MlpClassifier) new MlpTrainer(config(compression(QAT, 0, 0), 5)).fit(set);
        MlpClassifier plain = (MlpClassifier) new MlpTrainer(config(Compression.NONE, 5)).fit(set);
        assertTrue(allOnGrid(a, fq), "every member's weights and biases are values of " + QAT);
        assertFalse(allOnGrid(plain, fq), "float training does not land on the grid (the check can fail)");
        assertArrayEquals(a.score(test), b.score(test), 0.0, "same seed, same quantized network");
        assertEquals(QAT, a.provenance().get("config.qat"));
        double auc = RocCurve.of(a.score(test), test.labels()).auc();
        double aucPlain = RocCurve.of(plain.score(test), test.labels()).auc();
        System.out.printf("QAT %s AUC %.4f, float AUC %.4f%n", QAT, auc, aucPlain);
        assertTrue(auc > 0.9, "the quantized network still learns the planted signal: AUC " + auc);
    }

    @Test
    void pruningReachesTheSparsityInEveryMemberAndZerosSurviveSaving(@TempDir Path dir) throws IOException {
        MlpClassifier m = (MlpClassifier) new MlpTrainer(config(compression(null, 0.5, 3), 6)).fit(set);
        for (int e = 0; e < m.ensembleSize(); e++) {
            assertTrue(m.memberEpochs()[e] > 4, "members come from the fine-tuning epochs: " + m.memberEpochs()[e]);
            for (int l = 0; l < m.layerCount(e); l++) {
                float[] w = flat(m.weight(e, l));
                assertEquals(MagnitudePruning.prunedCount(w.length, 0.5), MagnitudePruning.zeros(w),
                        "member " + e + ", layer " + l);
            }
        }
        assertEquals("0.5000 (16/32),0.5000 (32/64),0.5000 (4/8)",
                m.provenance().get("weightSparsity").split(";")[0]);
        assertEquals("7", m.provenance().get("epochsTrained"));
        m.save(dir);
        MlpClassifier back = (MlpClassifier) Classifiers.load(dir);
        for (int l = 0; l < m.layerCount(0); l++) {
            assertArrayEquals(flat(m.weight(0, l)), flat(back.weight(0, l)));
        }
        MlpClassifier both = (MlpClassifier) new MlpTrainer(config(compression(QAT, 0.75, 2), 6)).fit(set);
        assertTrue(allOnGrid(both, FakeQuant.of(FixedType.parse(QAT))));
        for (int l = 0; l < both.layerCount(0); l++) {
            float[] w = flat(both.weight(0, l));
            assertTrue(MagnitudePruning.zeros(w) >= MagnitudePruning.prunedCount(w.length, 0.75));
        }
    }

    @Test
    void badCombinationsAreRefusedWithTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> config(compression(QAT, 0, 0), 1).withWhitening(true));
        assertEquals("classifier.qat", e.key());
        e = assertThrows(InvalidConfigException.class, () -> config(compression(null, 0.5, 1), 1));
        assertEquals("classifier.finetuneEpochs", e.key());
        assertTrue(e.getMessage().contains("fewer than the ensemble size 2"), e.getMessage());
    }
}
