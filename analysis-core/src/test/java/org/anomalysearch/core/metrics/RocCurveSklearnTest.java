package org.anomalysearch.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ROC, AUC, max SIC and FPR at fixed TPR pinned to scikit-learn 1.2.1 / numpy 1.24 (fixtures written by
 * make_fixtures.py beside them): ties at one decimal, weighted events with tied scores, integer scores.
 */
class RocCurveSklearnTest {

    static List<double[]> csv(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = RocCurveSklearnTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = f[i].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(f[i]);
                }
                rows.add(v);
            }
        }
        return rows;
    }

    static Map<String, Double> expected(String name) throws IOException {
        Map<String, Double> m = new HashMap<>();
        try (InputStream in = RocCurveSklearnTest.class.getResourceAsStream(name)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    String[] kv = line.split("=");
                    m.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ties", "weighted", "integers"})
    void matchesSklearn(String name) throws IOException {
        List<double[]> ev = csv(name + ".events.csv");
        double[] s = new double[ev.size()];
        int[] l = new int[ev.size()];
        double[] w = new double[ev.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = ev.get(i)[0];
            l[i] = (int) ev.get(i)[1];
            w[i] = ev.get(i)[2];
        }
        double[] weights = name.equals("weighted") ? w : null;
        RocCurve roc = RocCurve.of(s, l, weights);
        List<double[]> ref = csv(name + ".roc.csv");
        assertEquals(ref.size(), roc.size(), "number of ROC points (one per distinct score + origin)");
        for (int j = 0; j < ref.size(); j++) {
            assertEquals(ref.get(j)[0], roc.thresholds()[j], 0.0, "threshold " + j);
            assertEquals(ref.get(j)[1], roc.tpr()[j], 1e-12, "tpr " + j);
            assertEquals(ref.get(j)[2], roc.fpr()[j], 1e-12, "fpr " + j);
        }
        Map<String, Double> exp = expected(name + ".expected.txt");
        assertEquals(exp.get("auc"), ClassifierMetrics.auc(s, l, weights), 1e-12, "Mann-Whitney AUC");
        assertEquals(exp.get("auc"), roc.auc(), 1e-12, "trapezoid AUC");
        assertEquals(exp.get("maxSic25"), roc.maxSic(25).sic(), 1e-12, "max SIC, >= 25 background");
        for (double eff : new double[] {0.2, 0.5, 0.8}) {
            assertEquals(exp.get("fprAt" + eff), roc.fprAt(eff), 1e-12, "FPR at TPR " + eff);
        }
    }
}
