package org.anomalysearch.core.stats;

import java.io.Serializable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.fit.SignalBackgroundFit;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The spurious-signal test (as in ATLAS's dijet and diphoton searches): a signal + background fit
 * ({@link SignalBackgroundFit}) to a background-only spectrum of high statistics. The background is the dijet
 * function (parameters free), the signal a Gaussian of fixed mass and width whose yield S is free (negative
 * allowed); the fitted S is the signal the background function would fake at that mass, to be compared with its
 * statistical uncertainty.
 */
public final class SpuriousSignal {

    private SpuriousSignal() {
    }

    /**
     * One mass point.
     *
     * @param mass        the Gaussian's mean [GeV]
     * @param width       its standard deviation [GeV]
     * @param signal      the fitted yield S (events)
     * @param signalError its uncertainty (events)
     * @param background  the background-only fit's expectation within mass +- 2 width (events)
     */
    public record Point(double mass, double width, double signal, double signalError, double background)
            implements Serializable {

        /** S / sigma_S. */
        public double pull() {
            return signal / signalError;
        }
    }

    /** The Gaussian's fraction in each bin of {@code spectrum}. */
    public static double[] gaussianTemplate(BinnedSpectrum spectrum, double mass, double width) {
        NormalDistribution g = new NormalDistribution(null, mass, width);
        double[] s = new double[spectrum.nBins()];
        for (int i = 0; i < s.length; i++) {
            s[i] = g.cumulativeProbability(spectrum.highEdge(i)) - g.cumulativeProbability(spectrum.lowEdge(i));
        }
        return s;
    }

    /**
     * Fits signal + background at {@code mass} with Gaussian {@code width} to {@code spectrum}, starting from the
     * background-only fit {@code background} (all bins, no mask; its number of parameters is used).
     */
    public static Point fit(BinnedSpectrum spectrum, FitResult background, double mass, double width) {
        if (!(width > 0) || !(mass > spectrum.lo() && mass < spectrum.hi())) {
            throw new InvalidInputException(spectrum.source(), "mass", "the signal mass " + mass + " GeV must lie inside "
                    + "the spectrum [" + spectrum.lo() + ", " + spectrum.hi() + ") with a width > 0, got " + width, null);
        }
        double b = 0;
        double[] bg = background.expected();
        for (int i = 0; i < bg.length; i++) {
            double c = 0.5 * (spectrum.lowEdge(i) + spectrum.highEdge(i));
            if (Math.abs(c - mass) < 2 * width) {
                b += bg[i];
            }
        }
        SignalBackgroundFit.Result r = SignalBackgroundFit.fit(spectrum, background,
                gaussianTemplate(spectrum, mass, width));
        return new Point(mass, width, r.signal(), r.signalError(), b);
    }
}
