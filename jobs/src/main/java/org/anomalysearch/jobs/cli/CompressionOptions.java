package org.anomalysearch.jobs.cli;

import org.anomalysearch.fpga.qat.Compression;
import picocli.CommandLine.Option;

/**
 * {@code --qat}, {@code --prune} and {@code --finetune-epochs}: training a network for the FPGA (docs/trigger.md,
 * "Quantization-aware training and pruning"), shared by {@code trigger train} and {@code classify train}.
 */
final class CompressionOptions {

    @Option(names = "--qat", paramLabel = "TYPE",
            description = "Quantization-aware training at this model-wide hls4ml precision, e.g. 'fixed<8,3>' or "
                    + "'fixed<8,3,RND,SAT>' (W <= 24): weights, biases and activations fake-quantized as hls4ml "
                    + "computes them, gradients straight through; the saved weights lie on the type's grid (default: "
                    + "none, float training).")
    String qat;

    @Option(names = "--prune", paramLabel = "FRACTION", defaultValue = "0",
            description = "After the epochs, set this fraction of every layer's weights (the smallest |w|) to zero and "
                    + "fine-tune with them held at zero, in [0, 1) (default ${DEFAULT-VALUE}: no pruning).")
    double prune;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "0",
            description = "Epochs of fine-tuning after --prune (needed with it; default ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    /** The settings, each bad value reported with its option's name. */
    Compression compression() {
        return Compression.of(qat, prune, finetuneEpochs, "--qat", "--prune", "--finetune-epochs");
    }
}
