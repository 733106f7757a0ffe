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
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.export.ConiferExport;
import org.anomalysearch.fpga.export.ExportOptions;
import org.anomalysearch.fpga.export.ExportVerifier;
import org.anomalysearch.fpga.export.FpgaExport;
import org.anomalysearch.jobs.fpga.TriggerHandoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search fpga export}: model.onnx, hls4ml_config.yml and tb_data in a new directory. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the inputs of an hls4ml project into a new directory, all or nothing: model.onnx "
                + "(hls4ml-ready MatMul + Add), hls4ml_config.yml (Vivado, io_parallel, Latency, every layer's "
                + "precision), tb_data/tb_input_features.dat and tb_data/tb_output_predictions.dat (the emulator's "
                + "bit-exact outputs), export.json (summary, cost estimate, SHA-256 of the files).",
            "--model also takes a 'classify train' directory: an MLP is exported with its standardisation folded "
                + "into the first layer (inputs: raw features; an event table is read by the classifier's feature "
                + "names), boosted trees as conifer_model.json + conifer_config.json + tb_data.",
            "--model also takes a 'trigger train' directory: the encoder (and the AE's decoder) plus the anomaly score "
                + "(Sub, Mul, a Dense of ones; types from --score-precision) on standardised features z; an event "
                + "file gives the trigger features, a plain-number CSV the z values; input_scaling.json records "
                + "mean and std.",
            "Then: hls4ml.converters.convert_from_config('DIR/hls4ml_config.yml') (run from DIR)."})
final class FpgaExportCommand implements Callable<Integer> {
    @Mixin
    FpgaModelOptions modelOptions;

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

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE",
            description = "The Python interpreter --verify runs (default ${DEFAULT-VALUE} from the PATH); it inherits "
                    + "the environment, e.g. PYTHONPATH for hls4ml run from source.")
    String python;

    @Option(names = "--verify-timeout", defaultValue = "30", paramLabel = "MIN",
            description = "Minutes the tool may take to compile and run (default ${DEFAULT-VALUE}).")
    long verifyTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrecisionConfig p = FpgaCommand.precision(precision);
        TreeEmulator.Backend b = modelOptions.backend();
        ExportOptions o = new ExportOptions(project, "hls_project", part, clock, reuse, overwrite);
        FpgaModelOptions.Resolved r = modelOptions.resolve();
        p = modelOptions.precision(r, p);
        double[][] x = modelOptions.inputs(r, input);
        if (maxEvents != null) {
            if (maxEvents < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--max-events must be at least 1, got " + maxEvents);
            }
            x = Arrays.copyOf(x, Math.min(x.length, maxEvents));
        }
        Map<String, String> meta = new LinkedHashMap<>(r.metadata());
        meta.put("anomalysearch.command", String.join(" ",
                spec.commandLine().getParseResult().originalArgs()));
        PrintWriter log = spec.commandLine().getOut();
        r.notes().forEach(n -> log.println("note: " + n));
        Path model = modelOptions.model;
        if (r.isTrees()) {
            ConiferExport.Result t = ConiferExport.export(r.trees(), TreeEmulator.Precisions.of(p.model()), b, o, meta,
                    x, output);
            log.printf("exported %s (%d trees) for conifer's %s backend at %s, %,d test-bench events to %s:%n",
                    model.getFileName(), r.trees().trees().size(), b.coniferName(), p.model(), t.events(), output);
            t.files().forEach(f -> log.println("  " + f));
            log.println("then: conifer.model.load_model('" + ConiferExport.MODEL_FILE + "'), compile(), "
                    + "decision_function(X) (run from the directory)");
            log.flush();
            if (verify) {
                verify(ExportVerifier.Tool.CONIFER, output, python, verifyTimeout, log);
            }
            return 0;
        }
        float[][] xf = EmulatorIo.toFloat(x); // exact: MLP inputs are read as float32
        FpgaExport.Result res;
        if (r.trigger() != null) {
            res = FpgaExport.export(r.mlp(), meta, p, o, xf, output, "trigger model " + model.getFileName(),
                    Map.of(TriggerHandoff.SCALING_FILE, r.trigger().scalingJson()));
        } else {
            res = r.weights() != null ? FpgaExport.export(r.weights(), meta, p, o, xf, output)
                    : FpgaExport.export(model, meta, p, o, xf, output);
        }
        res.notes().forEach(n -> log.println("note: " + n));
        log.printf("exported %s at %s, reuse factor %d, %,d test-bench events to %s:%n", model.getFileName(),
                p.model().toHls4mlString(), reuse, res.events(), output);
        res.files().forEach(f -> log.println("  " + f));
        log.print(res.cost().toTable());
        log.flush();
        if (verify) {
            verify(ExportVerifier.Tool.HLS4ML, output, python, verifyTimeout, log);
        }
        return 0;
    }

    /** Runs the check, prints its line; a disagreement is an error (exit 1), a skipped check is not. */
    static void verify(ExportVerifier.Tool tool, Path dir, String python, long timeoutMinutes, PrintWriter log)
            throws IOException {
        ExportVerifier.Verification v = ExportVerifier.verify(tool, dir, python, timeoutMinutes);
        if (v.status() == ExportVerifier.Status.FAILED) {
            throw new InvalidInputException(dir.toString(), "tb_data/tb_output_predictions.dat", v.describe(),
                    "the export is kept for inspection; please report it with the directory");
        }
        log.println(v.describe());
        log.flush();
    }
}
