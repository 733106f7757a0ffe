package org.anomalysearch.core.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.anomalysearch.core.InvalidInputException;

/**
 * A reader that fails a line longer than its limit before the line is held in memory: a corrupt or hostile text file
 * (a gzip of one 1.5 GB line) would otherwise exhaust the heap in {@code BufferedReader.readLine()}. Put it under
 * the {@code BufferedReader}; it scans each block once, with no allocation.
 */
public final class LineLimit extends FilterReader {
    private final String source;
    private final int maxLine;
    private long lines = 1;
    private int run;

    /** {@code source} names the file in the error; {@code maxLine} is in characters. */
    public LineLimit(String source, Reader in, int maxLine) {
        super(in);
        this.source = source;
        this.maxLine = maxLine;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '\n') {
                run = 0;
                lines++;
            } else if (++run > maxLine) {
                throw new InvalidInputException(source, "line " + lines, "line is longer than " + maxLine
                        + " characters", "the file is corrupt, or not a table of one row per line");
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }
}
