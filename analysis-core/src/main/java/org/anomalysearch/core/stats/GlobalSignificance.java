package org.anomalysearch.core.stats;

import java.io.Serializable;
import org.anomalysearch.core.InvalidInputException;

/**
 * The global p-value from background-only pseudo-experiments: the fraction of toys with t &gt;= t_obs, with its
 * binomial uncertainty sqrt(p (1 - p) / N), and Z = Phi^-1(1 - p). When no toy reaches t_obs the p-value is 0;
 * then {@code z} is the lower bound Phi^-1(1 - 1/N) and {@code zIsLowerBound} is true  (run more toys). When every
 * toy reaches t_obs (p = 1), Z is reported as 0, as pyBumpHunter does.
 *
 * @param tObserved     t of the data
 * @param nToys         number of toys
 * @param nAtLeast      toys with t &gt;= tObserved
 * @param pValue        nAtLeast / nToys
 * @param pValueError   binomial uncertainty
 * @param z             Phi^-1(1 - p), or the lower bound
 * @param zIsLowerBound true if no toy reached tObserved
 */
public record GlobalSignificance(double tObserved, int nToys, int nAtLeast, double pValue, double pValueError, double z,
                                 boolean zIsLowerBound) implements Serializable {

    /** From t of the data and the toys' t values. */
    public static GlobalSignificance of(double tObserved, double[] toyT) {
        if (Double.isNaN(tObserved)) {
            throw new InvalidInputException("global significance", "t", "the observed test statistic is NaN", null);
        }
        if (toyT == null || toyT.length == 0) {
            throw new InvalidInputException("global significance", "toys", "no pseudo-experiments were run",
                    "run at least a few hundred toys");
        }
        int k = 0;
        for (double t : toyT) {
            if (Double.isNaN(t)) {
                throw new InvalidInputException("global significance", "toys", "a pseudo-experiment has t = NaN", null);
            }
            if (t >= tObserved) {
                k++;
            }
        }
        int n = toyT.length;
        double p = (double) k / n;
        double err = Math.sqrt(p * (1 - p) / n);
        if (k == 0) {
            return new GlobalSignificance(tObserved, n, 0, 0, 0, Significance.zFromP(1.0 / n), true);
        }
        double z = p >= 1 ? 0 : Significance.zFromP(p);
        return new GlobalSignificance(tObserved, n, k, p, err, z, false);
    }
}
