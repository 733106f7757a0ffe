package org.anomalysearch.core.stats;

import java.io.Serializable;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;

/**
 * BumpHunter (G. Choudalakis, arXiv:1101.0390), following scikit-hep's pyBumpHunter in "excess" mode: windows of
 * {@code minWidth..maxWidth} consecutive bins (in steps of {@code widthStep}) slide by {@code scanStep} bins; each
 * window's local p-value is P(N &gt;= n | b) = P(n, b) (regularized lower incomplete gamma function) when n &gt; b
 * &gt; 0, and 1 otherwise (deficits and windows without background are not excesses); the test statistic is
 * t = -ln(min p), with p floored at {@link Double#MIN_NORMAL} so t stays finite (t &lt;= 708.4). The global
 * p-value is the fraction of background-only pseudo-experiments ({@link Toys}) with t &gt;= t_obs.
 *
 * <p>When the background is itself a fit to the data, {@link InclusiveBumpHunt} repeats the whole procedure on every
 * toy (fluctuate the fitted expectation, refit, scan against the toy's own fit), so the global p-value includes how
 * the fit absorbs or creates excesses.
 */
public final class BumpHunter {

    private BumpHunter() {
    }

    /**
     * Scan settings, in bins.
     *
     * @param minWidth  narrowest window (&gt;= 1)
     * @param maxWidth  widest window (&gt;= minWidth)
     * @param widthStep width increment (&gt;= 1)
     * @param scanStep  shift between windows (&gt;= 1)
     */
    public record Config(int minWidth, int maxWidth, int widthStep, int scanStep) implements Serializable {
        public Config {
            if (minWidth < 1 || maxWidth < minWidth || widthStep < 1 || scanStep < 1) {
                throw new InvalidConfigException("bumphunt.windows", "needs 1 <= minWidth <= maxWidth and steps >= 1, got "
                        + "minWidth " + minWidth + ", maxWidth " + maxWidth + ", widthStep " + widthStep + ", scanStep "
                        + scanStep, "e.g. widths 1..5 bins, steps 1");
            }
        }

        /** Widths 1..maxWidth, steps 1. */
        public static Config widths(int maxWidth) {
            return new Config(1, maxWidth, 1, 1);
        }
    }

    /**
     * The most significant window of one scan.
     *
     * @param tStatistic -ln(minPValue)
     * @param minPValue  smallest local p-value (1 if no window has an excess)
     * @param firstBin   first bin of that window (-1 if none has an excess)
     * @param lastBin    last bin, inclusive
     * @param observed   n in the window
     * @param background b in the window
     */
    public record Scan(double tStatistic, double minPValue, int firstBin, int lastBin, double observed, double background)
            implements Serializable {
    }

    /** The local p-value of one window as defined in the class comment. */
    public static double windowPValue(double n, double b) {
        if (n > b && b > 0) {
            return Math.max(Significance.poissonUpperTail(n, b), Double.MIN_NORMAL);
        }
        return 1;
    }

    /**
     * Scans {@code observed} against {@code background} (same length, finite, &gt;= 0).
     *
     * @throws InvalidInputException for mismatched or invalid arrays, an all-zero background or windows wider than
     *                               the spectrum
     */
    public static Scan scan(double[] observed, double[] background, Config config) {
        validate(observed, background, config);
        int nb = observed.length;
        double[] co = cumulative(observed);
        double[] cb = cumulative(background);
        double best = 1;
        int bf = -1;
        int bl = -1;
        double bn = 0;
        double bbg = 0;
        for (int w = config.minWidth(); w <= Math.min(config.maxWidth(), nb); w += config.widthStep()) {
            for (int a = 0; a + w <= nb; a += config.scanStep()) {
                double n = co[a + w] - co[a];
                double b = cb[a + w] - cb[a];
                double p = windowPValue(n, b);
                if (p < best) {
                    best = p;
                    bf = a;
                    bl = a + w - 1;
                    bn = n;
                    bbg = b;
                }
            }
        }
        return new Scan(-Math.log(best), best, bf, bl, bn, bbg);
    }

    /** Background-only toy {@code index}: a Poisson fluctuation of {@code background}, scanned against it. */
    public static ToyResult toy(double[] background, Config config, long masterSeed, int index) {
        double[] counts = Toys.generate(background, masterSeed, index);
        Scan s = scan(counts, background, config);
        return new ToyResult(index, Toys.seed(masterSeed, index), s.tStatistic(), s.minPValue(), s.firstBin(), s.lastBin());
    }

    /**
     * The data's scan with its global significance from toys {@code 0..nToys-1} (run here, sequentially; a Spark
     * job maps {@link #toy} over the indices instead and calls {@link GlobalSignificance#of}).
     */
    public static Result run(double[] observed, double[] background, Config config, int nToys, long masterSeed) {
        if (nToys < 1) {
            throw new InvalidInputException("bumphunter", "toys", "needs at least 1 pseudo-experiment, got " + nToys, null);
        }
        Scan data = scan(observed, background, config);
        double[] t = new double[nToys];
        for (int i = 0; i < nToys; i++) {
            t[i] = toy(background, config, masterSeed, i).tStatistic();
        }
        return new Result(data, GlobalSignificance.of(data.tStatistic(), t));
    }

    /** The data's scan and its global significance. */
    public record Result(Scan data, GlobalSignificance global) implements Serializable {
    }

    private static double[] cumulative(double[] v) {
        double[] c = new double[v.length + 1];
        for (int i = 0; i < v.length; i++) {
            c[i + 1] = c[i] + v[i];
        }
        return c;
    }

    private static void validate(double[] observed, double[] background, Config config) {
        if (observed == null || background == null || observed.length == 0) {
            throw new InvalidInputException("bumphunter", "bins", "the spectrum has no bins", null);
        }
        if (observed.length != background.length) {
            throw new InvalidInputException("bumphunter", "bins", observed.length + " observed bins but "
                    + background.length + " background bins", "give data and background on the same binning");
        }
        double sb = 0;
        for (int i = 0; i < observed.length; i++) {
            if (!(observed[i] >= 0) || !Double.isFinite(observed[i])) {
                throw new InvalidInputException("bumphunter", "data", "bin " + i + " holds " + observed[i]
                        + "; counts must be finite and >= 0", null);
            }
            if (!(background[i] >= 0) || !Double.isFinite(background[i])) {
                throw new InvalidInputException("bumphunter", "background", "bin " + i + " expects " + background[i]
                        + "; expectations must be finite and >= 0", null);
            }
            sb += background[i];
        }
        if (sb == 0) {
            throw new InvalidInputException("bumphunter", "background", "the background is zero in every bin",
                    "fit or estimate the background first");
        }
        if (config.minWidth() > observed.length) {
            throw new InvalidInputException("bumphunter", "windows", "the narrowest window (" + config.minWidth()
                    + " bins) is wider than the spectrum (" + observed.length + " bins)", "use narrower windows");
        }
    }
}
