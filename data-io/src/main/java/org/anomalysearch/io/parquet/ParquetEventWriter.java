package org.anomalysearch.io.parquet;

import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.Compression;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.WriteOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the event table as Parquet (see {@link EventTableParquet} for the columns) through Parquet-MR's
 * {@link ParquetWriter} with a small {@link WriteSupport} that writes straight from the batch columns, to a
 * {@link LocalOutputFile} (no Hadoop FileSystem). The footer holds {@code anomalysearch.schema_version},
 * {@code anomalysearch.features} and the caller's metadata (provenance). Atomic through {@link AtomicOutput}.
 */
public final class ParquetEventWriter implements EventTableWriter {

    /**
     * Row-group size: 32 MB instead of Parquet's 128 MB, so a table of a million events has several row groups for
     * Spark to split, and the writer holds less in memory.
     */
    static final long ROW_GROUP_BYTES = 32L * 1024 * 1024;

    private final AtomicOutput out;
    private final FeatureSchema schema;
    private final ParquetWriter<Row> writer;
    private final Compression compression;
    private final Row row = new Row();
    private long rows;
    private boolean closed;

    private final java.util.Set<String> openKeys;
    private final Map<String, String> late;

    private ParquetEventWriter(AtomicOutput out, FeatureSchema schema, ParquetWriter<Row> writer, Compression c,
                               java.util.Set<String> openKeys, Map<String, String> late) {
        this.openKeys = java.util.Set.copyOf(openKeys);
        this.late = late;
        this.out = out;
        this.schema = schema;
        this.writer = writer;
        this.compression = c;
    }

    public static ParquetEventWriter open(Path target, FeatureSchema schema, WriteOptions options) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.metadata().entrySet()) {
            if (e.getKey().equals(EventTableParquet.SCHEMA_VERSION_KEY) || e.getKey().equals(EventTableParquet.FEATURES_KEY)) {
                throw new InvalidConfigException("metadata." + e.getKey(), "is reserved for the table layout",
                        "use another key for provenance");
            }
            if (e.getValue() == null) {
                throw new InvalidConfigException("metadata." + e.getKey(), "has no value", "");
            }
            meta.put(e.getKey(), e.getValue());
        }
        meta.put(EventTableParquet.SCHEMA_VERSION_KEY, EventTableParquet.SCHEMA_VERSION);
        meta.put(EventTableParquet.FEATURES_KEY, FeatureJson.encode(schema.features()));
        AtomicOutput out = AtomicOutput.create(target, options.overwrite());
        try {
            Map<String, String> late = new LinkedHashMap<>();
            ParquetWriter<Row> w = new Builder(new LocalOutputFile(out.tempFile()), EventTableParquet.messageType(schema), meta,
                    late)
                    .withCompressionCodec(codec(options.compression()))
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .withDictionaryEncoding(false)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .build();
            return new ParquetEventWriter(out, schema, w, options.compression(), meta.keySet(), late);
        } catch (IOException | RuntimeException | LinkageError e) {
            out.close();
            throw codecProblem(options.compression(), e);
        }
    }

    static CompressionCodecName codec(Compression c) {
        return switch (c) {
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
        };
    }

    /** Turns a failure of a native codec into a clear message; other exceptions pass through. */
    private static <T extends Throwable> RuntimeException codecProblem(Compression c, T e) throws IOException {
        Throwable t = e;
        while (t != null) {
            if (t instanceof UnsatisfiedLinkError || t instanceof NoClassDefFoundError
                    || t.getClass().getSimpleName().contains("CompressionCodecNotSupported")) {
                throw new AnalysisException("Parquet compression " + c + " is not available: " + t,
                        "choose another compression (ZSTD, SNAPPY, GZIP or UNCOMPRESSED)", e);
            }
            t = t.getCause();
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) e;
    }

    @Override
    public Path target() {
        return out.target();
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch has " + batch.schema() + ", writer expects " + schema);
        }
        row.batch = batch;
        try {
            for (int r = 0; r < batch.size(); r++) {
                row.index = r;
                writer.write(row);
                rows++;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            throw codecProblem(compression, e);
        }
    }

    /** Adds a footer entry known only at the end (e.g. the cut-flow); keys given at open may not be repeated. */
    @Override
    public void putMetadata(String key, String value) {
        if (openKeys.contains(key)) {
            throw new IllegalArgumentException("metadata key " + key + " was already given when the file was opened");
        }
        late.put(key, java.util.Objects.requireNonNull(value, "value"));
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    @Override
    public void commit() throws IOException {
        try {
            closed = true;
            writer.close();
        } catch (IOException | RuntimeException | LinkageError e) {
            throw codecProblem(compression, e);
        }
        out.commit();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException | LinkageError e) {
                // aborting: the temporary file is deleted below
            }
        }
        out.close();
    }

    /** A reference to one row of a batch, as handed to the write support. */
    static final class Row {
        EventBatch batch;
        int index;
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType type;
        private final Map<String, String> meta;
        private final Map<String, String> late;

        Builder(OutputFile file, MessageType type, Map<String, String> meta, Map<String, String> late) {
            super(file);
            this.type = type;
            this.meta = meta;
            this.late = late;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(type, meta, late);
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(type, meta, late);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final MessageType type;
        private final Map<String, String> meta;
        private final boolean[] integer;
        private final String[] names;
        private RecordConsumer consumer;
        private final Map<String, String> late;

        RowWriteSupport(MessageType type, Map<String, String> meta, Map<String, String> late) {
            this.type = type;
            this.meta = meta;
            this.late = late;
            int n = type.getFieldCount();
            integer = new boolean[n];
            names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = type.getFieldName(i);
                integer[i] = type.getType(i).asPrimitiveType().getPrimitiveTypeName()
                        == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
            }
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(Configuration configuration) {
            return new WriteContext(type, meta);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(type, meta);
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            return new FinalizedWriteContext(late);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            EventBatch b = row.batch;
            int r = row.index;
            consumer.startMessage();
            consumer.startField(names[0], 0);
            consumer.addLong(b.ids()[r]);
            consumer.endField(names[0], 0);
            consumer.startField(names[1], 1);
            consumer.addInteger(b.labels()[r]);
            consumer.endField(names[1], 1);
            consumer.startField(names[2], 2);
            consumer.addDouble(b.weights()[r]);
            consumer.endField(names[2], 2);
            double[][] cols = b.columns();
            for (int c = 0; c < cols.length; c++) {
                int f = c + 3;
                double v = cols[c][r];
                consumer.startField(names[f], f);
                if (integer[f]) {
                    if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("integer column " + names[f] + " of event " + b.ids()[r]
                                + " holds " + v);
                    }
                    consumer.addInteger((int) v);
                } else {
                    consumer.addDouble(v);
                }
                consumer.endField(names[f], f);
            }
            consumer.endMessage();
        }
    }
}
