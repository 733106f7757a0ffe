package org.anomalysearch.fpga.emulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.fixed.FixedType;

/**
 * The fixed-point types of an hls4ml model, as its {@code HLSConfig} sets them: one model precision
 * (granularity 'model') and optional per-layer overrides (granularity 'name').
 *
 * <p>A layer's variable ({@code weight}, {@code bias}, {@code result}, {@code accum}, {@code table}) takes the
 * per-layer type if one is set, else the model precision — except {@code table} (activation lookup tables), which
 * defaults to hls4ml's {@code fixed<18,8>} ({@link #DEFAULT_TABLE_TYPE}); hls4ml reads it from the layer's
 * {@code table_t} key, not from its {@code Precision}. There is no {@code scale}: hls4ml builds the bias-only
 * ApplyAlpha's scale as {@code ap_uint<1>} whatever the configuration says.
 * Layer names are those hls4ml gives: the graph input's name for the input layer, the MatMul node's name for a
 * Dense, the Add node's name for its bias (ApplyAlpha), the activation node's name, a score's Sub and Mul node names
 * for its Merge layers (only {@code result} applies to them). Immutable.
 */
public final class PrecisionConfig {
    /** hls4ml's default type of activation lookup tables, {@code ap_fixed<18,8>}. */
    public static final FixedType DEFAULT_TABLE_TYPE = FixedType.signed(18, 8);
    /** The variable names a layer override may set. */
    public static final Set<String> VARIABLES = Set.of("weight", "bias", "result", "accum", "table");

    private final FixedType model;
    private final Map<String, Map<String, FixedType>> layers;

    private PrecisionConfig(FixedType model, Map<String, Map<String, FixedType>> layers) {
        this.model = model;
        this.layers = layers;
    }

    /** Granularity 'model': every variable of every layer in this precision (tables: fixed<18,8>). */
    public static PrecisionConfig model(FixedType precision) {
        return new PrecisionConfig(precision, Map.of());
    }

    /** Granularity 'model' from a precision string in Xilinx or hls4ml spelling, e.g. {@code fixed<16,6>}. */
    public static PrecisionConfig model(String precision) {
        return model(FixedType.parse(precision));
    }

    /** A copy with one variable of one layer overridden. */
    public PrecisionConfig withLayer(String layer, String variable, FixedType type) {
        if (variable.equals("scale")) {
            throw new InvalidConfigException("LayerName." + layer + ".Precision.scale", "hls4ml ignores a scale "
                    + "precision: the bias-only ApplyAlpha's scale is always ap_uint<1> (it holds 1 exactly)",
                    "remove the scale override; set the layer's bias or result type instead");
        }
        if (!VARIABLES.contains(variable)) {
            throw new InvalidConfigException("LayerName." + layer + ".Precision." + variable,
                    "unknown precision variable '" + variable + "'", "use one of " + VARIABLES);
        }
        Map<String, Map<String, FixedType>> copy = new LinkedHashMap<>();
        layers.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        copy.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(variable, type);
        copy.replaceAll((k, v) -> Map.copyOf(v));
        return new PrecisionConfig(model, Map.copyOf(copy));
    }

    /** A copy with several variables of one layer overridden (precision strings, either spelling). */
    public PrecisionConfig withLayer(String layer, Map<String, String> variables) {
        PrecisionConfig c = this;
        for (Map.Entry<String, String> e : variables.entrySet()) {
            c = c.withLayer(layer, e.getKey(), FixedType.parse(e.getValue()));
        }
        return c;
    }

    /** The model precision. */
    public FixedType model() {
        return model;
    }

    /** The layer names that have overrides. */
    public Set<String> overriddenLayers() {
        return layers.keySet();
    }

    /** The type of one variable of one layer. */
    public FixedType type(String layer, String variable) {
        Map<String, FixedType> m = layers.get(layer);
        if (m != null && m.containsKey(variable)) {
            return m.get(variable);
        }
        return variable.equals("table") ? DEFAULT_TABLE_TYPE : model;
    }

    @Override
    public String toString() {
        return "model " + model.toHls4mlString() + (layers.isEmpty() ? "" : ", layers " + layers);
    }
}
