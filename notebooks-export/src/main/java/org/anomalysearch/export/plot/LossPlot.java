package org.anomalysearch.export.plot;

import java.util.List;

/**
 * Training curves of one or more runs: training loss as a solid line, validation loss dashed in the same
 * colour, the best epoch of each run marked with a dotted vertical line and a point. With {@code logY}
 * every loss must be positive (negative log-likelihoods often are not; use a linear axis for those).
 *
 * @param title  figure title
 * @param yLabel y-axis label, e.g. {@code "Loss (binary cross-entropy)"}
 * @param runs   one or more runs
 * @param logY   whether the y axis is logarithmic
 */
public record LossPlot(String title, String yLabel, List<LossCurve> runs, boolean logY) implements PlotSpec {

    public LossPlot {
        title = title == null ? "" : title;
        yLabel = yLabel == null ? "Loss" : yLabel;
        runs = Check.nonEmpty("loss curves", runs);
        if (logY) {
            for (LossCurve r : runs) {
                positive(r.label(), "training loss", r.train());
                if (r.validation() != null) {
                    positive(r.label(), "validation loss", r.validation());
                }
            }
        }
    }

    private static void positive(String label, String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw Check.bad(label, what + " at epoch " + (i + 1) + " is " + v[i]
                        + ", a log y axis needs positive values", "plot with logY = false");
            }
        }
    }

    /** Linear y axis. */
    public static LossPlot of(String title, List<LossCurve> runs) {
        return new LossPlot(title, "Loss", runs, false);
    }

    /** The same plot with a log y axis. */
    public LossPlot withLogY() {
        return new LossPlot(title, yLabel, runs, true);
    }
}
