package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.Formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Comma-separated lines of a plain or gzipped text file, with the header split off and line numbers kept. */
final class CsvLines implements AutoCloseable {
    private final Path path;
    private final BufferedReader reader;
    private final List<String> header;
    private long lineNumber;

    private CsvLines(Path path, BufferedReader reader, List<String> header) {
        this.path = path;
        this.reader = reader;
        this.header = header;
        this.lineNumber = 1;
    }

    static CsvLines open(Path path) {
        String src = path.toString();
        BufferedReader r = null;
        try {
            InputStream in = Files.newInputStream(path);
            if (Formats.gzipped(path)) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String first = r.readLine();
            if (first == null || first.isBlank()) {
                throw new InvalidInputException(src, "line 1", "expected a header line of column names, found "
                        + (first == null ? "nothing" : "an empty line"), "the first line must name the columns");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            List<String> header = Arrays.stream(first.split(",", -1)).map(String::trim).toList();
            return new CsvLines(path, r, header);
        } catch (IOException e) {
            closeQuietly(r);
            throw new InvalidInputException(src, null, "cannot read the file: " + e.getMessage()
                    + (Formats.gzipped(path) ? " (is it really gzip-compressed?)" : ""),
                    "the file is corrupt or truncated", e);
        } catch (RuntimeException e) {
            closeQuietly(r);
            throw e;
        }
    }

    private static void closeQuietly(BufferedReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    List<String> header() {
        return header;
    }

    /** The 1-based line number of the line last returned. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next non-empty line, or null at the end. */
    String nextLine() {
        try {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && line.isBlank());
            return line;
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), "line " + lineNumber, "cannot read: " + e.getMessage(),
                    "the file is corrupt or truncated", e);
        }
    }

    /** Splits and parses a line into exactly {@code header().size()} doubles. */
    double[] parse(String line, double[] into) {
        int n = header.size();
        int field = 0;
        int start = 0;
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
            len--;
        }
        for (int i = 0; i <= len; i++) {
            if (i == len || line.charAt(i) == ',') {
                if (field >= n) {
                    throw fieldCount(line.substring(0, len).split(",", -1).length);
                }
                String s = line.substring(start, i).trim();
                try {
                    into[field] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(path.toString(), "line " + lineNumber + ", column " + header.get(field),
                            "expected a number, found '" + s + "'", "");
                }
                field++;
                start = i + 1;
            }
        }
        if (field != n) {
            throw fieldCount(field);
        }
        return into;
    }

    private InvalidInputException fieldCount(int found) {
        return new InvalidInputException(path.toString(), "line " + lineNumber, "expected " + header.size()
                + " comma-separated values (one per header column), found " + found, "the file is corrupt or truncated");
    }

    /** Counts the remaining non-empty lines (consumes the reader). */
    long countRemaining() {
        long n = 0;
        while (nextLine() != null) {
            n++;
        }
        return n;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }
}
