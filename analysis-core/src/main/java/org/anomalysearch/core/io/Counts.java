package org.anomalysearch.core.io;

import java.io.DataInputStream;
import java.io.IOException;
import org.anomalysearch.core.InvalidInputException;

/**
 * Reads the counts and lengths of a binary model file without trusting them: a count must be in [min, max] and the
 * bytes it announces must still be in the file ({@link DataInputStream#available()}, which for a file stream is what
 * is left of the file), so a damaged or hostile count fails before anything is allocated.
 */
public final class Counts {

    private Counts() {
    }

    /**
     * Reads an int count of items of {@code bytesEach} bytes. {@code source} and {@code what} name it in the
     * error.
     */
    public static int read(DataInputStream in, String source, String what, int min, int max, long bytesEach)
            throws IOException {
        int n = in.readInt();
        check(in, source, what, n, min, max, bytesEach);
        return n;
    }

    /** Checks a count already read (see {@link #read}). */
    public static void check(DataInputStream in, String source, String what, long n, long min, long max,
                             long bytesEach) throws IOException {
        if (n < min || n > max) {
            throw new InvalidInputException(source, what, "is " + n + ", expected " + min + " to " + max,
                    "the file is damaged or was not written by anomaly-search; retrain or restore it");
        }
        long left = in.available();
        if (bytesEach > 0 && n > left / bytesEach) {
            throw new InvalidInputException(source, what, "is " + n + ", which needs " + n * bytesEach
                    + " bytes, but only " + left + " are left in the file",
                    "the file is truncated or damaged; retrain or restore it");
        }
    }

    /** Reads {@code n} floats (a count already checked with {@link #check}). */
    public static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = in.readFloat();
        }
        return v;
    }
}
