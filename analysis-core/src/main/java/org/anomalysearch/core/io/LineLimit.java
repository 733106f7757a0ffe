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
    /** Characters since the last line break. */
    private long run;
    /** Characters read so far, for the message. */
    private long read;

    /** {@code source} names the file in the error; {@code maxLine} is in characters. */
    public LineLimit(String source, Reader in, int maxLine) {
        super(in);
        this.source = source;
        this.maxLine = maxLine;
    }

    /**
     * Looks only at the block's first and last line breaks: a line that lies inside one block is shorter than the
     * block, and blocks (a BufferedReader's, 8 to 64 K characters) are far shorter than any sensible limit; so a line
     * can only grow past the limit across blocks, through the run before the first break or after the last. This
     * scans about two lines of each block instead of every character.
     */
    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n <= 0) {
            return n;
        }
        int end = off + n;
        int first = off;
        while (first < end && buf[first] != '\n') {
            first++;
        }
        if (first == end) {
            run += n;
        } else {
            if (run + (first - off) > maxLine) {
                throw tooLong(read + first - off);
            }
            int last = end - 1;
            while (buf[last] != '\n') {
                last--;
            }
            if (first != last && n > maxLine) {
                checkInside(buf, first, last, read - off);
            }
            run = end - 1 - last;
        }
        read += n;
        if (run > maxLine) {
            throw tooLong(read);
        }
        return n;
    }

    /** A block longer than the limit: every line between its first and last breaks is measured. */
    private void checkInside(char[] buf, int first, int last, long base) {
        int start = first;
        for (int i = first + 1; i <= last; i++) {
            if (buf[i] == '\n') {
                if (i - start - 1 > maxLine) {
                    throw tooLong(base + i);
                }
                start = i;
            }
        }
    }

    private InvalidInputException tooLong(long at) {
        return new InvalidInputException(source, "character " + at, "a line is longer than " + maxLine
                + " characters", "the file is corrupt, or not a table of one row per line");
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }
}
