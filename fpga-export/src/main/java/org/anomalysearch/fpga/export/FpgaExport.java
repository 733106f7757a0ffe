package org.anomalysearch.fpga.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Hashing;
import org.anomalysearch.fpga.JsonText;
import org.anomalysearch.core.provenance.RunInfo;
import org.anomalysearch.fpga.cost.CostEstimate;
import org.anomalysearch.fpga.emulate.EmulatorIo;
import org.anomalysearch.fpga.emulate.MlpEmulator;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxWriter;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;

/**
 * Writes the inputs of an hls4ml project into a new directory, all or nothing:
 * <ul>
 * <li>{@code model.onnx}: the network through {@link OnnxWriter} (hls4ml's rules; node names kept, provenance in
 * {@code metadata_props});</li>
 * <li>{@code hls4ml_config.yml}: {@link Hls4mlConfig} (Vivado, io_parallel, Latency, part, clock, reuse factor,
 * every layer's precision);</li>
 * <li>{@code tb_data/tb_input_features.dat}: the sample inputs, one event per line, space-separated float32 values
 * (shortest decimal that reads back to the same float);</li>
 * <li>{@code tb_data/tb_output_predictions.dat}: the emulator's outputs for them, printed exactly, so hls4ml's
 * C simulation can be compared line by line;</li>
 * <li>{@code export.json}: what was exported, the cost ESTIMATE and the SHA-256 of every file.</li>
 * </ul>
 * Everything is checked first (model, precision layer names, reuse factor, sample width, target); the files are
 * written into a temporary directory beside the target, which is then renamed onto it, so a failure never leaves
 * a partial export.
 */
public final class FpgaExport {
    /** The config file name. */
    public static final String CONFIG_FILE = "hls4ml_config.yml";
    /** The summary file name. */
    public static final String SUMMARY_FILE = "export.json";

    private FpgaExport() {
    }

    /**
     * What was written.
     *
     * @param directory the export directory
     * @param files     the files, relative to it
     * @param events    number of test-bench events
     * @param cost      the cost estimate at the exported reuse factor
     * @param notes     remarks for the user (e.g. a renamed input)
     */
    public record Result(Path directory, List<String> files, int events, CostEstimate cost, List<String> notes) {
        public Result {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /** Exports plain weights with the default project settings ({@link ExportOptions#defaults()}) at a reuse factor. */
    public static Result export(MlpWeights weights, PrecisionConfig precision, int reuseFactor, float[][] samples,
            Path outDir) throws IOException {
        return export(weights, Map.of(), precision, ExportOptions.defaults().withReuseFactor(reuseFactor), samples,
                outDir);
    }

    /** Exports an ONNX file with the default project settings ({@link ExportOptions#defaults()}) at a reuse factor. */
    public static Result export(Path onnx, PrecisionConfig precision, int reuseFactor, float[][] samples, Path outDir)
            throws IOException {
        return export(onnx, Map.of(), precision, ExportOptions.defaults().withReuseFactor(reuseFactor), samples,
                outDir);
    }

    /** Exports plain weights (node names as {@link MlpWeights#toOnnxMlp()}; feature names in the metadata). */
    public static Result export(MlpWeights weights, Map<String, String> metadata, PrecisionConfig precision,
            ExportOptions options, float[][] samples, Path outDir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        ModelProto proto = OnnxWriter.toModel(weights, m);
        m.clear();
        proto.getMetadataPropsList().forEach(e -> m.put(e.getKey(), e.getValue()));
        return export(weights.toOnnxMlp(), m, precision, options, samples, outDir, "plain weights", Map.of());
    }

    /** Exports an ONNX model file; its {@code metadata_props} are kept, {@code metadata} added. */
    public static Result export(Path onnx, Map<String, String> metadata, PrecisionConfig precision,
            ExportOptions options, float[][] samples, Path outDir) throws IOException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(Files.readAllBytes(onnx));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(onnx.toString(), null, "not an ONNX model: " + e.getMessage(),
                    "give a .onnx file written by an ONNX exporter");
        }
        OnnxMlp mlp = OnnxMlp.of(proto, onnx.toString());
        Map<String, String> m = new LinkedHashMap<>();
        proto.getMetadataPropsList().forEach(e -> m.put(e.getKey(), e.getValue()));
        m.put("anomalysearch.export.source", onnx.getFileName() + " sha256:" + Hashing.sha256(onnx));
        if (metadata != null) {
            m.putAll(metadata);
        }
        return export(mlp, m, precision, options, samples, outDir, onnx.getFileName().toString(), Map.of());
    }

    /** Exports a network read from ONNX (or built in memory). */
    public static Result export(OnnxMlp model, Map<String, String> metadata, PrecisionConfig precision,
            ExportOptions options, float[][] samples, Path outDir) throws IOException {
        return export(model, metadata, precision, options, samples, outDir, "network", Map.of());
    }

    /**
     * Exports a network with more files beside the standard ones (e.g. a trigger model's input scaling).
     *
     * @param source     names the model in the config header and the summary
     * @param extraFiles file name (relative, in the export directory) to UTF-8 text; listed and hashed like the rest
     */
    public static Result export(OnnxMlp model, Map<String, String> metadata, PrecisionConfig precision,
            ExportOptions options, float[][] samples, Path outDir, String source, Map<String, String> extraFiles)
            throws IOException {
        for (String f : extraFiles.keySet()) {
            if (f.contains("/") || f.contains("\\") || f.startsWith(".") || f.equals(CONFIG_FILE)
                    || f.equals(SUMMARY_FILE) || f.equals(Hls4mlConfig.MODEL_FILE) || f.equals("tb_data")) {
                throw new IllegalArgumentException("extra export file name " + f);
            }
        }
        List<String> notes = new ArrayList<>();
        if (model.inputName().equals("input")) {
            model = new OnnxMlp("features", model.outputName(), model.inputSize(), model.layers());
            notes.add("the graph input 'input' was renamed 'features' (hls4ml's ONNX frontend rejects 'input')");
        }
        // every check before any file is written
        MlpEmulator emulator = MlpEmulator.of(model, precision);
        CostEstimate cost = CostEstimate.of(model, precision, options.reuseFactor(), options.clockPeriodNs());
        if (samples == null || samples.length == 0) {
            throw new InvalidInputException("test-bench sample", null, "no events",
                    "give at least one input event for tb_data");
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i].length != model.inputSize()) {
                throw new InvalidInputException("test-bench sample", "event " + (i + 1), "has "
                        + samples[i].length + " values, the model has " + model.inputSize() + " inputs",
                        "one value per model input");
            }
        }
        byte[] onnx = OnnxWriter.toModel(model, metadata).toByteArray();
        double[][] predictions = emulator.predict(samples);
        try (ExportDirectory dir = ExportDirectory.create(outDir, options.overwrite())) {
            Path temp = dir.temp();
            List<String> files = new ArrayList<>();
            Files.write(temp.resolve(Hls4mlConfig.MODEL_FILE), onnx);
            files.add(Hls4mlConfig.MODEL_FILE);
            Files.writeString(temp.resolve(CONFIG_FILE), Hls4mlConfig.toYaml(model, precision, options,
                    Hls4mlConfig.header(RunInfo.appVersion(), source)), StandardCharsets.UTF_8);
            files.add(CONFIG_FILE);
            Files.createDirectory(temp.resolve("tb_data"));
            writeInputs(temp.resolve(Hls4mlConfig.TB_INPUT), samples);
            files.add(Hls4mlConfig.TB_INPUT);
            EmulatorIo.writeOutputs(temp.resolve(Hls4mlConfig.TB_OUTPUT), predictions, " ");
            files.add(Hls4mlConfig.TB_OUTPUT);
            for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                Files.writeString(temp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                files.add(e.getKey());
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("writer", "anomaly-search " + RunInfo.appVersion());
            summary.put("source", source);
            summary.put("precision", precision.model().toHls4mlString());
            summary.put("layerPrecisions", layerStrings(model, precision));
            summary.put("reuseFactor", options.reuseFactor());
            summary.put("part", options.part());
            summary.put("clockPeriodNs", options.clockPeriodNs());
            summary.put("testBenchEvents", samples.length);
            summary.put("emulatorArithmetic", emulator.usesLongArithmetic() ? "long" : "BigInteger");
            summary.put("layers", emulator.describe());
            summary.put("costEstimate", cost.toMap());
            summary.put("notes", notes);
            Map<String, Object> sums = new LinkedHashMap<>();
            for (String f : files) {
                sums.put(f, Hashing.sha256(temp.resolve(f)));
            }
            summary.put("sha256", sums);
            summary.put("metadata", metadata);
            Files.writeString(temp.resolve(SUMMARY_FILE), JsonText.write(summary), StandardCharsets.UTF_8);
            files.add(SUMMARY_FILE);
            dir.install();
            return new Result(dir.target(), files, samples.length, cost, notes);
        }
    }

    private static Map<String, Object> layerStrings(OnnxMlp model, PrecisionConfig precision) {
        Map<String, Object> out = new LinkedHashMap<>();
        Hls4mlConfig.layerPrecisions(model, precision).forEach((layer, vars) -> {
            Map<String, String> m = new LinkedHashMap<>();
            vars.forEach((k, v) -> m.put(k, v.toHls4mlString()));
            out.put(layer, m);
        });
        return out;
    }

    /** Space-separated float32 inputs, the shortest decimal of each value (no exponent). */
    static void writeInputs(Path file, float[][] samples) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (float[] row : samples) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(decimal(row[i]));
                }
                w.write(sb.toString());
                w.newLine();
            }
        }
    }

    /** The shortest decimal text that reads back to the same float, without exponent. */
    static String decimal(float f) {
        if (!Float.isFinite(f)) {
            throw new InvalidInputException("test-bench sample", null, "value " + f + " is not finite",
                    "remove NaN and infinite inputs");
        }
        if (f == 0f) {
            return "0";
        }
        return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
    }
}
