package org.anomalysearch.fpga.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxMlp.Activation;
import org.anomalysearch.fpga.onnx.OnnxMlp.Dense;

/**
 * ESTIMATES of the FPGA resources and timing of an MLP under hls4ml (Vivado backend, io_parallel, Latency
 * strategy) at one model-wide reuse factor, before any synthesis. Nothing here is a synthesis result.
 *
 * <p>Rules (../shared/docs/FIXED_POINT.md):
 * <ul>
 * <li>multipliers of a Dense: {@code n_in * n_out}; instantiated: hls4ml's {@code multiplier_limit = ceil(n_in *
 * n_out / RF) - floor(n_zeros / RF)} ({@code nnet_dense_latency.h}), n_zeros the weights that are exactly 0 in the
 * model (hls4ml's count on the float weights: a multiplication by a constant 0 is no multiplier, which is what
 * pruning buys); RF must be valid ({@link ReuseFactors});</li>
 * <li>DSPs, hls4ml's optimizer rule: the multiplier limit ({@code n_weights / RF} for a dense model) when the weight
 * width is at least 9 bits, else 0 (narrow products go to LUTs);</li>
 * <li>DSPs, DSP48E2 rule: every instantiated product of an input of width wa and a weight of width wb takes
 * {@code min(ceil(wa/27) * ceil(wb/18), ceil(wb/27) * ceil(wa/18))} DSPs (a DSP48E2 multiplies 27 x 18 bits, so
 * a wider product takes two or more), again 0 for weights below 9 bits. Both are upper bounds: Vivado maps
 * products by zero or powers of two to logic (the hls4ml tutorial's 16-64-32-32-5 at {@code ap_fixed<16,6>}, RF 1
 * has 4,256 products and used 1,502 DSPs; weights that become 0 only when quantized are not counted as zeros);</li>
 * <li>both DSP totals are also given for the same model with no weight dropped ({@link #dspHls4mlDense()},
 * {@link #dsp27x18Dense()}): the estimate before pruning;</li>
 * <li>initiation interval: II = RF (Latency strategy), for the model the largest over layers;</li>
 * <li>latency in clock cycles, a rough model: a Dense (with its bias add) RF + 1 cycles, an activation (ReLU,
 * sigmoid table lookup) 1 cycle. It reproduces the 14 cycles hls4ml reports for the tutorial's 16-64-32-32-5 jet
 * tagger at RF 1 (4 Dense x 2 + 3 ReLU + 3 for the softmax).</li>
 * <li>a score's Merge layers (subtract, multiply): 1 cycle each, not shared by the RF; the multiply's n products
 * count as multipliers, with DSPs by the same width rules (its two operands both of the input type), the subtract
 * has none.</li>
 * </ul>
 *
 * @param layers           per-layer estimates (Dense and activation layers, in order)
 * @param reuseFactor      the model-wide RF
 * @param clockPeriodNs    the clock period used to turn cycles into time
 * @param multipliers      total products n_in * n_out
 * @param zeroWeights      total weights that are exactly 0 (their products need no multiplier)
 * @param multiplierLimit  total instantiated multipliers
 * @param dspHls4ml        total DSPs by hls4ml's rule
 * @param dsp27x18         total DSPs by the DSP48E2 rule
 * @param dspHls4mlDense   total DSPs by hls4ml's rule if no weight were zero (before pruning)
 * @param dsp27x18Dense    total DSPs by the DSP48E2 rule if no weight were zero
 * @param initiationInterval model II in cycles
 * @param latencyCycles    model latency in cycles
 */
public record CostEstimate(List<LayerCost> layers, int reuseFactor, double clockPeriodNs, long multipliers,
        long zeroWeights, long multiplierLimit, long dspHls4ml, long dsp27x18, long dspHls4mlDense, long dsp27x18Dense,
        int initiationInterval, int latencyCycles) {

    /** hls4ml's weight width below which products go to LUTs (0 DSPs). */
    public static final int MIN_DSP_WEIGHT_BITS = 9;
    /** DSP48E2 multiplier port widths. */
    public static final int DSP_A_BITS = 27;
    /** DSP48E2 multiplier port widths. */
    public static final int DSP_B_BITS = 18;

    public CostEstimate {
        layers = List.copyOf(layers);
    }

    /**
     * The estimate of one layer.
     *
     * @param layer           hls4ml layer name (the ONNX node name)
     * @param kind            "Dense", "ReLU" or "Sigmoid"
     * @param nIn             inputs
     * @param nOut            outputs
     * @param inputType       the type of the layer's input
     * @param weightType      the weight type (null for activations)
     * @param multipliers     n_in * n_out (0 for activations)
     * @param zeroWeights     weights exactly 0 (hls4ml's n_zeros)
     * @param multiplierLimit ceil(n_in * n_out / RF) - floor(zeroWeights / RF)
     * @param dspHls4ml       DSPs by hls4ml's rule
     * @param dspPerProduct   DSP48E2s per product (0 below 9-bit weights)
     * @param dsp27x18        multiplierLimit * dspPerProduct
     * @param initiationInterval II in cycles
     * @param latencyCycles   latency in cycles (rough model)
     */
    public record LayerCost(String layer, String kind, int nIn, int nOut, FixedType inputType, FixedType weightType,
            long multipliers, long zeroWeights, long multiplierLimit, long dspHls4ml, int dspPerProduct, long dsp27x18,
            int initiationInterval, int latencyCycles) {
    }

    /** DSP48E2s for one product of an wa-bit by a wb-bit operand (the better of the two port assignments). */
    public static int dspsPerProduct(int wa, int wb) {
        int one = ceilDiv(wa, DSP_A_BITS) * ceilDiv(wb, DSP_B_BITS);
        int other = ceilDiv(wb, DSP_A_BITS) * ceilDiv(wa, DSP_B_BITS);
        return Math.min(one, other);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** DSPs of a dense Dense by hls4ml's rule: n_weights / RF when the weight width is at least 9 bits, else 0. */
    public static long dspHls4ml(int nIn, int nOut, int weightBits, int rf) {
        return weightBits >= MIN_DSP_WEIGHT_BITS ? multiplierLimit(nIn * nOut, 0, rf) : 0;
    }

    /** hls4ml's multiplier limit of a Dense with n weights of which {@code zeros} are 0: ceil(n / RF) - floor(zeros / RF). */
    public static long multiplierLimit(long n, long zeros, int rf) {
        return (n + rf - 1) / rf - zeros / rf;
    }

    /**
     * The estimate of a model at a model-wide RF.
     *
     * @throws InvalidConfigException if RF is not valid for some Dense layer (the message lists the valid RFs)
     */
    public static CostEstimate of(OnnxMlp model, PrecisionConfig precision, int reuseFactor, double clockPeriodNs) {
        if (!(clockPeriodNs > 0) || !Double.isFinite(clockPeriodNs)) {
            throw new InvalidConfigException("ClockPeriod", "clock period " + clockPeriodNs + " ns",
                    "give a positive period in ns, e.g. 5");
        }
        ReuseFactors.require(model, reuseFactor);
        List<LayerCost> out = new ArrayList<>();
        FixedType current = precision.type(model.inputName(), "result");
        long mult = 0;
        long zeros = 0;
        long limit = 0;
        long dspH = 0;
        long dspD = 0;
        long dspHDense = 0;
        long dspDDense = 0;
        int ii = 1;
        int latency = 0;
        for (OnnxMlp.Layer l : model.layers()) {
            if (l instanceof Dense d) {
                FixedType w = precision.type(d.name(), "weight");
                long n = (long) d.inputSize() * d.outputSize();
                long z = 0;
                for (float v : d.weights()) {
                    z += v == 0f ? 1 : 0;
                }
                long ml = multiplierLimit(n, z, reuseFactor);
                boolean dsp = w.width() >= MIN_DSP_WEIGHT_BITS;
                int per = dsp ? dspsPerProduct(current.width(), w.width()) : 0;
                LayerCost c = new LayerCost(d.name(), "Dense", d.inputSize(), d.outputSize(), current, w, n, z, ml,
                        dsp ? ml : 0, per, ml * per, reuseFactor, reuseFactor + 1);
                out.add(c);
                current = precision.type(d.biasName() != null ? d.biasName() : d.name(), "result");
                mult += n;
                zeros += z;
                limit += ml;
                dspH += c.dspHls4ml();
                dspD += c.dsp27x18();
                long dense = multiplierLimit(n, 0, reuseFactor);
                dspHDense += dsp ? dense : 0;
                dspDDense += dense * per;
                ii = Math.max(ii, reuseFactor);
                latency += c.latencyCycles();
            } else if (l instanceof OnnxMlp.Subtract || l instanceof OnnxMlp.Square) {
                boolean square = l instanceof OnnxMlp.Square;
                long n = square ? l.outputSize() : 0;
                long h = square && current.width() >= MIN_DSP_WEIGHT_BITS ? n : 0;
                int per = square && current.width() >= MIN_DSP_WEIGHT_BITS
                        ? dspsPerProduct(current.width(), current.width()) : 0;
                out.add(new LayerCost(l.name(), square ? "Multiply" : "Subtract", l.inputSize(), l.outputSize(),
                        current, null, n, 0, n, h, per, n * per, 1, 1));
                current = precision.type(l.name(), "result");
                mult += n;
                limit += n;
                dspH += h;
                dspD += n * per;
                dspHDense += h;
                dspDDense += n * per;
                latency += 1;
            } else {
                Activation a = (Activation) l;
                String kind = switch (a.kind()) {
                    case RELU -> "ReLU";
                    case SIGMOID -> "Sigmoid";
                };
                out.add(new LayerCost(a.name(), kind, a.size(), a.size(), current, null, 0, 0, 0, 0, 0, 0, 1, 1));
                current = precision.type(a.name(), "result");
                latency += 1;
            }
        }
        return new CostEstimate(out, reuseFactor, clockPeriodNs, mult, zeros, limit, dspH, dspD, dspHDense, dspDDense,
                ii, latency);
    }

    /** Latency in ns (cycles times the clock period). */
    public double latencyNs() {
        return latencyCycles * clockPeriodNs;
    }

    /** A text table, headed as an estimate. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ESTIMATE (not synthesis) at reuse factor %d, clock %s ns:%n",
                reuseFactor, trim(clockPeriodNs)));
        String head = "%-18s %-8s %9s %-18s %-18s %9s %9s %9s %10s %10s %4s %8s%n";
        String row = "%-18s %-8s %9s %-18s %-18s %9d %9s %9d %10d %10d %4d %8d%n";
        sb.append(String.format(Locale.ROOT, head, "layer", "kind", "in x out", "input type", "weight type",
                "products", "zero w.", "mult.lim", "DSP hls4ml", "DSP 27x18", "II", "latency"));
        for (LayerCost c : layers) {
            boolean dense = c.weightType() != null;
            sb.append(String.format(Locale.ROOT, row, c.layer(), c.kind(), dense ? c.nIn() + "x" + c.nOut()
                    : String.valueOf(c.nIn()), c.inputType().toHls4mlString(), dense ? c.weightType().toHls4mlString()
                    : "-", c.multipliers(), dense ? sparsity(c.zeroWeights(), c.multipliers()) : "-",
                    c.multiplierLimit(), c.dspHls4ml(), c.dsp27x18(), c.initiationInterval(), c.latencyCycles()));
        }
        sb.append(String.format(Locale.ROOT, row, "total", "", "", "", "", multipliers,
                sparsity(zeroWeights, multipliers), multiplierLimit, dspHls4ml, dsp27x18, initiationInterval,
                latencyCycles));
        if (zeroWeights > 0) {
            sb.append(String.format(Locale.ROOT, "zero weights need no multiplier: %d of %d weights are 0 (sparsity "
                    + "%.1f %%); with none dropped the DSPs would be %d (hls4ml rule) and %d (27x18 rule)%n",
                    zeroWeights, multipliers, 100.0 * zeroWeights / multipliers, dspHls4mlDense, dsp27x18Dense));
        }
        sb.append(String.format(Locale.ROOT, "estimated latency %d cycles = %s ns, II %d cycles = %s ns%n",
                latencyCycles, trim(latencyNs()), initiationInterval, trim(initiationInterval * clockPeriodNs)));
        return sb.toString();
    }

    private static String sparsity(long zeros, long n) {
        return zeros == 0 ? "0" : zeros + String.format(Locale.ROOT, " %.0f%%", n == 0 ? 0.0 : 100.0 * zeros / n);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The estimate as a JSON-ready map (labelled as an estimate). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", "estimates before synthesis (FIXED_POINT.md rules), not synthesis results");
        m.put("reuseFactor", reuseFactor);
        m.put("clockPeriodNs", clockPeriodNs);
        m.put("multipliers", multipliers);
        m.put("zeroWeights", zeroWeights);
        m.put("multiplierLimit", multiplierLimit);
        m.put("dspHls4ml", dspHls4ml);
        m.put("dsp27x18", dsp27x18);
        m.put("dspHls4mlDense", dspHls4mlDense);
        m.put("dsp27x18Dense", dsp27x18Dense);
        m.put("initiationInterval", initiationInterval);
        m.put("latencyCycles", latencyCycles);
        m.put("latencyNs", latencyNs());
        List<Object> ls = new ArrayList<>();
        for (LayerCost c : layers) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("layer", c.layer());
            r.put("kind", c.kind());
            r.put("nIn", c.nIn());
            r.put("nOut", c.nOut());
            r.put("inputType", c.inputType().toHls4mlString());
            r.put("weightType", c.weightType() == null ? null : c.weightType().toHls4mlString());
            r.put("multipliers", c.multipliers());
            r.put("zeroWeights", c.zeroWeights());
            r.put("multiplierLimit", c.multiplierLimit());
            r.put("dspHls4ml", c.dspHls4ml());
            r.put("dspPerProduct", c.dspPerProduct());
            r.put("dsp27x18", c.dsp27x18());
            r.put("initiationInterval", c.initiationInterval());
            r.put("latencyCycles", c.latencyCycles());
            ls.add(r);
        }
        m.put("layers", ls);
        return m;
    }
}
