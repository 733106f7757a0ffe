package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.fpga.cost.CostEstimate;
import org.anomalysearch.fpga.cost.ReuseFactors;
import org.anomalysearch.fpga.emulate.PrecisionConfig;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.io.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search fpga cost}: resource and latency ESTIMATES per layer and in total, per reuse factor. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Estimate (before synthesis) multipliers, DSPs (hls4ml's n_weights/RF rule, 0 below 9-bit "
                + "weights; and the DSP48E2 27x18 rule), initiation interval and latency in cycles, per layer and in "
                + "total, for each reuse factor. Only reuse factors valid for every layer are accepted; the valid ones "
                + "are listed.",
            "Weights that are exactly 0 (a pruned model) need no multiplier: the multiplier limit is hls4ml's "
                + "ceil(n/RF) - floor(zeros/RF), the 'zero w.' column counts them, and a line gives the DSPs with "
                + "none dropped (before pruning)."})
final class FpgaCostCommand implements Callable<Integer> {
    @Mixin
    FpgaModelOptions modelOptions;

    @Option(names = "--precision", required = true, paramLabel = "TYPE",
            description = "Model precision, hls4ml or Xilinx spelling, e.g. 'fixed<16,6>'.")
    String precision;

    @Option(names = "--reuse", split = ",", hideParamSyntax = true, paramLabel = "RF,...",
            description = "Reuse factors, comma-separated (default: every valid one).")
    List<Integer> reuse;

    @Option(names = "--clock", defaultValue = "5", paramLabel = "NS", description = "Clock period in ns (default 5).")
    double clock;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the estimates as JSON.")
    Path json;

    @Option(names = "--overwrite", description = "Replace an existing JSON file.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrecisionConfig p = FpgaCommand.precision(precision);
        FpgaModelOptions.Resolved r = modelOptions.resolve();
        OnnxMlp mlp = r.requireMlp("fpga cost");
        p = modelOptions.precision(r, p);
        List<Integer> valid = ReuseFactors.validForModel(mlp);
        List<Integer> rfs = reuse == null || reuse.isEmpty() ? valid : reuse;
        List<CostEstimate> estimates = new ArrayList<>();
        for (int rf : rfs) { // all checked before anything is printed or written
            estimates.add(CostEstimate.of(mlp, p, rf, clock));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("valid reuse factors for this model: " + valid);
        for (CostEstimate c : estimates) {
            out.println();
            out.print(c.toTable());
        }
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", modelOptions.model.toString());
            m.put("precision", p.model().toHls4mlString());
            m.put("validReuseFactors", valid);
            m.put("estimates", estimates.stream().map(CostEstimate::toMap).toList());
            try (AtomicOutput o = AtomicOutput.create(json, overwrite)) {
                Files.writeString(o.tempFile(), Json.write(m));
                o.commit();
            }
        }
        out.flush();
        return 0;
    }
}
