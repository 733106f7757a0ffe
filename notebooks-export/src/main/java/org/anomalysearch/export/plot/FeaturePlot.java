package org.anomalysearch.export.plot;

import java.util.List;
import org.anomalysearch.core.InvalidInputException;

/**
 * Data vs sampled background for several features, one panel per feature in a grid, each with a ratio
 * panel below.
 *
 * @param title           figure title
 * @param dataLabel       legend text of the data, e.g. {@code "Data (SR)"}
 * @param backgroundLabel legend text of the background, e.g. {@code "Sampled background"}
 * @param panels          one or more features
 * @param columns         panels per row, >= 1
 */
public record FeaturePlot(String title, String dataLabel, String backgroundLabel, List<FeaturePanel> panels,
        int columns) implements PlotSpec {

    public FeaturePlot {
        title = title == null ? "" : title;
        dataLabel = dataLabel == null ? "Data" : dataLabel;
        backgroundLabel = backgroundLabel == null ? "Background" : backgroundLabel;
        panels = Check.nonEmpty("feature panels", panels);
        if (columns < 1) {
            throw new InvalidInputException(Check.SOURCE, "columns", "columns = " + columns + ", expected >= 1",
                    "use e.g. 2 or 3 columns");
        }
    }

    /** Data vs background with up to three panels per row. */
    public static FeaturePlot of(String title, List<FeaturePanel> panels) {
        return new FeaturePlot(title, "Data", "Sampled background", panels,
                panels == null ? 1 : Math.max(1, Math.min(3, panels.size())));
    }

    /** Number of rows of the grid. */
    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    @Override
    public int defaultWidth() {
        return 480 * Math.min(columns, panels.size());
    }

    @Override
    public int defaultHeight() {
        return 60 + 440 * rows();
    }
}
