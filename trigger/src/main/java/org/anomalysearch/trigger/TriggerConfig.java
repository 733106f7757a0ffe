package org.anomalysearch.trigger;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.qat.Compression;

/**
 * How a trigger model is trained: encoder hidden widths (the decoder mirrors them), latent size, epochs, batch size,
 * Adam's learning rate, the VAE's KL weight {@code beta} (ignored by the AE), the master seed, and the training for
 * the FPGA ({@code compression}: quantization-aware training and magnitude pruning with fine-tuning after the
 * {@code epochs}; docs/trigger.md).
 */
public record TriggerConfig(TriggerModelKind kind, int[] hidden, int latent, int epochs, int batchSize,
                            double learningRate, double beta, long seed, Compression compression) {

    /** A configuration without QAT or pruning. */
    public TriggerConfig(TriggerModelKind kind, int[] hidden, int latent, int epochs, int batchSize,
                         double learningRate, double beta, long seed) {
        this(kind, hidden, latent, epochs, batchSize, learningRate, beta, seed, Compression.NONE);
    }

    public TriggerConfig {
        if (kind == null) {
            throw new InvalidInputException("--model", null, "no model kind", "use ae or vae");
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            check(h >= 1 && h <= 4096, "--hidden", h, "widths from 1 to 4096");
        }
        check(latent >= 1 && latent <= 256, "--latent", latent, "1 to 256");
        check(epochs >= 1 && epochs <= 100_000, "--epochs", epochs, "1 to 100000");
        check(batchSize >= 1 && batchSize <= 1 << 20, "--batch-size", batchSize, "1 to 1048576");
        check(learningRate > 0 && learningRate < 1, "--learning-rate", learningRate, "a number in (0, 1)");
        check(beta >= 0 && beta <= 100, "--beta", beta, "a number in [0, 100]");
        if (compression == null) {
            compression = Compression.NONE;
        }
    }

    /**
     * The QAT and pruning settings of {@code trigger train}, each bad value reported with its option's name.
     *
     * @param qat            {@code --qat}: a fixed-point type, or null / {@code none} for float training
     * @param prune          {@code --prune}: the fraction of weights pruned per layer, in [0, 1)
     * @param finetuneEpochs {@code --finetune-epochs}: epochs after pruning (at least 1 when pruning)
     */
    public static Compression compression(String qat, double prune, int finetuneEpochs) {
        return Compression.of(qat, prune, finetuneEpochs, "--qat", "--prune", "--finetune-epochs");
    }

    /** Small defaults for the ten trigger features: hidden 32,16, latent 3, 20 epochs, batch 256, lr 1e-3, beta 1. */
    public static TriggerConfig defaults(TriggerModelKind kind) {
        return new TriggerConfig(kind, new int[] {32, 16}, 3, 20, 256, 1e-3, 1.0, 1L);
    }

    public TriggerConfig withSeed(long s) {
        return new TriggerConfig(kind, hidden, latent, epochs, batchSize, learningRate, beta, s, compression);
    }

    public TriggerConfig withEpochs(int e) {
        return new TriggerConfig(kind, hidden, latent, e, batchSize, learningRate, beta, seed, compression);
    }

    public TriggerConfig withCompression(Compression c) {
        return new TriggerConfig(kind, hidden, latent, epochs, batchSize, learningRate, beta, seed, c);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The settings as text, for the provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put("hidden", Arrays.toString(hidden).replaceAll("[\\[\\] ]", ""));
        m.put("latent", Integer.toString(latent));
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("beta", Double.toString(beta));
        m.put("seed", Long.toString(seed));
        m.putAll(compression.toMap());
        return m;
    }

    private static void check(boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new InvalidInputException(option, null, "is " + value + ", expected " + expected,
                    "see 'trigger train --help'");
        }
    }
}
