package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.OutputExistsException;
import org.anomalysearch.search.SignalInjection;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search inject}: a signal mixed into a background at a chosen S/B or S/sqrt(B) in an mjj window
 * ({@link SignalInjection}), reproducibly from {@code --seed}, with a record of what was done.
 */
@Command(name = "inject", mixinStandardHelpOptions = true,
        description = {"Mix signal events into a background at a chosen S/B or S/sqrt(B) in an mjj window (B = "
                + "background events in the window; exactly round(S) signal events of the window are drawn, and the "
                + "signal outside the window at the same fraction).",
            "Writes the mixed event table (background label 0, signal label 1) and a JSON record next to it: input "
                + "files with SHA-256, window, requested and achieved S, B, S/B, S/sqrt(B), seeds. The same --seed "
                + "gives the same mixture."})
final class InjectCommand implements Callable<Integer> {

    /** The record's schema version. */
    static final int RECORD_VERSION = 1;

    @Option(names = "--background", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Background event tables or feature files (several files or quoted glob patterns).")
    List<String> backgroundFiles;

    @Option(names = "--signal", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Signal event tables or feature files (several files or quoted glob patterns).")
    List<String> signalFiles;

    @Option(names = "--window", required = true, split = ",", paramLabel = "LO,HI", hideParamSyntax = true,
            description = "The mjj window [LO, HI) in GeV where S and B are counted, e.g. 3300,3700.")
    double[] window;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Strength strength;

    static final class Strength {
        @Option(names = "--s-over-b", required = true, paramLabel = "R", description = "Requested S/B in the window.")
        Double sOverB;

        @Option(names = "--s-over-sqrt-b", required = true, paramLabel = "R",
                description = "Requested S/sqrt(B) in the window.")
        Double sOverSqrtB;
    }

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Mixed event table: .parquet (default format), .csv or .csv.gz.")
    Path output;

    @Option(names = "--record", paramLabel = "JSON",
            description = "The record of the injection (default: the output's name with .inject.json).")
    Path record;

    @Mixin
    Common.OutputOptions outputOptions = new Common.OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Region w = Inputs.range(spec.commandLine(), "--window", window);
        SignalInjection.Measure measure = strength.sOverB != null ? SignalInjection.Measure.S_OVER_B
                : SignalInjection.Measure.S_OVER_SQRT_B;
        double ratio = strength.sOverB != null ? strength.sOverB : strength.sOverSqrtB;
        if (!(ratio >= 0) || !Double.isFinite(ratio)) {
            throw new CommandLine.ParameterException(spec.commandLine(), (measure == SignalInjection.Measure.S_OVER_B
                    ? "--s-over-b" : "--s-over-sqrt-b") + " must be a finite number >= 0, got " + ratio);
        }
        Path rec = record != null ? record : recordFor(output);
        for (Path p : List.of(output, rec)) {
            if (Files.exists(p) && !outputOptions.overwrite) {
                throw new OutputExistsException(p);
            }
        }
        List<Path> bg = Inputs.expand(backgroundFiles, "--background");
        List<Path> sig = Inputs.expand(signalFiles, "--signal");
        EventBatch b = ClassifyCommand.read(bg, "--background");
        EventBatch s = ClassifyCommand.read(sig, "--signal");
        SignalInjection.Result r = SignalInjection.inject(b, ClassifyCommand.names(bg), s, ClassifyCommand.names(sig),
                w, measure, ratio, seed);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", RECORD_VERSION);
        doc.put("output", output.toAbsolutePath().toString());
        doc.put("background", hashes(bg));
        doc.put("signal", hashes(sig));
        doc.put("window", Map.of("lo", w.lo(), "hi", w.hi()));
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put(measure == SignalInjection.Measure.S_OVER_B ? "sOverB" : "sOverSqrtB", ratio);
        requested.put("S", r.target());
        doc.put("requested", requested);
        Map<String, Object> achieved = new LinkedHashMap<>();
        achieved.put("S", r.signalInWindow());
        achieved.put("B", r.background());
        achieved.put("sOverB", r.sOverB());
        achieved.put("sOverSqrtB", r.sOverSqrtB());
        doc.put("achieved", achieved);
        Map<String, Object> injected = new LinkedHashMap<>();
        injected.put("inWindow", r.signalInWindow());
        injected.put("outsideWindow", r.signalOutside());
        injected.put("availableInWindow", r.availableInWindow());
        injected.put("availableOutsideWindow", r.availableOutside());
        injected.put("eventIdOffset", r.signalIdOffset());
        doc.put("signalEvents", injected);
        doc.put("events", r.mixed().size());
        doc.put("seed", seed);
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put(SignalInjection.SEED_WINDOW, Seeds.derive(seed, SignalInjection.SEED_WINDOW));
        seeds.put(SignalInjection.SEED_OUTSIDE, Seeds.derive(seed, SignalInjection.SEED_OUTSIDE));
        doc.put("seeds", seeds);
        String json = Json.write(doc);

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("anomalysearch.inject", json);
        try (EventTableWriter out = EventTableWriter.open(output, r.mixed().schema(), outputOptions.writeOptions(meta))) {
            out.write(r.mixed());
            out.commit();
        }
        AtomicOutput.write(rec, outputOptions.overwrite, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
        PrintWriter log = spec.commandLine().getOut();
        log.printf(Locale.ROOT, "injected %,d signal events in %s GeV (and %,d outside) into %,d background events "
                + "(B = %,d in the window): S/B = %.4g, S/sqrt(B) = %.4g (requested %s %.4g, seed %d)%n",
                r.signalInWindow(), w, r.signalOutside(), b.size(), r.background(), r.sOverB(), r.sOverSqrtB(),
                measure == SignalInjection.Measure.S_OVER_B ? "S/B" : "S/sqrt(B)", ratio, seed);
        log.printf("wrote %s (%,d events) and %s%n", output, r.mixed().size(), rec);
        log.flush();
        return 0;
    }

    /** {@code mixed.parquet} -> {@code mixed.inject.json}. */
    static Path recordFor(Path output) {
        String name = output.getFileName().toString();
        for (String ext : List.of(".parquet", ".csv.gz", ".csv")) {
            if (name.endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
                break;
            }
        }
        return output.resolveSibling(name + ".inject.json");
    }

    private static List<Object> hashes(List<Path> files) throws java.io.IOException {
        List<Object> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Common.hash(f).toMap());
        }
        return out;
    }
}
