package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.export.ExportOptions;
import org.anomalysearch.fpga.export.ExportVerifier;
import org.anomalysearch.fpga.export.FpgaExport;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.io.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search fpga export}: model.onnx, hls4ml_config.yml and tb_data in a new directory. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the inputs of an hls4ml project into a new directory, all or nothing: model.onnx "
                + "(hls4ml-ready MatMul + Add), hls4ml_config.yml (Vivado, io_parallel, Latency, every layer's "
                + "precision), tb_data/tb_input_features.dat and tb_data/tb_output_predictions.dat (the emulator's "
                + "bit-exact outputs), export.json (summary, cost estimate, SHA-256 of the files).",
            "Then: hls4ml.converters.convert_from_config('DIR/hls4ml_config.yml') (run from DIR)."})
final class FpgaExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ONNX", description = "The model (.onnx).")
    Path model;

    @Option(names = "--precision", required = true, paramLabel = "TYPE",
            description = "Model precision, hls4ml or Xilinx spelling, e.g. 'fixed<16,6>'.")
    String precision;

    @Option(names = "--input", required = true, paramLabel = "CSV",
            description = "Sample input events for the test bench (one per line, commas or spaces).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Export directory (new).")
    Path output;

    @Option(names = "--reuse", defaultValue = "1", paramLabel = "RF",
            description = "Model-wide ReuseFactor; must be valid for every layer (default ${DEFAULT-VALUE}).")
    int reuse;

    @Option(names = "--part", defaultValue = ExportOptions.DEFAULT_PART, paramLabel = "PART",
            description = "FPGA part (default ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--clock", defaultValue = "5", paramLabel = "NS", description = "Clock period in ns (default 5).")
    double clock;

    @Option(names = "--project", defaultValue = "anomaly_classifier", paramLabel = "NAME",
            description = "hls4ml ProjectName (default ${DEFAULT-VALUE}).")
    String project;

    @Option(names = "--max-events", paramLabel = "N", description = "Use at most the first N input events.")
    Integer maxEvents;

    @Option(names = "--overwrite", description = "Replace an existing export directory (never done without it).")
    boolean overwrite;

    @Option(names = "--verify", description = "Then check the export with the real tool where python3 can import it "
            + "(hls4ml: convert_from_config, compile, predict on tb_data; conifer: load_model, compile, "
            + "decision_function) and compare every row with tb_output_predictions.dat; otherwise say it was skipped.")
    boolean verify;

    @Option(names = "--verify-timeout", defaultValue = "30", paramLabel = "MIN",
            description = "Minutes the tool may take to compile and run (default ${DEFAULT-VALUE}).")
    long verifyTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrecisionConfig p = FpgaCommand.precision(precision);
        ExportOptions o = new ExportOptions(project, "hls_project", part, clock, reuse, overwrite);
        OnnxMlp mlp = FpgaCommand.readModel(model);
        Formats.requireReadableFile(input);
        float[][] x = EmulatorIo.readFeatures(input, mlp.inputSize());
        if (maxEvents != null) {
            if (maxEvents < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--max-events must be at least 1, got " + maxEvents);
            }
            x = Arrays.copyOf(x, Math.min(x.length, maxEvents));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("anomalysearch.command", String.join(" ",
                spec.commandLine().getParseResult().originalArgs()));
        FpgaExport.Result r = FpgaExport.export(model, meta, p, o, x, output);
        PrintWriter log = spec.commandLine().getOut();
        r.notes().forEach(n -> log.println("note: " + n));
        log.printf("exported %s at %s, reuse factor %d, %,d test-bench events to %s:%n", model.getFileName(),
                p.model().toHls4mlString(), reuse, r.events(), output);
        r.files().forEach(f -> log.println("  " + f));
        log.print(r.cost().toTable());
        log.flush();
        if (verify) {
            verify(ExportVerifier.Tool.HLS4ML, output, verifyTimeout, log);
        }
        return 0;
    }

    /** Runs the check, prints its line; a disagreement is an error (exit 1), a skipped check is not. */
    static void verify(ExportVerifier.Tool tool, Path dir, long timeoutMinutes, PrintWriter log) throws IOException {
        ExportVerifier.Verification v = ExportVerifier.verify(tool, dir, timeoutMinutes);
        if (v.status() == ExportVerifier.Status.FAILED) {
            throw new InvalidInputException(dir.toString(), "tb_data/tb_output_predictions.dat", v.describe(),
                    "the export is kept for inspection; please report it with the directory");
        }
        log.println(v.describe());
        log.flush();
    }
}
