package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Choosing the number of dijet-function parameters: the Fisher F-test on the Poisson deviance, the likelihood-ratio
 * test (2 delta(-ln L) ~ chi2 with the difference in parameters) and the Wald test of single parameters.
 */
public final class ModelSelection {

    private ModelSelection() {
    }

    /**
     * One nested comparison.
     *
     * @param simplerParams parameters of the simpler fit
     * @param richerParams  parameters of the richer fit
     * @param fStatistic    ((D1 - D2) / (k2 - k1)) / (D2 / ndf2) with D the deviance
     * @param fPValue       P(F(k2 - k1, ndf2) &gt;= fStatistic)
     * @param lrStatistic   2 (nll1 - nll2), clipped at 0
     * @param lrPValue      P(chi2(k2 - k1) &gt;= lrStatistic)
     */
    public record Comparison(int simplerParams, int richerParams, double fStatistic, double fPValue, double lrStatistic,
                             double lrPValue) implements Serializable {
    }

    /** The outcome of {@link #choose}: the chosen fit and every comparison made on the way. */
    public record Choice(FitResult chosen, List<Comparison> comparisons) implements Serializable {
        public Choice {
            comparisons = List.copyOf(comparisons);
        }
    }

    /** Compares two fits of the same spectrum and mask with k1 &lt; k2 parameters. */
    public static Comparison compare(FitResult simpler, FitResult richer) {
        int k1 = simpler.nParams();
        int k2 = richer.nParams();
        if (k1 >= k2) {
            throw new InvalidInputException("model selection", "nParams", "the simpler fit must have fewer parameters, got "
                    + k1 + " vs " + k2, null);
        }
        if (simpler.family() != richer.family()) {
            throw new InvalidInputException("model selection", "function", "the two fits must be of the same function "
                    + "family, got " + simpler.family().key() + " and " + richer.family().key(), null);
        }
        if (!simpler.spectrum().equals(richer.spectrum()) || !java.util.Arrays.equals(simpler.masked(), richer.masked())) {
            throw new InvalidInputException("model selection", "spectrum", "the two fits must be of the same spectrum "
                    + "with the same masked bins", null);
        }
        int dk = k2 - k1;
        int ndf2 = richer.ndf();
        double d1 = simpler.deviance();
        double d2 = richer.deviance();
        double f = d2 > 0 ? Math.max(0, (d1 - d2) / dk) / (d2 / ndf2) : Double.POSITIVE_INFINITY;
        double fp = Double.isInfinite(f) ? 0 : 1 - new FDistribution(null, dk, ndf2).cumulativeProbability(f);
        double lr = Math.max(0, 2 * (simpler.nll() - richer.nll()));
        double lrp = 1 - new ChiSquaredDistribution(null, dk).cumulativeProbability(lr);
        return new Comparison(k1, k2, f, Math.max(0, fp), lr, Math.max(0, lrp));
    }

    /** Wald test of parameter {@code index} = 0: its value over its uncertainty. */
    public static double waldZ(FitResult fit, int index) {
        return fit.params()[index] / fit.parameterErrors()[index];
    }

    /** Two-sided p-value of {@link #waldZ}. */
    public static double waldPValue(FitResult fit, int index) {
        return Erf.erfc(Math.abs(waldZ(fit, index)) / Math.sqrt(2));
    }

    /**
     * Fits 3, 4, 5 parameters in turn and keeps the richer function only while the F-test prefers it at level
     * {@code alpha} (e.g. 0.05). A richer fit that fails to converge ends the sequence (the simpler fit is kept);
     * a failing first fit throws.
     */
    public static Choice choose(BinnedSpectrum spectrum, boolean[] masked, FitOptions options, double alpha) {
        return choose(spectrum, FitFunction.DIJET, masked, options, alpha);
    }

    /**
     * {@link #choose(BinnedSpectrum, boolean[], FitOptions, double)} for {@code function}: with the turn-on term the
     * F-test chooses the dijet part's parameter count under the same turn-on term, from
     * {@link FitFunction#autoParamsFrom()} (4) up to 5, i.e. between 6 and 7 parameters in all; the comparisons record
     * the total counts.
     */
    public static Choice choose(BinnedSpectrum spectrum, FitFunction function, boolean[] masked, FitOptions options,
                                double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("model selection", "alpha", "the test level must be in (0, 1), got " + alpha, null);
        }
        FitResult current = DijetFitter.fit(spectrum, function, function.autoParamsFrom(), masked, options);
        List<Comparison> steps = new ArrayList<>();
        for (int k = function.autoParamsFrom() + 1; k <= 5; k++) {
            FitResult next;
            try {
                next = DijetFitter.fit(spectrum, function, k, masked, options);
            } catch (FitFailedException | InvalidInputException e) {
                break;
            }
            Comparison c = compare(current, next);
            steps.add(c);
            if (c.fPValue() < alpha) {
                current = next;
            } else {
                break;
            }
        }
        return new Choice(current, steps);
    }
}
