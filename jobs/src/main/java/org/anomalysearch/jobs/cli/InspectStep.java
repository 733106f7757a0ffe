package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.ColumnSummary;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.DijetBuilder;
import org.anomalysearch.core.select.JetLevelSelection;
import org.anomalysearch.core.select.Selection;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.ParticleSource;
import org.anomalysearch.io.ReadOptions;
import org.anomalysearch.io.ReconstructingProcessor;
import org.anomalysearch.io.parquet.ParquetEventReader;

/**
 * The work of {@code inspect} as a library step: the command parses its options and calls it, and so does the
 * demo; commands never call each other.
 */
final class InspectStep {

    private InspectStep() {
    }

    static void run(AnalysisConfig config, Path file, boolean clusterParticles, long maxRows, boolean checkRegions,
                    PrintWriter out) throws Exception {
        InputFormat format = Formats.detect(file);
        out.printf("file:    %s (%,d bytes)%n", file, Files.size(file));
        out.printf("format:  %s%n", format.description());
        Selection selection = config.selection().toSelection();
        if (checkRegions && format.particleLevel()) {
            throw new InvalidInputException(file.toString(), null,
                    "is particle-level: it has no mjj to check the regions against",
                    "convert it first, then inspect the event table with --check-regions");
        }
        if (format.particleLevel()) {
            inspectParticles(config, file, clusterParticles, selection, out);
            return;
        }
        try (EventSource src = EventSource.open(file)) {
            out.printf("rows:    %,d%n", src.rowCount());
            FeatureSchema schema = src.schema();
            out.println("columns: event_id, label (-1 unknown, 0 background, 1 signal), weight, and:");
            for (Feature f : schema.features()) {
                out.printf("  %-14s %-5s %s%n", f.name(), f.unit().isEmpty() ? "-" : f.unit(), f.description());
            }
            String storedCutFlow = null;
            if (format == InputFormat.EVENT_TABLE_PARQUET && src instanceof ParquetEventReader pr) {
                Map<String, String> meta = pr.metadata();
                storedCutFlow = meta.get(Common.CUTFLOW_TABLE_KEY);
                String prov = meta.get(Common.PROVENANCE_KEY);
                if (prov != null) {
                    out.println("provenance (Parquet footer '" + Common.PROVENANCE_KEY + "'):");
                    out.print(prov.indent(2));
                }
            }
            boolean hasJets = JetLevelSelection.applicable(schema);
            CutFlow flow = hasJets && storedCutFlow == null ? selection.newCutFlow() : null;
            ColumnSummary[] sums = new ColumnSummary[schema.size()];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = new ColumnSummary();
            }
            Map<Integer, Long> labels = new TreeMap<>();
            long seen = 0;
            while (src.hasNext() && seen < maxRows) {
                EventBatch b = src.next();
                int n = (int) Math.min(b.size(), maxRows - seen);
                for (int c = 0; c < sums.length; c++) {
                    double[] col = b.columns()[c];
                    for (int r = 0; r < n; r++) {
                        sums[c].add(col[r]);
                    }
                }
                for (int r = 0; r < n; r++) {
                    labels.merge(b.labels()[r], 1L, Long::sum);
                }
                if (flow != null) {
                    JetLevelSelection.filter(n == b.size() ? b : head(b, n), selection, flow);
                }
                seen += n;
            }
            if (storedCutFlow != null) {
                out.println("cut-flow (stored when the table was written):");
                out.print(storedCutFlow);
            } else if (flow != null) {
                out.println("cut-flow of the configured selection on these rows:");
                out.print(flow.toTable());
            } else {
                out.println("cut-flow: not available (no jet four-vectors in this file)");
            }
            int mjj = schema.indexOf("mjj");
            if (checkRegions) {
                if (mjj < 0) {
                    throw new InvalidInputException(file.toString(), "mjj",
                            "has no mjj column to check the regions against", "inspect an event table with mjj");
                }
                for (var set : config.regions().regionSets()) {
                    set.checkWithin(sums[mjj].min(), sums[mjj].max());
                }
                out.printf("regions: all %d region set(s) lie inside the data's mjj range [%.1f, %.1f] GeV%n",
                        config.regions().regionSets().size(), sums[mjj].min(), sums[mjj].max());
            }
            out.printf("labels:  %s%n", labelText(labels));
            out.printf("summary of %,d rows:%n", seen);
            out.printf("  %-14s %14s %14s %14s %14s%n", "feature", "mean", "std", "min", "max");
            for (int c = 0; c < sums.length; c++) {
                out.printf("  %-14s %14.6g %14.6g %14.6g %14.6g%n", schema.get(c).name(), sums[c].mean(), sums[c].std(),
                        sums[c].min(), sums[c].max());
            }
        }
        out.flush();
    }

    private static EventBatch head(EventBatch b, int n) {
        double[][] cols = new double[b.columns().length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOf(b.columns()[c], n);
        }
        return new EventBatch(b.schema(), Arrays.copyOf(b.ids(), n), Arrays.copyOf(b.labels(), n),
                Arrays.copyOf(b.weights(), n), cols);
    }

    private static String labelText(Map<Integer, Long> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k == -1 ? "unknown" : k == 0 ? "background" : "signal(" + k + ")").append(' ')
                .append(String.format("%,d", v)));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static void inspectParticles(AnalysisConfig config, Path file, boolean cluster, Selection selection,
                                         PrintWriter out) throws Exception {
        Map<Integer, Long> labels = new TreeMap<>();
        ColumnSummary multiplicity = new ColumnSummary();
        long rows;
        try (ParticleSource src = ParticleSource.open(file, 1000)) {
            rows = src.rowCount();
            out.printf("rows:    %,d events, up to %d particles each (pT [GeV], eta, phi), %s%n", rows,
                    src.maxParticles(), src.hasLabels() ? "with truth labels" : "without labels");
            try (Progress p = new Progress("inspect", rows, "events")) {
                while (src.hasNext()) {
                    var chunk = src.next();
                    for (int i = 0; i < chunk.numEvents(); i++) {
                        multiplicity.add(chunk.count(i));
                        labels.merge(chunk.labels()[i], 1L, Long::sum);
                    }
                    p.stepBy(chunk.numEvents());
                }
            }
        }
        out.printf("labels:  %s%n", labelText(labels));
        out.printf("particles per event: mean %.1f, std %.1f, min %.0f, max %.0f%n", multiplicity.mean(),
                multiplicity.std(), multiplicity.min(), multiplicity.max());
        if (!cluster) {
            out.println("cut-flow: pass --cutflow to cluster the events and apply the selection");
            out.flush();
            return;
        }
        DijetBuilder builder = new DijetBuilder(Common.jetDefinition(config.jets()), selection);
        try (ReconstructingProcessor proc = new ReconstructingProcessor(builder, FeatureSchema.STANDARD,
                Runtime.getRuntime().availableProcessors());
             EventSource src = EventSource.open(file, ReadOptions.DEFAULTS.withParticleProcessor(proc));
             Progress p = new Progress("cluster", rows, "events")) {
            long seen = 0;
            while (src.hasNext()) {
                src.next();
                p.stepBy(proc.eventsSeen() - seen);
                seen = proc.eventsSeen();
            }
            out.println("cut-flow (" + config.jets().algorithm() + " R=" + config.jets().radius() + "):");
            out.print(proc.cutFlow().toTable());
        }
        out.flush();
    }
}
