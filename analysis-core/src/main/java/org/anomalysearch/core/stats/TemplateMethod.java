package org.anomalysearch.core.stats;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.Prediction;

/**
 * The template method: the background in the signal region after a cut is the SR count before the cut (observed,
 * or a fit's prediction) times the efficiency of the cut on the sampled background (e.g. a density model's samples),
 * whose binomial uncertainty is propagated together with the uncertainty of the count before the cut.
 */
public final class TemplateMethod {

    private TemplateMethod() {
    }

    /**
     * The efficiency pass / total with its binomial uncertainty sqrt(eff (1 - eff) / total).
     *
     * @throws InvalidInputException if total &lt;= 0, pass &lt; 0 or pass &gt; total
     */
    public static Prediction efficiency(long pass, long total) {
        if (total <= 0 || pass < 0 || pass > total) {
            throw new InvalidInputException("template method", "efficiency", "needs 0 <= pass <= total and total > 0, got "
                    + pass + " of " + total, "count the sampled background events before and after the cut");
        }
        double e = (double) pass / total;
        return new Prediction(e, Math.sqrt(e * (1 - e) / total));
    }

    /**
     * The background after the cut: N_before x eff, with variance (eff sigma_N)^2 + (N_before sigma_eff)^2.
     *
     * @throws InvalidInputException if no sampled event passes the cut (the prediction would be 0 +- 0)
     */
    public static Prediction background(Prediction beforeCut, long sampledPass, long sampledTotal) {
        Prediction eff = efficiency(sampledPass, sampledTotal);
        if (sampledPass == 0) {
            throw new InvalidInputException("template method", "efficiency", "none of the " + sampledTotal
                    + " sampled background events passes the cut, so the background estimate is 0 +- 0",
                    "sample more background events or loosen the cut");
        }
        double v = beforeCut.value() * eff.value();
        double a = eff.value() * beforeCut.error();
        double c = beforeCut.value() * eff.error();
        return new Prediction(v, Math.sqrt(a * a + c * c));
    }

    /** The SR count before the cut as the observation n +- sqrt(n). */
    public static Prediction observedCount(double n) {
        if (!(n >= 0) || !Double.isFinite(n)) {
            throw new InvalidInputException("template method", "count", "the SR count must be finite and >= 0, got " + n, null);
        }
        return new Prediction(n, Math.sqrt(n));
    }

    /** The local significance of {@code observedAfterCut} against the template background. */
    public static LocalSignificance evaluate(double observedAfterCut, Prediction beforeCut, long sampledPass,
                                             long sampledTotal, Significance.Constraint constraint) {
        Prediction b = background(beforeCut, sampledPass, sampledTotal);
        return Significance.local(observedAfterCut, b.value(), b.error(), constraint);
    }
}
