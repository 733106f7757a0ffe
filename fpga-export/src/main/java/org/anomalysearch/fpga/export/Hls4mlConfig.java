package org.anomalysearch.fpga.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;

/**
 * The hls4ml configuration file of an ONNX model (the YAML {@code hls4ml.converters.convert_from_config} reads):
 * {@code OnnxModel}, {@code OutputDir}, {@code ProjectName}, {@code Backend: Vivado}, {@code Part},
 * {@code ClockPeriod}, {@code IOType: io_parallel}, the test-bench files, and {@code HLSConfig} with the model
 * precision, reuse factor and Latency strategy and, under {@code LayerName}, every variable of every layer written
 * out explicitly, so the file pins exactly the types the emulator used: input {@code result}; Dense (MatMul node)
 * {@code weight, bias, result, accum}; ApplyAlpha (Add node) {@code scale, bias, result}; ReLU {@code result};
 * Sigmoid {@code result, table}. Precisions use the hls4ml spelling.
 */
public final class Hls4mlConfig {
    /** File name of the model in the export directory. */
    public static final String MODEL_FILE = "model.onnx";
    /** Test-bench input file, relative to the export directory. */
    public static final String TB_INPUT = "tb_data/tb_input_features.dat";
    /** Test-bench expected outputs (the emulator's), relative to the export directory. */
    public static final String TB_OUTPUT = "tb_data/tb_output_predictions.dat";

    private Hls4mlConfig() {
    }

    /** The per-layer variables and their types, in hls4ml's layer order. */
    public static Map<String, Map<String, FixedType>> layerPrecisions(OnnxMlp model, PrecisionConfig p) {
        Map<String, Map<String, FixedType>> out = new LinkedHashMap<>();
        out.put(model.inputName(), vars(p, model.inputName(), "result"));
        for (OnnxMlp.Layer l : model.layers()) {
            if (l instanceof Dense d) {
                out.put(d.name(), vars(p, d.name(), "weight", "bias", "result", "accum"));
                if (d.biasName() != null) {
                    out.put(d.biasName(), vars(p, d.biasName(), "scale", "bias", "result"));
                }
            } else {
                Activation a = (Activation) l;
                out.put(a.name(), a.kind() == OnnxMlp.ActivationKind.SIGMOID ? vars(p, a.name(), "result", "table")
                        : vars(p, a.name(), "result"));
            }
        }
        return out;
    }

    private static Map<String, FixedType> vars(PrecisionConfig p, String layer, String... names) {
        Map<String, FixedType> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, p.type(layer, n));
        }
        return m;
    }

    /** The YAML text. {@code header} lines are written as comments at the top (provenance). */
    public static String toYaml(OnnxMlp model, PrecisionConfig p, ExportOptions o, List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h.replace('\n', ' ')).append('\n');
        }
        sb.append("OnnxModel: ").append(MODEL_FILE).append('\n');
        sb.append("OutputDir: ").append(quote(o.hlsOutputDir())).append('\n');
        sb.append("ProjectName: ").append(o.projectName()).append('\n');
        sb.append("Backend: Vivado\n");
        sb.append("Part: ").append(o.part()).append('\n');
        double c = o.clockPeriodNs();
        sb.append("ClockPeriod: ").append(c == Math.rint(c) ? String.valueOf((long) c) : String.valueOf(c)).append('\n');
        sb.append("IOType: io_parallel\n");
        sb.append("InputData: ").append(TB_INPUT).append('\n');
        sb.append("OutputPredictions: ").append(TB_OUTPUT).append('\n');
        sb.append("HLSConfig:\n");
        sb.append("  Model:\n");
        sb.append("    Precision: ").append(quote(p.model().toHls4mlString())).append('\n');
        sb.append("    ReuseFactor: ").append(o.reuseFactor()).append('\n');
        sb.append("    Strategy: Latency\n");
        sb.append("  LayerName:\n");
        for (Map.Entry<String, Map<String, FixedType>> e : layerPrecisions(model, p).entrySet()) {
            sb.append("    ").append(quote(e.getKey())).append(":\n");
            sb.append("      Precision:\n");
            for (Map.Entry<String, FixedType> v : e.getValue().entrySet()) {
                sb.append("        ").append(v.getKey()).append(": ").append(quote(v.getValue().toHls4mlString()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** A YAML single-quoted scalar (single quotes doubled). */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The header comment lines of an export. */
    static List<String> header(String version, String source) {
        List<String> h = new ArrayList<>();
        h.add("hls4ml project configuration written by anomaly-search " + version);
        h.add("model: " + source);
        h.add("convert: hls4ml.converters.convert_from_config('hls4ml_config.yml'), then compile() / build(csim=True)");
        h.add("every layer's types are written out; they are exactly the types of the emulated tb_output_predictions");
        return h;
    }
}
