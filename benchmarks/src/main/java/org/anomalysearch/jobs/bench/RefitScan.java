package org.anomalysearch.jobs.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.search.CwolaWindowStage;

/**
 * Refits the selected spectra of finished scans (results.json: every window's selected counts per fit bin) with 3, 4
 * or 5 dijet parameters, or the F-test's choice among them (5 %), and prints each variant's local Z per test: no
 * training, so a change of the selected-spectrum fit is measured on the same selections in seconds (issue 15). The
 * quality gate and the widened mask are the scan's ({@link CwolaWindowStage#gatedFit}).
 *
 * <p>usage: {@code anomaly-search bench refit [--gate 0.01] results.json...}
 */
public final class RefitScan {

    private RefitScan() {
    }

    /** The report on {@code files} (run directories' results.json) with the quality gate {@code gate}. */
    public static String run(List<Path> files, double gate) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        String[] variants = {"3", "4", "5", "auto"};
        out.append(String.format(Locale.ROOT, "machine: %s, %d cores; load %s%n", BenchMachine.cpuModel(),
                Runtime.getRuntime().availableProcessors(), BenchMachine.loadAverage()));
        for (Path f : files) {
            RunResults r = ResultsCodec.read(f, RunResults.class);
            if (r.scan() == null || r.scan().windows() == null) {
                throw new org.anomalysearch.core.AnalysisException(f + ": this run has no ML scan (no scan.windows)",
                        "pass the results.json of a run with the config's search section");
            }
            out.append("\n## ").append(f).append("\n\n| window | efficiency | selected | local Z (parameters): "
                    + String.join(" | ", variants) + " |\n|---|---|---|---|---|---|---|\n");
            double[][] stats = new double[variants.length][3]; // largest Z, sum of signed Z, tests
            String[] where = new String[variants.length];
            for (ScanWindow w : r.scan().windows()) {
                Region sr = new Region(w.signalRegion()[0], w.signalRegion()[1]);
                for (ScanWindow.Efficiency e : w.efficiencies()) {
                    BinnedSpectrum spec = new BinnedSpectrum("refit", w.edges(), e.counts());
                    out.append(String.format(Locale.ROOT, "| %s | %s | %d |", sr, e.efficiency(), e.selected()));
                    for (int v = 0; v < variants.length; v++) {
                        double[] zz = refit(spec, sr, variants[v], gate);
                        out.append(Double.isNaN(zz[0]) ? " rejected |" : String.format(Locale.ROOT, " %.2f (%d) |",
                                zz[1], (int) zz[2]));
                        if (!Double.isNaN(zz[0])) {
                            if (where[v] == null || zz[0] > stats[v][0]) {
                                stats[v][0] = zz[0];
                                where[v] = sr + " at " + e.efficiency();
                            }
                            stats[v][1] += zz[1];
                            stats[v][2]++;
                        }
                    }
                    out.append('\n');
                }
            }
            out.append('\n');
            for (int v = 0; v < variants.length; v++) {
                out.append(String.format(Locale.ROOT, "params %s: largest local Z %.2f (%s), mean signed local Z %.2f "
                        + "over %d tests%n", variants[v], stats[v][0], where[v], stats[v][1] / stats[v][2],
                        (int) stats[v][2]));
            }
        }
        return out.toString();
    }

    /** {local Z, signed local Z, parameters}, or NaN when the fit fails or the gate rejects it. */
    static double[] refit(BinnedSpectrum spec, Region sr, String variant, double gate) {
        try {
            // 0: the scan's own auto path (the F-test's choice inside gatedFit, as search.fit.params: auto)
            int params = variant.equals("auto") ? 0 : Integer.parseInt(variant);
            SidebandFit.Result f = CwolaWindowStage.gatedFit(spec, sr, FitFunction.DIJET, params, gate);
            int used = f.fit().nDijetParams();
            if (!FitQuality.of(f.fit(), gate, List.of()).passed()) {
                return new double[] {Double.NaN, Double.NaN, used};
            }
            return new double[] {f.local().z(), f.local().zSigned(), used};
        } catch (RuntimeException ex) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
    }
}
