package org.anomalysearch.export.plot;

/**
 * An immutable description of one figure: the data and the choices a reader sees, nothing about files or
 * pixels. Specs validate their data when constructed, so a bad array fails before any rendering; write one
 * with {@link Plots#write(PlotSpec, java.nio.file.Path, Plots.Format...)}.
 */
public sealed interface PlotSpec permits SpectrumPlot, SignificanceScanPlot, RocPlot, FeaturePlot, LossPlot, HeatMapPlot,
        LinePlot {

    /** The title printed above the figure; may be empty. */
    String title();

    /** The width in pixels used when none is given. */
    default int defaultWidth() {
        return Plots.DEFAULT_WIDTH;
    }

    /** The height in pixels used when none is given. */
    default int defaultHeight() {
        return Plots.DEFAULT_HEIGHT;
    }
}
