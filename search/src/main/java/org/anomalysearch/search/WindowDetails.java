package org.anomalysearch.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.ClassifierDirectory;
import org.anomalysearch.cwola.KFoldScorer;
import org.anomalysearch.density.LossHistory;
import org.anomalysearch.export.plot.FeaturePanel;
import org.anomalysearch.export.plot.FeaturePlot;
import org.anomalysearch.export.plot.LossCurve;
import org.anomalysearch.export.plot.LossPlot;
import org.anomalysearch.export.plot.PlotSpec;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.RocCurve;
import org.anomalysearch.export.plot.RocPlot;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

/**
 * The chosen window of a scan, kept: its density model and k-fold classifier in {@code models/window-NNN/} (the
 * classifier as a {@code classify train} model directory, so {@code classify score} and the FPGA export take it) and
 * its plots in {@code plots/}: the SR data against the sampled background per feature, the density model's training
 * curves and, when the events carry truth labels, the classifier's ROC and SIC on the SR data (out of fold).
 *
 * <p>The scan keeps no models (its windows run wherever the executor puts them); the chosen window is computed once
 * more on this JVM with its own seed, which gives the numbers the scan reported (the same result: checked, and a
 * mismatch is reported as an error rather than kept).
 */
public final class WindowDetails {

    private WindowDetails() {
    }

    /**
     * Keeps result {@code chosen} of a complete scan pass with master seed {@code seed} over {@code windows}
     * ({@link ScanRunner}, events {@code spectrum}): {@link #keep} of its window's task.
     */
    public static Scan.Chosen keepChosen(CwolaWindowStage stage, List<RegionSet> windows, EventBatch spectrum, long seed,
                                  List<ScanWindow> results, int chosen, Path runDir) throws IOException {
        ScanWindow best = results.get(chosen);
        int index = windows.indexOf(best.window());
        if (index < 0) {
            throw new IllegalArgumentException("window " + best.window() + " is not in the planned list");
        }
        return keep(stage, WindowTask.of(index, ScanRunner.name(index, ""), best.window(), spectrum,
                ScanRunner.windowSeed(seed, index), stage), best, runDir);
    }

    /**
     * Recomputes {@code task} keeping its models, writes them and the plots under {@code runDir}.
     *
     * @param reported the result the scan reported for this window (the recomputation must equal it)
     */
    public static Scan.Chosen keep(CwolaWindowStage stage, WindowTask task, ScanWindow reported, Path runDir)
            throws IOException {
        CwolaWindowStage.Detail d = stage.detail(task.window(), task.sidebands(), task.signalRegion(), task.spectrum(),
                task.seed());
        if (d.result().localZ() != reported.localZ() || d.result().selectedEvents() != reported.selectedEvents()) {
            throw new IllegalStateException(task.name() + " recomputed to local Z " + d.result().localZ() + " ("
                    + d.result().selectedEvents() + " selected), the scan reported " + reported.localZ() + " ("
                    + reported.selectedEvents() + ")");
        }
        Region sr = task.window().signal();
        String tag = String.format(Locale.ROOT, "%.0f_%.0f", sr.lo(), sr.hi());
        String models = "models/" + String.format(Locale.ROOT, "window-%03d", task.index());
        Path modelDir = runDir.resolve(models);
        d.density().save(modelDir.resolve("density"));
        List<Classifier> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (KFoldScorer.FoldModel fm : d.scored().models()) {
            members.add(fm.classifier());
            names.add(fm.name());
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mode", "CWOLA");
        p.put("model", stage.settings().classifierKind());
        p.put("features", String.join(",", stage.settings().features()));
        p.put("folds", Integer.toString(d.scored().k()));
        p.put("seed", Long.toString(d.scored().seed()));
        p.put("window", sr.toString());
        p.put("events.class1", Integer.toString(d.data().length));
        p.put("events.class0", Integer.toString(d.samples().length));
        ClassifierDirectory.write(modelDir.resolve("classifier"), members, names, p,
                "anomaly-search run: the chosen window's k-fold classifier (SR data vs sampled background)");

        Path plotDir = runDir.resolve("plots");
        Files.createDirectories(plotDir);
        List<String> plots = new ArrayList<>();
        List<FeaturePanel> panels = FeaturePanel.fromRows(stage.settings().features(), d.data(), d.samples(), 40);
        plots.addAll(write(plotDir, FeaturePlot.of("SR " + sr + " GeV: data vs sampled background", panels),
                "chosen_features_" + tag));
        LossHistory h = d.density().lossHistory();
        if (h != null && h.epochs() > 0 && h.columns().contains("train")) {
            double[] val = h.columns().contains("validation") ? h.column("validation") : null;
            plots.addAll(write(plotDir, LossPlot.of("SR " + sr + " GeV: "
                    + org.anomalysearch.density.DensityModel.displayName(d.density().kind()) + " training", List.of(new LossCurve("density model", h.column("train"), val))),
                    "chosen_training_" + tag));
        }
        int n = d.data().length;
        int[] labels = d.labels();
        boolean labelled = Arrays.stream(labels).anyMatch(l -> l == 1) && Arrays.stream(labels).anyMatch(l -> l == 0)
                && Arrays.stream(labels).allMatch(l -> l == 0 || l == 1);
        if (labelled) {
            double[] scores = Arrays.copyOf(d.scored().scores(), n);
            org.anomalysearch.core.metrics.RocCurve roc = org.anomalysearch.core.metrics.RocCurve.of(scores, labels);
            Optional<RocCurve> c = RocCurve.of(String.format(Locale.ROOT, "CWoLa on SR data (AUC %.3f)", roc.auc()),
                    roc, ClassifierMetrics.DEFAULT_MIN_BACKGROUND);
            if (c.isPresent()) {
                plots.addAll(write(plotDir, RocPlot.rejection("SR " + sr + " GeV: ROC (truth labels)",
                        List.of(c.get())), "chosen_roc_" + tag));
                plots.addAll(write(plotDir, RocPlot.sic("SR " + sr + " GeV: SIC (>= "
                        + ClassifierMetrics.DEFAULT_MIN_BACKGROUND + " background events)", List.of(c.get())),
                        "chosen_sic_" + tag));
                plots.addAll(write(plotDir, RocPlot.sicVsRejection("SR " + sr + " GeV: SIC against rejection",
                        List.of(c.get())), "chosen_sic_rejection_" + tag));
            }
        }
        return new Scan.Chosen(task.index(), ScanWindow.range(sr), models + "/density", models + "/classifier",
                plots);
    }

    private static List<String> write(Path dir, PlotSpec spec, String name) throws IOException {
        return SearchPlots.write(dir, spec, name).stream().map(f -> "plots/" + f).toList();
    }
}
