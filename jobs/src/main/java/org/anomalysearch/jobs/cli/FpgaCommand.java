package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.io.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search fpga}: the hand-off of a classifier to an FPGA trigger through hls4ml: bit-accurate
 * fixed-point emulation, export of the hls4ml project inputs, resource estimates and precision scans.
 */
@Command(name = "fpga", mixinStandardHelpOptions = true,
        description = {"FPGA hand-off (hls4ml, Vivado backend, io_parallel, Latency strategy): emulate a model in "
                + "fixed point exactly as hls4ml's C simulation, export model.onnx + hls4ml config + tb_data, "
                + "estimate DSPs and latency, scan precisions."},
        subcommands = {FpgaCommand.Emulate.class, FpgaExportCommand.class, FpgaCostCommand.class,
            FpgaScanCommand.class})
final class FpgaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Parses a model-wide precision (the error names the string, the position and the field). */
    static PrecisionConfig precision(String text) {
        return PrecisionConfig.model(text);
    }

    /** {@code anomaly-search fpga emulate}. */
    @Command(name = "emulate", mixinStandardHelpOptions = true,
            description = {"Run an ONNX MLP (MatMul + Add, Relu, Sigmoid) bit-exactly as hls4ml's C simulation at one "
                    + "model-wide precision (granularity 'model'), or boosted trees (a conifer .json or a 'classify "
                    + "train' hgb directory) as conifer's firmware (--backend xilinxhls) or C++ emulation (cpp), the "
                    + "precision then being conifer's input, threshold and score precision.",
                "--model also takes a 'classify train' directory: the inputs are then raw features (an event table is "
                    + "read by the classifier's feature names) and the standardisation is folded into the network.",
                "--model also takes a 'trigger train' directory: its network plus the anomaly score (Sub, Mul, a Dense "
                    + "of ones, in --score-precision) on standardised features z; an event file gives the trigger "
                    + "features, a plain-number CSV the z values.",
                "Input: one event per line, values separated by commas or spaces (lines starting with a letter or '#' "
                    + "are skipped). Output: one line per event, every value printed exactly (all binary digits, no "
                    + "exponent), separated by commas."})
    static final class Emulate implements Callable<Integer> {
        @Mixin
        FpgaModelOptions modelOptions;

        @Option(names = "--precision", required = true, paramLabel = "TYPE",
                description = "Model precision, hls4ml or Xilinx spelling, e.g. 'fixed<16,6>', "
                        + "'ap_fixed<18,8,AP_RND,AP_SAT>'.")
        String precision;

        @Option(names = "--input", required = true, paramLabel = "CSV", description = "Input features.")
        Path input;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "CSV", description = "Output file.")
        Path output;

        @Option(names = "--overwrite", description = "Replace an existing output file (never done without it).")
        boolean overwrite;

        @Option(names = "--separator", defaultValue = ",", paramLabel = "S",
                description = "Separator of output values (default '${DEFAULT-VALUE}').")
        String separator;

        @Option(names = "--describe", description = "Print the hls4ml layer graph with its types.")
        boolean describe;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrecisionConfig p = precision(precision);
            TreeEmulator.Backend b = modelOptions.backend();
            FpgaModelOptions.Resolved r = modelOptions.resolve();
            p = modelOptions.precision(r, p);
            PrintWriter log = spec.commandLine().getOut();
            try (AtomicOutput out = AtomicOutput.create(output, overwrite)) { // checks the target before the work
                double[][] x = modelOptions.inputs(r, input);
                long t0 = System.nanoTime();
                double[][] y;
                String how;
                if (r.isTrees()) {
                    TreeEmulator em = TreeEmulator.of(r.trees(), TreeEmulator.Precisions.of(p.model()), b);
                    y = new double[x.length][];
                    for (int e = 0; e < x.length; e++) {
                        y[e] = new double[] {em.decisionFunction(x[e]).toDouble()};
                    }
                    how = "conifer " + b.coniferName() + " arithmetic, decision function";
                } else {
                    MlpEmulator emulator = MlpEmulator.of(r.mlp(), p);
                    y = emulator.predict(EmulatorIo.toFloat(x)); // exact: MLP inputs are read as float32
                    how = (emulator.usesLongArithmetic() ? "long" : "BigInteger") + " arithmetic";
                    if (describe) {
                        emulator.describe().forEach(l -> log.println("  " + l));
                    }
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                EmulatorIo.writeOutputs(out.tempFile(), y, separator);
                out.commit();
                r.notes().forEach(n -> log.println("note: " + n));
                log.printf("emulated %,d events at %s (%s) in %.3f s; wrote %s%n", x.length,
                        p.model().toHls4mlString(), how, seconds, output);
                log.flush();
            }
            return 0;
        }
    }
}
