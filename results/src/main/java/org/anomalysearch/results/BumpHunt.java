package org.anomalysearch.results;

import java.util.List;

/**
 * The inclusive bump hunt's entry of results.json and bumphunt.json, the same in {@code run}, {@code bumphunt} and
 * the demo. Masses in GeV, counts in events.
 *
 * @param status     "passed" or "rejected" (the background fit failed its quality gate: no excess is reported)
 * @param rejection  why it was rejected (null when passed)
 * @param fitRange   how the fit range was found
 * @param fit        the background fit (null when none converged)
 * @param bumpHunter BumpHunter's most significant window and global significance (null when rejected)
 * @param binEdges   the spectrum's bin edges [GeV]
 * @param counts     events per bin
 * @param expected   the fit's expectation per bin (null without a fit)
 */
public record BumpHunt(String status, String rejection, FitRange fitRange, Fit fit, BumpHunter bumpHunter,
                       double[] binEdges, double[] counts, double[] expected) {

    /** "passed". */
    public static final String PASSED = "passed";
    /** "rejected". */
    public static final String REJECTED = "rejected";

    public boolean passed() {
        return PASSED.equals(status);
    }

    /**
     * @param lo           fit range start [GeV]
     * @param hi           fit range end [GeV]
     * @param binWidth     [GeV]
     * @param spectrumPeak the spectrum's peak (trigger turn-on) [GeV]
     * @param rule         "auto" (from the peak) or "configured"
     * @param tried        the starts tried, in order
     */
    public record FitRange(double lo, double hi, double binWidth, double spectrumPeak, String rule,
                           List<FitStart> tried) {
    }

    /** @param lo start [GeV]; {@code nParams} of the chosen function; {@code pValue} of its fit; {@code passed} the gate */
    public record FitStart(double lo, int nParams, double pValue, boolean passed) {
    }

    /**
     * A gated fit of the background function.
     *
     * @param nParams     parameters of the function, all of them
     * @param params      their values (the dijet function's p0.., then for {@code dijet-turnon} the turn-on's a, b [GeV])
     * @param paramErrors their uncertainties
     * @param deviance    Poisson deviance
     * @param pearsonChi2 Pearson chi2
     * @param ndf         degrees of freedom
     * @param pValue      goodness-of-fit p-value (deviance)
     * @param gate        the quality gate's threshold on {@code pValue}
     * @param passed      whether the fit passed the gate
     * @param choice      the F-test steps that chose {@code nParams}
     * @param excluded    the window excluded before the fit was repeated (null when none)
     * @param function    the function's family ({@code fit.function}: dijet or dijet-turnon; null in results written
     *                    before it existed, which were all dijet)
     */
    public record Fit(int nParams, double[] params, double[] paramErrors, double deviance, double pearsonChi2,
                      int ndf, double pValue, double gate, boolean passed, List<ModelChoice> choice,
                      Exclusion excluded, String function) {

        /** A fit of the dijet function (the default family). */
        public Fit(int nParams, double[] params, double[] paramErrors, double deviance, double pearsonChi2, int ndf,
                   double pValue, double gate, boolean passed, List<ModelChoice> choice, Exclusion excluded) {
            this(nParams, params, paramErrors, deviance, pearsonChi2, ndf, pValue, gate, passed, choice, excluded,
                    "dijet");
        }
    }

    /** @param simpler parameters; {@code richer} parameters; their F-test and likelihood-ratio p-values */
    public record ModelChoice(int simpler, int richer, double fPValue, double lrPValue) {
    }

    /** @param lo [GeV]; {@code hi} [GeV]; {@code because} why the window was excluded from the fit */
    public record Exclusion(double lo, double hi, String because) {
    }

    /**
     * @param windowLo            most discrepant window's lower edge [GeV]
     * @param windowHi            its upper edge [GeV]
     * @param observed            events in it
     * @param expected            the fit's expectation in it
     * @param localP              its local p-value
     * @param localZ              its local significance
     * @param t                   BumpHunter's test statistic, -ln(localP)
     * @param toys                pseudo-experiments
     * @param toysAtLeast         toys with t at least the data's
     * @param globalP             global p-value
     * @param globalPError        its binomial uncertainty
     * @param globalZ             global significance
     * @param globalZIsLowerBound no toy reached the data's t: globalZ is a lower bound
     * @param toyProcedure        how each toy was made
     */
    public record BumpHunter(double windowLo, double windowHi, double observed, double expected, double localP,
                             double localZ, double t, int toys, int toysAtLeast, double globalP, double globalPError,
                             double globalZ, boolean globalZIsLowerBound, String toyProcedure) {
    }

    /**
     * A window of the spectrum tested with its bins masked in the fit.
     *
     * @param lo             [GeV]
     * @param hi             [GeV]
     * @param observed       events in the window
     * @param predicted      the masked fit's prediction
     * @param predictedError its uncertainty
     * @param fitP           the masked fit's goodness-of-fit p-value
     * @param fitPassed      whether it passed the quality gate (if not, no significance: the Zs and p are NaN)
     * @param localZ         local significance (profile likelihood, fit uncertainty constrained)
     * @param localZSigned   signed local significance
     * @param localP         local p-value
     * @param fit            the masked fit (configured SR only; null for the sliding windows)
     */
    public record MaskedFit(double lo, double hi, double observed, double predicted, double predictedError,
                            double fitP, boolean fitPassed, double localZ, double localZSigned, double localP,
                            Fit fit) {
    }

    /**
     * bumphunt.json.
     *
     * @param input        the event table or counts CSV
     * @param seed         the master seed
     * @param bumpHunt     the inclusive bump hunt
     * @param signalRegion the configured SR with its bins masked (null when not tested)
     * @param scan         sliding windows with their bins masked (diagnostic; null when not run)
     */
    public record File(String input, long seed, BumpHunt bumpHunt, MaskedFit signalRegion, List<MaskedFit> scan) {
    }
}
