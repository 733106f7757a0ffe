package org.anomalysearch.export.plot;

import java.util.List;

/**
 * Curves of y against x with markers (e.g. relative AUC against total bits, one curve per integer bits), optional
 * horizontal reference lines (a target) and notes under the plot.
 *
 * @param title          figure title
 * @param xLabel         x-axis label
 * @param yLabel         y-axis label
 * @param curves         one or more curves
 * @param referenceLines y values drawn as dashed lines (may be empty)
 * @param notes          lines printed under the plot
 */
public record LinePlot(String title, String xLabel, String yLabel, List<Curve> curves, double[] referenceLines,
                       List<String> notes) implements PlotSpec {

    public LinePlot {
        title = title == null ? "" : title;
        curves = Check.nonEmpty("curves", curves);
        referenceLines = referenceLines == null ? new double[0] : referenceLines.clone();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public double[] referenceLines() {
        return referenceLines.clone();
    }
}
