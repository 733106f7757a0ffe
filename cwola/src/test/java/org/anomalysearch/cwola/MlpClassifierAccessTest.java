package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.anomalysearch.core.event.EventBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public read-only view of a fitted MLP ensemble used by the FPGA hand-off. */
class MlpClassifierAccessTest {

    @TempDir
    Path dir;

    @Test
    void membersWeightsAndStandardisationReproduceTheScore() throws IOException {
        EventBatch sig = Toys.events(0, 800, 0, 1);
        EventBatch bkg = Toys.events(800, 0, 10_000, 2);
        MlpConfig cfg = MlpConfig.cathode().withHidden(8, 4).withEpochs(5, 3).withBatchSize(128).withSeed(3);
        MlpClassifier c = (MlpClassifier) new MlpTrainer(cfg).fit(TrainingSet.of(TrainingMode.SUPERVISED, sig, bkg,
                Toys.FEATURES));
        assertEquals(3, c.ensembleSize());
        assertEquals(3, c.layerCount(0));
        assertEquals(8, c.weight(0, 0).length, "[out][in]: 8 rows");
        assertEquals(4, c.weight(0, 0)[0].length, "[out][in]: 4 inputs");
        assertEquals(1, c.weight(0, 2).length);
        assertEquals(4, c.bias(0, 1).length);
        double[] vl = c.memberValidationLoss();
        int best = 0;
        for (int m = 1; m < vl.length; m++) {
            best = vl[m] < vl[best] ? m : best;
        }
        assertEquals(best, c.bestMember());
        double[][] x = TrainingSet.rows(Toys.events(200, 20, 50_000, 4), Toys.FEATURES, "test");
        double[] score = c.score(x);
        double[][] member = new double[3][];
        for (int m = 0; m < 3; m++) {
            member[m] = c.scoreMember(x, m);
        }
        double[] mean = c.inputMean();
        double[] std = c.inputStd();
        for (int e = 0; e < x.length; e++) {
            assertEquals(score[e], (member[0][e] + member[1][e] + member[2][e]) / 3, 1e-12);
            // an independent forward pass of member 1 from the accessors
            double[] a = new double[4];
            for (int i = 0; i < 4; i++) {
                a[i] = (x[e][i] - mean[i]) / std[i];
            }
            for (int k = 0; k < 3; k++) {
                float[][] w = c.weight(1, k);
                float[] b = c.bias(1, k);
                double[] o = new double[w.length];
                for (int j = 0; j < w.length; j++) {
                    o[j] = b[j];
                    for (int i = 0; i < a.length; i++) {
                        o[j] += w[j][i] * a[i];
                    }
                    o[j] = k < 2 ? Math.max(0, o[j]) : 1 / (1 + Math.exp(-o[j]));
                }
                a = o;
            }
            assertEquals(member[1][e], a[0], 1e-12);
        }
        c.save(dir);
        MlpClassifier back = (MlpClassifier) Classifiers.load(dir);
        assertArrayEquals(c.memberValidationLoss(), back.memberValidationLoss());
        assertArrayEquals(c.weight(2, 1)[3], back.weight(2, 1)[3]);
        c.weight(0, 0)[0][0] = 99f; // a copy
        assertEquals(back.weight(0, 0)[0][0], c.weight(0, 0)[0][0]);
        assertThrows(IllegalArgumentException.class, () -> c.weight(3, 0));
    }
}
