package org.anomalysearch.export.run;

import java.util.Locale;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The one number of a run to quote: the global significance of the most complete search that ran, from its
 * pseudo-experiments, with the toys' statistical uncertainty. In order: the ML scan's global Z (toys), else
 * BumpHunter's global Z on the inclusive spectrum (refitted toys), else the configured signal region's local Z
 * (sideband fit; no look-elsewhere effect, said so). The trials-factor value is only a labelled cross-check.
 *
 * <p>The uncertainty: the global p-value k/N has the binomial error sigma_p = sqrt(p (1 - p) / N), and Z's interval is
 * [Z(p + sigma_p), Z(p - sigma_p)] with Z(p) = Phi^-1(1 - p). When no toy reached the data (k = 0) Z is a lower
 * bound, Z(1/N) in the results, and only more toys can raise it.
 *
 * @param name       what the number is, e.g. "global Z of the density model + CWoLa scan"
 * @param z          the value
 * @param zLow       the lower end of its toy-statistics interval (NaN when there is none)
 * @param zHigh      the upper end (NaN when there is none, +infinity when p - sigma_p <= 0)
 * @param lowerBound the value is a lower bound (no toy reached the data)
 * @param toys       pseudo-experiments (0 for a local Z)
 * @param where      where the excess is, e.g. "SR [3500, 3900) GeV"
 * @param crossCheck the cross-check's value, without its label {@link #CROSS_CHECK} (may be empty)
 */
public record Headline(String name, double z, double zLow, double zHigh, boolean lowerBound, int toys, String where,
                       String crossCheck) {

    /** The label of the trials-factor value wherever it is shown: never the number to quote. */
    public static final String CROSS_CHECK = "cross-check, not for quoting";

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** The headline of a run's results, or null when nothing was tested. */
    public static Headline of(RunResults r) {
        Scan.Global g = r.scan() == null ? null : r.scan().global();
        if (g != null) {
            String where = g.window() >= 0 && g.window() < r.scan().windows().size()
                    ? "SR " + range(r.scan().windows().get(g.window()).signalRegion()) + " GeV at efficiency "
                    + RunSummary.formatNumber(g.efficiency()) : "";
            String check = Double.isFinite(g.globalZTrials()) ? "Z = "
                    + z(g.globalZTrials()) + " from the trials factor " + fixed(g.trialsFactor(), 1)
                    + " (it treats the windows and efficiencies as independent)" : "";
            return fromToys("global Z of the density model + CWoLa scan", g.globalZ(), g.globalP(), g.globalPError(),
                    g.globalZIsLowerBound(), g.toys(), where, check);
        }
        BumpHunt.BumpHunter h = r.bumpHunt() == null ? null : r.bumpHunt().bumpHunter();
        if (h != null) {
            return fromToys("global Z of BumpHunter on the inclusive m_jj spectrum", h.globalZ(), h.globalP(),
                    h.globalPError(), h.globalZIsLowerBound(), h.toys(), "window " + range(new double[] {h.windowLo(),
                    h.windowHi()}) + " GeV", "");
        }
        BumpHunt.MaskedFit f = r.signalRegion() == null ? null : r.signalRegion().sidebandFit();
        if (f != null && f.fitPassed()) {
            return new Headline("local Z of the configured signal region (sideband fit; no look-elsewhere effect)",
                    f.localZ(), Double.NaN, Double.NaN, false, 0, "SR " + range(new double[] {f.lo(), f.hi()})
                    + " GeV", "");
        }
        return null;
    }

    static Headline fromToys(String name, double z, double p, double pError, boolean lowerBound, int toys,
                             String where, String crossCheck) {
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (!lowerBound && Double.isFinite(p) && Double.isFinite(pError) && pError > 0) {
            lo = zOf(Math.min(1, p + pError));
            hi = p - pError > 0 ? zOf(p - pError) : Double.POSITIVE_INFINITY;
        }
        return new Headline(name, z, lo, hi, lowerBound, toys, where, crossCheck);
    }

    /** Phi^-1(1 - p), one-sided. */
    static double zOf(double p) {
        if (p <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.NEGATIVE_INFINITY;
        }
        return NORMAL.inverseCumulativeProbability(1 - p);
    }

    /**
     * The value with its uncertainty, e.g. "1.23 +0.15 -0.14 (toy statistics, 1000 toys)" or ">= 2.58 (no toy of 200
     * reached the data; more toys raise the bound)".
     */
    public String value() {
        if (lowerBound) {
            return ">= " + z(z) + " (no toy of " + toys + " reached the data; more toys raise the bound)";
        }
        if (toys == 0) {
            return z(z);
        }
        if (Double.isNaN(zLow)) {
            return z(z) + " (" + toys + " toys)";
        }
        String up = Double.isInfinite(zHigh) ? "+inf" : "+" + fixed(Math.max(0, zHigh - z), 2);
        return z(z) + " " + up + " -" + fixed(Math.max(0, z - zLow), 2) + " (toy statistics, " + toys + " toys)";
    }

    /** "NAME = VALUE", or "NAME >= ..." for a lower bound. */
    public String statement() {
        return name + (lowerBound ? " " : " = ") + value();
    }

    /** The console line: "headline: global Z of ... = 1.23 +0.15 -0.14 (...), SR [...]; cross-check ...". */
    public String line() {
        return "headline: " + statement() + (where.isEmpty() ? "" : ", " + where)
                + (crossCheck.isEmpty() ? "" : "; " + CROSS_CHECK + ": " + crossCheck);
    }

    /** A significance with two decimals ("1.93", "-0.09"). */
    public static String z(double z) {
        return fixed(z, 2);
    }

    /** A p-value with two significant digits: "0.027", "0.0062", and below 0.001 "8.0e-13". */
    public static String p(double p) {
        if (!Double.isFinite(p)) {
            return String.valueOf(p);
        }
        if (p == 0 || p >= 1e-3) {
            return new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.1e", p);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String range(double[] r) {
        return "[" + RunSummary.formatNumber(r[0]) + ", " + RunSummary.formatNumber(r[1]) + ")";
    }
}
