package org.anomalysearch.search;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.anomalysearch.core.AnalysisException;

/** Reads back the JSON files a run wrote (with Jackson, which Spark brings). */
public final class RunResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunResultsJson() {
    }

    /** The JSON object in {@code file} as a map (numbers as Integer/Long/Double, arrays as lists). */
    public static Map<String, Object> readMap(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new AnalysisException(file + " is not the JSON this run wrote: " + e.getOriginalMessage(),
                    "remove the file's checkpoint (checkpoints/) to recompute it, or start a new run");
        }
    }
}
