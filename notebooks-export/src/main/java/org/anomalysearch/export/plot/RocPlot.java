package org.anomalysearch.export.plot;

import java.util.List;

/**
 * ROC or SIC curves of several classifiers, each with its optional band, and the random classifier as a
 * dashed reference. {@link Kind#REJECTION} plots 1/eps_B against eps_S on a log y axis; {@link Kind#SIC}
 * plots eps_S / sqrt(eps_B) against eps_S on a linear axis; {@link Kind#SIC_VS_REJECTION} plots it against 1/eps_B
 * on a log x axis.
 *
 * @param title      figure title
 * @param kind       which view
 * @param curves     one or more curves
 * @param showRandom whether to draw the random classifier (eps_B = eps_S)
 */
public record RocPlot(String title, Kind kind, List<RocCurve> curves, boolean showRandom) implements PlotSpec {

    /** Which function of the ROC curve is drawn. */
    public enum Kind {
        /** Background rejection 1/eps_B vs signal efficiency, log y. */
        REJECTION,
        /** Significance improvement eps_S/sqrt(eps_B) vs signal efficiency. */
        SIC,
        /**
         * Significance improvement against background rejection 1/eps_B on a log x axis, the CATHODE papers' view:
         * it shows the tight cuts (large 1/eps_B) where a weakly supervised classifier gains most.
         */
        SIC_VS_REJECTION,
        /**
         * Signal efficiency against background acceptance eps_B on a log x axis: a trigger's view, where eps_B times
         * the input rate is the output rate.
         */
        TRIGGER
    }

    public RocPlot {
        title = title == null ? "" : title;
        kind = kind == null ? Kind.REJECTION : kind;
        curves = Check.nonEmpty("ROC curves", curves);
    }

    /** Rejection view with the random reference. */
    public static RocPlot rejection(String title, List<RocCurve> curves) {
        return new RocPlot(title, Kind.REJECTION, curves, true);
    }

    /** SIC view with the random reference. */
    public static RocPlot sic(String title, List<RocCurve> curves) {
        return new RocPlot(title, Kind.SIC, curves, true);
    }

    /** Signal efficiency against background acceptance (log x) with the random reference eps_S = eps_B. */
    public static RocPlot trigger(String title, List<RocCurve> curves) {
        return new RocPlot(title, Kind.TRIGGER, curves, true);
    }

    /** SIC against background rejection 1/eps_B (log x) with the random reference (SIC = 1/sqrt(1/eps_B)). */
    public static RocPlot sicVsRejection(String title, List<RocCurve> curves) {
        return new RocPlot(title, Kind.SIC_VS_REJECTION, curves, true);
    }
}
