package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.InputFormat;
import org.anomalysearch.io.LhcoJetColumns;

import java.nio.file.Path;
import java.util.List;

/** Tells the CSV layouts apart by their header. */
public final class CsvLayouts {

    /** The first three columns of the project's event table. */
    public static final List<String> EVENT_TABLE_KEYS = List.of("event_id", "label", "weight");

    private CsvLayouts() {
    }

    /**
     * {@link InputFormat#EVENT_TABLE_CSV}, {@link InputFormat#DIJET_CSV} or {@link InputFormat#FEATURE_CSV}, from the
     * header line.
     */
    public static InputFormat detect(Path path) {
        try (CsvLines lines = CsvLines.open(path)) {
            List<String> h = lines.header();
            if (h.size() >= 3 && h.subList(0, 3).equals(EVENT_TABLE_KEYS)) {
                return InputFormat.EVENT_TABLE_CSV;
            }
            if (h.contains(LhcoJetColumns.JET_COLUMNS.get(0))) {
                return InputFormat.DIJET_CSV;
            }
            if (h.containsAll(FeatureCsvReader.REQUIRED)) {
                return InputFormat.FEATURE_CSV;
            }
            throw new InvalidInputException(path.toString(), "header",
                    "unknown CSV layout: expected a header starting with event_id,label,weight (event table), the "
                            + "LHCO jet columns pxj1,pyj1,... (dijet CSV) or the feature columns "
                            + String.join(",", FeatureCsvReader.REQUIRED) + " (feature CSV), found " + h,
                    "name the columns as one of these layouts; 'anomaly-search convert --help' lists the formats");
        }
    }
}
