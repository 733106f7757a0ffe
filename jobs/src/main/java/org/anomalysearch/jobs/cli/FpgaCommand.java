package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.Formats;
import picocli.CommandLine.Command;
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

    /** Reads a model, naming the file in the error when it is absent. */
    static OnnxMlp readModel(Path model) throws IOException {
        Formats.requireReadableFile(model);
        return OnnxMlp.read(model);
    }

    /** Parses a model-wide precision (the error names the string, the position and the field). */
    static PrecisionConfig precision(String text) {
        return PrecisionConfig.model(text);
    }

    /** {@code anomaly-search fpga emulate}. */
    @Command(name = "emulate", mixinStandardHelpOptions = true,
            description = {"Run an ONNX MLP (MatMul + Add, Relu, Sigmoid) bit-exactly as hls4ml's C simulation at one "
                    + "model-wide precision (granularity 'model').",
                "Input: one event per line, values separated by commas or spaces (lines starting with a letter or '#' "
                    + "are skipped). Output: one line per event, every value printed exactly (all binary digits, no "
                    + "exponent), separated by commas."})
    static final class Emulate implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "ONNX", description = "The model (.onnx).")
        Path model;

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
            OnnxMlp mlp = readModel(model);
            MlpEmulator emulator = MlpEmulator.of(mlp, p);
            Formats.requireReadableFile(input);
            try (AtomicOutput out = AtomicOutput.create(output, overwrite)) { // checks the target before the work
                float[][] x = EmulatorIo.readFeatures(input, mlp.inputSize());
                long t0 = System.nanoTime();
                double[][] y = emulator.predict(x);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                EmulatorIo.writeOutputs(out.tempFile(), y, separator);
                out.commit();
                PrintWriter log = spec.commandLine().getOut();
                if (describe) {
                    emulator.describe().forEach(l -> log.println("  " + l));
                }
                log.printf("emulated %,d events at %s (%s arithmetic) in %.3f s; wrote %s%n", x.length,
                        p.model().toHls4mlString(), emulator.usesLongArithmetic() ? "long" : "BigInteger", seconds,
                        output);
                log.flush();
            }
            return 0;
        }
    }
}
