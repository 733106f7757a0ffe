package org.anomalysearch.fpga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON of fpga-export's files (conifer models, export summaries) with Jackson: indented, {@code "key": value}. */
public final class JsonText {
    /** The mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private JsonText() {
    }

    /** Indented JSON of a tree of maps, lists, arrays, strings, numbers, booleans and nulls, with a final newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain maps and arrays: " + e.getOriginalMessage(), e);
        }
    }
}
