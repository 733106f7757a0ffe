package org.anomalysearch.export.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;

/**
 * A pyhf JSON workspace (schema version {@value #VERSION}, {@code https://scikit-hep.org/pyhf/schemas/1.0.0/}) of a
 * counting experiment in one mass window: the observed count, the background the sideband fit predicts there with
 * its uncertainty, and a signal of one event scaled by the parameter of interest {@code mu}, so the fitted {@code mu}
 * is the number of signal events. The layout is pyhf's own {@code simplemodels.uncorrelated_background}: the
 * background carries a {@code shapesys} modifier whose data is the absolute fit uncertainty (a Poisson-constrained
 * nuisance parameter with {@code tau = (b / sigma_b)^2}). Refit with
 * {@code pyhf.Workspace(json.load(f)).model()} and {@code pyhf.infer.hypotest(0.0, data, model, test_stat="q0")}.
 *
 * @param channels     one channel of one bin
 * @param measurements one measurement, POI {@code mu}
 * @param observations the observed count
 * @param version      {@value #VERSION}
 */
public record PyhfWorkspace(List<Channel> channels, List<Measurement> measurements, List<Observation> observations,
                            String version) {

    /** The workspace schema version written. */
    public static final String VERSION = "1.0.0";
    /** The parameter of interest: signal events in the window. */
    public static final String POI = "mu";
    /** The background's fit-uncertainty modifier. */
    public static final String BACKGROUND_UNCERTAINTY = "background_fit_uncertainty";


    /** A channel: its name and samples. */
    public record Channel(String name, List<Sample> samples) {
    }

    /** A sample: expected events per bin and its modifiers. */
    public record Sample(String name, double[] data, List<Modifier> modifiers) {
    }

    /** A modifier; {@code data} is null for a normfactor (pyhf's schema requires the explicit null). */
    public record Modifier(String name, String type, double[] data) {
    }

    /** Observed events per bin of a channel. */
    public record Observation(String name, double[] data) {
    }

    /** A measurement: its name and configuration. */
    public record Measurement(String name, Config config) {
    }

    /** The parameter of interest and parameter settings. */
    public record Config(String poi, List<Parameter> parameters) {
    }

    /** A parameter's initial value and bounds (either may be null: left out of the JSON). */
    public record Parameter(String name, double[] inits, double[][] bounds) {
    }

    /**
     * One window counted once: {@code observed} events where the fit predicts {@code background +- backgroundError}.
     * Without an uncertainty ({@code backgroundError <= 0}) the background has no modifier. {@code mu} starts at 0 and
     * is bounded to [0, max(10, 2 observed)].
     */
    public static PyhfWorkspace countingExperiment(String channel, double observed, double background,
                                                   double backgroundError) {
        if (!(background > 0) || !(observed >= 0) || !(backgroundError >= 0)) {
            throw new IllegalArgumentException("a counting experiment needs observed >= 0, background > 0 and an "
                    + "uncertainty >= 0; found " + observed + ", " + background + " +- " + backgroundError);
        }
        Sample signal = new Sample("signal", new double[] {1.0},
                List.of(new Modifier(POI, "normfactor", null)));
        Sample bkg = new Sample("background", new double[] {background}, backgroundError > 0
                ? List.of(new Modifier(BACKGROUND_UNCERTAINTY, "shapesys", new double[] {backgroundError}))
                : List.of());
        Parameter mu = new Parameter(POI, new double[] {0}, new double[][] {{0, Math.max(10, 2 * observed)}});
        return new PyhfWorkspace(List.of(new Channel(channel, List.of(signal, bkg))),
                List.of(new Measurement(channel + "_signal_events", new Config(POI, List.of(mu)))),
                List.of(new Observation(channel, new double[] {observed})), VERSION);
    }

    /**
     * The workspaces of a run, by file stem, each present when its window was tested with an accepted fit:
     * {@code signal_region} (the configured SR's masked sideband fit on the inclusive spectrum) and
     * {@code scan_window} (the ML scan's globally most significant window at its efficiency: the selected events
     * against the masked fit of the selected spectrum). BumpHunter's window has no fit uncertainty in the results,
     * so it has no workspace.
     */
    public static Map<String, PyhfWorkspace> of(RunResults r) {
        Map<String, PyhfWorkspace> out = new LinkedHashMap<>();
        if (r.signalRegion() != null && r.signalRegion().sidebandFit().fitPassed()) {
            BumpHunt.MaskedFit f = r.signalRegion().sidebandFit();
            out.put("signal_region", countingExperiment("signal_region", f.observed(), f.predicted(),
                    f.predictedError()));
        }
        ScanWindow.Efficiency e = scanWindow(r.scan());
        if (e != null) {
            out.put("scan_window", countingExperiment("scan_window", e.selected(), e.expected(), e.expectedError()));
        }
        return out;
    }

    /** The scan's globally most significant window at its efficiency, or null without an accepted fit there. */
    static ScanWindow.Efficiency scanWindow(Scan scan) {
        Scan.Global g = scan == null ? null : scan.global();
        if (g == null || g.window() < 0 || g.window() >= scan.windows().size()) {
            return null;
        }
        ScanWindow.Efficiency e = scan.windows().get(g.window()).at(g.efficiency());
        return e == null || e.fitFailed() || e.fit() == null || e.fit().rejected() || !(e.expected() > 0) ? null : e;
    }

    /** The workspace as pyhf reads it. */
    public String toJson() {
        return Json.write(withNormfactorData(ResultsCodec.toMap(this)));
    }

    /**
     * The JSON tree with {@code "data": null} on every normfactor modifier, which pyhf's schema requires and the
     * results codec leaves out (it writes no nulls, so a parameter's unset inits / bounds stay absent, as pyhf wants).
     */
    private static Object withNormfactorData(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, withNormfactorData(v)));
            if ("normfactor".equals(out.get("type"))) {
                out.putIfAbsent("data", null);
            }
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(PyhfWorkspace::withNormfactorData).toList();
        }
        return node;
    }
}
