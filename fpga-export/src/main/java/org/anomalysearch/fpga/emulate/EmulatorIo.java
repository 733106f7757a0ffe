package org.anomalysearch.fpga.emulate;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.io.LineLimit;
import org.anomalysearch.fpga.fixed.FixedValue;

/**
 * Plain-text input and output of the emulator: one event per line, values separated by commas (or spaces,
 * hls4ml's tb_data convention). Outputs are printed exactly (every binary digit, no exponent, "0" for zero), so a
 * bit-exact comparison of the text is a bit-exact comparison of the values.
 */
public final class EmulatorIo {
    private EmulatorIo() {
    }

    /** The longest input line read, in characters. */
    public static final int MAX_LINE = 1 << 20;

    /**
     * Reads float32 features, one event per line; blank lines and lines starting with '#' are skipped, and the
     * first other line is a header (skipped) when one of its fields is not a number. Every value must be finite:
     * a row whose first value is NaN or Infinity is an error, not a header, so each output line stays with its input
     * line.
     */
    public static float[][] readFeatures(Path file, int expectedColumns) throws IOException {
        double[][] rows = read(file, expectedColumns, true);
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new float[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                out[r][c] = (float) rows[r][c]; // exact: parsed as float
            }
        }
        return out;
    }

    /**
     * Reads float64 values, one event per line, as {@link #readFeatures} (conifer's decision_function takes float64
     * inputs).
     */
    public static double[][] readDoubles(Path file, int expectedColumns) throws IOException {
        return read(file, expectedColumns, false);
    }

    private static double[][] read(Path file, int expectedColumns, boolean asFloat) throws IOException {
        String src = file.toString();
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new LineLimit(src,
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()), MAX_LINE))) {
            String line;
            int n = 0;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                String[] f = s.split("[,\\s]+");
                if (first) {
                    first = false;
                    if (isHeader(f)) {
                        continue;
                    }
                }
                if (f.length != expectedColumns) {
                    throw new InvalidInputException(src, "line " + n, "expected " + expectedColumns
                            + " values, found " + f.length, "one event per line, one value per model input");
                }
                double[] row = new double[f.length];
                for (int c = 0; c < f.length; c++) {
                    try {
                        row[c] = asFloat ? Float.parseFloat(f[c]) : Double.parseDouble(f[c]);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(src, "line " + n + ", column " + (c + 1),
                                "not a number: '" + f[c] + "'", "write decimal numbers; only the first line may be "
                                        + "a header");
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new InvalidInputException(src, "line " + n + ", column " + (c + 1), "value is "
                                + f[c] + ", expected a finite number", "the emulator takes finite inputs only");
                    }
                }
                rows.add(row);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(src, null, "is not UTF-8 text", "give a text file of numbers");
        }
        return rows.toArray(new double[0][]);
    }

    /** float32 rows widened to double (exact): tree emulators and conifer take float64. */
    public static double[][] toDouble(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int e = 0; e < rows.length; e++) {
            out[e] = new double[rows[e].length];
            for (int i = 0; i < rows[e].length; i++) {
                out[e][i] = rows[e][i];
            }
        }
        return out;
    }

    /** Rows rounded to float32 (the MLP emulator's and hls4ml's input type). */
    public static float[][] toFloat(double[][] rows) {
        float[][] out = new float[rows.length][];
        for (int e = 0; e < rows.length; e++) {
            out[e] = new float[rows[e].length];
            for (int i = 0; i < rows[e].length; i++) {
                out[e][i] = (float) rows[e][i];
            }
        }
        return out;
    }

    /** A header line: some field is not a number (NaN and Infinity are numbers, and so not a header). */
    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            try {
                Float.parseFloat(f);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    /** Writes one line per event, values printed exactly and joined by {@code separator}. */
    public static void writeOutputs(Path file, double[][] outputs, String separator) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (double[] row : outputs) {
                w.write(formatRow(row, separator));
                w.newLine();
            }
        }
    }

    /** One output row, values printed exactly. */
    public static String formatRow(double[] row, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(FixedValue.exactString(row[i]));
        }
        return sb.toString();
    }
}
