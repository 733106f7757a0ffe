package org.anomalysearch.io.csv;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.io.LineLimit;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.Formats;

import java.io.BufferedReader;
import java.io.FilterInputStream;
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
    /** The longest line read, in characters (an event-table line has about 1,000). */
    static final int MAX_LINE = 1 << 20;
    /** How many times its compressed size a gzipped CSV may inflate to. */
    static final long MAX_INFLATION = 200;
    /** Below this many decompressed bytes, any ratio is accepted. */
    static final long INFLATION_FLOOR = 64L << 20;

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
                in = new Inflated(src, new GZIPInputStream(in, 1 << 16), Files.size(path));
            }
            r = new BufferedReader(new LineLimit(src, new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE), 1 << 16);
            String first = r.readLine();
            if (first == null || first.isBlank()) {
                throw new InvalidInputException(src, "line 1", "expected a header line of column names, found "
                        + (first == null ? "nothing" : "an empty line"), "the first line must name the columns");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            List<String> header = Arrays.stream(first.split(",", -1)).map(String::trim).toList();
            EventChecks.requireUniqueNames(src, "header", header);
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

    /**
     * Fails a gzip stream that inflates to more than {@link #MAX_INFLATION} times its compressed size (and more
     * than {@link #INFLATION_FLOOR} bytes): tables of numbers compress 3 to 10 times, a gzip bomb a thousand.
     */
    static final class Inflated extends FilterInputStream {
        private final String source;
        private final long limit;
        private long count;

        Inflated(String source, InputStream in, long compressedSize) {
            super(in);
            this.source = source;
            this.limit = compressedSize > Long.MAX_VALUE / MAX_INFLATION ? Long.MAX_VALUE
                    : Math.max(INFLATION_FLOOR, compressedSize * MAX_INFLATION);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                check();
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
                check();
            }
            return b;
        }

        private void check() {
            if (count > limit) {
                throw new InvalidInputException(source, null, "decompresses to more than " + limit + " bytes, "
                        + MAX_INFLATION + " times its compressed size", "the file is corrupt or a gzip bomb; a table "
                        + "of events compresses far less (decompress it with gunzip to look)");
            }
        }
    }
}
