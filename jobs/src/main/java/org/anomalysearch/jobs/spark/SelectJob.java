package org.anomalysearch.jobs.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SelectionConfig;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.DijetBuilder;
import org.anomalysearch.core.select.EventFilter;
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
     * @param inputs      input files, read in order as one input (every format {@code convert} reads, all of one
     *                    layout; row-numbered files continue their event ids from one file to the next)
     * @param filter      rows kept after the selection ({@code --mjj-range}, {@code --label})
     * @param output      event table (.parquet, .csv, .csv.gz)
     * @param select      false: keep every event with two jets (no pT or eta cut)
     * @param partitions  Spark tasks; 0 picks 4 per core of the session, at least one per 20k events
     * @param chunkSize   particle-level events read at a time inside a task
     * @param overwrite   replace an existing output
     * @param compression Parquet codec
     */
    public record Options(List<Path> inputs, EventFilter filter, Path output, boolean select, int partitions,
                          int chunkSize, boolean overwrite, Compression compression) {
        public Options {
            if (partitions < 0 || chunkSize < 1) {
                throw new IllegalArgumentException("partitions must be >= 0 and chunkSize >= 1");
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no input file");
            }
            inputs = List.copyOf(inputs);
        }

        /** One input, no filter. */
        public Options(Path input, Path output, boolean select, int partitions, int chunkSize, boolean overwrite,
                       Compression compression) {
            this(List.of(input), EventFilter.NONE, output, select, partitions, chunkSize, overwrite, compression);
        }

        /** Selection on, automatic partitions, chunks of 1000, no overwrite, ZSTD. */
        public static Options of(Path input, Path output) {
            return new Options(input, output, true, 0, 1000, false, Compression.ZSTD);
        }

        public Options withPartitions(int n) {
            return new Options(inputs, filter, output, select, n, chunkSize, overwrite, compression);
        }

        public Options withOverwrite(boolean o) {
            return new Options(inputs, filter, output, select, partitions, chunkSize, o, compression);
        }
    }

    /** A validated job: the format and size of the input are known, the output may be written. */
    public record Plan(AnalysisConfig config, Options options, InputFormat format, long rows, long[] fileRows,
                       String[] args) {
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
        options.inputs().forEach(Formats::requireReadableFile);
        InputFormat format = Formats.detect(options.inputs().get(0));
        if (Files.exists(options.output()) && !options.overwrite()) {
            throw new OutputExistsException(options.output());
        }
        config.selection().toSelection();
        Common.jetDefinition(config.jets());
        long[] fileRows = new long[options.inputs().size()];
        if (format.particleLevel()) {
            for (int i = 0; i < fileRows.length; i++) {
                Path in = options.inputs().get(i);
                if (!Formats.detect(in).particleLevel()) {
                    throw new InvalidInputException(in.toString(), null, "is a " + Formats.detect(in).description()
                            + ", but " + options.inputs().get(0) + " is particle-level", "select files of one layout");
                }
                try (LhcoParticleReader r = LhcoParticleReader.open(in, options.chunkSize())) {
                    fileRows[i] = r.rowCount();
                }
            }
        } else {
            try (EventSource s = EventSource.open(options.inputs())) {
                fileRows[0] = s.rowCount();
            }
        }
        return new Plan(config, options, format, Arrays.stream(fileRows).sum(), fileRows,
                args == null ? new String[0] : args.clone());
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
        Provenance prov = Common.provenance(config, List.of(), o.inputs(), plan.args());
        Map<String, String> meta = Common.metadata(config, prov);
        if (!o.filter().none()) {
            meta.put(Common.FILTER_KEY, o.filter().describe());
        }
        WriteOptions wo = new WriteOptions(o.overwrite(), o.compression(), meta);
        EventFilter filter = o.filter();
        int parallelism = spark.sparkContext().defaultParallelism();
        JavaRDD<Part> parts;
        int tasks;
        FeatureSchema schema;
        if (plan.format().particleLevel()) {
            int n = o.partitions() > 0 ? o.partitions()
                    : (int) Math.max(4L * parallelism, (plan.rows() + 19_999) / 20_000);
            List<Range> ranges = ranges(o.inputs(), plan.fileRows(), n);
            tasks = ranges.size();
            schema = FeatureSchema.EVENT_TABLE;
            DijetBuilder builder = new DijetBuilder(Common.jetDefinition(config.jets()), selection);
            int chunk = o.chunkSize();
            parts = SparkJobs.context(spark).parallelize(ranges, tasks)
                    .map(r -> selectRange(r, chunk, builder, FeatureSchema.EVENT_TABLE, filter));
        } else {
            List<EventBatch> batches = new ArrayList<>();
            try (EventSource src = EventSource.open(o.inputs())) {
                schema = src.schema();
                src.forEachRemaining(batches::add);
            }
            boolean hasJets = JetLevelSelection.applicable(schema);
            tasks = Math.max(1, Math.min(batches.size(), o.partitions() > 0 ? o.partitions() : 4 * parallelism));
            parts = SparkJobs.context(spark).parallelize(batches, tasks)
                    .map(b -> selectBatch(b, hasJets ? selection : null, filter));
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

    /**
     * One task's rows: {@code n} input rows of {@code path} from {@code first}, whose event ids are {@code offset} +
     * the row (the rows of the files before it).
     */
    record Range(String path, long first, long n, long offset) implements Serializable {
    }

    /** About {@code parts} contiguous ranges over the files' rows in order, none spanning two files. */
    static List<Range> ranges(List<Path> inputs, long[] fileRows, int parts) {
        long total = Arrays.stream(fileRows).sum();
        List<Range> out = new ArrayList<>();
        long offset = 0;
        for (int f = 0; f < inputs.size(); f++) {
            int p = (int) Math.max(1, Math.round((double) parts * fileRows[f] / Math.max(1, total)));
            for (long[] r : SparkJobs.ranges(fileRows[f], p)) {
                if (r[1] > 0) {
                    out.add(new Range(inputs.get(f).toAbsolutePath().toString(), r[0], r[1], offset));
                }
            }
            offset += fileRows[f];
        }
        return out;
    }

    static Part selectRange(Range range, int chunk, DijetBuilder builder, FeatureSchema schema, EventFilter filter) {
        CutFlow flow = builder.selection().newCutFlow();
        DijetBuilder.Worker worker = builder.worker();
        long first = range.first();
        long n = range.n();
        EventBatch.Builder out = new EventBatch.Builder(schema, (int) Math.min(n, 1 << 20));
        try (LhcoParticleReader r = LhcoParticleReader.open(Path.of(range.path()), chunk)) {
            int step = r.chunkSize();
            for (long f = first; f < first + n; f += step) {
                ParticleChunk c = r.read(f, (int) Math.min(step, first + n - f));
                for (int i = 0; i < c.numEvents(); i++) {
                    DijetEvent e = worker.build(range.offset() + c.eventId(i), c.labels()[i], c.pt(), c.eta(), c.phi(),
                            c.offsets()[i], c.count(i), flow);
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
        }
        return new Part(filter.apply(out.build(), range.path()), n, flow);
    }

    static Part selectBatch(EventBatch b, Selection selection, EventFilter filter) {
        if (selection == null) {
            return new Part(filter.apply(b, "input"), b.size(), null);
        }
        CutFlow flow = selection.newCutFlow();
        return new Part(filter.apply(JetLevelSelection.filter(b, selection, flow), "input"), b.size(), flow);
    }
}
