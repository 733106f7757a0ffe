package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.cwola.MlpClassifier;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.fpga.cost.CostEstimate;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.io.Formats;
import org.anomalysearch.jobs.fpga.MlpHandoff;
import org.anomalysearch.jobs.fpga.TriggerHandoff;
import org.anomalysearch.trigger.TriggerConfig;
import org.anomalysearch.trigger.TriggerEfficiency;
import org.anomalysearch.trigger.TriggerFeatures;
import org.anomalysearch.trigger.TriggerModel;
import org.anomalysearch.trigger.TriggerModelKind;
import org.anomalysearch.trigger.TriggerTrainer;

/**
 * Benchmark (not a test) behind issue 19's items 3 and 4: post-training quantization (PTQ) against
 * quantization-aware training (QAT), and magnitude pruning, for the CWoLa MLP and the trigger anomaly models, every
 * quantized number measured with the bit-exact hls4ml emulator ({@link MlpEmulator}), never with float arithmetic.
 *
 * <p>Families: {@code mlp}, the CATHODE MLP (64-64-64, logit output, standardised inputs) as the idealized anomaly
 * detector on the LHCO R&amp;D split of {@link FpgaScanBenchmark}; {@code vae} and {@code ae}, the trigger models
 * (encoder + score, {@link TriggerHandoff}) trained on qcd_full_000..002 of the shared Pythia data and evaluated on
 * qcd_extra_000..002 (background) against the 3.5 TeV signal.
 *
 * <p>Per family: one float model; PTQ of it at every ap_fixed&lt;W,I&gt; of the grid, and for each W the I with the
 * largest emulated AUC; QAT at that same type (trained from scratch, same seed, epochs and data as the float model);
 * pruning to each sparsity with fine-tuning, emulated at a reference precision, with the DSP estimates before and
 * after. The relative AUC is always the emulated AUC over the <em>float model's</em> AUC (so a QAT model that is
 * worse in float is not flattered). Seeds: every training of a family uses the same derived seed, so the trainings
 * differ only in their compression.
 */
public final class QuantBenchmark {

    /**
     * What to run.
     *
     * @param shared         the shared directory (data/lhco_rnd_sr, data/dijet_pythia)
     * @param families       which of mlp, vae, ae
     * @param mlpEpochs      MLP training epochs
     * @param triggerEpochs  trigger-model training epochs
     * @param widths         W of the scan
     * @param integerBits    I of the PTQ grid
     * @param modes          quantization and overflow modes of every type, PTQ and QAT alike (e.g. {@code RND,SAT})
     * @param sparsities     pruning targets
     * @param finetuneEpochs fine-tuning epochs after pruning
     * @param reference      the precision at which pruned models are emulated and costed
     * @param acceptance     background acceptance at which the signal efficiency is given
     * @param maxEvents      at most this many evaluation events (every k-th; 0: all): of the MLP's evaluation set,
     *                       and of the trigger models' background (their signal sample is always used whole)
     * @param triggerTrain   at most this many training events of the trigger models (every k-th; 0: all)
     * @param signal         the trigger models' signal sample (a file name in dijet_pythia without .csv.gz)
     * @param floatSeeds     float trainings with different seeds (the first is the reference): their AUC spread is
     *                       the training-to-training noise that any relative AUC is to be read against
     * @param qatSpreadMaxWidth up to this W, QAT is trained at I - 1, I and I + 1 around the best PTQ I (the best
     *                       emulated AUC kept, as PTQ keeps the best of its I grid); above it at the best PTQ I only
     * @param seed           master seed
     * @param out            output directory
     */
    public record Options(Path shared, List<String> families, int mlpEpochs, int triggerEpochs, int[] widths,
            int[] integerBits, String modes, double[] sparsities, int finetuneEpochs,
            String reference, double acceptance, int maxEvents, int triggerTrain, String signal, int floatSeeds,
            int qatSpreadMaxWidth, long seed, Path out) {
    }

    /** A trained network ready for the emulator, with its evaluation inputs. */
    private record Trained(OnnxMlp net, float[][] inputs, double seconds, String note) {
    }

    /** One model family: how to train it with a compression, and its fixed-point configuration for a type. */
    private interface Family {
        String name();

        String describe();

        int[] labels();

        /** Trains with the compression; replica 0 is the family's seed, others derived from it. */
        Trained train(Compression c, int replica) throws IOException;

        PrecisionConfig precision(FixedType t);
    }

    /** Emulated (or float) figures of one network at one precision. */
    private record Eval(double auc, double efficiency, long overflowEvents, long dsp, long dspDense, long zeros) {
    }

    private QuantBenchmark() {
    }

    /** Runs the benchmark; returns the report. */
    public static String run(Options o) throws IOException {
        StringBuilder sb = new StringBuilder();
        long t0 = System.nanoTime();
        Files.createDirectories(o.out());
        line(sb, "# PTQ vs QAT and pruning, emulated bit for bit (issue 19 items 3-4)");
        line(sb, "machine: %s; load average (1, 5, 15 min) before: %s; modes %s; seed %d",
                BumpHuntCalibration.machine(), BenchMachine.loadAverage(), o.modes(), o.seed());
        Map<String, Object> doc = new LinkedHashMap<>();
        for (String name : o.families()) {
            Family f = switch (name) {
                case "mlp" -> mlp(o);
                case "vae" -> trigger(o, TriggerModelKind.VAE);
                case "ae" -> trigger(o, TriggerModelKind.AE);
                default -> throw new IllegalArgumentException("unknown family " + name + " (mlp, vae, ae)");
            };
            doc.put(name, family(f, o, sb));
            Files.writeString(o.out().resolve("quant.md"), sb.toString(), StandardCharsets.UTF_8);
        }
        line(sb, "%ntotal %.0f s; load average after: %s", (System.nanoTime() - t0) / 1e9,
                BenchMachine.loadAverage());
        doc.put("seconds", (System.nanoTime() - t0) / 1e9);
        Files.writeString(o.out().resolve("quant.md"), sb.toString(), StandardCharsets.UTF_8);
        Files.writeString(o.out().resolve("quant.json"), Json.write(doc), StandardCharsets.UTF_8);
        return sb.toString();
    }

    private static Map<String, Object> family(Family f, Options o, StringBuilder sb) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        line(sb, "%n## %s%n%s", f.name(), f.describe());
        Trained fl = f.train(Compression.NONE, 0);
        double floatAuc = ClassifierMetrics.auc(floatScores(fl), f.labels());
        double floatEff = efficiency(floatScores(fl), f.labels(), o.acceptance());
        line(sb, "float model: trained in %.0f s%s; float32 AUC %.5f, signal efficiency at %.0e background "
                + "acceptance %.4f", fl.seconds(), fl.note(), floatAuc, o.acceptance(), floatEff);
        doc.put("floatAuc", floatAuc);
        doc.put("floatEfficiency", floatEff);
        List<Double> replicas = new ArrayList<>();
        for (int k = 1; k < o.floatSeeds(); k++) {
            Trained r = f.train(Compression.NONE, k);
            replicas.add(ClassifierMetrics.auc(floatScores(r), f.labels()) / floatAuc);
        }
        if (!replicas.isEmpty()) {
            line(sb, "training noise: %d more float trainings (other seeds, same data) reach float AUC %s of the "
                    + "reference's", replicas.size(), replicas.stream().map(v -> String.format(Locale.ROOT, "%.4f", v))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        doc.put("floatReplicaRelativeAuc", replicas);

        // PTQ: every (W, I) of the grid, the best I per W
        Map<Integer, Integer> bestI = new LinkedHashMap<>();
        Map<Integer, Eval> bestPtq = new LinkedHashMap<>();
        List<Object> ptqRows = new ArrayList<>();
        for (int w : o.widths()) {
            for (int i : o.integerBits()) {
                FixedType t = type(o, w, i);
                Eval e = emulate(fl, f, t, o);
                ptqRows.add(Map.of("W", w, "I", i, "auc", e.auc(), "relativeAuc", e.auc() / floatAuc,
                        "efficiency", e.efficiency(), "overflowEvents", e.overflowEvents()));
                if (!bestPtq.containsKey(w) || e.auc() > bestPtq.get(w).auc()) {
                    bestPtq.put(w, e);
                    bestI.put(w, i);
                }
            }
        }
        doc.put("ptq", ptqRows);

        // QAT at each W's best PTQ type (and its neighbours in I up to qatSpreadMaxWidth)
        line(sb, "%n| W | PTQ: best type | PTQ relative AUC | QAT: best type (I tried) | QAT relative AUC | PTQ eff. "
                + "| QAT eff. | QAT float AUC | QAT training |");
        line(sb, "|---|---|---|---|---|---|---|---|---|");
        List<Object> qatRows = new ArrayList<>();
        for (int w : o.widths()) {
            int i0 = bestI.get(w);
            List<Integer> tried = new ArrayList<>();
            FixedType t = null;
            Trained q = null;
            Eval e = null;
            double seconds = 0;
            for (int i = w <= o.qatSpreadMaxWidth() ? i0 - 1 : i0; i <= (w <= o.qatSpreadMaxWidth() ? i0 + 1 : i0);
                    i++) {
                if (i < 1) {
                    continue; // I > W is a valid ap_fixed (a coarser grid), as in the PTQ grid
                }
                FixedType ti = type(o, w, i);
                Trained qi = f.train(Compression.NONE.withQat(ti), 0);
                Eval ei = emulate(qi, f, ti, o);
                tried.add(i);
                seconds += qi.seconds();
                if (e == null || ei.auc() > e.auc()) {
                    t = ti;
                    q = qi;
                    e = ei;
                }
            }
            Eval p = bestPtq.get(w);
            double qFloat = ClassifierMetrics.auc(floatScores(q), f.labels());
            line(sb, "| %d | %s | %.4f | %s (%s) | %.4f | %.4f | %.4f | %.4f | %.0f s |", w,
                    type(o, w, i0).toHls4mlString(), p.auc() / floatAuc, t.toHls4mlString(), tried, e.auc() / floatAuc,
                    p.efficiency(), e.efficiency(), qFloat, seconds);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("W", w);
            r.put("ptqType", type(o, w, i0).toHls4mlString());
            r.put("qatIntegerBitsTried", tried);
            r.put("type", t.toHls4mlString());
            r.put("ptqRelativeAuc", p.auc() / floatAuc);
            r.put("qatRelativeAuc", e.auc() / floatAuc);
            r.put("ptqEfficiency", p.efficiency());
            r.put("qatEfficiency", e.efficiency());
            r.put("qatFloatAuc", qFloat);
            r.put("qatOverflowEvents", e.overflowEvents());
            r.put("ptqOverflowEvents", p.overflowEvents());
            qatRows.add(r);
            Files.writeString(o.out().resolve("quant.md"), sb.toString(), StandardCharsets.UTF_8);
        }
        doc.put("qat", qatRows);

        // pruning at the reference precision
        FixedType ref = FixedType.parse(o.reference());
        Eval base = emulate(fl, f, ref, o);
        line(sb, "%nPruning (magnitude, per layer, %d fine-tuning epochs), emulated at %s: unpruned relative AUC "
                + "%.4f, DSPs %d (hls4ml rule, RF 1)", o.finetuneEpochs(), ref.toHls4mlString(),
                base.auc() / floatAuc, base.dsp());
        line(sb, "%n| sparsity | zero weights | relative AUC (emulated) | float relative AUC | eff. | DSPs after "
                + "| DSPs before | training |");
        line(sb, "|---|---|---|---|---|---|---|---|");
        List<Object> pruneRows = new ArrayList<>();
        for (double s : o.sparsities()) {
            Trained pr = f.train(Compression.NONE.withPruning(s, o.finetuneEpochs()), 0);
            Eval e = emulate(pr, f, ref, o);
            double pf = ClassifierMetrics.auc(floatScores(pr), f.labels());
            line(sb, "| %.2f | %d | %.4f | %.4f | %.4f | %d | %d | %.0f s |", s, e.zeros(), e.auc() / floatAuc,
                    pf / floatAuc, e.efficiency(), e.dsp(), base.dsp(), pr.seconds());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sparsity", s);
            r.put("zeroWeights", e.zeros());
            r.put("relativeAuc", e.auc() / floatAuc);
            r.put("floatRelativeAuc", pf / floatAuc);
            r.put("efficiency", e.efficiency());
            r.put("dsp", e.dsp());
            r.put("dspUnpruned", base.dsp());
            pruneRows.add(r);
        }
        doc.put("reference", ref.toHls4mlString());
        doc.put("pruning", pruneRows);
        return doc;
    }

    private static long replicaSeed(long seed, int replica) {
        return replica == 0 ? seed : Seeds.derive(seed, "replica", replica);
    }

    private static FixedType type(Options o, int w, int i) {
        return FixedType.parse(String.format(Locale.ROOT, "fixed<%d,%d,%s>", w, i, o.modes()));
    }

    private static double[] floatScores(Trained t) {
        double[] s = new double[t.inputs().length];
        for (int e = 0; e < s.length; e++) {
            s[e] = t.net().forwardFloat32(t.inputs()[e])[0];
        }
        return s;
    }

    private static Eval emulate(Trained t, Family f, FixedType type, Options o) {
        PrecisionConfig p = f.precision(type);
        MlpEmulator em = MlpEmulator.of(t.net(), p);
        double[] s = new double[t.inputs().length];
        long overflowEvents = 0;
        long[] counts = new long[em.layerNames().size()];
        long total = 0; // the counters' sum so far: an event overflowed when its prediction raised it
        for (int e = 0; e < s.length; e++) {
            s[e] = em.predictCountingOverflows(t.inputs()[e], counts)[0];
            long now = Arrays.stream(counts).sum();
            overflowEvents += now > total ? 1 : 0;
            total = now;
        }
        CostEstimate c = CostEstimate.of(t.net(), p, 1, 5.0);
        return new Eval(ClassifierMetrics.auc(s, f.labels()), efficiency(s, f.labels(), o.acceptance()),
                overflowEvents, c.dspHls4ml(), c.dspHls4mlDense(), c.zeroWeights());
    }

    /** Signal efficiency at the background acceptance (threshold: trigger rule, strictly above). */
    private static double efficiency(double[] scores, int[] labels, double acceptance) {
        int nb = 0;
        for (int l : labels) {
            nb += l == 0 ? 1 : 0;
        }
        double[] bkg = new double[nb];
        double[] sig = new double[labels.length - nb];
        for (int e = 0, b = 0, k = 0; e < labels.length; e++) {
            if (labels[e] == 0) {
                bkg[b++] = scores[e];
            } else {
                sig[k++] = scores[e];
            }
        }
        TriggerEfficiency.Threshold th = TriggerEfficiency.threshold(bkg, acceptance, 10);
        return th.measurable() ? TriggerEfficiency.efficiency(sig, th.threshold()) : Double.NaN;
    }

    /** Every k-th row so that at most {@code max} remain (0: all). */
    private static int[] thin(int n, int max) {
        int m = max > 0 && max < n ? max : n;
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) {
            idx[k] = (int) ((long) k * n / m);
        }
        return idx;
    }

    // ---- the CWoLa MLP on the LHCO R&D idealized split

    private static Family mlp(Options o) throws IOException {
        FpgaScanBenchmark.IdealizedSplit split = FpgaScanBenchmark.IdealizedSplit.read(o.shared(), o.seed(),
                o.maxEvents());
        double[][] x = split.evalX();
        int[] y = split.evalY();
        TrainingSet set = TrainingSet.of(TrainingMode.IDEALIZED, split.train(), split.backgroundTrain(),
                split.features());
        long seed = Seeds.derive(o.seed(), "bench.quant.mlp");
        return new Family() {
            public String name() {
                return "mlp";
            }

            public String describe() {
                return String.format(Locale.ROOT, "CWoLa MLP (CATHODE 64-64-64, logit output, one member: the "
                        + "lowest validation loss), idealized AD on the LHCO R&D split (seed %d), %d epochs; "
                        + "evaluation %,d events (%,d signal), standardised inputs", o.seed(), o.mlpEpochs(),
                        x.length, Arrays.stream(y).sum());
            }

            public int[] labels() {
                return y;
            }

            public Trained train(Compression c, int replica) {
                long t = System.nanoTime();
                MlpConfig cfg = MlpConfig.cathode().withEpochs(o.mlpEpochs(), 1).withSeed(replicaSeed(seed, replica))
                        .withCompression(c);
                MlpClassifier m = MlpHandoff.mlp(new MlpTrainer(cfg).fit(set));
                MlpHandoff.Result r = MlpHandoff.of(m, m.bestMember(), MlpHandoff.Inputs.STANDARDISED,
                        MlpHandoff.Output.LOGIT);
                return new Trained(r.weights().toOnnxMlp(), r.networkInputs(x), (System.nanoTime() - t) / 1e9,
                        ", member epoch " + m.provenance().get("ensembleEpochs"));
            }

            public PrecisionConfig precision(FixedType t) {
                return PrecisionConfig.model(t);
            }
        };
    }

    // ---- the trigger models on the Pythia data

    private static Family trigger(Options o, TriggerModelKind kind) throws IOException {
        Path d = o.shared().resolve("data/dijet_pythia");
        double[][] trainAll = features(d, "qcd_full_000", "qcd_full_001", "qcd_full_002");
        double[][] train = Arrays.stream(thin(trainAll.length, o.triggerTrain())).mapToObj(k -> trainAll[k])
                .toArray(double[][]::new);
        double[][] bkgAll = features(d, "qcd_extra_000", "qcd_extra_001", "qcd_extra_002");
        double[][] sig = features(d, o.signal());
        int[] idx = thin(bkgAll.length, o.maxEvents());
        double[][] x = new double[idx.length + sig.length][];
        int[] y = new int[x.length];
        for (int k = 0; k < idx.length; k++) {
            x[k] = bkgAll[idx[k]];
        }
        for (int k = 0; k < sig.length; k++) {
            x[idx.length + k] = sig[k];
            y[idx.length + k] = 1;
        }
        FixedType score = FixedType.parse(TriggerHandoff.DEFAULT_SCORE_PRECISION);
        long seed = Seeds.derive(o.seed(), "bench.quant." + kind.id());
        TriggerHandoff.Result[] last = new TriggerHandoff.Result[1];
        return new Family() {
            public String name() {
                return kind.id();
            }

            public String describe() {
                return String.format(Locale.ROOT, "trigger %s (encoder%s + score, default sizes), trained on "
                        + "%,d events of qcd_full_000..002 (every k-th), %d epochs; evaluation: %,d background events of "
                        + "qcd_extra_000..002 (every k-th) against the %,d events of %s; network input z (standardised "
                        + "upstream); the score tail (%s) at %s whatever W", kind.id(),
                        kind == TriggerModelKind.AE ? " + decoder" : "", train.length, o.triggerEpochs(), idx.length,
                        sig.length, o.signal(), kind == TriggerModelKind.AE ? "Sub, Mul, Dense of ones" : "Mul, Dense of ones",
                        score.toHls4mlString());
            }

            public int[] labels() {
                return y;
            }

            public Trained train(Compression c, int replica) {
                long t = System.nanoTime();
                TriggerConfig cfg = TriggerConfig.defaults(kind).withEpochs(o.triggerEpochs())
                        .withSeed(replicaSeed(seed, replica))
                        .withCompression(c);
                TriggerModel m = new TriggerTrainer(cfg, (ep, n, loss) -> { }).fit(train, TriggerFeatures.NAMES,
                        Map.of());
                TriggerHandoff.Result r = TriggerHandoff.of(m);
                last[0] = r;
                return new Trained(r.network(), r.networkInputs(x), (System.nanoTime() - t) / 1e9, "");
            }

            public PrecisionConfig precision(FixedType t) {
                return last[0].withScoreTypes(PrecisionConfig.model(t), score); // same layer names for every training
            }
        };
    }

    private static double[][] features(Path dir, String... names) throws IOException {
        List<double[][]> parts = new ArrayList<>();
        for (String n : names) {
            Path p = dir.resolve(n + ".csv.gz");
            Formats.requireReadableFile(p);
            parts.add(TriggerFeatures.of(ClassifierBenchmark.read(p), p.toString()));
        }
        return parts.stream().flatMap(Arrays::stream).toArray(double[][]::new);
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
