package org.anomalysearch.export.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.Feature;
import org.anomalysearch.export.plot.FeaturePanel;
import org.anomalysearch.export.plot.Overlay;
import org.anomalysearch.export.plot.OverlayGrid;

/**
 * The standard plots of a run's event table, as {@link OverlayGrid}s: feature distributions and the mjj
 * spectrum, each overlaid by truth label (signal, background; one "no truth label" curve when the labels are
 * unknown), at unit area.
 */
public final class RunPlots {

    private RunPlots() {
    }

    /** One panel per feature (those of {@code features} that the batch has), three panels per row. */
    public static OverlayGrid features(EventBatch batch, List<String> features, String title, int bins) {
        List<OverlayGrid.Panel> panels = new ArrayList<>();
        for (String f : features) {
            if (batch.schema().contains(f)) {
                panels.add(panel(batch, f, f, bins));
            }
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("none of " + features + " is a column of the batch");
        }
        return new OverlayGrid(title, panels, Math.min(3, panels.size()));
    }

    /** The mjj distribution by label, titled with the signal region when given ({lo, hi} in GeV, or null). */
    public static OverlayGrid mjj(EventBatch batch, double[] signalRegion, int bins) {
        String t = signalRegion == null ? "mjj by truth label (unit area)"
                : String.format(Locale.ROOT, "mjj by truth label (unit area); signal region %.0f-%.0f GeV",
                        signalRegion[0], signalRegion[1]);
        return new OverlayGrid("Dijet invariant mass", List.of(panel(batch, "mjj", t, bins)), 1);
    }

    private static OverlayGrid.Panel panel(EventBatch batch, String column, String title, int bins) {
        double[] values = batch.column(column);
        TreeMap<Integer, double[]> byLabel = split(values, batch.labels());
        double[] range = Overlay.robustRange(new ArrayList<>(byLabel.values()));
        List<Overlay> overlays = new ArrayList<>();
        for (var e : byLabel.descendingMap().entrySet()) {
            overlays.add(Overlay.density(labelName(e.getKey()) + " (" + e.getValue().length + ")", e.getValue(),
                    range[0], range[1], bins));
        }
        Feature feature = batch.schema().features().get(batch.schema().indexOf(column));
        String x = FeaturePanel.axisLabel(column);
        if (!x.contains("[") && !feature.unit().isEmpty()) {
            x = column + " [" + feature.unit() + "]";
        }
        return new OverlayGrid.Panel(title, x, overlays);
    }

    /** The values of each label, labels in increasing order. */
    static TreeMap<Integer, double[]> split(double[] values, int[] labels) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int l : labels) {
            counts.merge(l, 1, Integer::sum);
        }
        TreeMap<Integer, double[]> out = new TreeMap<>();
        TreeMap<Integer, Integer> fill = new TreeMap<>();
        counts.forEach((l, n) -> {
            out.put(l, new double[n]);
            fill.put(l, 0);
        });
        for (int i = 0; i < values.length; i++) {
            int l = labels[i];
            int k = fill.get(l);
            out.get(l)[k] = values[i];
            fill.put(l, k + 1);
        }
        return out;
    }

    /** "signal", "background", "no truth label" or "label N". */
    public static String labelName(int label) {
        return switch (label) {
            case 1 -> "signal";
            case 0 -> "background";
            case -1 -> "no truth label";
            default -> "label " + label;
        };
    }
}
