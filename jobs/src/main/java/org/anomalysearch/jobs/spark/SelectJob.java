package org.anomalysearch.jobs.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SelectionConfig;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.DijetBuilder;
import org.anomalysearch.core.select.JetLevelSelection;
import org.anomalysearch.core.select.Selection;
import org.anomalysearch.io.Compression;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.OutputExistsException;
import org.anomalysearch.io.ParticleChunk;
import org.anomalysearch.io.WriteOptions;
import org.anomalysearch.io.hdf5.LhcoParticleReader;
import org.anomalysearch.jobs.cli.AnomalySearch;
import org.anomalysearch.jobs.cli.Common;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The distributed selection: an input file to the project's event table, like {@code anomaly-search convert}, with
 * the same events and values.
 *
 * <p>Particle-level LHCO HDF5: the file's rows are split into contiguous ranges, one Spark task each; a task opens
 * the file <em>by path</em>, reads its range in chunks, clusters and selects every event with one
 * {@link DijetBuilder.Worker} and returns its selected events with its cut-flow. The file must therefore be readable
 * at the same path by every executor: on a cluster, put it on a shared file system (NFS, a mounted bucket, ...).
 * Jet-level inputs (dijet CSV, event tables) are read by the driver and their batches selected in tasks.
 *
 * <p>The output is written by the driver, one partition at a time from the cached result, with the same writer,
 * schema and footer metadata (config, provenance, cut-flow) as {@code convert}: one file that every command reads,
 * rather than Spark's directory of part files without the project's metadata. The selected events are a small
 * fraction of the input's bytes (a few hundred bytes per event against ~17 kB of particles), so the write is not
 * the bottleneck; the cut-flows are merged on the driver in partition order.
 */
public final class SelectJob {

    private SelectJob() {
    }

    /**
     * What to select and where to write it.
     *
     * @param input       input file (every format {@code convert} reads)
     * @param output      event table (.parquet, .csv, .csv.gz)
     * @param select      false: keep every event with two jets (no pT or eta cut)
     * @param partitions  Spark tasks; 0 picks 4 per core of the session, at least one per 20k events
     * @param chunkSize   particle-level events read at a time inside a task
     * @param overwrite   replace an existing output
     * @param compression Parquet codec
     */
    public record Options(Path input, Path output, boolean select, int partitions, int chunkSize, boolean overwrite,
                          Compression compression) {
        public Options {
            if (partitions < 0 || chunkSize < 1) {
                throw new IllegalArgumentException("partitions must be >= 0 and chunkSize >= 1");
            }
        }

        /** Selection on, automatic partitions, chunks of 1000, no overwrite, ZSTD. */
        public static Options of(Path input, Path output) {
            return new Options(input, output, true, 0, 1000, false, Compression.ZSTD);
        }

        public Options withPartitions(int n) {
            return new Options(input, output, select, n, chunkSize, overwrite, compression);
        }

        public Options withOverwrite(boolean o) {
            return new Options(input, output, select, partitions, chunkSize, o, compression);
        }
    }

    /** A validated job: the format and size of the input are known, the output may be written. */
    public record Plan(AnalysisConfig config, Options options, InputFormat format, long rows, String[] args) {
    }

    /**
     * The job's result.
     *
     * @param eventsIn  input events
     * @param eventsOut events written
     * @param cutFlow   the merged cut-flow (null for feature-level inputs, which have no jets to select on)
     * @param tasks     Spark tasks used
     * @param seconds   wall-clock time of the Spark work and the write
     */
    public record Result(long eventsIn, long eventsOut, CutFlow cutFlow, int tasks, double seconds) implements Serializable {
        /** Input events per second. */
        public double eventsPerSecond() {
            return eventsIn / Math.max(seconds, 1e-9);
        }
    }

    /** spark-submit entry point: {@code anomaly-search select} with the same options. */
    public static void main(String[] args) {
        String[] a = new String[args.length + 1];
        a[0] = "select";
        System.arraycopy(args, 0, a, 1, args.length);
        System.exit(AnomalySearch.execute(a));
    }

    /**
     * Validates the config, the input (format, structure, row count) and the output (absent unless overwrite)
     * without Spark.
     */
    public static Plan prepare(AnalysisConfig config, Options options, String[] args) {
        Formats.requireReadableFile(options.input());
        InputFormat format = Formats.detect(options.input());
        if (Files.exists(options.output()) && !options.overwrite()) {
            throw new OutputExistsException(options.output());
        }
        config.selection().toSelection();
        Common.jetDefinition(config.jets());
        long rows;
        if (format.particleLevel()) {
            try (LhcoParticleReader r = LhcoParticleReader.open(options.input(), options.chunkSize())) {
                rows = r.rowCount();
            }
        } else {
            try (EventSource s = EventSource.open(options.input())) {
                rows = s.rowCount();
            }
        }
        return new Plan(config, options, format, rows, args == null ? new String[0] : args.clone());
    }

    /** {@link #prepare} then {@link #run(Plan, SparkSession)}. */
    public static Result run(AnalysisConfig config, Options options, SparkSession spark) throws IOException {
        return run(prepare(config, options, new String[0]), spark);
    }

    /** Runs a prepared job on {@code spark}; writes the output atomically. */
    public static Result run(Plan plan, SparkSession spark) throws IOException {
        long t0 = System.nanoTime();
        AnalysisConfig config = plan.config();
        Options o = plan.options();
        Selection selection = o.select() ? config.selection().toSelection()
                : Selection.of(SelectionConfig.defaults().nJetsMin(), 0, Double.MAX_VALUE);
        Provenance prov = Common.provenance(config, List.of(), List.of(o.input()), plan.args());
        WriteOptions wo = new WriteOptions(o.overwrite(), o.compression(), Common.metadata(config, prov));
        int parallelism = spark.sparkContext().defaultParallelism();
        JavaRDD<Part> parts;
        int tasks;
        FeatureSchema schema;
        if (plan.format().particleLevel()) {
            int n = o.partitions() > 0 ? o.partitions()
                    : (int) Math.max(4L * parallelism, (plan.rows() + 19_999) / 20_000);
            List<long[]> ranges = SparkJobs.ranges(plan.rows(), n);
            tasks = ranges.size();
            schema = FeatureSchema.EVENT_TABLE;
            DijetBuilder builder = new DijetBuilder(Common.jetDefinition(config.jets()), selection);
            String path = o.input().toAbsolutePath().toString();
            int chunk = o.chunkSize();
            parts = SparkJobs.context(spark).parallelize(ranges, tasks)
                    .map(r -> selectRange(path, r[0], r[1], chunk, builder, FeatureSchema.EVENT_TABLE));
        } else {
            List<EventBatch> batches = new ArrayList<>();
            try (EventSource src = EventSource.open(o.input())) {
                schema = src.schema();
                src.forEachRemaining(batches::add);
            }
            boolean hasJets = JetLevelSelection.applicable(schema);
            tasks = Math.max(1, Math.min(batches.size(), o.partitions() > 0 ? o.partitions() : 4 * parallelism));
            parts = SparkJobs.context(spark).parallelize(batches, tasks)
                    .map(b -> selectBatch(b, hasJets ? selection : null));
        }
        parts = parts.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            parts.count();
            long in = 0;
            CutFlow flow = null;
            try (EventTableWriter w = EventTableWriter.open(o.output(), schema, wo)) {
                Iterator<Part> it = parts.toLocalIterator();
                while (it.hasNext()) {
                    Part p = it.next();
                    in += p.eventsIn();
                    w.write(p.events());
                    if (p.flow() != null) {
                        flow = flow == null ? p.flow().copy() : flow.merge(p.flow());
                    }
                }
                if (flow != null) {
                    Common.putCutFlow(w, flow);
                }
                w.commit();
                return new Result(in, w.rowsWritten(), flow, tasks, (System.nanoTime() - t0) * 1e-9);
            }
        } finally {
            parts.unpersist(false);
        }
    }

    /** One task's output: its selected events, its input count and its cut-flow (null without a selection). */
    record Part(EventBatch events, long eventsIn, CutFlow flow) implements Serializable {
    }

    static Part selectRange(String path, long first, long n, int chunk, DijetBuilder builder, FeatureSchema schema) {
        CutFlow flow = builder.selection().newCutFlow();
        DijetBuilder.Worker worker = builder.worker();
        EventBatch.Builder out = new EventBatch.Builder(schema, (int) Math.min(n, 1 << 20));
        try (LhcoParticleReader r = LhcoParticleReader.open(Path.of(path), chunk)) {
            int step = r.chunkSize();
            for (long f = first; f < first + n; f += step) {
                ParticleChunk c = r.read(f, (int) Math.min(step, first + n - f));
                for (int i = 0; i < c.numEvents(); i++) {
                    DijetEvent e = worker.build(c.eventId(i), c.labels()[i], c.pt(), c.eta(), c.phi(), c.offsets()[i],
                            c.count(i), flow);
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
        }
        return new Part(out.build(), n, flow);
    }

    static Part selectBatch(EventBatch b, Selection selection) {
        if (selection == null) {
            return new Part(b, b.size(), null);
        }
        CutFlow flow = selection.newCutFlow();
        return new Part(JetLevelSelection.filter(b, selection, flow), b.size(), flow);
    }
}
