package org.anomalysearch.fpga.emulate;

import java.math.BigDecimal;
import java.util.List;

import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.fixed.FixedValue;
import org.anomalysearch.fpga.trees.TreeEnsemble;

/**
 * A boosted-tree ensemble evaluated in fixed point as conifer's HLS firmware does it (BDT.h): the inputs assigned
 * to {@code input_t}, thresholds to {@code threshold_t}, leaf values, {@code init_predict} and {@code norm} to
 * {@code score_t}; every split compares {@code x[f] <= threshold} exactly between the two fixed-point values; the
 * score starts at init_predict, each tree's leaf value is added with the sum assigned back to {@code score_t}, and
 * the total is multiplied by norm and assigned to {@code score_t}. Quantization and overflow follow each type's
 * modes (conifer's default for all three is {@code ap_fixed<18,8>}, AP_TRN, AP_WRAP). Thread-safe.
 */
public final class TreeEmulator {

    /** conifer's default precision of inputs, thresholds and scores. */
    public static final FixedType CONIFER_DEFAULT = FixedType.signed(18, 8);

    private final TreeEnsemble model;
    private final FixedType inputType;
    private final FixedType scoreType;
    private final BigDecimal[][] thresholds;
    private final FixedValue[][] values;
    private final FixedValue init;
    private final FixedValue norm;
    private final int[][] feature;
    private final int[][] left;
    private final int[][] right;

    private TreeEmulator(TreeEnsemble model, FixedType inputType, FixedType thresholdType, FixedType scoreType) {
        this.model = model;
        this.inputType = inputType;
        this.scoreType = scoreType;
        List<TreeEnsemble.Tree> trees = model.trees();
        thresholds = new BigDecimal[trees.size()][];
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
            thresholds[t] = new BigDecimal[th.length];
            values[t] = new FixedValue[v.length];
            for (int k = 0; k < th.length; k++) {
                if (feature[t][k] >= 0) {
                    thresholds[t][k] = FixedValue.of(th[k], thresholdType).toBigDecimal();
                } else {
                    values[t][k] = FixedValue.of(v[k], scoreType);
                }
            }
        }
        init = FixedValue.of(model.initPredict(), scoreType);
        norm = FixedValue.of(model.norm(), scoreType);
    }

    /** The emulator with one type for inputs, thresholds and scores. */
    public static TreeEmulator of(TreeEnsemble model, FixedType precision) {
        return of(model, precision, precision, precision);
    }

    /** The emulator with conifer's three types. */
    public static TreeEmulator of(TreeEnsemble model, FixedType inputType, FixedType thresholdType,
            FixedType scoreType) {
        return new TreeEmulator(model, inputType, thresholdType, scoreType);
    }

    /** The model. */
    public TreeEnsemble model() {
        return model;
    }

    /** The fixed-point decision function of one event (float inputs as a test bench reads them). */
    public FixedValue decisionFunction(double[] x) {
        if (x.length != model.featureNames().size()) {
            throw new org.anomalysearch.core.InvalidInputException("tree emulator input", null, x.length
                    + " values, the model has " + model.featureNames().size() + " features "
                    + model.featureNames(), "one value per feature");
        }
        BigDecimal[] in = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = FixedValue.of(x[i], inputType).toBigDecimal();
        }
        FixedValue s = init;
        for (int t = 0; t < feature.length; t++) {
            int k = 0;
            while (feature[t][k] >= 0) {
                k = in[feature[t][k]].compareTo(thresholds[t][k]) <= 0 ? left[t][k] : right[t][k];
            }
            s = s.add(values[t][k]).cast(scoreType);
        }
        return s.multiply(norm).cast(scoreType);
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
