package org.anomalysearch.export.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * One feature of a data vs sampled background comparison: both histograms on the same bins (drawn as step
 * lines), and the ratio data / background with the data statistical error below.
 *
 * @param xLabel          feature name with unit, e.g. {@code "m_J1 [GeV]"} or {@code "tau21_J1"}
 * @param edges           n + 1 strictly increasing bin edges
 * @param data            n data counts, >= 0
 * @param background      n background counts (already normalised to the data), >= 0
 * @param backgroundError n background uncertainties (drawn as a band around 1 in the ratio), or null
 */
public record FeaturePanel(String xLabel, double[] edges, double[] data, double[] background,
        double[] backgroundError) {

    public FeaturePanel {
        Check.label(xLabel, "feature label");
        data = Check.finite(xLabel, "data counts", data);
        Check.nonNegative(xLabel, "data counts", data);
        background = Check.finite(xLabel, "background counts", background);
        Check.nonNegative(xLabel, "background counts", background);
        Check.sameLength(xLabel, "background counts", background, "data counts", data.length);
        edges = Check.edges(xLabel, edges, data.length);
        backgroundError = Check.optionalFinite(xLabel, "background error", backgroundError);
        Check.sameLength(xLabel, "background error", backgroundError, "data counts", data.length);
        if (backgroundError != null) {
            Check.nonNegative(xLabel, "background error", backgroundError);
        }
    }

    /** Without a background error. */
    public static FeaturePanel of(String xLabel, double[] edges, double[] data, double[] background) {
        return new FeaturePanel(xLabel, edges, data, background, null);
    }

    /**
     * One {@link #fromSamples} panel per feature, from rows of feature values ({@code data[i][c]} is feature c of
     * event i, in the order of {@code features}); each x axis labelled by {@link #axisLabel}.
     */
    public static List<FeaturePanel> fromRows(List<String> features, double[][] data, double[][] background,
            int nBins) {
        List<FeaturePanel> panels = new ArrayList<>();
        for (int c = 0; c < features.size(); c++) {
            panels.add(fromSamples(axisLabel(features.get(c)), column(data, c), column(background, c), nBins));
        }
        return panels;
    }

    /**
     * The axis label of an event-table column as papers write it, with its unit: "m_jj [GeV]", "m_J1 [GeV]",
     * "Δm_J [GeV]", "τ_21 (J1)"; other columns as "name [unit]" (the unit from
     * {@link org.anomalysearch.core.event.FeatureSchema#EVENT_TABLE}), or the bare name when unitless or unknown.
     */
    public static String axisLabel(String feature) {
        switch (feature) {
            case "mjj":
                return "m_jj [GeV]";
            case "mj1":
                return "m_J1 [GeV]";
            case "dmj":
                return "Δm_J [GeV]";
            case "tau21_j1":
                return "τ_21 (J1)";
            case "tau21_j2":
                return "τ_21 (J2)";
            case "tau32_j1":
                return "τ_32 (J1)";
            case "tau32_j2":
                return "τ_32 (J2)";
            default:
                break;
        }
        org.anomalysearch.core.event.FeatureSchema all = org.anomalysearch.core.event.FeatureSchema.EVENT_TABLE;
        int i = all.indexOf(feature);
        String unit = i < 0 ? "" : all.get(i).unit();
        return unit.isEmpty() ? feature : feature + " [" + unit + "]";
    }

    private static double[] column(double[][] rows, int c) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = rows[i][c];
        }
        return v;
    }

    /**
     * Histograms {@code dataValues} and {@code backgroundValues} on {@code nBins} equal bins over the common
     * 0.5-99.5 % range ({@link Overlay#robustRange}), and scales the background to the number of data
     * entries in range; the background error is its scaled sqrt(n).
     */
    public static FeaturePanel fromSamples(String xLabel, double[] dataValues, double[] backgroundValues,
            int nBins) {
        double[] d = Check.finite(xLabel, "data values", dataValues);
        double[] b = Check.finite(xLabel, "background values", backgroundValues);
        if (nBins < 1) {
            throw Check.bad(xLabel, "nBins = " + nBins + ", expected >= 1", "use e.g. 40 bins");
        }
        double[] range = Overlay.robustRange(List.of(d, b));
        double[] edges = new double[nBins + 1];
        for (int i = 0; i <= nBins; i++) {
            edges[i] = range[0] + (range[1] - range[0]) * i / nBins;
        }
        double[] hd = histogram(d, edges);
        double[] hb = histogram(b, edges);
        double nd = 0;
        double nb = 0;
        for (int i = 0; i < nBins; i++) {
            nd += hd[i];
            nb += hb[i];
        }
        double scale = nb > 0 ? nd / nb : 1;
        double[] err = new double[nBins];
        for (int i = 0; i < nBins; i++) {
            err[i] = Math.sqrt(hb[i]) * scale;
            hb[i] *= scale;
        }
        return new FeaturePanel(xLabel, edges, hd, hb, err);
    }

    static double[] histogram(double[] values, double[] edges) {
        int n = edges.length - 1;
        double lo = edges[0];
        double hi = edges[n];
        double[] h = new double[n];
        for (double v : values) {
            if (v >= lo && v <= hi) {
                int bin = Math.min(n - 1, (int) ((v - lo) / (hi - lo) * n));
                h[bin]++;
            }
        }
        return h;
    }

    /** data / background per bin; NaN where the background is 0 (such bins are not drawn). */
    public double[] ratio() {
        double[] r = new double[data.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = background[i] > 0 ? data[i] / background[i] : Double.NaN;
        }
        return r;
    }

    /** sqrt(data) / background per bin, the error bar of the ratio; NaN where the background is 0. */
    public double[] ratioError() {
        double[] r = new double[data.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = background[i] > 0 ? Math.sqrt(data[i]) / background[i] : Double.NaN;
        }
        return r;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }

    @Override
    public double[] background() {
        return background.clone();
    }

    @Override
    public double[] backgroundError() {
        return Check.copy(backgroundError);
    }
}
