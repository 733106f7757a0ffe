package org.anomalysearch.core.fit;

import java.io.Serializable;
import java.util.Arrays;
import org.anomalysearch.core.region.Region;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * A converged binned Poisson maximum-likelihood fit of a {@link DijetFunction} (times the turn-on term for
 * {@link FitFunction#DIJET_TURNON}) to a {@link BinnedSpectrum}.
 * All per-bin arrays cover every bin of the spectrum, masked ones included (their expectation is the fit's
 * interpolation, which is what a signal-region prediction needs).
 *
 * @param spectrum       the fitted counts and edges
 * @param masked         bins excluded from the likelihood (the signal region)
 * @param family         the background function's family
 * @param params         dijet-function parameters p0..p{kd-1} at the minimum, then for the turn-on family its
 *                       midpoint a and width b [GeV]
 * @param covariance     their covariance: the inverse Hessian of -ln L (transformed from ln p0 to p0)
 * @param nll            -ln L = sum over unmasked bins of (mu - n ln mu + ln n!)
 * @param deviance       Poisson deviance 2 sum (mu - n + n ln(n/mu)) over unmasked bins
 * @param pearsonChi2    sum (n - mu)^2 / mu over unmasked bins
 * @param ndf            unmasked bins minus parameters, all of them (&gt; 0)
 * @param converged      true for every result {@link DijetFitter} returns (failures throw)
 * @param nIterations    Newton/Levenberg-Marquardt iterations of the winning start
 * @param edm            estimated distance to the minimum at the end, g^T H^-1 g / 2
 * @param expected       bin expectations mu_i (integral of f over the bin)
 * @param expectedErrors their uncertainties by linear error propagation of the covariance
 * @param jacobian       d mu_i / d p_k, for propagating sums of bins
 */
public record FitResult(BinnedSpectrum spectrum, boolean[] masked, FitFunction family, double[] params, double[][] covariance, double nll,
                        double deviance, double pearsonChi2, int ndf, boolean converged, int nIterations, double edm,
                        double[] expected, double[] expectedErrors, double[][] jacobian) implements Serializable {

    public FitResult {
        java.util.Objects.requireNonNull(family, "family");
        masked = masked.clone();
        params = params.clone();
        covariance = deepClone(covariance);
        expected = expected.clone();
        expectedErrors = expectedErrors.clone();
        jacobian = deepClone(jacobian);
    }

    static double[][] deepClone(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public boolean[] masked() {
        return masked.clone();
    }

    @Override
    public double[] params() {
        return params.clone();
    }

    @Override
    public double[][] covariance() {
        return deepClone(covariance);
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    @Override
    public double[] expectedErrors() {
        return expectedErrors.clone();
    }

    @Override
    public double[][] jacobian() {
        return deepClone(jacobian);
    }

    /** Number of parameters, all of them (3, 4 or 5 for the dijet family, 5, 6 or 7 with the turn-on term). */
    public int nParams() {
        return params.length;
    }

    /** Number of the dijet function's parameters (3, 4 or 5). */
    public int nDijetParams() {
        return params.length - family.extraParams();
    }

    /** The fitted dijet function; for the turn-on family its dijet part, without the efficiency. */
    public DijetFunction function() {
        return DijetFunction.of(Arrays.copyOf(params, nDijetParams()));
    }

    /** sqrt of the covariance diagonal. */
    public double[] parameterErrors() {
        double[] e = new double[params.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.sqrt(covariance[i][i]);
        }
        return e;
    }

    /** The correlation matrix. */
    public double[][] correlation() {
        int k = params.length;
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                c[i][j] = covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
            }
        }
        return c;
    }

    /** Pulls (n - mu) / sqrt(mu) per bin (masked bins included, for plots). */
    public double[] pulls() {
        double[] p = new double[expected.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (spectrum.count(i) - expected[i]) / Math.sqrt(expected[i]);
        }
        return p;
    }

    /** Number of unmasked bins in the likelihood. */
    public int nFittedBins() {
        return ndf + params.length;
    }

    public double pearsonChi2PerNdf() {
        return pearsonChi2 / ndf;
    }

    public double deviancePerNdf() {
        return deviance / ndf;
    }

    /** Goodness of fit: P(chi2_ndf &gt;= deviance), asymptotic. */
    public double devianceProbability() {
        return Math.max(0, 1 - new ChiSquaredDistribution(null, ndf).cumulativeProbability(deviance));
    }

    /**
     * The fit's expected count in bins {@code first..last} (inclusive) with its uncertainty from the full
     * covariance (bins are correlated, so this is not the quadrature sum of {@link #expectedErrors()}).
     */
    public Prediction predict(int first, int last) {
        if (first < 0 || last >= expected.length || first > last) {
            throw new IllegalArgumentException("bins " + first + ".." + last + " are not inside 0.." + (expected.length - 1));
        }
        int k = params.length;
        double[] g = new double[k];
        double v = 0;
        for (int i = first; i <= last; i++) {
            v += expected[i];
            for (int a = 0; a < k; a++) {
                g[a] += jacobian[i][a];
            }
        }
        double var = Linalg.quad(g, covariance, g);
        return new Prediction(v, Math.sqrt(Math.max(0, var)));
    }

    /** {@link #predict(int, int)} over the bins of a region aligned with the bin edges. */
    public Prediction predict(Region region) {
        int[] ab = spectrum.binsOf(region);
        return predict(ab[0], ab[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitResult f && family == f.family && spectrum.equals(f.spectrum) && Arrays.equals(masked, f.masked)
                && Arrays.equals(params, f.params) && Arrays.deepEquals(covariance, f.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * spectrum.hashCode() + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "FitResult[" + family.key() + ", " + params.length + " params " + Arrays.toString(params) + ", -lnL=" + nll + ", chi2/ndf="
                + pearsonChi2 + "/" + ndf + ", iterations=" + nIterations + "]";
    }
}
