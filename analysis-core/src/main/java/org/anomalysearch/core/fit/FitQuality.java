package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.List;

/**
 * The goodness of a background fit and its verdict against the quality gate: a fit whose p-value (the Poisson
 * deviance against chi2 with ndf degrees of freedom, asymptotic) is below {@code gate} is rejected, and no
 * significance computed from it is reported as an excess.
 *
 * @param nParams     parameters of the background function, all of them (with the turn-on term: dijet part + 2)
 * @param pearsonChi2 Pearson chi2 of the fitted bins
 * @param deviance    Poisson deviance (likelihood ratio against the saturated model)
 * @param ndf         fitted bins minus parameters
 * @param pValue      P(chi2_ndf &gt;= deviance)
 * @param gate        the threshold the fit was judged against (0: no gate)
 * @param passed      pValue &gt;= gate
 * @param choice      the nested comparisons that chose the number of parameters (empty when it was fixed)
 */
public record FitQuality(int nParams, double pearsonChi2, double deviance, int ndf, double pValue, double gate,
                         boolean passed, List<ModelSelection.Comparison> choice) implements Serializable {

    /** The default gate: p &lt; 0.01 rejects a fit. */
    public static final double DEFAULT_GATE = 0.01;

    /** The F-test level of the automatic choice among 3, 4 and 5 parameters. */
    public static final double CHOICE_LEVEL = 0.05;

    public FitQuality {
        choice = List.copyOf(choice);
    }

    /** The quality of {@code fit} judged against {@code gate}. */
    public static FitQuality of(FitResult fit, double gate, List<ModelSelection.Comparison> choice) {
        double p = fit.devianceProbability();
        return new FitQuality(fit.nParams(), fit.pearsonChi2(), fit.deviance(), fit.ndf(), p, gate, p >= gate, choice);
    }

    /** One line: "4-parameter fit: deviance 44.7 / 37, p = 0.18 (passes the gate 0.01)". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d-parameter fit: deviance %.1f / %d, chi2 %.1f, p = %.3g (%s the "
                + "gate p >= %s)", nParams, deviance, ndf, pearsonChi2, pValue, passed ? "passes" : "FAILS", gate);
    }

    /** A background fit with its quality. */
    public record Gated(FitResult fit, FitQuality quality) implements Serializable {

        /**
         * Fits {@code spectrum} with the bins of {@code masked} left out (null: none) with {@code params} parameters,
         * or the F-test's choice among 3, 4 and 5 when {@code params} is 0, and judges the fit against {@code gate}.
         *
         * @throws FitFailedException if the fit does not converge
         */
        public static Gated fit(BinnedSpectrum spectrum, boolean[] masked, int params, double gate, FitOptions options) {
            return fit(spectrum, FitFunction.DIJET, masked, params, gate, options);
        }

        /** As above for the family {@code function}; {@code params} counts the dijet part's parameters. */
        public static Gated fit(BinnedSpectrum spectrum, FitFunction function, boolean[] masked, int params,
                                double gate, FitOptions options) {
            if (params == 0) {
                ModelSelection.Choice c = ModelSelection.choose(spectrum, function, masked, options, CHOICE_LEVEL);
                return new Gated(c.chosen(), of(c.chosen(), gate, c.comparisons()));
            }
            FitResult f = DijetFitter.fit(spectrum, function, params, masked, options);
            return new Gated(f, of(f, gate, List.of()));
        }
    }
}
