package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.Classifiers;
import org.anomalysearch.cwola.MlpClassifier;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.export.ExportOptions;
import org.anomalysearch.fpga.export.FpgaExport;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.scan.LabelledData;
import org.anomalysearch.fpga.scan.PrecisionScan;
import org.anomalysearch.fpga.scan.ScanConfig;
import org.anomalysearch.fpga.scan.ScanResult;
import org.anomalysearch.io.Formats;
import org.anomalysearch.jobs.fpga.MlpHandoff;
import org.anomalysearch.jobs.fpga.ScanPlots;


/**
 * Benchmark (not a test) behind issue 7's acceptance: the fixed-point precision scan of the LHCO R&D idealized
 * anomaly detector. Trains the CATHODE MLP on the {@link ClassifierBenchmark} split (idealized = innerdata_train vs
 * 2/3 of the background of innerdata_test; features mj1, dmj, tau21_j1, tau21_j2), or loads a saved one, exports
 * one ensemble member through {@link MlpHandoff} and runs {@link PrecisionScan} on the held-out evaluation events
 * (1/3 of innerdata_extrasig as signal, 1/3 of the background of innerdata_test), which no training saw.
 *
 * <p>Input representation: standardised features (z = (x - mean) / std, the standardisation done upstream in the
 * trigger's feature computation), as physicists put a network on an FPGA; optionally the same member with the
 * standardisation folded into the first layer (raw GeV inputs) is scanned for comparison. Finally the member is
 * exported (model.onnx, hls4ml_config.yml, tb_data) at the chosen precision.
 */
public final class FpgaScanBenchmark {

    /**
     * What to run.
     *
     * @param shared     the shared directory holding data/lhco_rnd_sr
     * @param modelDir   a saved idealized MLP classifier to load instead of training (null: train)
     * @param epochs     training epochs (CATHODE: 100)
     * @param ensemble   members kept (CATHODE: 10)
     * @param seed       the split and training seed (as ClassifierBenchmark's --seed)
     * @param member     ensemble member to export (null: lowest validation loss)
     * @param output     sigmoid or logit output
     * @param compareRaw also scan raw (folded) inputs
     * @param scan       the grid and target of the standardised scan
     * @param maxEvents  at most this many evaluation events (0: all), taken evenly (every k-th)
     * @param out        where model, tables, plots and the export go
     */
    public record Options(Path shared, Path modelDir, int epochs, int ensemble, long seed, Integer member,
            MlpHandoff.Output output, boolean compareRaw, ScanConfig scan, int maxEvents, Path out) {
    }

    private FpgaScanBenchmark() {
    }

    /** Runs the benchmark; returns the report printed on the console. */
    public static String run(Options o) throws IOException {
        StringBuilder sb = new StringBuilder();
        long t0 = System.nanoTime();
        IdealizedSplit split = IdealizedSplit.read(o.shared(), o.seed(), o.maxEvents());
        EventBatch train = split.train();
        EventBatch[] bkg = {split.backgroundTrain()};
        List<String> features = split.features();
        double[][] evalX = split.evalX();
        int[] evalY = split.evalY();
        int nSig = Arrays.stream(evalY).sum();
        line(sb, "split (ClassifierBenchmark, seed %d): idealized = %,d data (%,d signal) vs %,d background; "
                + "evaluation = %,d signal + %,d background", o.seed(), train.size(), ClassifierBenchmark.count(train, 1),
                bkg[0].size(), nSig, evalX.length - nSig);
        Files.createDirectories(o.out());

        MlpClassifier c;
        if (o.modelDir() != null) {
            c = MlpHandoff.mlp(Classifiers.load(o.modelDir()));
            line(sb, "loaded %s (ensemble of %d, epochs %s)", o.modelDir(), c.ensembleSize(),
                    c.provenance().get("ensembleEpochs"));
        } else {
            long t = System.nanoTime();
            MlpConfig cfg = MlpConfig.cathode().withEpochs(o.epochs(), o.ensemble())
                    .withSeed(Seeds.derive(o.seed(), "bench.mlp"));
            Classifier fitted = new MlpTrainer(cfg).fit(TrainingSet.of(TrainingMode.IDEALIZED, train, bkg[0], features));
            c = MlpHandoff.mlp(fitted);
            c.save(o.out().resolve("model-idealized"));
            line(sb, "trained the idealized-AD MLP %s, %d epochs (CATHODE: 100), ensemble of %d (epochs %s) in %.1f s; "
                    + "saved to %s", Arrays.toString(cfg.hidden()), o.epochs(), o.ensemble(),
                    c.provenance().get("ensembleEpochs"), (System.nanoTime() - t) / 1e9, o.out().resolve("model-idealized"));
        }
        int member = o.member() != null ? o.member() : c.bestMember();
        double ensembleAuc = ClassifierMetrics.auc(c.score(evalX), evalY);
        double memberAuc = ClassifierMetrics.auc(c.scoreMember(evalX, member), evalY);
        line(sb, "float AUC on the evaluation events: full ensemble (%d members) %.5f; exported member %d "
                + "(epoch %s, validation loss %s%s) %.5f", c.ensembleSize(), ensembleAuc, member,
                fmt(c.memberEpochs()[member]), fmt(c.memberValidationLoss()[member]),
                member == c.bestMember() ? ", the lowest" : "", memberAuc);

        MlpHandoff.Result std = MlpHandoff.of(c, member, MlpHandoff.Inputs.STANDARDISED, o.output());
        ranges(sb, "raw inputs", evalX, features);
        float[][] z = std.networkInputs(evalX);
        ranges(sb, "standardised inputs", EmulatorIo.toDouble(z), features);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("member", member);
        doc.put("ensembleSize", c.ensembleSize());
        doc.put("floatAucEnsemble", ensembleAuc);
        doc.put("floatAucMember", memberAuc);
        doc.put("output", o.output().name());

        long t = System.nanoTime();
        OnnxMlp net = std.weights().toOnnxMlp();
        ScanResult r = PrecisionScan.run(net, new LabelledData(features, z, evalY), o.scan());
        line(sb, "%nSTANDARDISED inputs (the choice; standardisation upstream), %s output, scan in %.1f s:",
                o.output(), (System.nanoTime() - t) / 1e9);
        sb.append(r.toTable());
        doc.put("standardised", r.toMap());
        ScanPlots.heatMap(r, o.out().resolve("scan_standardised_heatmap.png"));
        ScanPlots.lines(r, o.out().resolve("scan_standardised_lines.png"));

        if (o.compareRaw()) {
            MlpHandoff.Result raw = MlpHandoff.of(c, member, MlpHandoff.Inputs.RAW, o.output());
            ScanConfig sc = o.scan();
            int[] ib = ScanConfig.range(2, 14, 2);
            ScanConfig rawCfg = new ScanConfig(sc.widths(), ib, sc.quantization(), sc.overflow(),
                    sc.relativeAucTarget(), sc.workingPoint(), sc.reuseFactor(), sc.output());
            t = System.nanoTime();
            ScanResult rr = PrecisionScan.run(raw.weights().toOnnxMlp(),
                    new LabelledData(features, raw.networkInputs(evalX), evalY), rawCfg);
            line(sb, "%nRAW inputs (GeV; standardisation folded into the first Dense layer), for comparison, scan "
                    + "in %.1f s:", (System.nanoTime() - t) / 1e9);
            sb.append(rr.toTable());
            doc.put("raw", rr.toMap());
        }

        if (r.chosen().isPresent()) {
            int nTb = Math.min(100, z.length);
            FpgaExport.Result ex = FpgaExport.export(std.weights(), std.metadata(),
                    PrecisionConfig.model(r.chosen().get().type()), ExportOptions.defaults().withOverwrite(true),
                    Arrays.copyOf(z, nTb), o.out().resolve("export"));
            line(sb, "%nexported member %d at %s to %s (%s)", member, r.chosen().get().type().toHls4mlString(),
                    ex.directory(), String.join(", ", ex.files()));
            for (String note : std.notes()) {
                line(sb, "  note: %s", note);
            }
        }
        doc.put("seconds", (System.nanoTime() - t0) / 1e9);
        Files.writeString(o.out().resolve("fpga_scan.json"), Json.write(doc), StandardCharsets.UTF_8);
        Files.writeString(o.out().resolve("fpga_scan.txt"), sb.toString(), StandardCharsets.UTF_8);
        line(sb, "total %.1f s; results in %s", (System.nanoTime() - t0) / 1e9, o.out());
        return sb.toString();
    }

    private static void ranges(StringBuilder sb, String what, double[][] x, List<String> features) {
        StringBuilder r = new StringBuilder();
        for (int c = 0; c < features.size(); c++) {
            double[] v = new double[x.length];
            for (int e = 0; e < x.length; e++) {
                v[e] = x[e][c];
            }
            Arrays.sort(v);
            r.append(String.format(Locale.ROOT, "%s%s [%.3g, %.3g] (0.1%%-99.9%%: [%.3g, %.3g])", c == 0 ? "" : "; ",
                    features.get(c), v[0], v[v.length - 1], v[(int) (0.001 * (v.length - 1))],
                    v[(int) (0.999 * (v.length - 1))]));
        }
        line(sb, "%s: %s", what, r);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "unknown" : v == Math.rint(v) ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.5g", v);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /**
     * The LHCO R&amp;D idealized split of {@link ClassifierBenchmark} (seeded): the idealized training data
     * (innerdata_train) and its true-background partner (2/3 of innerdata_test's background), and the held-out
     * evaluation events (1/3 of innerdata_extrasig as signal, 1/3 of innerdata_test's background), which no training
     * sees; at most {@code maxEvents} of them (0: all), taken evenly (every k-th), signal first.
     */
    record IdealizedSplit(EventBatch train, EventBatch backgroundTrain, List<String> features, double[][] evalX,
            int[] evalY) {

        static IdealizedSplit read(Path shared, long seed, int maxEvents) throws IOException {
            Path dir = shared.resolve("data/lhco_rnd_sr");
            Formats.requireReadableFile(dir.resolve("innerdata_train.npy"));
            EventBatch train = ClassifierBenchmark.read(dir.resolve("innerdata_train.npy"));
            EventBatch test = ClassifierBenchmark.read(dir.resolve("innerdata_test.npy"));
            EventBatch extra = ClassifierBenchmark.read(dir.resolve("innerdata_extrasig.npy"));
            EventBatch[] bkg = ClassifierBenchmark.split(test, 0, seed, "bench.holdout.test");
            EventBatch[] sig = ClassifierBenchmark.split(extra, 1, seed, "bench.holdout.extrasig");
            List<String> features = ClassifierBenchmark.FEATURES;
            double[][] all = ClassifierBenchmark.concat(TrainingSet.rows(sig[2], features, "eval signal"),
                    TrainingSet.rows(bkg[2], features, "eval background"));
            int m = maxEvents > 0 && maxEvents < all.length ? maxEvents : all.length;
            double[][] x = new double[m][];
            int[] y = new int[m];
            for (int k = 0; k < m; k++) {
                int i = (int) ((long) k * all.length / m);
                x[k] = all[i];
                y[k] = i < sig[2].size() ? 1 : 0;
            }
            return new IdealizedSplit(train, bkg[0], features, x, y);
        }
    }
}
