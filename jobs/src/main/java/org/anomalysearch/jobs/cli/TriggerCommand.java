package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.export.plot.Overlay;
import org.anomalysearch.export.plot.OverlayGrid;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.RocCurve;
import org.anomalysearch.export.plot.RocPlot;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.trigger.TriggerConfig;
import org.anomalysearch.trigger.TriggerEfficiency;
import org.anomalysearch.trigger.TriggerFeatures;
import org.anomalysearch.trigger.TriggerModel;
import org.anomalysearch.trigger.TriggerModelKind;
import org.anomalysearch.trigger.TriggerTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search trigger train|evaluate}: trigger-level anomaly detection (module trigger): an autoencoder or
 * VAE on per-event jet features, and its thresholds, rates and signal efficiencies at fixed background acceptance
 * next to plain leading-jet pT and HT thresholds.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Trigger-level anomaly detection: train an autoencoder / VAE, evaluate it as a trigger.",
        subcommands = {TriggerCommand.Train.class, TriggerCommand.Evaluate.class, CommandLine.HelpCommand.class})
final class TriggerCommand implements Runnable {

    /** The evaluation's record. */
    static final String JSON_FILE = "trigger.json";
    /** Score distributions (model score, leading-jet pT, HT) of background and signals. */
    static final String DISTRIBUTIONS = "distributions";
    /** Prefix of the trigger ROC plots, one per signal. */
    static final String ROC_PREFIX = "roc-";

    @Spec
    CommandSpec spec;

    private TriggerCommand() {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code trigger train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train an autoencoder (score: squared reconstruction error) or a VAE (score: sum of the "
                    + "encoder's mu^2) on background-dominated events.",
                "Inputs: both pT-ordered jets' pT, eta, mass, tau21, tau32, standardised with constants fitted on the "
                    + "training events and stored with the model (docs/trigger.md)."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Background-dominated events: dijet CSVs, LHCO files or event tables with the jetN_ "
                        + "columns (several files or quoted glob patterns are read as one).")
        List<String> dataFiles;

        @Option(names = "--model", paramLabel = "KIND", defaultValue = "ae",
                description = "ae or vae (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--hidden", paramLabel = "LIST", defaultValue = "32,16",
                description = "Encoder hidden widths; the decoder mirrors them (default ${DEFAULT-VALUE}).")
        String hidden;

        @Option(names = "--latent", paramLabel = "N", defaultValue = "3", description = "Latent size (default "
                + "${DEFAULT-VALUE}).")
        int latent;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Epochs (default "
                + "${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Batch size (default "
                + "${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "1e-3",
                description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
        double learningRate;

        @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
                description = "VAE: weight of the KL term (default ${DEFAULT-VALUE}).")
        double beta;

        @Mixin
        CompressionOptions compressionOptions;

        @Option(names = "--max-events", paramLabel = "N", defaultValue = "0",
                description = "Train on the first N events only (0: all; default ${DEFAULT-VALUE}).")
        int maxEvents;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL_DIR", description = "Model directory.")
        Path output;

        @Option(names = "--overwrite", description = "Replace the model in an existing model directory.")
        boolean overwrite;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TriggerConfig config = new TriggerConfig(TriggerModelKind.of(model), widths(spec, hidden), latent, epochs,
                    batchSize, learningRate, beta, seed, compressionOptions.compression());
            if (maxEvents < 0) {
                throw new ParameterException(spec.commandLine(), "--max-events must be >= 0 (0: all), got "
                        + maxEvents);
            }
            Common.requireModelDirectory(output, TriggerModel.META_FILE, overwrite, "trigger model");
            List<Path> data = Inputs.expand(dataFiles, "--data");
            EventBatch batch = ClassifyCommand.read(data, "--data");
            double[][] x = TriggerFeatures.of(batch, ClassifyCommand.names(data));
            if (maxEvents > 0 && maxEvents < x.length) {
                x = Arrays.copyOf(x, maxEvents);
            }
            long signal = 0;
            for (int i = 0; i < x.length; i++) {
                signal += batch.labels()[i] == 1 ? 1 : 0;
            }
            if (signal > 0) {
                err.printf(Locale.ROOT, "warning: %,d of the %,d training events are labelled signal (1); the trigger "
                        + "models are meant for background-dominated data%n", signal, x.length);
            }
            err.printf(Locale.ROOT, "trigger train: %s on %,d events, features %s%n", config.kind().id(), x.length,
                    TriggerFeatures.NAMES);
            err.flush();
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("data", ClassifyCommand.absolute(data));
            prov.put("signalLabelledEvents", Long.toString(signal));
            long t = System.nanoTime();
            TriggerModel m = new TriggerTrainer(config, (ep, n, loss) -> {
                err.printf(Locale.ROOT, "epoch %d/%d: loss %.5f%n", ep, n, loss);
                err.flush();
            }).fit(x, TriggerFeatures.NAMES, prov);
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                m.save(output);
                dir.commit();
            }
            out.printf(Locale.ROOT, "wrote the %s trigger model to %s (trained in %s)%n", config.kind().id(), output,
                    Progress.duration((System.nanoTime() - t) / 1e9));
            out.flush();
            return 0;
        }
    }

    /** {@code trigger evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Thresholds at fixed background acceptance and the signal efficiency there, for the model "
                    + "score, a leading-jet pT threshold and an HT threshold.",
                "An acceptance at which fewer than --min-passing background events would pass is reported as not "
                    + "measurable."})
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
                description = "A 'trigger train' model directory.")
        Path modelDir;

        @Option(names = "--background", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Background events (the trigger's input; several files or quoted patterns read as one).")
        List<String> backgroundFiles;

        @Option(names = "--signal", required = true, paramLabel = "FILE",
                description = "A signal sample (a file or a quoted pattern); repeat for several signals.")
        List<String> signalFiles;

        @Option(names = "--acceptances", paramLabel = "LIST", defaultValue = "1e-2,1e-3,1e-4",
                description = "Target background acceptances (default ${DEFAULT-VALUE}).")
        String acceptances;

        @Option(names = "--input-rate", paramLabel = "HZ", defaultValue = "100000",
                description = "Input rate the acceptances turn into output rates (default ${DEFAULT-VALUE} Hz).")
        double inputRate;

        @Option(names = "--min-passing", paramLabel = "N", defaultValue = "10",
                description = "Fewest background events that must pass for an acceptance to be measured (default "
                        + "${DEFAULT-VALUE}).")
        int minPassing;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
        Path output;

        @Option(names = "--overwrite", description = "Replace existing output files.")
        boolean overwrite;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            double[] targets = parseAcceptances(spec, acceptances);
            if (!(inputRate > 0 && Double.isFinite(inputRate))) {
                throw new ParameterException(spec.commandLine(), "--input-rate must be a positive rate in Hz, got "
                        + inputRate);
            }
            if (minPassing < 1) {
                throw new ParameterException(spec.commandLine(), "--min-passing must be >= 1, got " + minPassing);
            }
            List<Path> bgFiles = Inputs.expand(backgroundFiles, "--background");
            List<List<Path>> sigFiles = new ArrayList<>();
            List<String> sigNames = new ArrayList<>();
            for (String s : signalFiles) {
                List<Path> f = Inputs.expand(List.of(s), "--signal");
                sigFiles.add(f);
                String name = sampleName(f.get(0));
                if (sigNames.contains(name)) {
                    name = name + "-" + (sigNames.size() + 1);
                }
                sigNames.add(name);
            }
            List<Path> outputs = new ArrayList<>(List.of(output.resolve(JSON_FILE),
                    output.resolve(DISTRIBUTIONS + ".png"), output.resolve(DISTRIBUTIONS + ".svg")));
            for (String n : sigNames) {
                outputs.add(output.resolve(ROC_PREFIX + n + ".png"));
                outputs.add(output.resolve(ROC_PREFIX + n + ".svg"));
            }
            for (Path f : outputs) {
                if (Files.exists(f) && !overwrite) {
                    throw new InvalidInputException(f.toString(), null, "already exists",
                            "choose another -o or pass --overwrite");
                }
            }
            TriggerModel model = TriggerModel.load(modelDir);

            Method[] methods = Method.values();
            String bgName = ClassifyCommand.names(bgFiles);
            EventBatch bg = ClassifyCommand.read(bgFiles, "--background");
            if (bg.size() == 0) {
                throw new InvalidInputException(bgName, null, "holds no events", "give the trigger's input events");
            }
            double[][] bgScores = scores(model, bg, bgName);
            List<double[][]> sigScores = new ArrayList<>();
            List<Integer> sigEvents = new ArrayList<>();
            for (int s = 0; s < sigFiles.size(); s++) {
                String n = ClassifyCommand.names(sigFiles.get(s));
                EventBatch b = ClassifyCommand.read(sigFiles.get(s), "--signal");
                if (b.size() == 0) {
                    throw new InvalidInputException(n, null, "holds no events", "give a signal sample");
                }
                sigScores.add(scores(model, b, n));
                sigEvents.add(b.size());
            }

            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", modelDir.toAbsolutePath().toString());
            doc.put("modelKind", model.kind().id());
            doc.put("features", model.features());
            Map<String, Object> bgDoc = new LinkedHashMap<>();
            bgDoc.put("files", bgFiles.stream().map(p -> p.toAbsolutePath().toString()).toList());
            bgDoc.put("events", bg.size());
            doc.put("background", bgDoc);
            doc.put("inputRateHz", inputRate);
            doc.put("minPassing", minPassing);
            List<Object> rows = new ArrayList<>();
            TriggerEfficiency.Threshold[][] th = new TriggerEfficiency.Threshold[targets.length][methods.length];
            for (int a = 0; a < targets.length; a++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("targetAcceptance", targets[a]);
                row.put("expectedPassing", (long) Math.floor(targets[a] * bg.size()));
                Map<String, Object> per = new LinkedHashMap<>();
                for (Method m : methods) {
                    TriggerEfficiency.Threshold t = TriggerEfficiency.threshold(bgScores[m.ordinal()], targets[a],
                            minPassing);
                    th[a][m.ordinal()] = t;
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("threshold", t.measurable() ? t.threshold() : null);
                    e.put("backgroundPassing", t.measurable() ? t.passing() : null);
                    e.put("acceptance", t.measurable() ? t.acceptance() : null);
                    e.put("rateHz", t.measurable() ? t.acceptance() * inputRate : null);
                    List<Object> effs = new ArrayList<>();
                    for (int s = 0; s < sigNames.size(); s++) {
                        Map<String, Object> se = new LinkedHashMap<>();
                        se.put("signal", sigNames.get(s));
                        se.put("efficiency", t.measurable()
                                ? TriggerEfficiency.efficiency(sigScores.get(s)[m.ordinal()], t.threshold()) : null);
                        effs.add(se);
                    }
                    e.put("signalEfficiency", effs);
                    per.put(m.key, e);
                }
                // whether an acceptance is measurable depends on the background count alone, the same for every method
                row.put("measurable", th[a][0].measurable());
                row.put("methods", per);
                rows.add(row);
            }
            doc.put("acceptances", rows);
            List<Object> sigDoc = new ArrayList<>();
            for (int s = 0; s < sigNames.size(); s++) {
                Map<String, Object> sd = new LinkedHashMap<>();
                sd.put("name", sigNames.get(s));
                sd.put("files", sigFiles.get(s).stream().map(p -> p.toAbsolutePath().toString()).toList());
                sd.put("events", sigEvents.get(s));
                sigDoc.add(sd);
            }
            doc.put("signals", sigDoc);

            List<Path> written = new ArrayList<>();
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                String text = Json.write(doc);
                AtomicOutput.write(output.resolve(JSON_FILE), overwrite,
                        p -> Files.writeString(p, text, StandardCharsets.UTF_8));
                written.add(output.resolve(JSON_FILE));
                OverlayGrid grid = distributions(model, bgScores, sigNames, sigScores);
                grid.writePng(output.resolve(DISTRIBUTIONS + ".png"), 1500, 520);
                grid.writeSvg(output.resolve(DISTRIBUTIONS + ".svg"), 1500, 520);
                written.add(output.resolve(DISTRIBUTIONS + ".png"));
                written.add(output.resolve(DISTRIBUTIONS + ".svg"));
                for (int s = 0; s < sigNames.size(); s++) {
                    List<RocCurve> curves = new ArrayList<>();
                    for (Method m : methods) {
                        double[][] roc = TriggerEfficiency.roc(bgScores[m.ordinal()], sigScores.get(s)[m.ordinal()],
                                minPassing, 200);
                        if (roc.length > 0) {
                            curves.add(RocCurve.of(m.label(model), column(roc, 1), column(roc, 0)));
                        }
                    }
                    if (!curves.isEmpty()) {
                        written.addAll(Plots.write(RocPlot.trigger("Trigger ROC: " + sigNames.get(s) + " (>= "
                                + minPassing + " background events passing)", curves),
                                output.resolve(ROC_PREFIX + sigNames.get(s)), Plots.Format.PNG, Plots.Format.SVG));
                    }
                }
                dir.commit();
            }
            printTable(spec.commandLine().getOut(), model, bg.size(), targets, th, sigNames, sigScores, written);
            return 0;
        }

        private void printTable(PrintWriter out, TriggerModel model, int nBg, double[] targets,
                                TriggerEfficiency.Threshold[][] th, List<String> sigNames, List<double[][]> sigScores,
                                List<Path> written) {
            out.printf(Locale.ROOT, "background: %,d events; input rate %s; acceptances measured with >= %d background "
                    + "events passing%n", nBg, rate(inputRate), minPassing);
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-11s %-10s %-16s %12s", "acceptance",
                    "rate", "method", "threshold"));
            for (String n : sigNames) {
                head.append(String.format(Locale.ROOT, " %24s", n));
            }
            out.println(head);
            for (int a = 0; a < targets.length; a++) {
                if (!th[a][0].measurable()) {
                    out.printf(Locale.ROOT, "%-11s not measurable: %d background events would pass (need >= %d)%n",
                            String.format(Locale.ROOT, "%.0e", targets[a]), th[a][0].expected(), minPassing);
                    continue;
                }
                for (Method m : Method.values()) {
                    TriggerEfficiency.Threshold t = th[a][m.ordinal()];
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-11s %-10s %-16s %12s",
                            m.ordinal() == 0 ? String.format(Locale.ROOT, "%.0e", targets[a]) : "",
                            rate(t.acceptance() * inputRate), m.label(model), m.format(t.threshold())));
                    for (double[][] s : sigScores) {
                        line.append(String.format(Locale.ROOT, " %24.4f",
                                TriggerEfficiency.efficiency(s[m.ordinal()], t.threshold())));
                    }
                    out.println(line);
                }
            }
            out.printf(Locale.ROOT, "wrote %s%n", String.join(", ", written.stream()
                    .map(p -> p.getFileName().toString()).toList()));
            out.flush();
        }
    }

    /** The three triggers compared. */
    enum Method {
        MODEL("model"), LEADING_PT("leadingJetPt"), HT("ht");

        final String key;

        Method(String key) {
            this.key = key;
        }

        String label(TriggerModel m) {
            return switch (this) {
                case MODEL -> m.kind().id() + " score";
                case LEADING_PT -> "leading-jet pT";
                case HT -> "HT";
            };
        }

        String format(double v) {
            return this == MODEL ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.0f GeV", v);
        }
    }

    /** Per method (model score, leading-jet pT, HT) the values of every event. */
    static double[][] scores(TriggerModel model, EventBatch b, String source) {
        return new double[][] {model.score(TriggerFeatures.of(b, source)), TriggerFeatures.leadingPt(b, source),
            TriggerFeatures.ht(b, source)};
    }

    private static OverlayGrid distributions(TriggerModel model, double[][] bg, List<String> names,
                                             List<double[][]> sig) {
        List<OverlayGrid.Panel> panels = new ArrayList<>();
        for (Method m : Method.values()) {
            List<double[]> samples = new ArrayList<>();
            samples.add(m == Method.MODEL ? log10(bg[0]) : bg[m.ordinal()]);
            for (double[][] s : sig) {
                samples.add(m == Method.MODEL ? log10(s[0]) : s[m.ordinal()]);
            }
            double[] range = Overlay.robustRange(samples);
            List<Overlay> overlays = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                overlays.add(Overlay.density(i == 0 ? "background" : names.get(i - 1), samples.get(i), range[0],
                        range[1], 50));
            }
            panels.add(new OverlayGrid.Panel(m.label(model), m == Method.MODEL ? "log10(" + m.label(model) + ")"
                    : m.label(model) + " [GeV]", overlays));
        }
        return new OverlayGrid("Trigger variables (unit area)", panels, 3);
    }

    private static double[] log10(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Math.log10(Math.max(v[i], 1e-12));
        }
        return o;
    }

    private static double[] column(double[][] rows, int c) {
        double[] o = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            o[i] = rows[i][c];
        }
        return o;
    }

    static String rate(double hz) {
        if (hz >= 1e3) {
            return String.format(Locale.ROOT, "%.3g kHz", hz / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g Hz", hz);
    }

    /** A sample's name: its file name without the data extension. */
    static String sampleName(Path p) {
        return p.getFileName().toString().replaceFirst("\\.(csv\\.gz|csv|parquet|h5|npy)$", "");
    }

    static int[] widths(CommandSpec spec, String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--hidden: expected comma-separated widths such as "
                    + "32,16, got '" + list + "'");
        }
    }

    static double[] parseAcceptances(CommandSpec spec, String list) {
        double[] v;
        try {
            v = Arrays.stream(list.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--acceptances: expected numbers such as 1e-2,1e-3, got '"
                    + list + "'");
        }
        for (double a : v) {
            if (!(a > 0 && a < 1)) {
                throw new ParameterException(spec.commandLine(), "--acceptances must lie in (0, 1), got " + a
                        + " (a fraction of the input, e.g. 1e-3)");
            }
        }
        return v;
    }
}
