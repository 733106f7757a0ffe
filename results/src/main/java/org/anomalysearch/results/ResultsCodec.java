package org.anomalysearch.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anomalysearch.core.InvalidInputException;

/**
 * The one codec of the run's JSON files (Jackson): results.json ({@link RunResults}), bumphunt.json
 * ({@link BumpHunt.File}), the windows' files ({@link ScanWindow}) and the checkpoints ({@link Checkpoint}), plus
 * plain JSON objects (provenance.json, notebooks) as maps.
 *
 * <p>Written: the records' components in declaration order, two-space indentation, arrays of numbers on one line,
 * absent parts (null references) left out, NaN and infinite doubles as {@code null} (JSON has no spelling for them),
 * a final newline; so the same values always give the same bytes. Read: strictly (an unknown field, a wrong type or
 * a missing schema version is an error naming the file and the field), {@code null} (or an absent field) in a double
 * read back as NaN.
 */
public final class ResultsCodec {

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    private ResultsCodec() {
    }

    private static ObjectMapper mapper() {
        SimpleModule doubles = new SimpleModule("non-finite doubles as null");
        doubles.addSerializer(Double.class, new FiniteDouble());
        doubles.addSerializer(double.class, new FiniteDouble());
        doubles.addSerializer(double[].class, new FiniteDoubles());
        doubles.addDeserializer(double.class, new NullAsNaN());
        doubles.addDeserializer(double[].class, new NullsAsNaN());
        return new ObjectMapper()
                .registerModule(doubles)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static DefaultPrettyPrinter printer() {
        Separators s = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(s);
        p.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        p.indentArraysWith(new DefaultPrettyPrinter.NopIndenter());
        return p;
    }

    /** The JSON text of {@code value} (a record of this package, a checkpoint, or maps and lists), with a final newline. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON's maps, lists, strings, numbers and booleans (for tables that show every field). */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(MAPPER.valueToTree(value), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /**
     * A run's results.json. An error names the file and, for a file of another schema version or of the untyped
     * layout that schema version 2 had before its records (flat {@code eff.<e>.} metrics, {@code significance}), the
     * version found and what to do.
     */
    public static RunResults readResults(Path file) throws IOException {
        JsonNode tree = tree(file);
        JsonNode v = tree.get("schemaVersion");
        if (v == null || !v.isInt()) {
            throw new InvalidInputException(file.toString(), "schemaVersion", "no schema version (found "
                    + (v == null ? "none" : v.toString()) + "): not a results.json this version reads (schema version "
                    + RunResults.SCHEMA_VERSION + ")", "rerun the run or the demo with this version to rewrite it");
        }
        if (v.intValue() != RunResults.SCHEMA_VERSION) {
            throw new InvalidInputException(file.toString(), "schemaVersion", "schema version " + v.intValue()
                    + " found, this version reads schema version " + RunResults.SCHEMA_VERSION,
                    "rerun the run or the demo with this version to rewrite it");
        }
        try {
            return MAPPER.treeToValue(tree, RunResults.class);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(file.toString(), path(e), "schema version " + v.intValue()
                    + " found, but not its typed layout (" + problem(e) + "); results.json files written before the "
                    + "typed results (flat eff.<e>. metrics, 'significance') are not read",
                    "rerun the run or the demo with this version to rewrite it");
        }
    }

    /** A JSON file of the run (bumphunt.json, a window's file) as {@code type}; errors name the file and field. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return convert(file, tree(file), MAPPER.constructType(type));
    }

    /** The checkpoint in {@code file} with a value of type {@code type} (null for a checkpoint without value). */
    public static <T> Checkpoint<T> readCheckpoint(Path file, Class<T> type) throws IOException {
        return convert(file, tree(file), MAPPER.getTypeFactory().constructParametricType(Checkpoint.class, type));
    }

    /** A JSON object file (e.g. provenance.json, a notebook) as maps, lists, strings, numbers and booleans. */
    public static Map<String, Object> readObject(Path file) throws IOException {
        JsonNode tree = tree(file);
        if (!tree.isObject()) {
            throw new InvalidInputException(file.toString(), null, "expected a JSON object, found " + tree.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT), "give the file the run wrote");
        }
        return MAPPER.convertValue(tree, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** {@link #readObject} of JSON text; {@code source} names it in errors. */
    public static Map<String, Object> parseObject(String json, String source) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new InvalidInputException(source, null, "expected a JSON object", "give the file the run wrote");
            }
            return MAPPER.convertValue(tree, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JacksonException e) {
            throw new InvalidInputException(source, location(e), "not valid JSON: " + e.getOriginalMessage(),
                    "rerun the step that writes it");
        }
    }

    private static JsonNode tree(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), null, "no such file", "rerun the step that writes it");
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidInputException(file.toString(), null, "empty file", "rerun the step that writes it");
            }
            return tree;
        } catch (JacksonException e) {
            throw new InvalidInputException(file.toString(), location(e), "not valid JSON: " + e.getOriginalMessage(),
                    "rerun the step that writes it");
        }
    }

    private static <T> T convert(Path file, JsonNode tree, JavaType type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String field = e instanceof JsonMappingException m ? path(m) : null;
            throw new InvalidInputException(file.toString(), field, "not the " + type.getRawClass().getSimpleName()
                    + " this version writes (" + (e instanceof JsonMappingException m ? problem(m) : e.getMessage())
                    + ")", "remove the file (and its checkpoint) to recompute it, or start a new run");
        }
    }

    /** The field path of a mapping error, e.g. scan.windows[0].metrics. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(o -> known.add(String.valueOf(o)));
            return "unknown field '" + u.getPropertyName() + "'; known: " + known.stream().sorted()
                    .collect(Collectors.joining(", "));
        }
        String m = e.getOriginalMessage();
        if (m.startsWith("Cannot map `null` into type")) {
            return "a required value is missing or null";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? null : "line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    /** A double, or null when NaN or infinite. */
    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }

    private static final class FiniteDoubles extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (double d : v) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    /** A number, or NaN for null (and for an absent field). */
    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return number(p, c);
        }

        @Override
        public Double getNullValue(DeserializationContext c) {
            return Double.NaN;
        }
    }

    private static final class NullsAsNaN extends JsonDeserializer<double[]> {
        @Override
        public double[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return (double[]) c.handleUnexpectedToken(double[].class, p);
            }
            double[] out = new double[16];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * n);
                }
                out[n++] = t == JsonToken.VALUE_NULL ? Double.NaN : number(p, c);
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    private static double number(JsonParser p, DeserializationContext c) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT || p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        return (Double) c.handleUnexpectedToken(Double.class, p);
    }
}
