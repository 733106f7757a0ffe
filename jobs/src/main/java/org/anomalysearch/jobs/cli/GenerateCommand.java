package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.synth.EventStream;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.anomalysearch.core.synth.SyntheticGenerator;
import org.anomalysearch.io.EventTableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search generate}: a seeded synthetic LHCO-like data set, written as an event table. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic LHCO-like dijet data set (a toy: QCD-like background from the dijet "
                + "function plus an optional resonant signal A -> B C) and write it as an event table.",
            "Same seed, same numbers. Settings come from the config's 'generate' section, overridden by the options."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Output event table: .parquet, .csv or .csv.gz.")
    Path output;

    @Option(names = "--background", paramLabel = "N", description = "Background events (default 100000).")
    Long nBackground;

    @Option(names = "--signal", paramLabel = "N", description = "Signal events (default 0).")
    Long nSignal;

    @Option(names = "--masses", split = ",", paramLabel = "mA,mB,mC",
            description = "Signal masses in GeV (default 3500,500,100).")
    double[] masses;

    @Option(names = "--no-selection", description = "Keep events that fail the selection (default: only selected).")
    boolean noSelection;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Mixin
    Common.OutputOptions outputOptions = new Common.OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = configOptions.load();
        GeneratorSettings s = config.generate() != null ? config.generate() : GeneratorSettings.defaults();
        if (nBackground != null || nSignal != null) {
            s = s.withCounts(nBackground != null ? nBackground : s.nBackground(), nSignal != null ? nSignal : s.nSignal());
        }
        if (masses != null) {
            if (masses.length != 3) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--masses needs three values mA,mB,mC in GeV, got " + masses.length);
            }
            s = s.withMasses(masses[0], masses[1], masses[2]);
        }
        if (noSelection) {
            s = s.withApplySelection(false);
        }
        config = config.withGenerate(s);
        run(config, output, outputOptions, spec.commandLine().getParseResult().originalArgs().toArray(new String[0]),
                spec.commandLine().getOut());
        return 0;
    }

    /** Generates the data set of {@code config.generate()} into {@code output}; returns the rows written. */
    static long run(AnalysisConfig config, Path output, Common.OutputOptions out, String[] args, PrintWriter log)
            throws Exception {
        GeneratorSettings s = config.generate();
        Provenance prov = Common.provenance(config, List.of("synth.events", "synth.signalPositions"), List.of(), args);
        SyntheticGenerator gen = new SyntheticGenerator(s, config.selection().toSelection(), config.seed());
        EventStream stream = gen.events();
        Iterator<EventBatch> batches = gen.batches(FeatureSchema.EVENT_TABLE, stream);
        long rows;
        try (EventTableWriter w = EventTableWriter.open(output, FeatureSchema.EVENT_TABLE,
                out.writeOptions(Common.metadata(config, prov)));
             Progress p = new Progress("generate", s.total(), "events")) {
            while (batches.hasNext()) {
                EventBatch b = batches.next();
                w.write(b);
                p.stepBy(b.size());
            }
            if (s.applySelection()) {
                Common.putCutFlow(w, stream.backgroundCutFlow());
            }
            w.commit();
            rows = w.rowsWritten();
            log.printf("wrote %,d events (%,d background, %,d signal; seed %d) to %s in %s%n", rows, s.nBackground(),
                    s.nSignal(), config.seed(), output, Progress.duration(p.seconds()));
        }
        if (s.applySelection()) {
            log.println("selection on the generated background draws (failing draws are redrawn):");
            log.print(stream.backgroundCutFlow().toTable());
        }
        log.flush();
        return rows;
    }
}
