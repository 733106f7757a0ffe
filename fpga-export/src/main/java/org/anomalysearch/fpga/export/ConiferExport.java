package org.anomalysearch.fpga.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Hashing;
import org.anomalysearch.core.provenance.RunInfo;
import org.anomalysearch.fpga.JsonText;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.TreeEmulator;
import org.anomalysearch.fpga.trees.TreeEnsemble;

/**
 * Writes a boosted-tree ensemble for conifer into a new directory, all or nothing:
 * <ul>
 * <li>{@code conifer_model.json}: {@link TreeEnsemble#toConiferJson} (with the per-tree {@code weight} rows, so
 * conifer 1.6 through the current release load it) and the configuration under {@code config}, so
 * {@code conifer.model.load_model('conifer_model.json')} needs nothing else;</li>
 * <li>{@code conifer_config.json}: the same configuration alone, for {@code load_model(path, new_config=...)}:
 * {@code Backend}, {@code ProjectName}, {@code OutputDir}, {@code InputPrecision}, {@code ThresholdPrecision},
 * {@code ScorePrecision} and, for xilinxhls, {@code XilinxPart}, {@code ClockPeriod}, {@code Unroll: true}
 * (conifer's weight precision defaults to the threshold precision, which the emulator assumes);</li>
 * <li>{@code tb_data/tb_input_features.dat} and {@code tb_output_predictions.dat}: the sample inputs and the
 * emulated decision function of the configured backend ({@link TreeEmulator}), printed exactly;</li>
 * <li>{@code export.json}: what was exported and the SHA-256 of every file.</li>
 * </ul>
 */
public final class ConiferExport {
    /** The model file. */
    public static final String MODEL_FILE = "conifer_model.json";
    /** The configuration file. */
    public static final String CONFIG_FILE = "conifer_config.json";

    private ConiferExport() {
    }

    /**
     * What was written.
     *
     * @param directory the export directory
     * @param files     the files, relative to it
     * @param events    number of test-bench events
     * @param config    conifer's configuration
     */
    public record Result(Path directory, List<String> files, int events, Map<String, Object> config) {
        public Result {
            files = List.copyOf(files);
        }
    }

    /** conifer's configuration for one backend and precision set. */
    public static Map<String, Object> config(TreeEmulator.Precisions p, TreeEmulator.Backend backend,
            ExportOptions options) {
        if (!p.weight().equals(p.threshold())) {
            throw new InvalidInputException("conifer precision", "WeightPrecision", p.weight() + " differs from the "
                    + "threshold precision " + p.threshold(), "conifer 1.6 and 1.7 have no weight precision; use the "
                            + "threshold precision");
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Backend", backend.coniferName());
        c.put("ProjectName", options.projectName());
        c.put("OutputDir", "conifer_prj");
        c.put("InputPrecision", p.input().toString());
        c.put("ThresholdPrecision", p.threshold().toString());
        c.put("ScorePrecision", p.score().toString());
        if (backend == TreeEmulator.Backend.XILINXHLS) {
            c.put("XilinxPart", options.part());
            double clock = options.clockPeriodNs();
            c.put("ClockPeriod", clock == Math.rint(clock) ? (Object) (long) clock : (Object) clock);
            c.put("Unroll", true);
        }
        return c;
    }

    /** Exports the ensemble with the emulated outputs of {@code backend} on {@code samples} (float64 features). */
    public static Result export(TreeEnsemble model, TreeEmulator.Precisions precisions, TreeEmulator.Backend backend,
            ExportOptions options, Map<String, String> metadata, double[][] samples, Path outDir) throws IOException {
        Map<String, Object> config = config(precisions, backend, options);
        if (samples == null || samples.length == 0) {
            throw new InvalidInputException("test-bench sample", null, "no events",
                    "give at least one input event for tb_data");
        }
        TreeEmulator emulator = TreeEmulator.of(model, precisions, backend);
        double[][] predictions = new double[samples.length][];
        for (int e = 0; e < samples.length; e++) {
            predictions[e] = new double[] {emulator.decisionFunction(samples[e]).toDouble()};
        }
        try (ExportDirectory dir = ExportDirectory.create(outDir, options.overwrite())) {
            Path temp = dir.temp();
            List<String> files = new ArrayList<>();
            Files.writeString(temp.resolve(MODEL_FILE), model.toConiferJson(config), StandardCharsets.UTF_8);
            files.add(MODEL_FILE);
            Files.writeString(temp.resolve(CONFIG_FILE), JsonText.write(config), StandardCharsets.UTF_8);
            files.add(CONFIG_FILE);
            Files.createDirectory(temp.resolve("tb_data"));
            EmulatorIo.writeOutputs(temp.resolve(Hls4mlConfig.TB_INPUT), samples, " ");
            files.add(Hls4mlConfig.TB_INPUT);
            EmulatorIo.writeOutputs(temp.resolve(Hls4mlConfig.TB_OUTPUT), predictions, " ");
            files.add(Hls4mlConfig.TB_OUTPUT);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("writer", "anomaly-search " + RunInfo.appVersion());
            summary.put("tool", "conifer");
            summary.put("load", "conifer.model.load_model('" + MODEL_FILE + "'), then compile() and "
                    + "decision_function(X)");
            summary.put("emulatedBackend", backend.coniferName());
            summary.put("trees", model.trees().size());
            summary.put("maxDepth", model.maxDepth());
            summary.put("features", model.featureNames());
            summary.put("config", config);
            summary.put("testBenchEvents", samples.length);
            Map<String, Object> sums = new LinkedHashMap<>();
            for (String f : files) {
                sums.put(f, Hashing.sha256(temp.resolve(f)));
            }
            summary.put("sha256", sums);
            summary.put("metadata", metadata);
            Files.writeString(temp.resolve(FpgaExport.SUMMARY_FILE), JsonText.write(summary), StandardCharsets.UTF_8);
            files.add(FpgaExport.SUMMARY_FILE);
            dir.install();
            return new Result(dir.target(), files, samples.length, config);
        }
    }
}
