package org.anomalysearch.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LineLimit looks only at a block's first and last breaks: lines crossing blocks and blocks of many lines. */
class LineLimitTest {

    /** A reader that hands out at most {@code block} characters a call, as a slow stream would. */
    private static Reader chunked(String text, int block) {
        return new StringReader(text) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, block));
            }
        };
    }

    private static List<String> lines(String text, int block, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new LineLimit("f.csv", chunked(text, block), max), 64)) {
            String l;
            while ((l = r.readLine()) != null) {
                out.add(l);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 10, 11, 64, 1000})
    void linesUpToTheLimitPassAndOneCharacterMoreFailsWhereverTheBlocksEnd(int block) throws IOException {
        String ok = "0123456789\nabc\n\n0123456789\n0123456789";
        assertEquals(List.of("0123456789", "abc", "", "0123456789", "0123456789"), lines(ok, block, 10));
        for (String bad : new String[] {"01234567890\nabc\n", "abc\n01234567890\nabc\n", "abc\n\n01234567890",
            "01234567890"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> lines(bad, block, 10));
            assertTrue(e.getMessage().startsWith("f.csv: character "), e.getMessage());
            assertTrue(e.getMessage().contains("a line is longer than 10 characters"), e.getMessage());
        }
    }
}
