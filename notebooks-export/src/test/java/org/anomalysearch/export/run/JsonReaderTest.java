package org.anomalysearch.export.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.json.Json;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsBackWhatCoreJsonWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "R\u00e9sonance \"\u03bc\u03bc\" \\ \n\t \uD83D\uDE80 <script>");
        m.put("long", Long.MAX_VALUE);
        m.put("neg", -42L);
        m.put("pi", Math.PI);
        m.put("tiny", 1.5e-300);
        m.put("nan", Double.NaN);
        m.put("flag", true);
        m.put("nothing", null);
        m.put("list", List.of(1L, 2.5, "x", List.of(), Map.of()));
        m.put("nested", Map.of("a", List.of(Map.of("b", false))));
        Object back = JsonReader.parse(Json.write(m), "t.json");
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("nan", null);
        assertEquals(expected, back);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "file order kept");
    }

    @Test
    void parsesRfcExamplesExactly() {
        assertEquals(Arrays.asList(1L, -0.0, 1e3, 1.25e-2, "\u00e9\u20ac/", null),
                JsonReader.parse(" [1, -0.0, 1E+3, 1.25e-2, \"\\u00e9\\u20AC\\/\", null] ", "x"));
        assertEquals(1.2345678901234568E19, JsonReader.parse("12345678901234567890", "x"), "beyond long: a double");
        assertNull(JsonReader.parse("null", "x"));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "01", "1.", "\"abc", "tru",
            "{\"a\":1} x", "\"a\u0001\"", "\"\\x\"", "{a:1}", "[-]", "1e"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonReader.parse(bad, "r.json"),
                    bad);
            assertTrue(e.getMessage().startsWith("r.json: line 1, column "), e.getMessage());
            assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\": ]\n}", "r.json"));
        assertTrue(e.getMessage().contains("line 3, column 8"), e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherValues() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonReader.parseObject("[1]", "r"));
        assertEquals("r: expected a JSON object, found an array", e.getMessage());
        assertFalse(e.hint().isEmpty());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonReader.parse(deep, "d"));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }
}
