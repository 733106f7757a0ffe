package org.anomalysearch.export.plot;

import java.util.Optional;

/**
 * One classifier's ROC curve as signal efficiency eps_S against background efficiency eps_B (the false
 * positive rate), with an optional band [eps_B low, eps_B high] at each eps_S (e.g. the spread over
 * cross-validation folds or bootstrap replicas). The rejection 1/eps_B and the significance improvement
 * SIC = eps_S / sqrt(eps_B) are monotone in eps_B, so their bands follow from the eps_B band.
 *
 * @param label            legend text
 * @param signalEff        eps_S per working point, in [0, 1]
 * @param backgroundEff    eps_B per working point, in [0, 1]
 * @param backgroundEffLow lower eps_B band edge per point, or null
 * @param backgroundEffHigh upper eps_B band edge per point, or null
 */
public record RocCurve(String label, double[] signalEff, double[] backgroundEff, double[] backgroundEffLow,
        double[] backgroundEffHigh) {

    public RocCurve {
        Check.label(label, "ROC curve label");
        signalEff = Check.finite(label, "signal efficiency", signalEff);
        backgroundEff = Check.finite(label, "background efficiency", backgroundEff);
        Check.sameLength(label, "background efficiency", backgroundEff, "signal efficiency", signalEff.length);
        Check.inUnitInterval(label, "signal efficiency", signalEff);
        Check.inUnitInterval(label, "background efficiency", backgroundEff);
        backgroundEffLow = Check.optionalFinite(label, "background efficiency band lower", backgroundEffLow);
        backgroundEffHigh = Check.optionalFinite(label, "background efficiency band upper", backgroundEffHigh);
        Check.sameLength(label, "background efficiency band lower", backgroundEffLow, "signal efficiency",
                signalEff.length);
        Check.sameLength(label, "background efficiency band upper", backgroundEffHigh, "signal efficiency",
                signalEff.length);
        Check.bandOrdered(label, backgroundEffLow, backgroundEff, backgroundEffHigh);
        if (backgroundEffLow != null) {
            Check.inUnitInterval(label, "background efficiency band lower", backgroundEffLow);
            Check.inUnitInterval(label, "background efficiency band upper", backgroundEffHigh);
        }
    }

    /** A curve without band. */
    public static RocCurve of(String label, double[] signalEff, double[] backgroundEff) {
        return new RocCurve(label, signalEff, backgroundEff, null, null);
    }

    /**
     * The drawable points of a computed ROC curve: those with eps_B &gt; 0 and at least {@code minBackground}
     * background events passing (as for max SIC); empty when none is.
     */
    public static Optional<RocCurve> of(String label, org.anomalysearch.core.metrics.RocCurve roc,
                                       long minBackground) {
        double[] tpr = roc.tpr();
        double[] fpr = roc.fpr();
        long[] nb = roc.backgroundPassing();
        int n = 0;
        for (int i = 0; i < tpr.length; i++) {
            if (fpr[i] > 0 && nb[i] >= minBackground) {
                n++;
            }
        }
        double[] s = new double[n];
        double[] b = new double[n];
        n = 0;
        for (int i = 0; i < tpr.length; i++) {
            if (fpr[i] > 0 && nb[i] >= minBackground) {
                s[n] = tpr[i];
                b[n++] = fpr[i];
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(of(label, s, b));
    }

    /**
     * A curve given as background rejection 1/eps_B (>= 1) with its band [rejection low, high], or null
     * arrays for no band; converted to eps_B.
     */
    public static RocCurve fromRejection(String label, double[] signalEff, double[] rejection, double[] low,
            double[] high) {
        double[] r = Check.finite(label, "background rejection", rejection);
        double[] lo = Check.optionalFinite(label, "rejection band lower", low);
        double[] hi = Check.optionalFinite(label, "rejection band upper", high);
        return new RocCurve(label, signalEff, invert(label, "background rejection", r),
                hi == null ? null : invert(label, "rejection band upper", hi),
                lo == null ? null : invert(label, "rejection band lower", lo));
    }

    private static double[] invert(String label, String what, double[] rejection) {
        double[] e = new double[rejection.length];
        for (int i = 0; i < e.length; i++) {
            if (!(rejection[i] >= 1)) {
                throw Check.bad(label, what + "[" + i + "] = " + rejection[i] + ", expected 1/eps_B >= 1",
                        "pass the rejection 1/eps_B, not eps_B");
            }
            e[i] = 1 / rejection[i];
        }
        return e;
    }

    /** A copy with a band. */
    public RocCurve withBand(double[] low, double[] high) {
        return new RocCurve(label, signalEff, backgroundEff, low, high);
    }

    /** Whether a band is drawn. */
    public boolean hasBand() {
        return backgroundEffLow != null;
    }

    /** 1/eps_B per point (infinite where eps_B = 0; such points are not drawn). */
    public double[] rejection() {
        double[] r = new double[backgroundEff.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 / backgroundEff[i];
        }
        return r;
    }

    /** eps_S / sqrt(eps_B) per point (not drawn where eps_B = 0). */
    public double[] sic() {
        return sic(signalEff, backgroundEff);
    }

    static double[] sic(double[] effS, double[] effB) {
        double[] s = new double[effB.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = effS[i] / Math.sqrt(effB[i]);
        }
        return s;
    }

    @Override
    public double[] signalEff() {
        return signalEff.clone();
    }

    @Override
    public double[] backgroundEff() {
        return backgroundEff.clone();
    }

    @Override
    public double[] backgroundEffLow() {
        return Check.copy(backgroundEffLow);
    }

    @Override
    public double[] backgroundEffHigh() {
        return Check.copy(backgroundEffHigh);
    }
}
