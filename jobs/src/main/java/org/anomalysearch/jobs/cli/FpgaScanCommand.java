package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.fpga.cost.ReuseFactors;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.scan.LabelledData;
import org.anomalysearch.fpga.scan.PrecisionScan;
import org.anomalysearch.fpga.scan.ScanConfig;
import org.anomalysearch.fpga.scan.ScanResult;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.OutputExistsException;
import org.anomalysearch.jobs.fpga.ScanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search fpga scan}: relative AUC over a grid of fixed-point precisions. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan model-wide precisions ap_fixed<W,I> on a labelled sample: AUC of the bit-exact emulation "
                + "relative to the float32 model, agreement of the selections at the working point, overflow counts "
                + "per layer, DSP estimate; choose the cheapest precision with |1 - relative AUC| within the target, no "
                + "overflows and enough selection overlap (fewest bits, then DSPs); if none, name the closest.",
            "Boosted trees (a conifer .json or a 'classify train' hgb directory) are scanned with conifer's firmware "
                + "arithmetic, input, threshold and score all ap_fixed<W,I>; they have no DSP estimate.",
            "Writes scan.txt, scan.json, relative_auc_heatmap.png and relative_auc_vs_width.png into the output "
                + "directory."})
final class FpgaScanCommand implements Callable<Integer> {
    static final List<String> FILES = List.of("scan.txt", "scan.json", "relative_auc_heatmap.png",
            "relative_auc_vs_width.png");

    @Mixin
    FpgaModelOptions modelOptions;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "Labelled events: a header line, the model's input features in order and a 0/1 label column; "
                    + "with a classifier directory also an event table (features by name, its label column).")
    Path data;

    @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME",
            description = "The label column (default ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Option(names = "--widths", defaultValue = "6:18:2", paramLabel = "GRID",
            description = "Total bits W: FROM:TO[:STEP] or a list (default ${DEFAULT-VALUE}).")
    String widths;

    @Option(names = "--integer-bits", defaultValue = "2:8", paramLabel = "GRID",
            description = "Integer bits I: FROM:TO[:STEP] or a list (default ${DEFAULT-VALUE}).")
    String integerBits;

    @Option(names = "--modes", defaultValue = "TRN,WRAP", paramLabel = "Q,O",
            description = "Quantization and overflow modes of every type (default ${DEFAULT-VALUE}; e.g. RND,SAT).")
    String modes;

    @Option(names = "--target", defaultValue = "0.99", paramLabel = "R",
            description = "Target R: a chosen precision's relative AUC r must have |1 - r| <= 1 - R, from either side "
                    + "(default ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--min-overlap", defaultValue = "0.9", paramLabel = "F",
            description = "Smallest selection overlap with the float model at the working point a chosen precision "
                    + "may have (default ${DEFAULT-VALUE}; 0: no check).")
    double minOverlap;

    @Option(names = "--allow-overflow",
            description = "Let a precision with overflows on the data (or weights that do not fit) be chosen.")
    boolean allowOverflow;

    @Option(names = "--working-point", defaultValue = "0.1", paramLabel = "F",
            description = "Fraction of events selected at the working point (default ${DEFAULT-VALUE}).")
    double workingPoint;

    @Option(names = "--reuse", defaultValue = "1", paramLabel = "RF",
            description = "Reuse factor of the DSP estimates (default ${DEFAULT-VALUE}).")
    int reuse;

    @Option(names = "--max-events", paramLabel = "N", description = "Use at most the first N events.")
    Integer maxEvents;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedType m = FixedType.parse("fixed<8,3," + modes + ">"); // validates the modes with a clear message
        ScanConfig cfg = new ScanConfig(grid("--widths", widths), grid("--integer-bits", integerBits),
                m.quantization(), m.overflow(), target, workingPoint, reuse, 0, minOverlap, allowOverflow);
        FpgaModelOptions.Resolved resolved = modelOptions.resolve();
        if (resolved.trigger() != null) {
            throw new InvalidInputException(resolved.metadata().get("anomalysearch.export.triggerDirectory"), null,
                    "'fpga scan' scans classifiers on labelled events; it does not take trigger models",
                    "use 'fpga emulate --model TRIGGER_DIR' at the precisions to compare, and 'trigger evaluate'");
        }
        if (!resolved.isTrees()) {
            ReuseFactors.require(resolved.mlp(), reuse);
        }
        Formats.requireReadableFile(data);
        for (String f : FILES) {
            if (Files.exists(output.resolve(f)) && !overwrite) {
                throw new OutputExistsException(output.resolve(f));
            }
        }
        // a scan that fails (bad data, no model) leaves no empty output directory behind
        try (Common.OutputDir dir = Common.OutputDir.create(output)) {
            scan(resolved, cfg);
            dir.commit();
        }
        return 0;
    }

    private void scan(FpgaModelOptions.Resolved resolved, ScanConfig cfg) throws IOException {
        LabelledData d = modelOptions.labelled(resolved, data, labelColumn);
        if (maxEvents != null) {
            d = d.head(maxEvents);
        }
        long t0 = System.nanoTime();
        ScanResult r;
        try (Progress p = new Progress("fpga scan", PrecisionScan.gridSize(cfg), "precisions")) {
            Runnable step = () -> {
                synchronized (p) {
                    p.stepBy(1);
                }
            };
            r = resolved.isTrees() ? PrecisionScan.run(resolved.trees(), d, cfg, step)
                    : PrecisionScan.run(resolved.mlp(), d, cfg, step);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String table = r.toTable();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelOptions.model.toString());
        json.put("notes", resolved.notes());
        json.put("data", data.toString());
        json.put("features", d.featureNames());
        json.putAll(r.toMap());
        write(output.resolve(FILES.get(0)), p -> Files.writeString(p, table));
        write(output.resolve(FILES.get(1)), p -> Files.writeString(p, Json.write(json)));
        write(output.resolve(FILES.get(2)), p -> ScanPlots.heatMap(r, p));
        write(output.resolve(FILES.get(3)), p -> ScanPlots.lines(r, p));
        PrintWriter out = spec.commandLine().getOut();
        resolved.notes().forEach(n -> out.println("note: " + n));
        out.print(table);
        out.printf(Locale.ROOT, "scanned %d precisions on %,d events in %.1f s; wrote %s%n", r.points().size(),
                r.events(), seconds, output);
        out.flush();
    }

    private void write(Path file, AtomicOutput.PathWriter body) throws IOException {
        AtomicOutput.write(file, overwrite, body);
    }

    /** FROM:TO[:STEP] or a comma-separated list. */
    static int[] grid(String option, String text) {
        try {
            if (text.contains(":")) {
                String[] p = text.split(":");
                if (p.length < 2 || p.length > 3) {
                    throw new NumberFormatException();
                }
                return ScanConfig.range(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()),
                        p.length == 3 ? Integer.parseInt(p[2].strip()) : 1);
            }
            List<Integer> v = new ArrayList<>();
            for (String s : text.split(",")) {
                v.add(Integer.parseInt(s.strip()));
            }
            return v.stream().mapToInt(Integer::intValue).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(option, "'" + text + "' is not a grid",
                    "write FROM:TO[:STEP] (e.g. 6:18:2) or a list (e.g. 8,12,16)");
        }
    }
}
