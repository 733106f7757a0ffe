package org.anomalysearch.density;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;

/**
 * A 1-D Gaussian kernel density estimate of the signal region's mjj (as CATHODE does), sampled by picking a
 * data point uniformly and adding N(0, h^2) noise. Draws outside the support region (the SR) are redrawn, so
 * the samples follow the KDE truncated to the SR. Immutable; sampling is seeded.
 */
public final class MjjKde {

    /** Bandwidth rules. */
    public enum Bandwidth {
        /** Silverman's rule of thumb: 0.9 min(sd, IQR / 1.34) n^(-1/5). */
        SILVERMAN,
        /** Scott's rule as in scipy.stats.gaussian_kde: sd n^(-1/5). */
        SCOTT
    }

    private final double[] points;
    private final double h;
    private final Region support;

    private MjjKde(double[] points, double h, Region support) {
        this.points = points;
        this.h = h;
        this.support = support;
    }

    /** Fits the KDE to {@code mjj}, all of which must be finite and inside {@code support}. */
    public static MjjKde fit(double[] mjj, Region support, Bandwidth rule) {
        if (mjj.length < 2) {
            throw new InvalidInputException("signal region", "mjj", "only " + mjj.length
                    + " events; a KDE needs at least 2", "check the signal region selection");
        }
        for (int i = 0; i < mjj.length; i++) {
            if (!Double.isFinite(mjj[i]) || !(mjj[i] >= support.lo() && mjj[i] <= support.hi())) {
                throw new InvalidInputException("signal region", "mjj", "value " + mjj[i] + " (row " + i
                        + ") not a finite value inside " + support, "pass only signal-region events");
            }
        }
        double[] p = mjj.clone();
        Arrays.sort(p);
        int n = p.length;
        double mean = Arrays.stream(p).average().orElse(0);
        double ss = 0;
        for (double v : p) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double iqr = quantile(p, 0.75) - quantile(p, 0.25);
        double scale = rule == Bandwidth.SCOTT ? sd : 0.9 * Math.min(sd, iqr > 0 ? iqr / 1.34 : sd);
        double h = scale * Math.pow(n, -0.2);
        if (!(h > 0)) {
            throw new InvalidInputException("signal region", "mjj", "all " + n + " values equal; no bandwidth",
                    "check the signal region selection");
        }
        return new MjjKde(p, h, support);
    }

    /** Silverman bandwidth. */
    public static MjjKde fit(double[] mjj, Region support) {
        return fit(mjj, support, Bandwidth.SILVERMAN);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    public double bandwidth() {
        return h;
    }

    public Region support() {
        return support;
    }

    /** The KDE density (truncation not renormalised) at {@code x}. */
    public double density(double x) {
        double s = 0;
        for (double p : points) {
            double u = (x - p) / h;
            s += Math.exp(-0.5 * u * u);
        }
        return s / (points.length * h * Math.sqrt(2 * Math.PI));
    }

    /** {@code n} draws from the KDE truncated to the support. */
    public double[] sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            do {
                v = points[rng.nextInt(points.length)] + h * rng.nextGaussian();
            } while (!(v >= support.lo() && v <= support.hi()));
            out[i] = v;
        }
        return out;
    }
}
