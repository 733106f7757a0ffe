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
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The hls4ml configuration file of an ONNX model (the YAML {@code hls4ml.converters.convert_from_config} reads):
 * {@code OnnxModel}, {@code OutputDir}, {@code ProjectName}, {@code Backend: Vivado}, {@code Part},
 * {@code ClockPeriod}, {@code IOType: io_parallel}, the test-bench files, and {@code HLSConfig} with the model
 * precision, reuse factor and Latency strategy and, under {@code LayerName}, every variable of every layer written
 * out explicitly, so the file pins exactly the types the emulator used: input {@code result}; Dense (MatMul node)
 * {@code weight, bias, result, accum}; ApplyAlpha (Add node) {@code bias, result}; ReLU {@code result}; a score's
 * Merge layers (Sub and Mul nodes) {@code result}; Sigmoid
 * {@code result} and, beside its {@code Precision}, {@code table_t} (hls4ml reads an activation's table type from
 * that layer key; a {@code table} under {@code Precision} is ignored, as is a {@code scale}: ApplyAlpha's scale is
 * always {@code ap_uint<1>}). Only keys hls4ml applies are written. Precisions use the hls4ml spelling.
 *
 * <p>The layer names are the ONNX node names, which hls4ml keeps when it converts this model directly. A qonnx
 * cleanup ({@code cleanup_model}) renames the nodes ({@code MatMul_0}, ...) and every per-layer key would silently
 * stop matching; the exported model needs no cleanup (plain MatMul + Add + activations, shapes on every tensor), so
 * the header advises against it and {@code fpga export --verify} checks the file as it is.
 */
public final class Hls4mlConfig {
    /** File name of the model in the export directory. */
    public static final String MODEL_FILE = "model.onnx";
    /** Test-bench input file, relative to the export directory. */
    public static final String TB_INPUT = "tb_data/tb_input_features.dat";
    /** The layer key hls4ml reads an activation's lookup-table type from. */
    public static final String TABLE_KEY = "table_t";
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
                    out.put(d.biasName(), vars(p, d.biasName(), "bias", "result"));
                }
            } else if (l instanceof OnnxMlp.Subtract || l instanceof OnnxMlp.Square) {
                out.put(l.name(), vars(p, l.name(), "result")); // Merge layers: only result_t
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

    /** The YAML text (SnakeYAML). {@code header} lines are written as comments at the top (provenance). */
    public static String toYaml(OnnxMlp model, PrecisionConfig p, ExportOptions o, List<String> header) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("OnnxModel", MODEL_FILE);
        config.put("OutputDir", new Quoted(o.hlsOutputDir()));
        config.put("ProjectName", o.projectName());
        config.put("Backend", "Vivado");
        config.put("Part", o.part());
        double c = o.clockPeriodNs();
        config.put("ClockPeriod", c == Math.rint(c) ? (Object) (long) c : (Object) c);
        config.put("IOType", "io_parallel");
        config.put("InputData", TB_INPUT);
        config.put("OutputPredictions", TB_OUTPUT);
        Map<String, Object> modelConfig = new LinkedHashMap<>();
        modelConfig.put("Precision", new Quoted(p.model().toHls4mlString()));
        modelConfig.put("ReuseFactor", o.reuseFactor());
        modelConfig.put("Strategy", "Latency");
        Map<Object, Object> layers = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, FixedType>> e : layerPrecisions(model, p).entrySet()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("Precision", vars);
            e.getValue().forEach((k, v) -> {
                if (k.equals("table")) {
                    layer.put(TABLE_KEY, new Quoted(v.toHls4mlString())); // hls4ml's table_t, beside Precision
                } else {
                    vars.put(k, new Quoted(v.toHls4mlString()));
                }
            });
            layers.put(new Quoted(e.getKey()), layer);
        }
        Map<String, Object> hls = new LinkedHashMap<>();
        hls.put("Model", modelConfig);
        hls.put("LayerName", layers);
        config.put("HLSConfig", hls);
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h.replace('\n', ' ')).append('\n');
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        return sb.append(new Yaml(new QuotingRepresenter(options), options).dump(config)).toString();
    }

    /** A string written single-quoted (precisions and layer names, as hls4ml's own examples spell them). */
    record Quoted(String value) {
    }

    /** Writes {@link Quoted} values single-quoted, everything else as SnakeYAML would. */
    private static final class QuotingRepresenter extends Representer {
        QuotingRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(Quoted.class, data -> representScalar(Tag.STR, ((Quoted) data).value(),
                    DumperOptions.ScalarStyle.SINGLE_QUOTED));
        }
    }

    /** The header comment lines of an export. */
    static List<String> header(String version, String source) {
        List<String> h = new ArrayList<>();
        h.add("hls4ml project configuration written by anomaly-search " + version);
        h.add("model: " + source);
        h.add("convert: hls4ml.converters.convert_from_config('hls4ml_config.yml'), then compile() / build(csim=True)");
        h.add("every layer's types are written out; they are exactly the types of the emulated tb_output_predictions");
        h.add("layer names are the ONNX node names: do not run a qonnx cleanup first (it renames the nodes and the "
                + "per-layer keys would no longer match); the model needs none");
        return h;
    }
}
