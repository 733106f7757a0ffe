package org.anomalysearch.io;

import org.anomalysearch.core.event.FeatureSchema;

import java.nio.file.Path;

/**
 * What a file holds, found without reading its data: its format, its number of rows (events) and the schema of
 * the batches it gives ({@code null} for a particle-level file, whose schema depends on the clustering).
 */
public record InputInfo(Path path, InputFormat format, long rows, FeatureSchema schema) {

    @Override
    public String toString() {
        return path + ": " + format.description() + ", " + rows + " rows"
                + (schema == null ? "" : ", columns " + schema.names());
    }
}
