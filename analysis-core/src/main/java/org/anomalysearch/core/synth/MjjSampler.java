package org.anomalysearch.core.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.anomalysearch.core.fit.DijetFunction;

/** Inverse-CDF sampling of mjj from a dijet function on [lo, hi], tabulated on a fine ln(mjj) grid. */
final class MjjSampler {
    static final int CELLS = 8192;
    private final double lnLo;
    private final double h;
    private final double[] cdf;

    MjjSampler(DijetFunction f, double lo, double hi) {
        lnLo = Math.log(lo);
        h = (Math.log(hi) - lnLo) / CELLS;
        cdf = new double[CELLS + 1];
        for (int i = 0; i < CELLS; i++) {
            double a = Math.exp(lnLo + i * h);
            double b = i == CELLS - 1 ? hi : Math.exp(lnLo + (i + 1) * h);
            cdf[i + 1] = cdf[i] + f.integral(a, b);
        }
        double total = cdf[CELLS];
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("the dijet function " + f + " has no finite positive integral on [" + lo
                    + ", " + hi + "]");
        }
        for (int i = 0; i <= CELLS; i++) {
            cdf[i] /= total;
        }
        cdf[CELLS] = 1.0;
    }

    double sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        if (i < 0) {
            i = -i - 2;
        }
        if (i >= CELLS) {
            i = CELLS - 1;
        }
        double span = cdf[i + 1] - cdf[i];
        double t = span > 0 ? (u - cdf[i]) / span : 0.5;
        return Math.exp(lnLo + (i + t) * h);
    }
}
