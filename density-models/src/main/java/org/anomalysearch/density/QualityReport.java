package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.stats.TwoSample;

/**
 * How well samples reproduce a true background (simulation with labels only): per feature, normalised
 * histograms of data and samples with their ratio, the 1-D Wasserstein-1 distance and the KS statistic; and
 * the classifier two-sample AUC (0.5 = indistinguishable).
 *
 * @param features   one comparison per feature
 * @param twoSampleAuc held-out AUC of "data vs samples" ({@link TwoSampleClassifier})
 * @param nData      number of data events
 * @param nSamples   number of samples
 */
public record QualityReport(List<FeatureComparison> features, double twoSampleAuc, int nData, int nSamples) {

    /** Default number of histogram bins. */
    public static final int BINS = 40;

    /**
     * One feature: bin edges over the data's 0.5-99.5 % range, densities (normalised to unit area, overflow
     * excluded), the sample/data ratio per bin (NaN where the data bin is empty), KS and Wasserstein-1.
     */
    public record FeatureComparison(String feature, double ks, double wasserstein1, double[] edges,
            double[] dataDensity, double[] sampleDensity, double[] ratio) {
    }

    public QualityReport {
        features = List.copyOf(features);
    }

    /** Compares data (true background) with samples, column by column; the AUC from {@code classifier}. */
    public static QualityReport compare(List<String> names, double[][] data, double[][] samples,
            TwoSampleClassifier classifier, long seed) {
        if (data.length == 0 || samples.length == 0) {
            throw new InvalidInputException("quality report", null, "empty data (" + data.length + ") or samples ("
                    + samples.length + ")", "pass both samples");
        }
        List<FeatureComparison> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double[] a = column(data, c);
            double[] b = column(samples, c);
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            double lo = MjjKde.quantile(sorted, 0.005);
            double hi = MjjKde.quantile(sorted, 0.995);
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double[] edges = new double[BINS + 1];
            for (int i = 0; i <= BINS; i++) {
                edges[i] = lo + (hi - lo) * i / BINS;
            }
            double[] ha = density(a, edges);
            double[] hb = density(b, edges);
            double[] ratio = new double[BINS];
            for (int i = 0; i < BINS; i++) {
                ratio[i] = ha[i] > 0 ? hb[i] / ha[i] : Double.NaN;
            }
            out.add(new FeatureComparison(names.get(c), TwoSample.ks(a, b), TwoSample.wasserstein1(a, b), edges, ha, hb,
                    ratio));
        }
        double auc = classifier == null ? Double.NaN : classifier.auc(data, samples, seed);
        return new QualityReport(out, auc, data.length, samples.length);
    }

    static double[] column(double[][] x, int c) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][c];
        }
        return v;
    }

    private static double[] density(double[] v, double[] edges) {
        int bins = edges.length - 1;
        double[] h = new double[bins];
        double w = (edges[bins] - edges[0]) / bins;
        for (double x : v) {
            int i = (int) Math.floor((x - edges[0]) / w);
            if (i >= 0 && i < bins) {
                h[i]++;
            }
        }
        for (int i = 0; i < bins; i++) {
            h[i] /= v.length * w;
        }
        return h;
    }

    /** A JSON-ready tree. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("twoSampleAuc", twoSampleAuc);
        m.put("nData", nData);
        m.put("nSamples", nSamples);
        List<Object> fs = new ArrayList<>();
        for (FeatureComparison f : features) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("feature", f.feature());
            fm.put("ks", f.ks());
            fm.put("wasserstein1", f.wasserstein1());
            fm.put("edges", f.edges());
            fm.put("dataDensity", f.dataDensity());
            fm.put("sampleDensity", f.sampleDensity());
            fm.put("ratio", f.ratio());
            fs.add(fm);
        }
        m.put("features", fs);
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }
}
