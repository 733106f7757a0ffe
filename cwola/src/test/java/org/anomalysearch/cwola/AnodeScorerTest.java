package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.density.FlowTrainer;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.VaeConfig;
import org.anomalysearch.density.VaeTrainer;
import org.junit.jupiter.api.Test;

/**
 * ANODE on a planted-signal toy: background x ~ N((m, -m), 1) (mean moving with the conditioning m in [0, 1]); in
 * the SR (0.4 <= m < 0.6) 5 % of the events are a narrow signal at (2.5, 2.5). The sideband flow and the k-fold
 * SR-data flows are small and trained briefly; the signal sits where the background density is low, so the
 * log-likelihood ratio must rank it high.
 */
class AnodeScorerTest {

    static final List<String> F = List.of("x1", "x2");

    @Test
    void findsAPlantedSignalWithOutOfFoldDataFlows() {
        SplittableRandom r = new SplittableRandom(11);
        List<double[]> sbx = new ArrayList<>();
        List<Double> sbm = new ArrayList<>();
        List<double[]> srx = new ArrayList<>();
        List<Double> srm = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < 16000; i++) {
            double m = r.nextDouble();
            double[] x = {m + r.nextGaussian(), -m + r.nextGaussian()};
            if (m >= 0.4 && m < 0.6) {
                srx.add(x);
                srm.add(m);
                truth.add(0);
            } else {
                sbx.add(x);
                sbm.add(m);
            }
        }
        int nSig = (int) Math.round(0.05 * srx.size());
        for (int i = 0; i < nSig; i++) {
            srx.add(new double[] {2.5 + 0.3 * r.nextGaussian(), 2.5 + 0.3 * r.nextGaussian()});
            srm.add(0.4 + 0.2 * r.nextDouble());
            truth.add(1);
        }
        FlowConfig small = FlowConfig.defaults().withBlocks(3).withHidden(16).withLayers(1).withEpochs(25)
                .withEnsemble(2).withMargin(0.2);
        DensityModel bkg = new FlowTrainer(small).fit(SidebandData.of(F, sbx.toArray(new double[0][]),
                sbm.stream().mapToDouble(Double::doubleValue).toArray()), 3L);
        double[][] x = srx.toArray(new double[0][]);
        double[] m = srm.stream().mapToDouble(Double::doubleValue).toArray();
        long[] ids = new long[x.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + i;
        }
        double[] s = AnodeScorer.score(new FlowTrainer(small), bkg, F, x, m, ids, 2, 5L);
        int[] labels = truth.stream().mapToInt(Integer::intValue).toArray();
        double auc = ClassifierMetrics.auc(s, labels);
        System.out.printf("ANODE toy: %d SR events, %d signal, AUC %.4f%n", x.length, nSig, auc);
        assertTrue(auc > 0.9, "ANODE AUC " + auc);
        // the same seed gives the same scores
        double[] again = AnodeScorer.score(new FlowTrainer(small), bkg, F, x, m, ids, 2, 5L);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], again[i], 0.0);
        }
    }

    @Test
    void refusesModelsWithoutALikelihood() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = new double[600][];
        double[] m = new double[600];
        for (int i = 0; i < x.length; i++) {
            m[i] = r.nextDouble();
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
        }
        DensityModel vae = new VaeTrainer(VaeConfig.defaults().withHidden(8).withEpochs(1)).fit(SidebandData.of(F, x, m), 1L);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnodeScorer.score(
                new FlowTrainer(FlowConfig.defaults()), vae, F, x, m, new long[x.length], 2, 1L));
        assertTrue(e.getMessage().contains("no exact likelihood"), e.getMessage());
    }
}
