package org.anomalysearch.fpga.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;

/**
 * hls4ml's valid reuse factors of a Dense layer (../shared/docs/FIXED_POINT.md, "Reuse factor"): with
 * {@code n = n_in * n_out} and {@code multiplier_limit = ceil(n / RF)}, RF is valid when
 * {@code n % RF == 0}, {@code (RF < n_in or RF % n_in == 0)} and {@code (multiplier_limit % n_out == 0 or
 * RF >= n_in)}. hls4ml silently moves an invalid RF to a nearby valid one; here an invalid RF is an error that
 * lists the valid ones.
 */
public final class ReuseFactors {
    private ReuseFactors() {
    }

    /** Whether RF is valid for a Dense layer of n_in inputs and n_out outputs. */
    public static boolean isValid(int nIn, int nOut, int rf) {
        long n = (long) nIn * nOut;
        if (rf < 1 || rf > n || n % rf != 0) {
            return false;
        }
        long multiplierLimit = (n + rf - 1) / rf;
        return (rf < nIn || rf % nIn == 0) && (multiplierLimit % nOut == 0 || rf >= nIn);
    }

    /** Every valid RF of a Dense layer, ascending (1 is always valid, so is n_in * n_out). */
    public static List<Integer> valid(int nIn, int nOut) {
        List<Integer> out = new ArrayList<>();
        long n = (long) nIn * nOut;
        for (int rf = 1; rf <= n; rf++) {
            if (isValid(nIn, nOut, rf)) {
                out.add(rf);
            }
        }
        return out;
    }

    /** The RFs valid for every Dense layer of a model (one model-wide ReuseFactor), ascending. */
    public static List<Integer> validForModel(OnnxMlp model) {
        List<Integer> common = null;
        for (OnnxMlp.Layer l : model.layers()) {
            if (l instanceof Dense d) {
                List<Integer> v = valid(d.inputSize(), d.outputSize());
                if (common == null) {
                    common = v;
                } else {
                    common.retainAll(v);
                }
            }
        }
        return common == null ? List.of(1) : List.copyOf(common);
    }

    /**
     * Checks a model-wide RF.
     *
     * @throws InvalidConfigException naming every layer for which it is invalid and the valid RFs of the model
     */
    public static void require(OnnxMlp model, int rf) {
        List<String> bad = new ArrayList<>();
        for (OnnxMlp.Layer l : model.layers()) {
            if (l instanceof Dense d && !isValid(d.inputSize(), d.outputSize(), rf)) {
                bad.add(d.name() + " (" + d.inputSize() + " x " + d.outputSize() + ")");
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidConfigException("ReuseFactor", "reuse factor " + rf + " is not valid for "
                    + String.join(", ", bad) + " (hls4ml requires n_in*n_out % RF == 0, RF < n_in or RF % n_in == 0, "
                    + "and ceil(n_in*n_out/RF) % n_out == 0 or RF >= n_in)",
                    "valid reuse factors for this model: " + validForModel(model).stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")));
        }
    }
}
