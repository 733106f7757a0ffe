package org.anomalysearch.core.stats;

import java.io.Serializable;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFitter;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.fit.Prediction;
import org.anomalysearch.core.region.Region;

/**
 * The sideband-fit method of CWoLa hunting: fit the (selected) mjj spectrum with the signal-region bins masked,
 * predict the SR count from the fit with its uncertainty from the fit covariance, and take the local p-value and Z
 * from the profile likelihood with that uncertainty as a constrained nuisance parameter.
 */
public final class SidebandFit {

    private SidebandFit() {
    }

    /**
     * The result for one signal region.
     *
     * @param signalRegion the SR
     * @param firstBin     its first bin
     * @param lastBin      its last bin (inclusive)
     * @param fit          the fit with the SR masked
     * @param background   the fit's SR prediction and uncertainty
     * @param local        the local significance of the observed SR count
     */
    public record Result(Region signalRegion, int firstBin, int lastBin, FitResult fit, Prediction background,
                         LocalSignificance local) implements Serializable {

        public double observed() {
            return local.observed();
        }

        /** (n - b) / sqrt(b + sigma_b^2): the pull of the SR count. */
        public double pull() {
            return (local.observed() - background.value())
                    / Math.sqrt(background.value() + background.error() * background.error());
        }
    }

    /** With the default options and the Gaussian constraint. */
    public static Result evaluate(BinnedSpectrum spectrum, Region signalRegion, int nParams) {
        return evaluate(spectrum, signalRegion, nParams, FitOptions.defaults(), Significance.Constraint.GAUSSIAN);
    }

    /**
     * Fits with the SR masked and evaluates the SR.
     *
     * @throws org.anomalysearch.core.InvalidInputException if the SR leaves the spectrum, cuts a bin, or leaves too few bins
     * @throws org.anomalysearch.core.fit.FitFailedException if the fit does not converge
     */
    public static Result evaluate(BinnedSpectrum spectrum, Region signalRegion, int nParams, FitOptions options,
                                  Significance.Constraint constraint) {
        return evaluate(spectrum, signalRegion, signalRegion, nParams, options, constraint);
    }

    /**
     * Fits with the bins of {@code masked} (which contains the SR, aligned with bin edges) left out and evaluates the
     * SR: a wider mask keeps a signal that leaks out of the SR from pulling the fit.
     */
    public static Result evaluate(BinnedSpectrum spectrum, Region signalRegion, Region masked, int nParams,
                                  FitOptions options, Significance.Constraint constraint) {
        return evaluate(spectrum, signalRegion, masked, FitFunction.DIJET, nParams, options, constraint);
    }

    /** As above with the background function {@code function} ({@code nParams} counts its dijet part). */
    public static Result evaluate(BinnedSpectrum spectrum, Region signalRegion, Region masked, FitFunction function,
                                  int nParams, FitOptions options, Significance.Constraint constraint) {
        int[] ab = spectrum.binsOf(signalRegion);
        FitResult fit = DijetFitter.fit(spectrum, function, nParams, spectrum.mask(masked), options);
        Prediction b = fit.predict(ab[0], ab[1]);
        double n = spectrum.sum(ab[0], ab[1]);
        return new Result(signalRegion, ab[0], ab[1], fit, b, Significance.local(n, b.value(), b.error(), constraint));
    }
}
