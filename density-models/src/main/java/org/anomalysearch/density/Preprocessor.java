package org.anomalysearch.density;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;

/**
 * CATHODE's invertible preprocessing, fitted on the sidebands only: per column (each feature, and mjj
 * separately) {@code u = (v - lo) / (hi - lo)} over the data range widened by {@code margin} of its width on
 * each side, {@code t = logit(u)}, then {@code s = (t - mean) / std} with the mean and standard deviation of
 * {@code t} on the fitted data.
 *
 * <p>Forward maps the open box (lo, hi) onto the real line; a value outside it has no image and is rejected
 * with an {@link InvalidInputException} (never NaN). The inverse maps every finite real into the open box, so
 * samples never leave it; a non-finite network output is rejected. Round trips agree to about 1e-15 of the
 * column's width (the double-precision limit of logit/sigmoid), which is what "exactly invertible" means here.
 */
final class Preprocessor {

    /** Default margin: 1 % of each column's range on either side. */
    static final double DEFAULT_MARGIN = 0.01;

    private final double[] lo;
    private final double[] hi;
    private final double[] mean;
    private final double[] std;
    private final double mjjMin;
    private final double mjjMax;
    private final int d;

    /** Columns 0..d-1 are the features, column d is mjj. */
    Preprocessor(double[] lo, double[] hi, double[] mean, double[] std, double mjjMin, double mjjMax) {
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.mjjMin = mjjMin;
        this.mjjMax = mjjMax;
        this.d = lo.length - 1;
    }

    static Preprocessor fit(SidebandData data, double margin) {
        if (!(margin > 0 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in (0, 1), got " + margin);
        }
        int d = data.dimension();
        int n = data.size();
        double[] lo = new double[d + 1];
        double[] hi = new double[d + 1];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c <= d; c++) {
                double v = c < d ? data.x()[i][c] : data.mjj()[i];
                lo[c] = Math.min(lo[c], v);
                hi[c] = Math.max(hi[c], v);
            }
        }
        double mjjMin = lo[d];
        double mjjMax = hi[d];
        for (int c = 0; c <= d; c++) {
            double w = hi[c] - lo[c];
            lo[c] -= margin * w;
            hi[c] += margin * w;
        }
        double[] mean = new double[d + 1];
        double[] std = new double[d + 1];
        Arrays.fill(std, 1.0);
        Preprocessor raw = new Preprocessor(lo, hi, mean, std, mjjMin, mjjMax);
        double[] sum = new double[d + 1];
        double[] sum2 = new double[d + 1];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c <= d; c++) {
                double t = raw.logitOf(c, c < d ? data.x()[i][c] : data.mjj()[i], null);
                sum[c] += t;
            }
        }
        for (int c = 0; c <= d; c++) {
            mean[c] = sum[c] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c <= d; c++) {
                double t = raw.logitOf(c, c < d ? data.x()[i][c] : data.mjj()[i], null) - mean[c];
                sum2[c] += t * t;
            }
        }
        for (int c = 0; c <= d; c++) {
            std[c] = Math.sqrt(sum2[c] / n);
        }
        return new Preprocessor(lo, hi, mean, std, mjjMin, mjjMax);
    }

    int dimension() {
        return d;
    }

    double mjjMin() {
        return mjjMin;
    }

    double mjjMax() {
        return mjjMax;
    }

    private double logitOf(int c, double v, String name) {
        double u = (v - lo[c]) / (hi[c] - lo[c]);
        if (!(u > 0 && u < 1)) {
            throw new InvalidInputException("preprocessing", name == null ? "column " + c : name, "value " + v
                    + " outside the fitted box (" + lo[c] + ", " + hi[c] + ")",
                    "only values inside the sideband range (plus margin) can be transformed");
        }
        return Math.log(u) - Math.log1p(-u);
    }

    /** Standardised logit of feature row {@code x}. */
    double[] forward(double[] x) {
        double[] s = new double[d];
        for (int c = 0; c < d; c++) {
            s[c] = (logitOf(c, x[c], null) - mean[c]) / std[c];
        }
        return s;
    }

    /** Whether every feature of {@code x} lies inside the open fitted box, where {@link #forward} is defined. */
    boolean inside(double[] x) {
        for (int c = 0; c < d; c++) {
            double u = (x[c] - lo[c]) / (hi[c] - lo[c]);
            if (!(u > 0 && u < 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code log |det d forward(x) / dx|}: the map is per column, so the sum over features of
     * {@code log(ds/dx) = -log(hi - lo) - log(u) - log(1 - u) - log(std)} with {@code u = (x - lo) / (hi - lo)}
     * (min-max scaling, logit, standardisation). A density of the preprocessed row plus this is the density in
     * the original units. Only for rows {@link #inside} the box.
     */
    double logJacobian(double[] x) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double w = hi[c] - lo[c];
            double u = (x[c] - lo[c]) / w;
            s -= Math.log(w) + Math.log(u) + Math.log1p(-u) + Math.log(std[c]);
        }
        return s;
    }

    /** Standardised logit of an mjj value used for training (any value inside the widened box). */
    double forwardMjj(double m) {
        return (logitOf(d, m, "mjj") - mean[d]) / std[d];
    }

    /**
     * The conditioning input for sampling at {@code m}: rejected unless finite and inside the sideband mjj
     * range [mjjMin, mjjMax] the model was fitted on (interpolation only, never extrapolation).
     */
    double conditionForSampling(double m, int row) {
        return condition(m, row, "sampling");
    }

    /** As {@link #conditionForSampling}, naming {@code purpose} (e.g. "density evaluation") in the message. */
    double condition(double m, int row, String purpose) {
        if (!(m >= mjjMin && m <= mjjMax)) {
            throw new InvalidInputException(purpose, "mjj", "value " + m + " (row " + row
                    + ") outside the fitted range [" + mjjMin + ", " + mjjMax + "]",
                    "use mjj only inside the sideband span the model was trained on; it does not extrapolate");
        }
        return forwardMjj(m);
    }

    /** Inverse of {@link #forward}: every finite input maps into the open box; non-finite input is rejected. */
    double[] inverse(double[] s) {
        double[] x = new double[d];
        for (int c = 0; c < d; c++) {
            x[c] = inverseColumn(c, s[c]);
        }
        return x;
    }

    double inverseColumn(int c, double s) {
        if (!Double.isFinite(s)) {
            throw new TrainingDivergedException("the network produced a non-finite value " + s + " for column " + c,
                    "the model is broken; retrain it (lower the learning rate)");
        }
        double t = s * std[c] + mean[c];
        double u = 1.0 / (1.0 + Math.exp(-t));
        double v = lo[c] + u * (hi[c] - lo[c]);
        // u = 0 or 1 only after rounding of a saturated sigmoid: keep the value inside the closed box.
        return Math.min(hi[c], Math.max(lo[c], v));
    }

    double inverseMjj(double s) {
        return inverseColumn(d, s);
    }

    void writeTo(Map<String, String> p) {
        p.put("pre.lo", hex(lo));
        p.put("pre.hi", hex(hi));
        p.put("pre.mean", hex(mean));
        p.put("pre.std", hex(std));
        p.put("pre.mjjRange", hex(new double[] {mjjMin, mjjMax}));
    }

    static Preprocessor readFrom(Map<String, String> p, String source) {
        double[] lo = unhex(p, "pre.lo", source);
        double[] hi = unhex(p, "pre.hi", source);
        double[] mean = unhex(p, "pre.mean", source);
        double[] std = unhex(p, "pre.std", source);
        double[] mr = unhex(p, "pre.mjjRange", source);
        if (hi.length != lo.length || mean.length != lo.length || std.length != lo.length || mr.length != 2) {
            throw new ModelFormatException(source + ": preprocessing arrays of inconsistent length",
                    "the model directory is damaged; retrain");
        }
        return new Preprocessor(lo, hi, mean, std, mr[0], mr[1]);
    }

    static String hex(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(Double.toHexString(x));
        }
        return sb.toString();
    }

    static double[] unhex(Map<String, String> p, String key, String source) {
        String s = p.get(key);
        if (s == null) {
            throw new ModelFormatException(source + ": missing key '" + key + "'", "the model directory is damaged; retrain");
        }
        try {
            double[] v = List.of(s.split(",")).stream().mapToDouble(Double::parseDouble).toArray();
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new ModelFormatException(source + ": key '" + key + "' holds " + x + ", expected finite "
                            + "numbers", "the model directory is damaged; retrain");
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": key '" + key + "' is not a list of numbers",
                    "the model directory is damaged; retrain");
        }
    }
}
