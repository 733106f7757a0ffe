package org.anomalysearch.core.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.Selection;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {

    static final GeneratorSettings SMALL = GeneratorSettings.defaults().withCounts(20_000, 500).withChunkSize(3_000);

    @Test
    void sameSeedSameEventsWhateverTheChunkSize() {
        EventBatch a = new SyntheticGenerator(SMALL, 11).generateAll(FeatureSchema.EVENT_TABLE);
        EventBatch b = EventBatch.concat(FeatureSchema.EVENT_TABLE,
                collect(new SyntheticGenerator(SMALL.withChunkSize(777), 11).batches(FeatureSchema.EVENT_TABLE)));
        assertTrue(a.sameContent(b));
        EventBatch c = new SyntheticGenerator(SMALL, 12).generateAll(FeatureSchema.EVENT_TABLE);
        assertFalse(a.sameContent(c));
        assertNotEquals(a.column("mjj")[0], c.column("mjj")[0]);
    }

    @Test
    void batchesAreChunkedAndCountsExact() {
        List<EventBatch> batches = collect(new SyntheticGenerator(SMALL, 3).batches(FeatureSchema.EVENT_TABLE));
        assertEquals(7, batches.size()); // 20,500 / 3,000
        assertEquals(3_000, batches.get(0).size());
        assertEquals(20_500 - 6 * 3_000, batches.get(6).size());
        EventBatch all = EventBatch.concat(FeatureSchema.EVENT_TABLE, batches);
        assertEquals(500, Arrays.stream(all.labels()).filter(l -> l == 1).count());
        assertEquals(20_000, Arrays.stream(all.labels()).filter(l -> l == 0).count());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.ids()[i]);
        }
        // signal positions are spread over the sample, not bunched at the start
        int[] labels = all.labels();
        long firstHalf = Arrays.stream(labels, 0, labels.length / 2).filter(l -> l == 1).count();
        assertTrue(firstHalf > 200 && firstHalf < 300, "signal in first half: " + firstHalf);
    }

    @Test
    void backgroundMjjFollowsTheDijetFunction() {
        GeneratorSettings s = GeneratorSettings.defaults().withCounts(50_000, 0).withApplySelection(false)
                .withMjjRange(1500, 8000);
        EventBatch b = new SyntheticGenerator(s, 5).generateAll(FeatureSchema.STANDARD);
        double[] mjj = b.column("mjj").clone();
        Arrays.sort(mjj);
        // reference CDF by Commons Math quadrature of the 4-parameter form, independent of DijetFunction
        double p1 = -2.45;
        double p2 = 19.13;
        double p3 = 4.93;
        org.apache.commons.math3.analysis.UnivariateFunction f = m -> {
            double x = m / 13000;
            return Math.pow(1 - x, p1) * Math.pow(x, -(p2 + p3 * Math.log(x)));
        };
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(8, 1e-12, 1e-300);
        double norm = q.integrate(10_000_000, f, 1500, 8000);
        // KS statistic at 200 points of the sorted sample
        double d = 0;
        for (int k = 1; k <= 200; k++) {
            int i = (int) ((long) k * mjj.length / 201);
            double cdf = q.integrate(10_000_000, f, 1500, mjj[i]) / norm;
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / mjj.length), Math.abs(cdf - (i + 1.0) / mjj.length)));
        }
        // 1.63/sqrt(n) is the 1 % critical value; a wrong exponent (e.g. p2 8.2 -> 8.4) gives d ~ 0.02
        assertTrue(d < 1.63 / Math.sqrt(mjj.length), "KS distance " + d);
        assertTrue(mjj[0] >= 1500 * (1 - 1e-9) && mjj[mjj.length - 1] <= 8000 * (1 + 1e-9));
        // the drawn mjj agrees with DijetFunction's own CDF too
        DijetFunction df = s.dijetFunction();
        assertEquals(0.5, df.cdf(mjj[mjj.length / 2], 1500, 8000), 0.01);
    }

    @Test
    void signalPeaksNearMaWithJetMassesNearMbAndMc() {
        GeneratorSettings s = GeneratorSettings.defaults().withCounts(0, 5_000).withMasses(4000, 300, 80);
        EventBatch b = new SyntheticGenerator(s, 9).generateAll(FeatureSchema.EVENT_TABLE);
        assertEquals(5_000, Arrays.stream(b.labels()).filter(l -> l == 1).count());
        assertEquals(4000, median(b.column("mjj")), 40);
        assertEquals(80, median(b.column("mj1")), 3);
        assertEquals(300 - 80, median(b.column("dmj")), 10);
        assertTrue(median(b.column("tau21_j1")) < 0.4 && median(b.column("tau21_j2")) < 0.4);
    }

    @Test
    void backgroundResemblesQcdAndTau21FallsWithMass() {
        EventBatch b = new SyntheticGenerator(GeneratorSettings.defaults().withCounts(20_000, 0), 21)
                .generateAll(FeatureSchema.EVENT_TABLE);
        double[] mjj = b.column("mjj");
        // ../shared/data/dijet_pythia qcd_full: median mjj 2956 GeV, 90 % quantile 4033 GeV
        assertEquals(2956, median(mjj), 150);
        // qcd_full: median leading-jet pT 1333 GeV, median |delta eta| 0.81, median pT2/pT1 0.956
        double[] pt = new double[b.size()];
        double[] deta = new double[b.size()];
        double[] ratio = new double[b.size()];
        for (int i = 0; i < b.size(); i++) {
            double p1 = Math.hypot(b.column("jet1_px")[i], b.column("jet1_py")[i]);
            double p2 = Math.hypot(b.column("jet2_px")[i], b.column("jet2_py")[i]);
            pt[i] = p1;
            ratio[i] = p2 / p1;
            deta[i] = Math.abs(asinh(b.column("jet1_pz")[i] / p1) - asinh(b.column("jet2_pz")[i] / p2));
        }
        assertEquals(1333, median(pt), 20);
        assertEquals(0.81, median(deta), 0.05);
        assertEquals(0.956, median(ratio), 0.01);
        double[] m = b.column("jet1_m");
        double[] t21 = new double[b.size()];
        for (int i = 0; i < t21.length; i++) {
            t21[i] = b.column("jet1_tau2")[i] / b.column("jet1_tau1")[i];
        }
        double light = 0;
        double heavy = 0;
        int nl = 0;
        int nh = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] < 100) {
                light += t21[i];
                nl++;
            } else if (m[i] > 300) {
                heavy += t21[i];
                nh++;
            }
        }
        assertTrue(light / nl > heavy / nh + 0.15, "tau21 light " + light / nl + " heavy " + heavy / nh);
        for (int i = 0; i < b.size(); i++) {
            assertTrue(b.column("jet1_tau3")[i] <= 1.1 * b.column("jet1_tau2")[i] + 1e-12);
            assertTrue(b.column("jet1_nconst")[i] >= 2);
        }
    }

    @Test
    void everyEventPassesTheSelectionAndEfficiencyIsReported() {
        SyntheticGenerator g = new SyntheticGenerator(GeneratorSettings.defaults().withCounts(10_000, 1_000), 4);
        EventStream s = g.events();
        Selection sel = Selection.defaults();
        CutFlow check = sel.newCutFlow();
        int n = 0;
        while (s.hasNext()) {
            DijetEvent e = s.next();
            assertTrue(sel.apply(e, check));
            assertTrue(e.leading().pt() >= e.subleading().pt());
            n++;
        }
        assertEquals(11_000, n);
        assertEquals(11_000, check.passedAll());
        CutFlow bg = s.backgroundCutFlow();
        CutFlow sig = s.signalCutFlow();
        assertEquals(10_000, bg.passedAll());
        assertEquals(1_000, sig.passedAll());
        System.out.println("synthetic background, default selection:\n" + bg.toTable());
        System.out.println("synthetic signal (mA 3500), default selection:\n" + sig.toTable());
        assertTrue(bg.efficiency() > 0.1 && bg.efficiency() < 0.9, "background efficiency " + bg.efficiency());
        assertTrue(sig.efficiency() > 0.9, "signal efficiency " + sig.efficiency());
    }

    @Test
    void mjjOfTheJetsIsTheDrawnValueWithoutSelection() {
        // with the selection off every draw is kept: the four-vector mjj must be in range (exact solution)
        GeneratorSettings s = GeneratorSettings.defaults().withCounts(2_000, 0).withApplySelection(false)
                .withMjjRange(2000, 2100);
        EventBatch b = new SyntheticGenerator(s, 1).generateAll(FeatureSchema.STANDARD);
        for (double m : b.column("mjj")) {
            assertTrue(m >= 2000 * (1 - 1e-9) && m <= 2100 * (1 + 1e-9), "mjj " + m);
        }
    }

    @Test
    void settingsValidate() {
        GeneratorSettings d = GeneratorSettings.defaults();
        assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> d.withMasses(500, 400, 200));
        assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> d.withMjjRange(3000, 2000));
        assertThrows(org.anomalysearch.core.InvalidConfigException.class, () -> d.withCounts(-1, 0));
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static <T> List<T> collect(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
