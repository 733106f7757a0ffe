package org.anomalysearch.fpga.qat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.fixed.FixedType;

/**
 * How a network is trained for the FPGA, shared by the trigger models and the CWoLa MLP: quantization-aware
 * training at a model-wide precision ({@link FakeQuant}; null = off) and magnitude pruning ({@link MagnitudePruning})
 * to a target sparsity after the normal epochs, followed by {@code finetuneEpochs} epochs with the mask held
 * (sparsity 0 = off). The two combine: the fine-tuning keeps fake-quantizing.
 *
 * @param qat            the QAT precision, or null for float training
 * @param sparsity       the fraction of weights pruned in every layer, in [0, 1); 0 = no pruning
 * @param finetuneEpochs epochs of fine-tuning after pruning, at least 1 when pruning, 0 otherwise
 */
public record Compression(FixedType qat, double sparsity, int finetuneEpochs) {

    /** Neither QAT nor pruning. */
    public static final Compression NONE = new Compression(null, 0, 0);

    /** Builds the exception for a bad value, given what is wrong and a hint (the caller knows the option's name). */
    @FunctionalInterface
    public interface Problem {
        AnalysisException of(String problem, String hint);
    }

    public Compression {
        if (qat != null && FakeQuant.problem(qat) != null) {
            throw new InvalidInputException("QAT precision " + qat.toHls4mlString(), null, FakeQuant.problem(qat),
                    "use e.g. fixed<8,3> or fixed<8,3,RND,SAT>");
        }
        checkPruning(sparsity, finetuneEpochs,
                (p, h) -> new InvalidInputException("pruning", null, p, h),
                (p, h) -> new InvalidInputException("pruning fine-tuning epochs", null, p, h));
    }

    /** Whether QAT is on. */
    public boolean quantized() {
        return qat != null;
    }

    /** Whether pruning is on. */
    public boolean pruned() {
        return sparsity > 0;
    }

    /** The fake quantizer of the QAT precision (null when QAT is off). */
    public FakeQuant fakeQuant() {
        return qat == null ? null : FakeQuant.of(qat);
    }

    /** This with another QAT precision (null = off). */
    public Compression withQat(FixedType t) {
        return new Compression(t, sparsity, finetuneEpochs);
    }

    /** This with another pruning target and fine-tuning length. */
    public Compression withPruning(double s, int epochs) {
        return new Compression(qat, s, epochs);
    }

    /** The settings as text for provenance: qat (hls4ml spelling or none), prune, finetuneEpochs. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("qat", qat == null ? "none" : qat.toHls4mlString());
        m.put("prune", Double.toString(sparsity));
        m.put("finetuneEpochs", Integer.toString(finetuneEpochs));
        return m;
    }

    /**
     * The settings from three options or config keys, each bad value reported as an {@link InvalidInputException}
     * whose source is the name of the option or key that holds it.
     *
     * @param qat            a fixed-point type, or null / blank / {@code none} for float training
     * @param sparsity       the fraction of weights pruned per layer, in [0, 1)
     * @param finetuneEpochs epochs after pruning (at least 1 when pruning, 0 without)
     */
    public static Compression of(String qat, double sparsity, int finetuneEpochs, String qatName, String sparsityName,
            String finetuneName) {
        FixedType t = parseQat(qat, (p, h) -> new InvalidInputException(qatName, null, p, h));
        checkPruning(sparsity, finetuneEpochs, (p, h) -> new InvalidInputException(sparsityName, null, p, h),
                (p, h) -> new InvalidInputException(finetuneName, null, p, h));
        return new Compression(t, sparsity, finetuneEpochs);
    }

    /**
     * A QAT precision as written in an option or a config key: null, blank or {@code none} for off, else a
     * fixed-point type ({@link FixedType#parse}) that {@link FakeQuant} handles.
     *
     * @param bad builds the one error naming the option; it gets the parser's problem and a hint
     */
    public static FixedType parseQat(String text, Problem bad) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        String hint = "expected a fixed-point type fixed<W,I[,Q[,O]]> (or ap_fixed<...>, ufixed<...>) with W <= "
                + FakeQuant.MAX_WIDTH + ", e.g. 'fixed<8,3>' or 'fixed<8,3,RND,SAT>', or 'none'";
        FixedType t;
        try {
            t = FixedType.parse(text.strip());
        } catch (InvalidInputException e) {
            throw bad.of("'" + text + "' is not a fixed-point type: " + e.getMessage(), hint);
        }
        String problem = FakeQuant.problem(t);
        if (problem != null) {
            throw bad.of("'" + text + "': " + problem, hint);
        }
        return t;
    }

    /**
     * Checks a pruning target and its fine-tuning length.
     *
     * @param badSparsity builds the error naming the sparsity option
     * @param badEpochs   builds the error naming the fine-tuning option
     */
    public static void checkPruning(double sparsity, int finetuneEpochs, Problem badSparsity, Problem badEpochs) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw badSparsity.of("is " + sparsity + ", expected a fraction of weights in [0, 1)",
                    "e.g. 0.5 prunes half the weights of every layer; 0 switches pruning off");
        }
        if (sparsity > 0 && (finetuneEpochs < 1 || finetuneEpochs > 100_000)) {
            throw badEpochs.of("is " + finetuneEpochs + ", expected 1 to 100000 epochs of fine-tuning after pruning",
                    "pruning without fine-tuning loses accuracy; e.g. 10");
        }
        if (sparsity == 0 && finetuneEpochs != 0) {
            throw badEpochs.of("is " + finetuneEpochs + " but no pruning is asked for",
                    "give a pruning target as well, or leave the fine-tuning epochs at 0");
        }
    }
}
