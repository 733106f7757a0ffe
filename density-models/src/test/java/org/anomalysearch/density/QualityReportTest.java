package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.stats.TwoSample;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    @Test
    void aucIsMannWhitneyWithMidRanks() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        assertEquals(0.75, TwoSampleClassifier.auc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1}), 1e-12);
        // ties count one half: roc_auc_score([1, 0, 1, 0], [0.5, 0.5, 0.7, 0.2]) = 0.875
        assertEquals(0.875, TwoSampleClassifier.auc(new float[] {0.5f, 0.5f, 0.7f, 0.2f}, new float[] {1, 0, 1, 0}), 1e-12);
    }

    static double[][] gauss(int n, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian() + shift, r.nextGaussian()};
        }
        return x;
    }

    @Test
    void classifierTestSeesShiftsAndNotIdenticalDistributions() {
        TwoSampleClassifier c = new TwoSampleClassifier(new int[] {16, 16}, 10, 128, 1e-3);
        double same = c.auc(gauss(2000, 0, 1), gauss(2000, 0, 2), 3);
        // optimal AUC for a unit shift of one unit-variance coordinate: Phi(1 / sqrt(2)) = 0.7602
        double shifted = c.auc(gauss(2000, 1, 1), gauss(2000, 0, 2), 3);
        assertEquals(0.5, same, 0.04, "identical distributions");
        assertEquals(0.760, shifted, 0.04, "unit shift");
        assertEquals(same, c.auc(gauss(2000, 0, 1), gauss(2000, 0, 2), 3), 0.0, "seeded");
    }

    @Test
    void reportCarriesHistogramsDistancesAndJson() {
        double[][] a = gauss(3000, 0, 4);
        double[][] b = gauss(3000, 0.5, 5);
        QualityReport r = QualityReport.compare(List.of("u", "v"), a, b, null, 1);
        assertEquals(2, r.features().size());
        QualityReport.FeatureComparison u = r.features().get(0);
        assertEquals(TwoSample.ks(QualityReport.column(a, 0), QualityReport.column(b, 0)), u.ks(), 0.0);
        assertEquals(0.5, u.wasserstein1(), 0.08);
        double area = 0;
        for (int i = 0; i < QualityReport.BINS; i++) {
            area += u.dataDensity()[i] * (u.edges()[i + 1] - u.edges()[i]);
        }
        assertEquals(0.99, area, 0.005, "0.5-99.5 % range holds 99 % of the data");
        assertTrue(r.toJson().contains("\"wasserstein1\""));
        assertTrue(Double.isNaN(r.twoSampleAuc()));
    }
}
