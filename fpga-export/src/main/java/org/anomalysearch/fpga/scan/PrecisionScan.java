package org.anomalysearch.fpga.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.fpga.cost.CostEstimate;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.trees.TreeEnsemble;

/**
 * Scans model-wide fixed-point precisions of a classifier on a labelled sample, as the seed talk's scans do: for
 * every (W, I) of the grid the emulated hls4ml output's AUC relative to the float32 model's, the agreement of the
 * selections at the working point, overflow counts per layer, and the DSP estimate; then the cheapest eligible
 * precision: |1 - relative AUC| within the target's tolerance, no overflow on the data and no weight that does not
 * fit (unless the scan allows overflows), selection overlap at least the minimum; among those fewest total bits,
 * then fewest DSPs (DSP48E2 rule at the scan's RF), then the smallest |1 - relative AUC|, then fewest integer bits.
 * When none is eligible the result names the point closest to the float model. Grid points run in parallel (the
 * emulator is thread-safe).
 */
public final class PrecisionScan {
    private PrecisionScan() {
    }

    /** Runs the scan. */
    public static ScanResult run(OnnxMlp model, LabelledData data, ScanConfig config) {
        return run(model, data, config, () -> { });
    }

    /** The number of precisions the scan evaluates: every (W, I) of the grid with I &lt; W. */
    public static int gridSize(ScanConfig config) {
        int n = 0;
        for (int w : config.widths()) {
            for (int i : config.integerBits()) {
                n += i < w ? 1 : 0;
            }
        }
        return n;
    }

    /** Runs the scan, calling {@code onPoint} (from any thread) after each precision: progress for long scans. */
    public static ScanResult run(OnnxMlp model, LabelledData data, ScanConfig config, Runnable onPoint) {
        checkWidth(data, model.inputSize());
        if (config.output() >= model.outputSize()) {
            throw new InvalidInputException("scan", "output " + config.output(), "the model has "
                    + model.outputSize() + " outputs", "choose an output index below " + model.outputSize());
        }
        float[][] x = data.features();
        double[] floatScores = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            floatScores[e] = model.forwardFloat32(x[e])[config.output()];
        }
        return run(floatScores, type -> mlpPoint(model, type, x, config), data, config, onPoint);
    }

    /**
     * Scans a boosted-tree ensemble: at each precision conifer's input, threshold and score types are all
     * {@code ap_fixed<W,I>} ({@link TreeEmulator}, the firmware's order); the score is the decision function, the
     * float reference the double one. Overflows: inputs and score additions per event; thresholds and leaf values
     * that do not fit. No DSP estimate (-1): the trees' comparisons and adds are not multiplications.
     */
    public static ScanResult run(TreeEnsemble model, LabelledData data, ScanConfig config, Runnable onPoint) {
        checkWidth(data, model.featureNames().size());
        double[][] x = new double[data.size()][];
        double[] floatScores = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            float[] f = data.features()[e];
            x[e] = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                x[e][i] = f[i];
            }
            floatScores[e] = model.decisionFunction(x[e]);
        }
        return run(floatScores, type -> treePoint(model, type, x), data, config, onPoint);
    }

    private static void checkWidth(LabelledData data, int inputs) {
        if (data.features().length > 0 && data.features()[0].length != inputs) {
            throw new InvalidInputException("labelled data", null, data.features()[0].length + " feature columns "
                    + data.featureNames() + ", the model has " + inputs + " inputs",
                    "give exactly the model's input features plus the label column");
        }
    }

    /**
     * One precision on the data: the emulated scores and the overflow counts.
     *
     * @param scores             per event
     * @param overflows          per counter (layer), summed over events
     * @param parameterOverflows per counter, parameters that do not fit their types
     * @param eventsWithOverflow events with at least one overflow
     * @param dspHls4ml          DSP estimate, hls4ml's rule (-1: none)
     * @param dsp27x18           DSP estimate, DSP48E2 rule (-1: none)
     */
    private record Evaluation(double[] scores, Map<String, Long> overflows, Map<String, Long> parameterOverflows,
            long eventsWithOverflow, long dspHls4ml, long dsp27x18) {
    }

    private static ScanResult run(double[] floatScores, Function<FixedType, Evaluation> evaluate, LabelledData data,
            ScanConfig config, Runnable onPoint) {
        int n = data.size();
        int[] y = data.labels();
        double floatAuc = ClassifierMetrics.auc(floatScores, y);
        boolean[] floatSelected = select(floatScores, config.workingPoint());
        List<FixedType> types = new ArrayList<>();
        for (int w : config.widths()) {
            for (int i : config.integerBits()) {
                if (i < w) {
                    types.add(FixedType.signed(w, i).withModes(config.quantization(), config.overflow()));
                }
            }
        }
        if (types.isEmpty()) {
            throw new InvalidInputException("scan grid", null, "no (W, I) with I < W", "widen the grid");
        }
        List<ScanPoint> points = IntStream.range(0, types.size()).parallel()
                .mapToObj(k -> {
                    ScanPoint p = point(types.get(k), evaluate.apply(types.get(k)), y, floatAuc, floatSelected,
                            config);
                    onPoint.run();
                    return p;
                })
                .sorted(Comparator.comparingInt(ScanPoint::width).thenComparingInt(ScanPoint::integerBits)).toList();
        Optional<ScanPoint> chosen = points.stream().filter(ScanPoint::eligible)
                .min(Comparator.comparingInt(ScanPoint::width).thenComparingLong(ScanPoint::dsp27x18)
                        .thenComparingDouble(ScanPoint::aucDeparture).thenComparingInt(ScanPoint::integerBits));
        Optional<ScanPoint> closest = chosen.isPresent() ? Optional.empty() : closest(points);
        long signal = Arrays.stream(y).filter(v -> v == 1).count();
        return new ScanResult(config, n, signal, floatAuc, points, chosen, closest);
    }

    /**
     * The point nearest the float model when none is eligible: fewest rejections, then the smallest
     * |1 - relative AUC|, then fewest bits.
     */
    static Optional<ScanPoint> closest(List<ScanPoint> points) {
        return points.stream().min(Comparator.comparingInt((ScanPoint p) -> p.rejections().size())
                .thenComparingDouble(ScanPoint::aucDeparture).thenComparingInt(ScanPoint::width));
    }

    private static Evaluation mlpPoint(OnnxMlp model, FixedType type, float[][] x, ScanConfig config) {
        MlpEmulator em = MlpEmulator.of(model, PrecisionConfig.model(type));
        List<String> layers = em.layerNames();
        long[] counts = new long[layers.size()];
        long[] before = new long[layers.size()];
        long eventsWithOverflow = 0;
        double[] scores = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            System.arraycopy(counts, 0, before, 0, counts.length);
            scores[e] = em.predictCountingOverflows(x[e], counts)[config.output()];
            if (!Arrays.equals(counts, before)) {
                eventsWithOverflow++;
            }
        }
        long dspH = -1;
        long dspD = -1;
        try {
            CostEstimate c = CostEstimate.of(model, PrecisionConfig.model(type), config.reuseFactor(), 5);
            dspH = c.dspHls4ml();
            dspD = c.dsp27x18();
        } catch (InvalidConfigException e) {
            // an RF not valid for this model: no DSP numbers (the CLI checks the RF up front)
        }
        return new Evaluation(scores, named(layers, counts), named(layers, em.parameterOverflows()),
                eventsWithOverflow, dspH, dspD);
    }

    private static Evaluation treePoint(TreeEnsemble model, FixedType type, double[][] x) {
        TreeEmulator em = TreeEmulator.of(model, type);
        long[] counts = new long[TreeEmulator.OVERFLOW_COUNTERS.size()];
        long[] before = new long[counts.length];
        long eventsWithOverflow = 0;
        double[] scores = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            System.arraycopy(counts, 0, before, 0, counts.length);
            scores[e] = em.decisionFunctionCountingOverflows(x[e], counts).toDouble();
            if (!Arrays.equals(counts, before)) {
                eventsWithOverflow++;
            }
        }
        return new Evaluation(scores, named(TreeEmulator.OVERFLOW_COUNTERS, counts),
                named(List.of("threshold", "score"), em.parameterOverflows()), eventsWithOverflow, -1, -1);
    }

    private static Map<String, Long> named(List<String> names, long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), counts[k]);
        }
        return m;
    }

    private static ScanPoint point(FixedType type, Evaluation ev, int[] y, double floatAuc, boolean[] floatSelected,
            ScanConfig config) {
        double[] scores = ev.scores();
        double auc = ClassifierMetrics.auc(scores, y);
        boolean[] sel = select(scores, config.workingPoint());
        long both = 0;
        long either = 0;
        long selected = 0;
        for (int e = 0; e < scores.length; e++) {
            both += sel[e] && floatSelected[e] ? 1 : 0;
            either += sel[e] || floatSelected[e] ? 1 : 0;
            selected += sel[e] ? 1 : 0;
        }
        double rel = auc / floatAuc;
        double overlap = either == 0 ? 1 : (double) both / either;
        long paramOverflows = ev.parameterOverflows().values().stream().mapToLong(Long::longValue).sum();
        List<String> rejections = new ArrayList<>();
        if (!config.withinTarget(rel)) {
            rejections.add(String.format(Locale.ROOT, "|1 - relative AUC| = %.5f > %.5f", Math.abs(1 - rel),
                    config.relativeAucTolerance()));
        }
        if (!config.allowOverflows() && ev.eventsWithOverflow() > 0) {
            rejections.add(ev.eventsWithOverflow() + " events overflow");
        }
        if (!config.allowOverflows() && paramOverflows > 0) {
            rejections.add(paramOverflows + " parameters do not fit their types");
        }
        if (overlap < config.minSelectionOverlap()) {
            rejections.add(String.format(Locale.ROOT, "selection overlap %.4f < %s", overlap,
                    config.minSelectionOverlap()));
        }
        return new ScanPoint(type, auc, rel, (double) selected / scores.length, overlap, ev.overflows(),
                ev.parameterOverflows(), ev.eventsWithOverflow(), ev.dspHls4ml(), ev.dsp27x18(),
                config.withinTarget(rel), rejections);
    }

    /**
     * The events at or above the score of the k-th highest, k = ceil(fraction * n): a cut on the score as a trigger
     * applies it, so events tied with the k-th are all kept.
     */
    static boolean[] select(double[] scores, double fraction) {
        int n = scores.length;
        int k = Math.max(1, (int) Math.ceil(fraction * n));
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double cut = sorted[n - k];
        boolean[] out = new boolean[n];
        for (int e = 0; e < n; e++) {
            out[e] = scores[e] >= cut;
        }
        return out;
    }
}
