package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.synth.EventStream;
import org.anomalysearch.core.synth.GeneratorSettings;
import org.anomalysearch.core.synth.SyntheticGenerator;
import org.anomalysearch.io.EventTableWriter;

/**
 * The work of {@code generate} as a library step: the command parses its options and calls it, and so does the
 * demo; commands never call each other.
 */
final class GenerateStep {

    private GenerateStep() {
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
