package org.anomalysearch.io.parquet;

import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.event.FeatureSchema;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/** The Parquet layout of the event table: column names, types and footer keys. */
public final class EventTableParquet {

    /** Footer key of the layout version; this build writes and reads {@value #SCHEMA_VERSION}. */
    public static final String SCHEMA_VERSION_KEY = "anomalysearch.schema_version";
    public static final String SCHEMA_VERSION = "1";
    /** Footer key of the features (names, units, integer flag, descriptions) as JSON text. */
    public static final String FEATURES_KEY = "anomalysearch.features";
    /**
     * Footer key of a table of density-model samples (the model's kind): its features are what the model sampled, so
     * only their finiteness and mjj &gt;= 0 are checked on read (see {@link org.anomalysearch.io.EventChecks}).
     */
    public static final String DENSITY_MODEL_KEY = "anomalysearch.density.model";
    public static final String EVENT_ID = "event_id";
    public static final String LABEL = "label";
    public static final String WEIGHT = "weight";
    /** Name of the Parquet message type. */
    public static final String MESSAGE = "event_table";

    private EventTableParquet() {
    }

    /** event_id INT64, label INT32, weight DOUBLE, then one DOUBLE (INT32 if integer) per feature; all required. */
    public static MessageType messageType(FeatureSchema schema) {
        List<Type> fields = new ArrayList<>();
        fields.add(Types.required(PrimitiveTypeName.INT64).named(EVENT_ID));
        fields.add(Types.required(PrimitiveTypeName.INT32).named(LABEL));
        fields.add(Types.required(PrimitiveTypeName.DOUBLE).named(WEIGHT));
        for (Feature f : schema.features()) {
            fields.add(Types.required(f.integer() ? PrimitiveTypeName.INT32 : PrimitiveTypeName.DOUBLE).named(f.name()));
        }
        return new MessageType(MESSAGE, fields);
    }
}
