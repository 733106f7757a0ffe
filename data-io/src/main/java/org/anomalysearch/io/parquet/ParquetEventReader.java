package org.anomalysearch.io.parquet;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.LibraryErrors;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams an event table from Parquet. Opening reads only the footer and validates it: the layout version
 * ({@code anomalysearch.schema_version} = 1), the features, and that every required column (event_id INT64,
 * label INT32, weight DOUBLE, one DOUBLE or INT32 per feature) is present with its type. A file without the
 * anomalysearch footer (e.g. written by Spark) is accepted when all its other columns are predefined features.
 * Extra columns are ignored.
 */
public final class ParquetEventReader implements EventSource {

    /**
     * Page checksums are verified: the writer stores a CRC32 with every page (Parquet-MR's default), and without
     * the check a flipped byte in a data page reads as a valid but wrong number.
     */
    private static final ParquetReadOptions READ_OPTIONS = ParquetReadOptions.builder()
            .usePageChecksumVerification(true).build();

    private final Path path;
    private final ParquetFileReader reader;
    private final FeatureSchema schema;
    private final MessageType projection;
    private final int chunkSize;
    private final long rows;
    private final Map<String, String> metadata;
    private final Materializer materializer;
    private final EventChecks checks;
    private RecordReader<Materializer> records;
    private long leftInGroup;
    private long read;

    private ParquetEventReader(Path path, ParquetFileReader reader, FeatureSchema schema, MessageType projection,
                               int chunkSize, Map<String, String> metadata) {
        this.path = path;
        this.reader = reader;
        this.schema = schema;
        this.projection = projection;
        this.chunkSize = chunkSize;
        this.rows = reader.getRecordCount();
        this.metadata = metadata;
        this.materializer = new Materializer(projection, schema);
        this.checks = new EventChecks(path.toString(), schema, true,
                metadata.containsKey(EventTableParquet.DENSITY_MODEL_KEY));
    }

    public static ParquetEventReader open(Path path, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        String src = path.toString();
        ParquetFileReader r;
        try {
            r = ParquetFileReader.open(new LocalInputFile(path), READ_OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(src, null, "not a readable Parquet file: " + LibraryErrors.describe(e),
                    "the file is corrupt or truncated (a Parquet file ends with its footer); write it again", e);
        }
        try {
            Map<String, String> meta = r.getFooter().getFileMetaData().getKeyValueMetaData();
            MessageType file = r.getFooter().getFileMetaData().getSchema();
            FeatureSchema schema = schemaOf(src, meta, file);
            MessageType projection = project(src, file, schema);
            return new ParquetEventReader(path, r, schema, projection, chunkSize, Map.copyOf(meta));
        } catch (RuntimeException e) {
            try {
                r.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    private static FeatureSchema schemaOf(String src, Map<String, String> meta, MessageType file) {
        String version = meta.get(EventTableParquet.SCHEMA_VERSION_KEY);
        if (version == null) {
            List<String> names = new ArrayList<>();
            for (Type t : file.getFields()) {
                String n = t.getName();
                if (!n.equals(EventTableParquet.EVENT_ID) && !n.equals(EventTableParquet.LABEL)
                        && !n.equals(EventTableParquet.WEIGHT)) {
                    names.add(n);
                }
            }
            List<String> unknown = names.stream().filter(n -> !FeatureSchema.EVENT_TABLE.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(src, EventTableParquet.SCHEMA_VERSION_KEY,
                        "no anomalysearch footer metadata, and column(s) " + unknown + " are not predefined features",
                        "write the table with anomaly-search's ParquetEventWriter");
            }
            return FeatureSchema.of(names);
        }
        if (!version.equals(EventTableParquet.SCHEMA_VERSION)) {
            throw new InvalidInputException(src, EventTableParquet.SCHEMA_VERSION_KEY, "unknown event-table schema version '"
                    + version + "'; this build reads version " + EventTableParquet.SCHEMA_VERSION,
                    "use the anomaly-search version that wrote the file, or convert it");
        }
        String json = meta.get(EventTableParquet.FEATURES_KEY);
        if (json == null) {
            throw new InvalidInputException(src, EventTableParquet.FEATURES_KEY, "missing the feature list in the footer",
                    "the file was not written by anomaly-search, or was altered");
        }
        try {
            return new FeatureSchema(FeatureJson.decode(json));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(src, EventTableParquet.FEATURES_KEY, "malformed feature list: " + e.getMessage(),
                    "the footer was altered");
        }
    }

    /** The file's own fields for the required columns, in table order; checks presence and types. */
    private static MessageType project(String src, MessageType file, FeatureSchema schema) {
        MessageType expected = EventTableParquet.messageType(schema);
        List<Type> fields = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Type want : expected.getFields()) {
            if (!file.containsField(want.getName())) {
                missing.add(want.getName());
                continue;
            }
            Type have = file.getType(want.getName());
            PrimitiveTypeName wantType = want.asPrimitiveType().getPrimitiveTypeName();
            if (!have.isPrimitive() || have.isRepetition(Type.Repetition.REPEATED)
                    || have.asPrimitiveType().getPrimitiveTypeName() != wantType) {
                throw new InvalidInputException(src, "column " + want.getName(), "expected a single " + wantType
                        + " value per row, found " + have.toString().trim(), "");
            }
            fields.add(have);
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(src, null, "missing required column(s) " + missing + "; the file has "
                    + file.getFields().stream().map(Type::getName).toList(), "");
        }
        return new MessageType(file.getName(), fields);
    }

    /** The footer key-value metadata (layout keys and the writer's provenance). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public InputFormat format() {
        return InputFormat.EVENT_TABLE_PARQUET;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public boolean hasNext() {
        return read < rows;
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = (int) Math.min(chunkSize, rows - read);
        long[] ids = new long[n];
        int[] labels = new int[n];
        double[] weights = new double[n];
        double[][] cols = new double[schema.size()][n];
        String src = path.toString();
        try {
            for (int i = 0; i < n; i++) {
                while (leftInGroup == 0) {
                    PageReadStore pages = reader.readNextRowGroup();
                    if (pages == null) {
                        throw new InvalidInputException(src, "row " + (read + i), "the row groups end before the "
                                + rows + " rows the footer announces", "the file is corrupt");
                    }
                    MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection,
                            reader.getFooter().getFileMetaData().getSchema());
                    records = io.getRecordReader(pages, materializer);
                    leftInGroup = pages.getRowCount();
                }
                materializer.start();
                records.read();
                leftInGroup--;
                String missing = materializer.missing();
                if (missing != null) {
                    throw new InvalidInputException(src, "row " + (read + i) + ", column " + missing,
                            "value is null", "every column of the event table is required");
                }
                ids[i] = materializer.id;
                if (materializer.label < DijetEvent.NO_LABEL) {
                    throw new InvalidInputException(src, "row " + (read + i) + ", column label", "label is "
                            + materializer.label + ", expected -1 (unknown), 0 or 1..", "");
                }
                checks.row("row", read + i, materializer.id, materializer.weight, materializer.values);
                labels[i] = materializer.label;
                weights[i] = materializer.weight;
                for (int c = 0; c < cols.length; c++) {
                    cols[c][i] = materializer.values[c];
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw new InvalidInputException(src, "rows " + read + ".." + (read + n - 1),
                    "cannot read the data: " + LibraryErrors.describe(e), "the file is corrupt or truncated", e);
        }
        read += n;
        return new EventBatch(schema, ids, labels, weights, cols);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // reading only: nothing is lost
        }
    }

    /** Fills one row's values from the column converters. */
    private static final class Materializer extends RecordMaterializer<Materializer> {
        private final String[] names;
        private final boolean[] set;
        private final GroupConverter root;
        long id;
        int label;
        double weight;
        final double[] values;

        Materializer(MessageType projection, FeatureSchema schema) {
            int n = projection.getFieldCount();
            names = new String[n];
            set = new boolean[n];
            values = new double[schema.size()];
            Converter[] converters = new Converter[n];
            for (int i = 0; i < n; i++) {
                names[i] = projection.getFieldName(i);
                final int f = i;
                converters[i] = new PrimitiveConverter() {
                    @Override
                    public void addLong(long v) {
                        set[f] = true;
                        id = v;
                    }

                    @Override
                    public void addInt(int v) {
                        set[f] = true;
                        if (f == 1) {
                            label = v;
                        } else {
                            values[f - 3] = v;
                        }
                    }

                    @Override
                    public void addDouble(double v) {
                        set[f] = true;
                        if (f == 2) {
                            weight = v;
                        } else {
                            values[f - 3] = v;
                        }
                    }
                };
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        void start() {
            Arrays.fill(set, false);
        }

        String missing() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    return names[i];
                }
            }
            return null;
        }

        @Override
        public Materializer getCurrentRecord() {
            return this;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
