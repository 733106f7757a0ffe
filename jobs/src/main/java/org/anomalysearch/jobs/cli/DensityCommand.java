package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityModels;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.density.FlowTrainer;
import org.anomalysearch.density.GanConfig;
import org.anomalysearch.density.GanTrainer;
import org.anomalysearch.density.QualityReport;
import org.anomalysearch.density.RefineConfig;
import org.anomalysearch.density.Refinement;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.SignalRegionSampler;
import org.anomalysearch.density.TwoSampleClassifier;
import org.anomalysearch.density.VaeConfig;
import org.anomalysearch.density.VaeTrainer;
import org.anomalysearch.export.plot.FeaturePanel;
import org.anomalysearch.export.plot.FeaturePlot;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.parquet.EventTableParquet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search density}: background density models conditioned on mjj (conditional VAE, WGAN-GP, MAF),
 * trained in the sidebands of an event table, sampled into the signal region, and checked against a true
 * background.
 */
@Command(name = "density", mixinStandardHelpOptions = true,
        description = {"Background density models conditioned on mjj: fit a conditional VAE, GAN or masked autoregressive flow on the sidebands of "
                + "an event table, sample a synthetic background into the signal region (mjj from a KDE of the SR "
                + "data), and report its quality against a true background (per-feature histograms with ratio, KS, "
                + "1-D Wasserstein distance, classifier two-sample AUC)."},
        subcommands = {DensityCommand.Fit.class, DensityCommand.Sample.class, DensityCommand.Report.class})
final class DensityCommand implements Runnable {

    /** The CATHODE features of the event table. */
    static final List<String> DEFAULT_FEATURES = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");
    static final String MJJ = "mjj";
    /** Written by {@code density fit} next to the model: the regions it was fitted for. */
    static final String REGIONS_FILE = "regions.properties";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Columns of an event table, read whole (features, mjj, labels). */
    record Table(List<String> features, double[][] x, double[] mjj, int[] labels) {
    }

    /** Reads the named feature columns, mjj and the labels of every event whose mjj lies in {@code keep}. */
    static Table read(List<Path> input, List<String> features, Region keep) {
        List<double[]> rows = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (EventSource src = EventSource.open(input)) {
            FeatureSchema schema = src.schema();
            for (String f : concat(MJJ, features)) {
                if (!schema.contains(f)) {
                    throw new InvalidInputException(src.path().toString(), f, "no such column; the table has "
                            + schema.names(), "choose --features from the table's columns (default "
                            + String.join(",", DEFAULT_FEATURES) + ")");
                }
            }
            while (src.hasNext()) {
                EventBatch b = src.next();
                double[] mjj = b.column(MJJ);
                double[][] cols = new double[features.size()][];
                for (int c = 0; c < cols.length; c++) {
                    cols[c] = b.column(features.get(c));
                }
                for (int i = 0; i < b.size(); i++) {
                    if (keep == null || keep.contains(mjj[i])) {
                        double[] r = new double[cols.length];
                        for (int c = 0; c < cols.length; c++) {
                            r[c] = cols[c][i];
                        }
                        rows.add(r);
                        m.add(mjj[i]);
                        labels.add(b.labels()[i]);
                    }
                }
            }
        }
        return new Table(features, rows.toArray(new double[0][]), m.stream().mapToDouble(Double::doubleValue).toArray(),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    static Region signalRegion(CommandSpec spec, double[] sr) {
        if (sr == null || sr.length != 2 || !(sr[1] > sr[0])) {
            throw new ParameterException(spec.commandLine(), "--sr needs two increasing values LO,HI in the units of the "
                    + "mjj column (GeV for event tables), e.g. --sr 3300,3700");
        }
        return new Region(sr[0], sr[1]);
    }

    /** The SR given on the command line, or the one {@code density fit} stored next to the model. */
    static Region signalRegion(CommandSpec spec, double[] sr, Path modelDir) throws IOException {
        if (sr != null) {
            return signalRegion(spec, sr);
        }
        Path f = modelDir.resolve(REGIONS_FILE);
        if (!Files.isRegularFile(f)) {
            throw new ParameterException(spec.commandLine(), "no --sr given and " + f + " is absent (the model was not "
                    + "written by 'density fit'); pass --sr LO,HI");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        try {
            return new Region(Double.parseDouble(p.getProperty("sr.lo")), Double.parseDouble(p.getProperty("sr.hi")));
        } catch (RuntimeException e) {
            throw new InvalidInputException(f.toString(), "sr.lo/sr.hi", "missing or not numbers",
                    "pass --sr LO,HI or refit the model");
        }
    }

    /**
     * The signal region must lie inside the data's mjj range and both sidebands must hold events, or the fit would
     * train on one side (or nothing) and extrapolate; said before any training, with the numbers.
     */
    static void requireRegionsInData(String source, double[] mjj, RegionSet regions) {
        Region sr = regions.signal();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int low = 0;
        int high = 0;
        for (double m : mjj) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
            low += regions.lowSideband().contains(m) ? 1 : 0;
            high += regions.highSideband().contains(m) ? 1 : 0;
        }
        String hint = "--sr and --sideband-width are in the units of the mjj column (GeV in event tables: 3300,3700, "
                + "not 3.3,3.7); choose a signal region inside the data or cut the data with 'convert --mjj-range'";
        if (mjj.length == 0 || !(sr.lo() >= lo && sr.hi() <= hi)) {
            throw new InvalidInputException(source, MJJ, mjj.length == 0 ? "holds no events" : String.format(Locale.ROOT,
                    "the signal region %s lies outside the data's mjj range [%.6g, %.6g]", sr, lo, hi), hint);
        }
        if (low == 0 || high == 0) {
            throw new InvalidInputException(source, MJJ, String.format(Locale.ROOT, "the %s sideband %s holds no "
                    + "events (low sideband %s: %d, high sideband %s: %d; data mjj range [%.6g, %.6g])",
                    low == 0 ? "low" : "high", low == 0 ? regions.lowSideband() : regions.highSideband(),
                    regions.lowSideband(), low, regions.highSideband(), high, lo, hi), hint);
        }
    }

    static DensityModel loadModel(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), null, "no such model directory",
                    "pass the directory written by 'anomaly-search density fit -o DIR'");
        }
        return DensityModels.load(dir);
    }

    static SignalRegionSampler.Sample sampleInto(DensityModel model, List<Path> input, Region sr, int oversampling,
                                                 long seed) {
        Table t = read(input, model.features(), sr);
        if (t.mjj().length < 2) {
            throw new InvalidInputException(ClassifyCommand.names(input), MJJ, t.mjj().length + " events in the signal region " + sr,
                    "check --sr and the units of the mjj column (GeV in event tables)");
        }
        return SignalRegionSampler.sample(model, t.mjj(), sr, oversampling, Seeds.derive(seed, "density.cli.sample"));
    }

    /** {@code anomaly-search density fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = {"Fit a density model on the sidebands of an event table (the events whose mjj lies within "
                    + "--sideband-width of the signal region on either side) and save it to a directory.",
                "Progress: one line per epoch on stderr."})
    static final class Fit implements Callable<Integer> {
        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "TABLE",
                description = "Event tables (.parquet, .csv; several files or quoted glob patterns are read as one).")
        List<String> inputFiles;

        @Option(names = "--model", required = true, paramLabel = "KIND", description = "vae (conditional VAE), gan "
                + "(conditional WGAN-GP) or flow (conditional masked autoregressive flow, exact likelihood).")
        String kind;

        @Mixin
        Common.FlowOptions flowOptions = new Common.FlowOptions();

        @Option(names = "--sr", required = true, split = ",", paramLabel = "LO,HI", hideParamSyntax = true,
                description = "Signal region in the units of the mjj column (GeV for event tables), e.g. 3300,3700.")
        double[] sr;

        @Option(names = "--sideband-width", defaultValue = "500", paramLabel = "W",
                description = "Width of each sideband, same units (default ${DEFAULT-VALUE}).")
        double sidebandWidth;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL_DIR", description = "Model directory.")
        Path output;

        @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: the model's, VAE 100 "
                + "with early stopping, GAN 150, flow 60 with early stopping).")
        Integer epochs;

        @Option(names = "--features", split = ",", paramLabel = "F1,F2,...", hideParamSyntax = true,
                description = "Feature columns (default mj1,dmj,tau21_j1,tau21_j2).")
        List<String> features;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--overwrite", description = "Replace an existing model directory's files.")
        boolean overwrite;

        @Option(names = "--vae-classic", description = "VAE: the seed talk's sampling (beta 0.05, latent from N(0, 1), "
                + "Gaussian decoder noise) instead of the defaults (beta 0.01, latent from the aggregated posterior, "
                + "empirical residuals).")
        boolean vaeClassic;

        @Option(names = "--refine", negatable = true, description = "Refine the model with density-ratio classifiers "
                + "trained on the same sidebands against its samples (rejection sampling; see docs/density-refinement.md); "
                + "the model directory then holds the refined model and its base model in base/. Default: on for vae and "
                + "gan (their raw samples are measurably off on dijet_pythia), off for flow; --no-refine / --refine "
                + "choose.")
        Boolean refineOption;

        @Option(names = "--refine-ensemble", paramLabel = "K", description = "Refinement classifiers (default 5).")
        Integer refineEnsemble;

        @Spec
        CommandSpec spec;

        /** The flow defaults with the command line's overrides (validated by FlowConfig). */
        FlowConfig flowConfig() {
            return flowOptions.apply(epochs == null ? FlowConfig.defaults() : FlowConfig.defaults().withEpochs(epochs));
        }

        @Override
        public Integer call() throws Exception {
            Region srRegion = signalRegion(spec, sr);
            if (!(sidebandWidth > 0)) {
                throw new ParameterException(spec.commandLine(), "--sideband-width must be positive, got " + sidebandWidth);
            }
            if (epochs != null && epochs < 1) {
                throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
            }
            DensityTrainer trainer = switch (kind.toLowerCase(Locale.ROOT)) {
                case "vae", VaeTrainer.KIND -> {
                    VaeConfig c = vaeClassic ? VaeConfig.classic() : VaeConfig.defaults();
                    yield new VaeTrainer(epochs == null ? c : c.withEpochs(epochs));
                }
                case "gan", GanTrainer.KIND -> new GanTrainer(epochs == null ? GanConfig.defaults()
                        : GanConfig.defaults().withEpochs(epochs));
                case "flow", FlowTrainer.KIND -> new FlowTrainer(flowConfig());
                default -> throw new ParameterException(spec.commandLine(), "--model must be vae, gan or flow, got '" + kind
                        + "'");
            };
            if (!(trainer instanceof FlowTrainer) && flowOptions.anySet()) {
                throw new ParameterException(spec.commandLine(), "--flow-* options apply to --model flow only");
            }
            boolean refine = refineOption != null ? refineOption : !(trainer instanceof FlowTrainer);
            if (refineEnsemble != null && !refine) {
                throw new ParameterException(spec.commandLine(), "--refine-ensemble needs --refine");
            }
            if (refine) {
                RefineConfig rc = refineEnsemble == null ? RefineConfig.defaults()
                        : RefineConfig.defaults().withEnsemble(refineEnsemble);
                trainer = Refinement.trainer(trainer, rc);
            }
            if (Files.exists(output.resolve("model.properties")) && !overwrite) {
                throw new ParameterException(spec.commandLine(), output + " already holds a model; pass --overwrite "
                        + "to replace it or choose another -o");
            }
            List<String> feats = features == null || features.isEmpty() ? DEFAULT_FEATURES : List.copyOf(features);
            RegionSet regions = RegionSet.around(srRegion.lo(), srRegion.hi(), sidebandWidth, sidebandWidth);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Path> input = Inputs.expand(inputFiles, "--input");
            Table t = read(input, feats, null);
            requireRegionsInData(ClassifyCommand.names(input), t.mjj(), regions);
            List<double[]> x = new ArrayList<>();
            List<Double> m = new ArrayList<>();
            for (int i = 0; i < t.mjj().length; i++) {
                if (regions.inSideband(t.mjj()[i])) {
                    x.add(t.x()[i]);
                    m.add(t.mjj()[i]);
                }
            }
            SidebandData data = SidebandData.of(feats, x.toArray(new double[0][]),
                    m.stream().mapToDouble(Double::doubleValue).toArray());
            err.printf(Locale.ROOT, "density fit: %s on %,d sideband events of %s (sidebands %s), features %s%n",
                    trainer.kind(), data.size(), ClassifyCommand.names(input), regions, String.join(",", feats));
            err.flush();
            long t0 = System.nanoTime();
            DensityModel model = trainer.fit(data, seed, (epoch, max, train, val) -> {
                double seconds = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "density fit: epoch %d/%d loss %.5f validation %.5f (%s, ETA %s)%n", epoch, max,
                        train, val, Progress.duration(seconds), Progress.duration(seconds / epoch * (max - epoch)));
                err.flush();
            });
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                model.save(output);
                Properties p = new Properties();
                p.setProperty("sr.lo", Double.toString(srRegion.lo()));
                p.setProperty("sr.hi", Double.toString(srRegion.hi()));
                p.setProperty("sidebandWidth", Double.toString(sidebandWidth));
                p.setProperty("mjjColumn", MJJ);
                p.setProperty("input", ClassifyCommand.absolute(input));
                try (var w = Files.newBufferedWriter(output.resolve(REGIONS_FILE), StandardCharsets.ISO_8859_1)) {
                    p.store(w, "regions of 'anomaly-search density fit'");
                }
                dir.commit();
            }
            if (refine) {
                out.printf(Locale.ROOT, "refined by %s classifiers (best epochs %s), acceptance %s%n",
                        model.provenance().get("config.ensemble"), model.provenance().get("bestEpochs"),
                        model.provenance().get("acceptance"));
            }
            Map<String, String> prov = model.provenance();
            String pre = refine ? "base." : "";
            out.printf(Locale.ROOT, "wrote %s model (%s%s epochs, best %s) to %s in %s%n", model.kind(),
                    refine ? prov.get("baseKind") + " " : "", prov.getOrDefault(pre + "epochsRun", "?"),
                    prov.getOrDefault(pre + "bestEpoch", "-"),
                    output, Progress.duration((System.nanoTime() - t0) / 1e9));
            out.flush();
            return 0;
        }
    }

    /** {@code anomaly-search density sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = {"Sample a synthetic background into the signal region: mjj values drawn from a Gaussian KDE "
                    + "of the input's SR mjj, --oversampling times as many as SR events, features from the model. "
                    + "Output: an event table with mjj and the model's features (label -1, weight 1)."})
    static final class Sample implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Directory of 'density fit'.")
        Path modelDir;

        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "TABLE", description = "Event tables "
                + "whose SR mjj spectrum the samples follow (several files or quoted glob patterns are read as one).")
        List<String> inputFiles;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output table "
                + "(.parquet, .csv, .csv.gz).")
        Path output;

        @Option(names = "--oversampling", defaultValue = "4", paramLabel = "N", description = "Samples per SR event "
                + "(default ${DEFAULT-VALUE}).")
        int oversampling;

        @Option(names = "--sr", split = ",", paramLabel = "LO,HI", hideParamSyntax = true, description = "Signal region "
                + "(default: the one of 'density fit').")
        double[] sr;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        Common.OutputOptions outputOptions = new Common.OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (oversampling < 1) {
                throw new ParameterException(spec.commandLine(), "--oversampling must be at least 1, got " + oversampling);
            }
            DensityModel model = loadModel(modelDir);
            Region srRegion = signalRegion(spec, sr, modelDir);
            SignalRegionSampler.Sample s = sampleInto(model, Inputs.expand(inputFiles, "--input"), srRegion,
                    oversampling, seed);
            FeatureSchema schema = FeatureSchema.of(concat(MJJ, model.features()));
            EventBatch.Builder b = new EventBatch.Builder(schema, s.mjj().length);
            double[] row = new double[schema.size()];
            for (int i = 0; i < s.mjj().length; i++) {
                row[0] = s.mjj()[i];
                System.arraycopy(s.x()[i], 0, row, 1, s.x()[i].length);
                b.addRow(i, DijetEvent.NO_LABEL, 1.0, row);
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(EventTableParquet.DENSITY_MODEL_KEY, model.kind());
            meta.put("anomalysearch.density.provenance", Json.write(new LinkedHashMap<>(model.provenance())));
            try (EventTableWriter w = EventTableWriter.open(output, schema, outputOptions.writeOptions(meta))) {
                w.write(b.build());
                w.commit();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d %s samples (%dx the SR events in %s) to %s%n",
                    s.mjj().length, model.kind(), oversampling, srRegion, output);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code anomaly-search density report}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Quality of a model's SR samples against a true SR background: per feature the histograms "
                    + "with ratio (features.png/.svg), the KS statistic and 1-D Wasserstein distance, and the AUC of a "
                    + "classifier trained to separate true background from samples (0.5 = indistinguishable); "
                    + "written to quality.json."})
    static final class Report implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Directory of 'density fit'.")
        Path modelDir;

        @Option(names = "--input", required = true, arity = "1..*", paramLabel = "TABLE", description = "Event tables "
                + "(several files or quoted glob patterns are read as one): their SR mjj spectrum drives the sampling; "
                + "without --truth their SR events with the background label are the true background.")
        List<String> inputFiles;

        @Option(names = "--truth", arity = "1..*", paramLabel = "TABLE", description = "Tables of true SR background "
                + "events (e.g. qcd_inner); their rows with a label other than the background label are ignored.")
        List<String> truthFiles;

        @Option(names = "--background-label", defaultValue = "0", paramLabel = "N", description = "Label of background "
                + "events (default ${DEFAULT-VALUE}).")
        int backgroundLabel;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
        Path output;

        @Option(names = "--oversampling", defaultValue = "4", paramLabel = "N", description = "Samples per SR event "
                + "(default ${DEFAULT-VALUE}).")
        int oversampling;

        @Option(names = "--sr", split = ",", paramLabel = "LO,HI", hideParamSyntax = true, description = "Signal region "
                + "(default: the one of 'density fit').")
        double[] sr;

        @Option(names = "--classifier-epochs", defaultValue = "20", paramLabel = "N", description = "Epochs of the "
                + "two-sample classifier (default ${DEFAULT-VALUE}).")
        int classifierEpochs;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (oversampling < 1 || classifierEpochs < 1) {
                throw new ParameterException(spec.commandLine(), "--oversampling and --classifier-epochs must be at least 1");
            }
            DensityModel model = loadModel(modelDir);
            Region srRegion = signalRegion(spec, sr, modelDir);
            List<Path> input = Inputs.expand(inputFiles, "--input");
            List<Path> truth = truthFiles == null ? null : Inputs.expand(truthFiles, "--truth");
            List<Path> truthFile = truth != null ? truth : input;
            Table t = read(truthFile, model.features(), srRegion);
            List<double[]> bg = new ArrayList<>();
            for (int i = 0; i < t.x().length; i++) {
                if (t.labels()[i] == backgroundLabel || (truth != null && t.labels()[i] == DijetEvent.NO_LABEL)) {
                    bg.add(t.x()[i]);
                }
            }
            if (bg.size() < 20) {
                throw new InvalidInputException(ClassifyCommand.names(truthFile), "label", bg.size() + " background events (label "
                        + backgroundLabel + ") in the signal region " + srRegion + ", need at least 20",
                        truth == null ? "pass --truth with a table of true SR background events, or labelled input"
                                : "check --sr and --background-label");
            }
            double[][] truthX = bg.toArray(new double[0][]);
            PrintWriter err = spec.commandLine().getErr();
            long t0 = System.nanoTime();
            err.printf("density report: sampling the SR (%dx oversampling)...%n", oversampling);
            err.flush();
            SignalRegionSampler.Sample s = sampleInto(model, input, srRegion, oversampling, seed);
            err.printf(Locale.ROOT, "density report: %,d samples in %s; two-sample test against %,d true "
                    + "background events (%d classifier epochs per split)...%n", s.x().length,
                    Progress.duration((System.nanoTime() - t0) / 1e9), truthX.length, classifierEpochs);
            err.flush();
            TwoSampleClassifier c2st = new TwoSampleClassifier(TwoSampleClassifier.defaults().hidden(), classifierEpochs,
                    TwoSampleClassifier.defaults().batchSize(), TwoSampleClassifier.defaults().learningRate());
            QualityReport q = QualityReport.compare(model.features(), truthX, s.x(), c2st,
                    Seeds.derive(seed, "density.cli.report"));
            try (Common.OutputDir dir = Common.OutputDir.create(output)) {
                writeReport(model, srRegion, truthFile, q, truthX, s);
                dir.commit();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s samples (%,d) vs true SR background (%,d): two-sample AUC %.4f (0.5 = "
                    + "indistinguishable)%n", model.kind(), s.x().length, truthX.length, q.twoSampleAuc());
            out.printf(Locale.ROOT, "  %-12s %8s %12s%n", "feature", "KS", "W1");
            for (QualityReport.FeatureComparison f : q.features()) {
                out.printf(Locale.ROOT, "  %-12s %8.4f %12.5g%n", f.feature(), f.ks(), f.wasserstein1());
            }
            out.printf("wrote %s and features.png/.svg%n", output.resolve("quality.json"));
            out.flush();
            return 0;
        }

        private void writeReport(DensityModel model, Region srRegion, List<Path> truthFile, QualityReport q,
                                 double[][] truthX, SignalRegionSampler.Sample s) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", modelDir.toAbsolutePath().toString());
            json.put("kind", model.kind());
            json.put("signalRegion", List.of(srRegion.lo(), srRegion.hi()));
            json.put("truth", ClassifyCommand.absolute(truthFile));
            json.put("oversampling", oversampling);
            json.put("quality", q.toMap());
            Files.writeString(output.resolve("quality.json"), Json.write(json));
            List<FeaturePanel> panels = FeaturePanel.fromRows(model.features(), truthX, s.x(), 40);
            FeaturePlot plot = new FeaturePlot(DensityModel.displayName(model.kind()) + " samples vs true background, SR "
                    + srRegion + " GeV",
                    "True background (SR)", "Sampled background", panels, Math.min(2, panels.size()));
            Plots.write(plot, output.resolve("features"), Plots.Format.PNG, Plots.Format.SVG);
        }
    }
}
