package org.anomalysearch.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedTreesInOrderWithEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "run \"a\"\n\u00e9");
        m.put("n", 3);
        m.put("x", 0.1);
        m.put("whole", 2.0);
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, 2));
        m.put("objs", List.of(Map.of("k", true)));
        m.put("empty", Map.of());
        String expected = """
                {
                  "name": "run \\"a\\"\\n\u00e9",
                  "n": 3,
                  "x": 0.1,
                  "whole": 2.0,
                  "nan": null,
                  "list": [1, 2],
                  "objs": [
                    {
                      "k": true
                    }
                  ],
                  "empty": {}
                }
                """;
        assertEquals(expected, Json.write(m));
    }

    @Test
    void controlCharactersAreEscapedAsUnicode() {
        assertEquals("\"a\\u0001b\"\n", Json.write("a\u0001b"));
    }
}
