package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.InputConfig;
import org.anomalysearch.core.config.RegionsConfig;
import org.anomalysearch.core.config.ScanConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.io.config.ConfigLoader;
import org.anomalysearch.io.config.ConfigWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search config}: print a documented example config, or check a config file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print a documented example config (--example), or check a config file and print its canonical "
                + "form with every default filled in (--check FILE)."})
final class ConfigCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--example", required = true, description = "Print a documented example analysis.yaml.")
        boolean example;

        @Option(names = "--check", required = true, paramLabel = "YAML", description = "Validate a config file.")
        Path check;
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Comments of the example, by dotted key. */
    static final Map<String, String> COMMENTS = Map.ofEntries(
            Map.entry("schemaVersion", "config schema version; must be 1"),
            Map.entry("seed", "master seed; every component's seed is Seeds.derive(seed, name): same seed, same results"),
            Map.entry("input", "the data ('run' needs it)"),
            Map.entry("input.path", "LHCO particle-level HDF5, LHCO features HDF5, CATHODE .npy, dijet CSV or event table"),
            Map.entry("selection", "event selection"),
            Map.entry("selection.nJetsMin", "at least this many jets"),
            Map.entry("selection.leadingJetPtMin", "leading-jet pT threshold [GeV]"),
            Map.entry("selection.leadingJetAbsEtaMax", "leading-jet |eta| limit"),
            Map.entry("jets", "jet clustering of particle-level inputs"),
            Map.entry("jets.algorithm", "anti-kt, kt or cambridge-aachen"),
            Map.entry("jets.radius", "jet radius R"),
            Map.entry("jets.ptMin", "minimum jet pT [GeV]"),
            Map.entry("regions", "signal region and sidebands [GeV of mjj]"),
            Map.entry("regions.signalLo", "signal region lower edge"),
            Map.entry("regions.signalHi", "signal region upper edge"),
            Map.entry("regions.lowSidebandWidth", "width of the low sideband, ending at signalLo"),
            Map.entry("regions.highSidebandWidth", "width of the high sideband, starting at signalHi"),
            Map.entry("regions.scan", "optional: scan sliding windows instead of the one signal region"),
            Map.entry("regions.scan.spacing", "linear (fixed-width windows) or log (log-spaced bins)"),
            Map.entry("regions.scan.lo", "lower end of the searched mjj range (linear: the first SR starts here; its "
                    + "sideband lies below)"),
            Map.entry("regions.scan.hi", "upper end of the searched mjj range (linear: the last SR ends at or below "
                    + "it)"),
            Map.entry("regions.scan.width", "linear: signal-region width"),
            Map.entry("regions.scan.step", "linear: shift between windows (< width overlaps)"),
            Map.entry("regions.scan.sidebandWidth", "linear: width of each sideband; the density models train on both, "
                    + "so wider gives them more events (CATHODE trains on everything outside the SR; docs/fit-range.md)"),
            Map.entry("regions.scan.bins", "log: log-spaced bins on [lo, hi]"),
            Map.entry("regions.scan.signalBins", "log: bins per signal region"),
            Map.entry("regions.scan.sidebandBins", "log: bins per sideband"),
            Map.entry("regions.scan.stepBins", "log: bins between consecutive windows"),
            Map.entry("features", "columns of the event table to keep and inspect"),
            Map.entry("fit", "the background fit of every bump hunt (inclusive and each window's selected spectrum)"),
            Map.entry("fit.lo", "fit range start [GeV], or auto: above the trigger turn-on, the first start (from the "
                    + "spectrum's peak + turnOnMargin, bin by bin; with function dijet-turnon from the bin edge at or "
                    + "below the peak) whose inclusive fit passes the gate"),
            Map.entry("fit.hi", "fit range end [GeV]"),
            Map.entry("fit.turnOnMargin", "auto: the first start tried lies this far above the spectrum's peak [GeV]; "
                    + "450 passes the spurious-signal test on Pythia QCD (docs/fit-range.md); not used by dijet-turnon"),
            Map.entry("fit.params", "dijet-function parameters of the inclusive fit: 3, 4, 5 or auto (F-test at 5 %)"),
            Map.entry("fit.binWidth", "bin width of the inclusive spectrum [GeV], aligned with the signal region"),
            Map.entry("fit.gate", "goodness-of-fit p-value below which a fit is rejected: no excess is reported from it"),
            Map.entry("fit.function", "dijet (default: fits from the plateau, SRs from about 3.3 TeV on Pythia QCD) or "
                    + "dijet-turnon (opt-in: the dijet function times (1 + erf((m - a) / b)) / 2, a and b fitted; fits "
                    + "from the spectrum's peak, SRs from 2.8 TeV; params then counts the dijet part, auto = 4 or 5; "
                    + "about 13 times slower per fit; docs/fit-range.md)"),
            Map.entry("search", "optional: the density + CWoLa scan over the windows ('run' runs it when present)"),
            Map.entry("search.features", "classifier and density-model features (conditioned on mjj; mjj itself is not one)"),
            Map.entry("search.density", "conditional density model fitted in each window's sidebands, sampled into its SR"),
            Map.entry("search.density.kind", "flow (default: the conditional MAF), vae-classic (the seed talk's VAE sampling), vae (posterior "
                    + "bank; sculpts the selected spectrum on dijet_pythia, see docs/scan-benchmark.md) or gan; each with the "
                    + "suffix +refined (e.g. gan+refined): refined by density-ratio classifiers in the same sidebands; vae+refined "
                    + "still sculpts on QCD alone (local Z 3.21), keep flow for searches"),
            Map.entry("search.density.epochs", "training epochs; 0 = the model's default (VAE: early stopping)"),
            Map.entry("search.density.oversampling", "synthetic SR background events per SR data event"),
            Map.entry("search.density.crossFit", "two density models on the two halves of the sideband events (by "
                    + "event id), each event scored by the classifier trained against the other half's samples: a "
                    + "model's memory of its training events then cannot sculpt the selected spectrum (docs/fit-range.md)"),
            Map.entry("search.density.crossFitFolds", "K density models, each trained on the sideband events of K-1 of "
                    + "K folds (by event id), each event scored by the classifier of the model that left its fold out; "
                    + "2 = the halves above; larger K: better models, K times the training"),
            Map.entry("search.density.inFitRange", "train the density models on the sideband events at or above the fit "
                    + "range's start only (a 1000 GeV low sideband reaches into the trigger turn-on); false: all of them"),
            Map.entry("search.classifier", "k-fold classifier of SR data against the samples"),
            Map.entry("search.classifier.kind", "hgb (histogram gradient boosting) or mlp (the default MLP recipe: CATHODE + dropout 0.2 + weight decay 5e-5, docs/classifiers.md)"),
            Map.entry("search.classifier.epochs", "HGB: maximum trees, MLP: epochs; 0 = the default"),
            Map.entry("search.classifier.folds", "k: every event is scored by models that did not train on it"),
            Map.entry("search.classifier.repeats", "trainings per fold with other seeds (scores averaged)"),
            Map.entry("search.classifier.qat", "mlp: quantization-aware training at this model-wide hls4ml precision, "
                    + "e.g. fixed<8,3,RND,SAT> (W <= 24), or none (docs/trigger.md)"),
            Map.entry("search.classifier.prune", "mlp: fraction of every layer's weights pruned (smallest |w|) after "
                    + "the epochs, in [0, 1); 0 = none"),
            Map.entry("search.classifier.finetuneEpochs", "mlp: fine-tuning epochs after pruning, the pruned weights "
                    + "held at 0; the ensemble is chosen among them"),
            Map.entry("search.efficiencies", "cuts keeping these fractions of the SR data; each is one test"),
            Map.entry("search.fit", "dijet fit of each selected mjj spectrum with the SR masked: the local significance "
                    + "(range and quality gate: the top-level fit section)"),
            Map.entry("search.fit.params", "dijet function parameters: 3, 4, 5 or auto (an F-test at 5 % on each selected spectrum, SR masked; the toys choose alike; docs/fit-range.md)"),
            Map.entry("search.fit.signalBins", "fit bins per SR (bin width = SR width / signalBins)"),
            Map.entry("search.toys", "background-only pseudo-experiments of the global significance (on Spark)"));

    /** The example config: every default, an input, a linear scan and the search section. */
    static AnalysisConfig exampleConfig() {
        AnalysisConfig d = AnalysisConfig.defaults();
        RegionsConfig r = d.regions();
        return d.withInput(new InputConfig("data/events_anomalydetection_v2.h5", null))
                .withRegions(new RegionsConfig(r.signalLo(), r.signalHi(), r.lowSidebandWidth(), r.highSidebandWidth(),
                        ScanConfig.defaults())).withSearch(SearchConfig.defaults());
    }

    /** The documented example YAML: the canonical YAML of {@link #exampleConfig()} with a comment on each key. */
    static String example() {
        List<String> out = new ArrayList<>();
        out.add("# anomaly-search analysis config (anomaly-search run --config analysis.yaml).");
        out.add("# Absent keys take the defaults shown here; unknown keys are errors. Spark settings are not part of");
        out.add("# the config: use --master (or spark-submit's --master) and --partitions.");
        List<String> path = new ArrayList<>();
        for (String line : ConfigWriter.toYaml(exampleConfig()).split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            String body = line.strip();
            int colon = body.indexOf(':');
            if (body.startsWith("- ") || colon < 0) {
                out.add(line);
                continue;
            }
            int level = indent / 2;
            while (path.size() > level) {
                path.remove(path.size() - 1);
            }
            path.add(body.substring(0, colon));
            String comment = COMMENTS.get(String.join(".", path));
            out.add(comment == null ? line : line + "  # " + comment);
        }
        return String.join("\n", out) + "\n";
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (mode.example) {
            out.print(example());
        } else {
            AnalysisConfig c = ConfigLoader.load(mode.check);
            out.println("# " + mode.check + ": valid; canonical form:");
            out.print(ConfigWriter.toYaml(c));
        }
        out.flush();
        return 0;
    }
}
