package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.cwola.Classifier;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.SeedEnsemble;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.npy.NpyWriter;


/**
 * Benchmark (not a test) of the idealized anomaly detector and the supervised classifier on the real LHCO R&D
 * signal-region events of {@code ../shared/data/lhco_rnd_sr}, against the scikit-learn reference
 * ({@code bench/sklearn/classifier_reference.py}, run as a subprocess on one core, in parallel with the Java
 * training) on exactly the same split, printing AUC and max SIC (>= 25 background events, bootstrap std) side by
 * side.
 *
 * <p>Split, three ways (each event is used in exactly one role; assignment by a hash of (file row, seed) modulo 5,
 * not by position):
 * <ul>
 *   <li>background of innerdata_test (label 0): 3/5 "train background", 1/5 "tune" and 1/5 "report" evaluation
 *   background;</li>
 *   <li>innerdata_extrasig (all signal): 3/5 "train signal", 1/5 tune and 1/5 report evaluation signal;</li>
 *   <li>the signal events of innerdata_test are not used.</li>
 * </ul>
 * Idealized AD = innerdata_train (all of it, "data" with S/B ~ 0.6 %) vs train background. Supervised = train
 * signal vs train background. Evaluation ({@code --evaluate-on tune|report}, default report) = that part's signal
 * + background, used by no training: options are chosen on the tune part and the figures quoted from the report
 * part (issue 21). Features mj1, dmj, tau21_j1, tau21_j2 (mjj is not an input).
 *
 * <p>Usage: {@code ClassifierBenchmark [--shared DIR] [--epochs N] [--ensemble N] [--seed S] [--sklearn-models N]
 * [--no-sklearn] [--bootstrap N] [--java-seeds N] [--hgb-models N] [--out DIR] [--mlp-selections best,last,window]
 * [--weight-decay W] [--no-balance] [--modes idealized,supervised] [--sklearn-kinds hgb,mlp,mlpcathode]
 * [--variants cosine,wd1e-5,...] [--variant-modes idealized] [--variant-seeds N] [--evaluate-on tune|report]};
 * {@code --variants} trains each variant of the recipe (options joined by '+', or a preset name) as a seed ensemble of
 * {@code --variant-seeds} members, as {@code classify train --ensemble N} does (member 0 with the seed of the first
 * default training; in the {@code --variant-modes}, default idealized only); the selection rules are evaluated on the same
 * trainings ({@code MlpTrainer.fitSelections}); {@code --hgb-models 0} skips the Java HGB; {@code --java-seeds N} averages the scores of
 * N CATHODE trainings with different seeds (an ensemble comparable to the 5-model scikit-learn ones);
 * {@code --hgb-models N} (default 5) does the same for the pure-Java histogram gradient boosting. Run the JVM with {@code -Dai.djl.offline=true
 * -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1} and {@code OMP_NUM_THREADS=1}.
 */
public final class ClassifierBenchmark {

    static final List<String> FEATURES = List.of("mj1", "dmj", "tau21_j1", "tau21_j2");

    private ClassifierBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path shared = Paths.get("../shared");
        int epochs = 100;
        int ensemble = 10;
        long seed = 1;
        int skModels = 5;
        boolean sklearn = true;
        int nBoot = 200;
        int javaSeeds = 1;
        int hgbModels = 5;
        Path out = Paths.get("jobs/target/classifier-bench");
        List<MlpConfig.EnsembleSelection> selections = List.of(MlpConfig.EnsembleSelection.LOWEST_VALIDATION_LOSS);
        double weightDecay = 0;
        boolean balance = true;
        List<String> modes = List.of("idealized", "supervised");
        String skKinds = "hgb,mlp,mlpcathode";
        List<String> variants = List.of();
        List<String> variantModes = List.of("idealized");
        int variantSeeds = 1;
        String evaluateOn = "report";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared" -> shared = Paths.get(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--ensemble" -> ensemble = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--sklearn-models" -> skModels = Integer.parseInt(args[++i]);
                case "--no-sklearn" -> sklearn = false;
                case "--bootstrap" -> nBoot = Integer.parseInt(args[++i]);
                case "--java-seeds" -> javaSeeds = Integer.parseInt(args[++i]);
                case "--hgb-models" -> hgbModels = Integer.parseInt(args[++i]);
                case "--out" -> out = Paths.get(args[++i]);
                case "--mlp-selections" -> selections = Arrays.stream(args[++i].split(","))
                        .map(x -> switch (x) {
                            case "best" -> MlpConfig.EnsembleSelection.LOWEST_VALIDATION_LOSS;
                            case "last" -> MlpConfig.EnsembleSelection.LAST_EPOCHS;
                            case "window" -> MlpConfig.EnsembleSelection.BEST_WINDOW;
                            default -> throw new IllegalArgumentException("--mlp-selections: best|last|window");
                        }).toList();
                case "--weight-decay" -> weightDecay = Double.parseDouble(args[++i]);
                case "--no-balance" -> balance = false;
                case "--modes" -> modes = List.of(args[++i].split(","));
                case "--sklearn-kinds" -> skKinds = args[++i];
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--variant-modes" -> variantModes = List.of(args[++i].split(","));
                case "--variant-seeds" -> variantSeeds = Integer.parseInt(args[++i]);
                case "--evaluate-on" -> {
                    evaluateOn = args[++i];
                    if (!evaluateOn.equals("tune") && !evaluateOn.equals("report")) {
                        throw new IllegalArgumentException("--evaluate-on: tune|report, got " + evaluateOn);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String v : variants) { // a bad variant fails here, before any training
            variant(MlpConfig.cathode(), v);
        }
        Path dir = shared.resolve("data/lhco_rnd_sr");
        long t0 = System.nanoTime();
        String loadStart = BenchMachine.loadAverage();
        String machine = ClusteringBenchmark.machine("one torch thread per JVM, scikit-learn on one thread "
                + "(OMP_NUM_THREADS=1)");
        System.out.print(machine);
        System.out.println("load average at the start: " + loadStart);
        EventBatch train = read(dir.resolve("innerdata_train.npy"));
        EventBatch test = read(dir.resolve("innerdata_test.npy"));
        EventBatch extra = read(dir.resolve("innerdata_extrasig.npy"));
        int part = evaluateOn.equals("tune") ? 1 : 2;
        EventBatch[] bkg = split(test, 0, seed, "bench.holdout.test");
        EventBatch[] sig = split(extra, 1, seed, "bench.holdout.extrasig");
        EventBatch bkgTrain = bkg[0];
        EventBatch bkgEval = bkg[part];
        EventBatch sigTrain = sig[0];
        EventBatch sigEval = sig[part];
        System.out.printf(Locale.ROOT, "evaluated on the %s part of the three-way split%n", evaluateOn);
        System.out.printf(Locale.ROOT, "split: idealized = %d data (%d signal) vs %d background; supervised = %d signal"
                        + " vs %d background; evaluation = %d signal + %d background%n", train.size(),
                count(train, 1), bkgTrain.size(), sigTrain.size(), bkgTrain.size(), sigEval.size(), bkgEval.size());

        Map<String, TrainingSet> sets = new LinkedHashMap<>();
        if (modes.contains("idealized")) {
            sets.put("idealized", TrainingSet.of(TrainingMode.IDEALIZED, train, bkgTrain, FEATURES));
        }
        if (modes.contains("supervised")) {
            sets.put("supervised", TrainingSet.of(TrainingMode.SUPERVISED, sigTrain, bkgTrain, FEATURES));
        }
        double[][] evalX = concat(TrainingSet.rows(sigEval, FEATURES, "eval signal"),
                TrainingSet.rows(bkgEval, FEATURES, "eval background"));
        int[] evalY = new int[evalX.length];
        Arrays.fill(evalY, 0, sigEval.size(), 1);

        Files.createDirectories(out);
        Process py = null;
        Path log = out.resolve("sklearn.log");
        if (sklearn) {
            NpyWriter.write(out.resolve("eval_x.npy"), transpose(evalX), true);
            for (Map.Entry<String, TrainingSet> e : sets.entrySet()) {
                NpyWriter.write(out.resolve(e.getKey() + "_x.npy"), transpose(e.getValue().x()), true);
                double[] y = new double[e.getValue().size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = e.getValue().labels()[i];
                }
                NpyWriter.write(out.resolve(e.getKey() + "_y.npy"), new double[][] {y}, true);
            }
            Path script = locate(Paths.get("bench/sklearn/classifier_reference.py"));
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString(),
                    Integer.toString(skModels), Long.toString(seed), skKinds);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            pb.environment().put("MKL_NUM_THREADS", "1");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            py = pb.start();
            System.out.println("scikit-learn reference started in the background (log: " + log + ")");
        }

        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        String variant = (balance ? "" : "-nobal") + (weightDecay > 0 ? "-wd" + weightDecay : "");
        for (Map.Entry<String, TrainingSet> e : sets.entrySet()) {
            long t = System.nanoTime();
            Map<MlpConfig.EnsembleSelection, double[]> sums = new EnumMap<>(MlpConfig.EnsembleSelection.class);
            double[] first = null;
            for (int r = 0; r < javaSeeds; r++) { // --java-seeds 0 skips the MLP
                long s = r == 0 ? Seeds.derive(seed, "bench.mlp") : Seeds.derive(seed, "bench.mlp", r);
                MlpConfig cfg = MlpConfig.cathode().withEpochs(epochs, ensemble).withSeed(s)
                        .withWeightDecay(weightDecay).withBalanceClasses(balance);
                Map<MlpConfig.EnsembleSelection, Classifier> cs = new MlpTrainer(cfg).fitSelections(e.getValue(), s,
                        selections);
                for (Map.Entry<MlpConfig.EnsembleSelection, Classifier> ce : cs.entrySet()) {
                    double[] sc = ce.getValue().score(evalX);
                    double[] sum = sums.computeIfAbsent(ce.getKey(), k -> new double[evalX.length]);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += sc[i] / javaSeeds;
                    }
                    System.out.printf(Locale.ROOT, "java MLP %s (%s), seed %d/%d: ensemble epochs %s%n", e.getKey(),
                            ce.getKey(), r + 1, javaSeeds, ce.getValue().provenance().get("ensembleEpochs"));
                    if (r == 0 && first == null) {
                        first = sc;
                    }
                }
                if (r == 0) {
                    cs.values().iterator().next().save(out.resolve("model-" + e.getKey() + "-" + r));
                }
            }
            scores.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
            if (javaSeeds > 1) { // the first training alone, paired with the --variants rows (same seed)
                scores.get(e.getKey()).put("java-mlp" + variant + " (1st)", first);
            }
            for (Map.Entry<MlpConfig.EnsembleSelection, double[]> se : sums.entrySet()) {
                String sel = switch (se.getKey()) {
                    case LOWEST_VALIDATION_LOSS -> "";
                    case LAST_EPOCHS -> "-last";
                    case BEST_WINDOW -> "-window";
                };
                String javaName = (javaSeeds == 1 ? "java-mlp" : "java-mlpx" + javaSeeds) + variant + sel;
                scores.get(e.getKey()).put(javaName, se.getValue());
            }
            seconds.put(e.getKey() + "/java-mlp" + variant, (System.nanoTime() - t) / 1e9);
            System.out.printf(Locale.ROOT, "java MLP %s: %.1f s%n", e.getKey(), (System.nanoTime() - t) / 1e9);
            for (String v : variantModes.contains(e.getKey()) ? variants : List.<String>of()) {
                // a seed ensemble as classify train --ensemble N; member 0 has the seed of the first default training
                t = System.nanoTime();
                long s = Seeds.derive(seed, "bench.mlp");
                MlpConfig cfg = variant(MlpConfig.cathode().withEpochs(epochs, ensemble).withSeed(s), v);
                double[] vsum = new double[evalX.length];
                for (int r = 0; r < variantSeeds; r++) {
                    Classifier c = new MlpTrainer(cfg).fit(e.getValue(), SeedEnsemble.memberSeed(s, r));
                    double[] sc = c.score(evalX);
                    for (int i = 0; i < vsum.length; i++) {
                        vsum[i] += sc[i] / variantSeeds;
                    }
                    System.out.printf(Locale.ROOT, "java MLP %s variant %s, member %d/%d: epochs trained %s,"
                                    + " ensemble epochs %s, %.1f s%n", e.getKey(), v, r + 1, variantSeeds,
                            c.provenance().get("epochsTrained"), c.provenance().get("ensembleEpochs"),
                            (System.nanoTime() - t) / 1e9);
                }
                scores.get(e.getKey()).put("java-mlp-" + v + (variantSeeds == 1 ? " (1st)" : " x" + variantSeeds),
                        vsum);
                seconds.put(e.getKey() + "/java-mlp-" + v, (System.nanoTime() - t) / 1e9);
            }
            if (hgbModels == 0) {
                continue;
            }
            t = System.nanoTime();
            double[] hsum = new double[evalX.length];
            for (int r = 0; r < hgbModels; r++) {
                Classifier c = new HgbTrainer(HgbConfig.defaults().withSeed(Seeds.derive(seed, "bench.hgb", r)))
                        .fit(e.getValue());
                double[] sc = c.score(evalX);
                for (int i = 0; i < hsum.length; i++) {
                    hsum[i] += sc[i] / hgbModels;
                }
            }
            scores.get(e.getKey()).put("java-hgbx" + hgbModels, hsum);
            seconds.put(e.getKey() + "/java-hgbx" + hgbModels, (System.nanoTime() - t) / 1e9);
            System.out.printf(Locale.ROOT, "java HGB x%d %s: %.1f s%n", hgbModels, e.getKey(),
                    (System.nanoTime() - t) / 1e9);
        }
        if (py != null) {
            int rc = py.waitFor();
            System.out.print(Files.readString(log, StandardCharsets.UTF_8));
            if (rc != 0) {
                System.out.println("scikit-learn reference failed with exit code " + rc);
            } else {
                for (String mode : sets.keySet()) {
                    for (String kind : skKinds.split(",")) {
                        if (!Files.exists(out.resolve(mode + "_" + kind + "_scores.txt"))) {
                            continue;
                        }
                        String name = switch (kind) {
                            case "mlp" -> "sklearn-mlp-earlystop";
                            case "mlpdefault" -> "sklearn-MLPClassifier";
                            case "mlpcathode" -> "sklearn-mlp-cathode";
                            default -> "sklearn-" + kind;
                        };
                        scores.get(mode).put(name + "x" + skModels,
                                readScores(out.resolve(mode + "_" + kind + "_scores.txt")));
                    }
                }
            }
        }

        Map<String, Object> results = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%n%-11s %-34s %-18s %-18s %s%n", "mode", "classifier", "AUC", "max SIC (>=25 B)",
                "bootstrap");
        for (Map.Entry<String, Map<String, double[]>> m : scores.entrySet()) {
            for (Map.Entry<String, double[]> c : m.getValue().entrySet()) {
                ClassifierMetrics.BootstrapResult b = ClassifierMetrics.bootstrap(c.getValue(), evalY, null,
                        ClassifierMetrics.DEFAULT_MIN_BACKGROUND, nBoot, Seeds.derive(seed, "bench.bootstrap"));
                System.out.printf(Locale.ROOT, "%-11s %-34s %.4f +- %.4f   %5.2f +- %.2f      %d resamples%n",
                        m.getKey(), c.getKey(), b.auc().value(), b.auc().std(), b.maxSic().value(), b.maxSic().std(),
                        nBoot);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("auc", b.auc().value());
                r.put("aucStd", b.auc().std());
                r.put("maxSic", b.maxSic().value());
                r.put("maxSicStd", b.maxSic().std());
                results.put(m.getKey() + "/" + c.getKey(), r);
            }
        }
        System.out.println("issue 4 reference (sklearn, 5 models): idealized HGB 0.874 / 10.5, MLP 0.884 / 11.1;"
                + " supervised HGB 0.971 / 13.6, MLP 0.971 / 14.2; CATHODE published max SIC 15.1 / 17.6");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seed", seed);
        doc.put("evaluatedOn", evaluateOn);
        doc.put("variantSeeds", variantSeeds);
        doc.put("epochs", epochs);
        doc.put("ensemble", ensemble);
        doc.put("evalSignal", sigEval.size());
        doc.put("evalBackground", bkgEval.size());
        doc.put("results", results);
        doc.put("javaSeconds", seconds);
        doc.put("totalSeconds", (System.nanoTime() - t0) / 1e9);
        doc.put("machine", machine.trim());
        doc.put("loadAverageStart", loadStart);
        doc.put("loadAverageEnd", BenchMachine.loadAverage());
        doc.put("variants", variants);
        Files.writeString(out.resolve("results.json"), Json.write(doc), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "total %.1f s (load average %s at the start, %s at the end); results in %s%n",
                (System.nanoTime() - t0) / 1e9, loadStart, BenchMachine.loadAverage(), out.resolve("results.json"));
    }

    /**
     * A variant of the CATHODE recipe for {@code --variants}: options joined by '+', each {@code cosine} (learning
     * rate decayed to 1 % by a cosine over the epochs), {@code wd<W>} (Adam weight decay W), {@code ens<N>} (N-epoch
     * ensemble), {@code batch<N>}, {@code nobal} (no class weights), {@code drop<P>} (dropout P), {@code whiten}
     * (ZCA whitening), {@code es<P>w<W>} (early stopping, patience P on the W-epoch mean validation loss),
     * {@code window} / {@code last} (ensemble selection), {@code epochs<N>}, {@code lr<X>}, or a preset name of
     * {@link MlpConfig#PRESETS} (replaces everything before it but the seed and epochs).
     */
    static MlpConfig variant(MlpConfig c, String v) {
        if (v.contains("+")) {
            for (String part : v.split("\\+")) {
                c = variant(c, part);
            }
            return c;
        }
        if (MlpConfig.PRESETS.contains(v)) {
            return MlpConfig.preset(v).withSeed(c.seed());
        } else if (v.equals("whiten")) {
            return c.withWhitening(true);
        } else if (v.equals("window")) {
            return c.withSelection(MlpConfig.EnsembleSelection.BEST_WINDOW);
        } else if (v.equals("last")) {
            return c.withSelection(MlpConfig.EnsembleSelection.LAST_EPOCHS);
        } else if (v.startsWith("drop")) {
            return c.withDropout(Double.parseDouble(v.substring(4)));
        } else if (v.startsWith("es")) {
            String[] pw = v.substring(2).split("w");
            return c.withEarlyStopping(Integer.parseInt(pw[0]), pw.length > 1 ? Integer.parseInt(pw[1]) : 1);
        } else if (v.startsWith("epochs")) {
            int n = Integer.parseInt(v.substring(6));
            return c.withEpochs(n, Math.min(c.ensembleSize(), n));
        } else if (v.startsWith("lr")) {
            return c.withLearningRate(Double.parseDouble(v.substring(2)));
        } else if (v.equals("cosine")) {
            return c.withLearningRateSchedule(MlpConfig.LearningRateSchedule.COSINE);
        } else if (v.equals("nobal")) {
            return c.withBalanceClasses(false);
        } else if (v.startsWith("wd")) {
            return c.withWeightDecay(Double.parseDouble(v.substring(2)));
        } else if (v.startsWith("ens")) {
            return c.withEpochs(c.epochs(), Integer.parseInt(v.substring(3)));
        } else if (v.startsWith("batch")) {
            return c.withBatchSize(Integer.parseInt(v.substring(5)));
        }
        throw new IllegalArgumentException("--variants: cosine|nobal|wd<W>|ens<N>|batch<N>|drop<P>|whiten|es<P>w<W>"
                + "|window|last|epochs<N>|lr<X>|" + String.join("|", MlpConfig.PRESETS) + ", got " + v);
    }

    static EventBatch read(Path p) {
        try (EventSource s = EventSource.open(p)) {
            return s.readAll();
        }
    }

    static int count(EventBatch b, int label) {
        int n = 0;
        for (int l : b.labels()) {
            n += l == label ? 1 : 0;
        }
        return n;
    }

    /**
     * Events with truth {@code label}, split three ways by a hash of (row id, seed) modulo 5: [0] = 3/5 training,
     * [1] = 1/5 "tune" evaluation (for choosing options), [2] = 1/5 "report" evaluation (for the figures quoted).
     */
    static EventBatch[] split(EventBatch b, int label, long seed, String name) {
        EventBatch.Builder tr = new EventBatch.Builder(b.schema(), b.size());
        EventBatch.Builder tune = new EventBatch.Builder(b.schema(), b.size() / 4);
        EventBatch.Builder report = new EventBatch.Builder(b.schema(), b.size() / 4);
        double[] row = new double[b.columns().length];
        for (int r = 0; r < b.size(); r++) {
            if (b.labels()[r] != label) {
                continue;
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = b.columns()[c][r];
            }
            long h = Math.floorMod(Seeds.derive(seed, name, (int) b.ids()[r]), 5L);
            (h == 0 ? tune : h == 1 ? report : tr).addRow(b.ids()[r], label, 1.0, row);
        }
        return new EventBatch[] {tr.build(), tune.build(), report.build()};
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] x = new double[a.length + b.length][];
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        return x;
    }

    static double[][] transpose(double[][] rows) {
        int d = rows[0].length;
        double[][] cols = new double[d][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < d; c++) {
                cols[c][i] = rows[i][c];
            }
        }
        return cols;
    }

    static double[] readScores(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        List<Double> v = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                v.add(Double.parseDouble(l.trim()));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Path locate(Path rel) {
        for (Path base = Paths.get("").toAbsolutePath(); base != null; base = base.getParent()) {
            if (Files.isRegularFile(base.resolve(rel))) {
                return base.resolve(rel);
            }
        }
        throw new IllegalStateException(rel + " not found above " + Paths.get("").toAbsolutePath());
    }
}
