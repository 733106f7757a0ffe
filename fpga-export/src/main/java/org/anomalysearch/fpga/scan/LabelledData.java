package org.anomalysearch.fpga.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.io.LineLimit;
import org.anomalysearch.fpga.emulate.EmulatorIo;

/**
 * Features and 0/1 labels for a precision scan, read from a CSV file with a header: the label column by name, every
 * other column a feature, in file order.
 *
 * @param featureNames the feature columns
 * @param features     [event][feature], float32 as the model takes them
 * @param labels       1 signal, 0 background
 */
public record LabelledData(List<String> featureNames, float[][] features, int[] labels) {

    public LabelledData {
        featureNames = List.copyOf(featureNames);
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " events but " + labels.length + " labels");
        }
    }

    /** Number of events. */
    public int size() {
        return labels.length;
    }

    /** The first n events. */
    public LabelledData head(int n) {
        int m = Math.min(n, labels.length);
        return new LabelledData(featureNames, Arrays.copyOf(features, m), Arrays.copyOf(labels, m));
    }

    /** Reads a CSV file (comma-separated, header line, '#' comments skipped). */
    public static LabelledData readCsv(Path file, String labelColumn) throws IOException {
        String src = file.toString();
        try (BufferedReader r = new BufferedReader(new LineLimit(src, Files.newBufferedReader(file, StandardCharsets.UTF_8),
                EmulatorIo.MAX_LINE))) {
            String line;
            int n = 0;
            String[] header = null;
            int labelIndex = -1;
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s*,\\s*", -1);
                if (header == null) {
                    header = f;
                    labelIndex = Arrays.asList(f).indexOf(labelColumn);
                    if (labelIndex < 0) {
                        throw new InvalidInputException(src, "header", "no column '" + labelColumn + "' among "
                                + Arrays.toString(f), "the first line names the columns; choose the label column "
                                        + "with --label-column");
                    }
                    continue;
                }
                if (f.length != header.length) {
                    throw new InvalidInputException(src, "line " + n, "expected " + header.length + " values, found "
                            + f.length, "one value per header column");
                }
                float[] row = new float[header.length - 1];
                int c = 0;
                for (int k = 0; k < f.length; k++) {
                    double v;
                    try {
                        v = Double.parseDouble(f[k]);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(src, "line " + n + ", column " + header[k],
                                "not a number: '" + f[k] + "'", "write decimal numbers");
                    }
                    if (k == labelIndex) {
                        if (v != 0 && v != 1) {
                            throw new InvalidInputException(src, "line " + n + ", column " + header[k], "label "
                                    + f[k], "labels are 0 (background) or 1 (signal)");
                        }
                        labels.add((int) v);
                    } else {
                        row[c++] = (float) v;
                    }
                }
                rows.add(row);
            }
            if (header == null || rows.isEmpty()) {
                throw new InvalidInputException(src, null, "no events", "a header line and one line per event");
            }
            List<String> names = new ArrayList<>(Arrays.asList(header));
            names.remove(labelIndex);
            return new LabelledData(names, rows.toArray(new float[0][]),
                    labels.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
