package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SelectionConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.DijetBuilder;
import org.anomalysearch.core.select.EventFilter;
import org.anomalysearch.core.select.JetLevelSelection;
import org.anomalysearch.core.select.Selection;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.ReadOptions;
import org.anomalysearch.io.ReconstructingProcessor;

/**
 * The work of {@code convert} as a library step: the command parses its options and calls it, and so does the
 * demo; commands never call each other.
 */
final class ConvertStep {

    private ConvertStep() {
    }

    /** The result of a conversion: rows written and the cut-flow (null when no selection could be applied). */
    record Result(long rowsIn, long rowsOut, CutFlow cutFlow) {
    }

    static Result run(AnalysisConfig config, Path input, Path output, boolean select, int threads, int chunkSize,
                      Common.OutputOptions out, String[] args, PrintWriter log) throws Exception {
        return run(config, List.of(input), EventFilter.NONE, output, select, threads, chunkSize, out, args, log);
    }

    /**
     * Converts {@code inputs} (read in order as one input, {@link EventSource#open(List, ReadOptions)}) to the event
     * table {@code output}: the selection, then {@code filter} ({@code --mjj-range}, {@code --label}).
     */
    static Result run(AnalysisConfig config, List<Path> inputs, EventFilter filter, Path output, boolean select,
                      int threads, int chunkSize, Common.OutputOptions out, String[] args, PrintWriter log)
            throws Exception {
        InputFormat format = Formats.detect(inputs.get(0));
        Selection selection = select ? config.selection().toSelection()
                : Selection.of(SelectionConfig.defaults().nJetsMin(), 0, Double.MAX_VALUE);
        Provenance prov = Common.provenance(config, List.of(), inputs, args);
        Map<String, String> meta = Common.metadata(config, prov);
        String input = inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " files (" + inputs.get(0)
                + " ... " + inputs.get(inputs.size() - 1) + ")";
        log.printf("converting %s (%s)%n", input, format.description());
        if (!filter.none()) {
            meta.put(Common.FILTER_KEY, filter.describe());
            log.println("filter: " + filter.describe());
        }
        long[] filtered = new long[1];
        if (format.particleLevel()) {
            DijetBuilder builder = new DijetBuilder(Common.jetDefinition(config.jets()), selection);
            try (ReconstructingProcessor proc = new ReconstructingProcessor(builder, FeatureSchema.EVENT_TABLE, threads);
                 EventSource src = EventSource.open(inputs, ReadOptions.DEFAULTS.withParticleChunkSize(chunkSize)
                         .withParticleProcessor(proc));
                 EventTableWriter w = EventTableWriter.open(output, src.schema(), out.writeOptions(meta));
                 Progress p = new Progress("convert", src.rowCount(), "events")) {
                long seen = 0;
                while (src.hasNext()) {
                    w.write(filtered(src.next(), filter, src, filtered));
                    p.stepBy(proc.eventsSeen() - seen);
                    seen = proc.eventsSeen();
                }
                Common.putCutFlow(w, proc.cutFlow());
                w.commit();
                return finish(log, output, seen, w.rowsWritten(), proc.cutFlow(), filter, filtered[0], p.seconds());
            }
        }
        try (EventSource src = EventSource.open(inputs);
             EventTableWriter w = EventTableWriter.open(output, src.schema(), out.writeOptions(meta));
             Progress p = new Progress("convert", src.rowCount(), "events")) {
            boolean hasJets = JetLevelSelection.applicable(src.schema());
            CutFlow flow = hasJets ? selection.newCutFlow() : null;
            long seen = 0;
            while (src.hasNext()) {
                EventBatch b = src.next();
                seen += b.size();
                w.write(filtered(hasJets ? JetLevelSelection.filter(b, selection, flow) : b, filter, src, filtered));
                p.stepBy(b.size());
            }
            if (flow != null) {
                Common.putCutFlow(w, flow);
            } else {
                log.println("note: the input has no jet four-vectors (feature-level file), so no selection was applied");
            }
            w.commit();
            return finish(log, output, seen, w.rowsWritten(), flow, filter, filtered[0], p.seconds());
        }
    }

    /** The selected events of {@code b} that pass the filter; counts the selected events in {@code selected[0]}. */
    private static EventBatch filtered(EventBatch b, EventFilter filter, EventSource src, long[] selected) {
        selected[0] += b.size();
        return filter.apply(b, src.path().toString());
    }

    private static Result finish(PrintWriter log, Path output, long in, long outRows, CutFlow flow, EventFilter filter,
                                 long selected, double seconds) {
        log.printf("wrote %,d of %,d events to %s in %s (%,.0f events/s)%n", outRows, in, output,
                Progress.duration(seconds), in / Math.max(seconds, 1e-9));
        if (flow != null) {
            log.println("cut-flow:");
            log.print(flow.toTable());
        }
        if (!filter.none()) {
            log.printf("filter (%s): kept %,d of %,d selected events%n", filter.describe(), outRows, selected);
        }
        log.flush();
        return new Result(in, outRows, flow);
    }
}
