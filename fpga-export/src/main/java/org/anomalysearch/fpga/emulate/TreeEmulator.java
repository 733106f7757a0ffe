package org.anomalysearch.fpga.emulate;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.fixed.Quantizer;
import org.anomalysearch.fpga.trees.TreeEnsemble;

/**
 * A boosted-tree ensemble evaluated in fixed point bit-exactly as one of conifer's backends does it (conifer 1.9,
 * pinned by ../shared/data/fixed_point/conifer). Both backends make the same comparisons; they differ in the types
 * of the split and in the order in which the tree scores are added, which matters whenever a partial sum saturates:
 * <ul>
 * <li>{@link Backend#XILINXHLS} (the default; conifer's HLS firmware {@code BDT_unrolled.h}, xilinxhls backend with
 * its default {@code Unroll=True}): the input is assigned to {@code input_t}; each split computes
 * {@code acc = (input_t)(x[f] * weight)} with the one-hot weight in {@code weight_t} and compares
 * {@code acc <= threshold}; the tree scores are summed in a balanced adder tree ({@code reduce}: the first
 * 2^floor(log2(n-1)) scores, then the rest, recursively, every add assigned to {@code score_t}) and
 * {@code init_predict} is added last;</li>
 * <li>{@link Backend#CPP} (conifer's C++ emulation, {@code conifer.h}): the input is assigned to
 * {@code threshold_t} (the input precision is not used), the split accumulates in {@code threshold_t}, and the
 * score starts at {@code init_predict} and adds the trees one by one in tree order ({@code std::accumulate}); the
 * rolled HLS firmware ({@code Unroll=False}) adds in this order too.</li>
 * </ul>
 * Then, for both, the score is multiplied by {@code (score_t) norm} and assigned to {@code score_t}. Thresholds go
 * to {@code threshold_t}, leaf values and init_predict to {@code score_t}. conifer's default weight type is the
 * threshold type; when that cannot hold 1 (I &lt;= 1) the one-hot weight is not 1 and the split sees
 * {@code x * (weight_t) 1}, as the firmware does. Thread-safe.
 */
public final class TreeEmulator {

    /** conifer's default precision of inputs, thresholds and scores. */
    public static final FixedType CONIFER_DEFAULT = FixedType.signed(18, 8);

    /** Which conifer backend's arithmetic to follow. */
    public enum Backend {
        /** conifer's HLS firmware (xilinxhls, Unroll=True, the default): balanced adder tree, init_predict last. */
        XILINXHLS("xilinxhls"),
        /** conifer's C++ emulation (cpp backend): init_predict first, then the trees in order. */
        CPP("cpp");

        private final String coniferName;

        Backend(String coniferName) {
            this.coniferName = coniferName;
        }

        /** The backend's name in conifer's configuration ({@code Backend}). */
        public String coniferName() {
            return coniferName;
        }

        /** The backend with this conifer name (case-insensitive). */
        public static Backend parse(String name) {
            for (Backend b : values()) {
                if (b.coniferName.equalsIgnoreCase(name) || b.name().equalsIgnoreCase(name)) {
                    return b;
                }
            }
            throw new InvalidInputException("conifer backend", null, "'" + name + "' is not emulated",
                    "use xilinxhls (the HLS firmware, default) or cpp (conifer's C++ emulation)");
        }
    }

    /**
     * conifer's precisions.
     *
     * @param input     {@code InputPrecision}
     * @param threshold {@code ThresholdPrecision}
     * @param weight    {@code WeightPrecision} (conifer's default: the threshold precision)
     * @param score     {@code ScorePrecision}
     */
    public record Precisions(FixedType input, FixedType threshold, FixedType weight, FixedType score) {
        /** One type for everything (conifer's {@code Precision}). */
        public static Precisions of(FixedType all) {
            return new Precisions(all, all, all, all);
        }

        /** Input, threshold and score; the weight takes the threshold type as in conifer. */
        public static Precisions of(FixedType input, FixedType threshold, FixedType score) {
            return new Precisions(input, threshold, threshold, score);
        }
    }

    private final TreeEnsemble model;
    private final Backend backend;
    private final Precisions precisions;
    private final FixedType inputType; // the type x is assigned to, and the split's accumulation (both backends)
    private final FixedValue weightOne; // the one-hot weight's 1 in weight_t
    private final FixedValue[][] thresholds;
    private final FixedValue[][] values;
    private final FixedValue init;
    private final FixedValue norm;
    private final int[][] feature;
    private final int[][] left;
    private final int[][] right;
    private final Quantizer qInput;
    private final Quantizer qScore;

    private TreeEmulator(TreeEnsemble model, Precisions p, Backend backend) {
        this.model = model;
        this.backend = backend;
        this.precisions = p;
        this.inputType = backend == Backend.CPP ? p.threshold() : p.input();
        this.weightOne = FixedValue.of(1.0, p.weight());
        List<TreeEnsemble.Tree> trees = model.trees();
        thresholds = new FixedValue[trees.size()][];
        values = new FixedValue[trees.size()][];
        feature = new int[trees.size()][];
        left = new int[trees.size()][];
        right = new int[trees.size()][];
        for (int t = 0; t < trees.size(); t++) {
            TreeEnsemble.Tree tree = trees.get(t);
            feature[t] = tree.feature();
            left[t] = tree.childrenLeft();
            right[t] = tree.childrenRight();
            double[] th = tree.threshold();
            double[] v = tree.value();
            thresholds[t] = new FixedValue[th.length];
            values[t] = new FixedValue[v.length];
            for (int k = 0; k < th.length; k++) {
                if (feature[t][k] >= 0) {
                    thresholds[t][k] = FixedValue.of(th[k], p.threshold());
                } else {
                    values[t][k] = FixedValue.of(v[k], p.score());
                }
            }
        }
        init = FixedValue.of(model.initPredict(), p.score());
        norm = FixedValue.of(model.norm(), p.score());
        qInput = inputType.width() <= 62 ? new Quantizer(inputType) : null;
        qScore = p.score().width() <= 31 ? new Quantizer(p.score()) : null; // sums and the norm product fit a long
    }

    /** The firmware's emulator ({@link Backend#XILINXHLS}) with one type for inputs, thresholds and scores. */
    public static TreeEmulator of(TreeEnsemble model, FixedType precision) {
        return of(model, Precisions.of(precision), Backend.XILINXHLS);
    }

    /** The firmware's emulator ({@link Backend#XILINXHLS}) with conifer's input, threshold and score types. */
    public static TreeEmulator of(TreeEnsemble model, FixedType inputType, FixedType thresholdType,
            FixedType scoreType) {
        return of(model, Precisions.of(inputType, thresholdType, scoreType), Backend.XILINXHLS);
    }

    /** The emulator of one backend. */
    public static TreeEmulator of(TreeEnsemble model, Precisions precisions, Backend backend) {
        return new TreeEmulator(model, precisions, backend);
    }

    /** The model. */
    public TreeEnsemble model() {
        return model;
    }

    /** The backend whose arithmetic this follows. */
    public Backend backend() {
        return backend;
    }

    /** The precisions. */
    public Precisions precisions() {
        return precisions;
    }

    /** The fixed-point decision function of one event (float inputs as a test bench reads them). */
    public FixedValue decisionFunction(double[] x) {
        return evaluate(x, null);
    }

    /** Names of the overflow counters of {@link #decisionFunctionCountingOverflows}. */
    public static final List<String> OVERFLOW_COUNTERS = List.of("input", "score");

    /**
     * {@link #decisionFunction} that also counts overflows: {@code counts[0]} the inputs outside their type,
     * {@code counts[1]} the additions (and the norm product) outside score_t. Same bits. Needs types that fit a long.
     */
    public FixedValue decisionFunctionCountingOverflows(double[] x, long[] counts) {
        if (qInput == null || qScore == null) {
            throw new InvalidInputException("overflow counting", null, "needs an input type up to 62 bits and a "
                    + "score type up to 31 bits, not " + precisions, "use narrower types");
        }
        return evaluate(x, counts);
    }

    /** How many split thresholds ([0]) and leaf values with init_predict ([1]) do not fit their types. */
    public long[] parameterOverflows() {
        long thresholdsOut = 0;
        long scoresOut = 0;
        for (TreeEnsemble.Tree t : model.trees()) {
            int[] f = t.feature();
            double[] th = t.threshold();
            double[] v = t.value();
            for (int k = 0; k < f.length; k++) {
                if (f[k] >= 0) {
                    thresholdsOut += MlpEmulator.Stage.outside(th[k], precisions.threshold()) ? 1 : 0;
                } else {
                    scoresOut += MlpEmulator.Stage.outside(v[k], precisions.score()) ? 1 : 0;
                }
            }
        }
        scoresOut += MlpEmulator.Stage.outside(model.initPredict(), precisions.score()) ? 1 : 0;
        return new long[] {thresholdsOut, scoresOut};
    }

    private FixedValue evaluate(double[] x, long[] counts) {
        if (x.length != model.featureNames().size()) {
            throw new InvalidInputException("tree emulator input", null, x.length
                    + " values, the model has " + model.featureNames().size() + " features "
                    + model.featureNames(), "one value per feature");
        }
        FixedValue[] in = new FixedValue[x.length];
        for (int i = 0; i < x.length; i++) {
            if (counts != null && qInput.overflows(x[i])) {
                counts[0]++;
            }
            FixedValue xi = FixedValue.of(x[i], inputType);
            // acc = 0; acc += x[f] * w[f] over all features: the zero weights add nothing, so acc = (T)(x * w1)
            in[i] = weightOne.toDouble() == 1.0 ? xi : xi.multiply(weightOne).cast(inputType);
        }
        List<FixedValue> scores = new ArrayList<>(feature.length);
        for (int t = 0; t < feature.length; t++) {
            int k = 0;
            while (feature[t][k] >= 0) {
                k = in[feature[t][k]].toBigDecimal().compareTo(thresholds[t][k].toBigDecimal()) <= 0 ? left[t][k]
                        : right[t][k];
            }
            scores.add(values[t][k]);
        }
        FixedValue s;
        if (backend == Backend.CPP) {
            s = init;
            for (FixedValue v : scores) {
                s = toScore(s.add(v), counts);
            }
        } else {
            s = toScore(init.add(reduce(scores, counts)), counts);
        }
        return toScore(s.multiply(norm), counts);
    }

    /** The assignment to score_t, counted in {@code counts[1]} when it overflows. */
    private FixedValue toScore(FixedValue exact, long[] counts) {
        if (counts != null && qScore.overflows(exact.raw().longValueExact(), exact.type().fractionalBits())) {
            counts[1]++;
        }
        return exact.cast(precisions.score());
    }

    /** conifer's {@code reduce} with OpAdd: split at the largest power of two below n, every add to score_t. */
    private FixedValue reduce(List<FixedValue> x, long[] counts) {
        int n = x.size();
        if (n == 1) {
            return x.get(0);
        }
        if (n == 2) {
            return toScore(x.get(0).add(x.get(1)), counts);
        }
        int leftN = Integer.highestOneBit(n - 1);
        return toScore(reduce(x.subList(0, leftN), counts).add(reduce(x.subList(leftN, n), counts)), counts);
    }

    /** Decision functions of many events, as doubles (exact: every score_t value is a double for W <= 53). */
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (int e = 0; e < x.length; e++) {
            out[e] = decisionFunction(x[e]).toDouble();
        }
        return out;
    }
}
