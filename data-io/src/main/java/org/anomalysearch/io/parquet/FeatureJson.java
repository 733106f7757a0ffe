package org.anomalysearch.io.parquet;

import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature list of an event table as JSON text, for the Parquet footer:
 * {@code [{"name":"mjj","unit":"GeV","integer":false,"description":"..."}, ...]}. A minimal codec for exactly
 * this shape (an array of flat objects with string and boolean values).
 */
final class FeatureJson {

    private FeatureJson() {
    }

    static String encode(List<Feature> features) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":");
            string(sb, f.name());
            sb.append(",\"unit\":");
            string(sb, f.unit());
            sb.append(",\"integer\":").append(f.integer()).append(",\"description\":");
            string(sb, f.description());
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void string(StringBuilder sb, String s) {
        Json.quote(sb, s);
    }

    /** Parses the text written by {@link #encode}; throws IllegalArgumentException on anything else. */
    static List<Feature> decode(String text) {
        Parser p = new Parser(text);
        List<Feature> out = new ArrayList<>();
        p.expect('[');
        if (!p.peek(']')) {
            do {
                Map<String, Object> o = p.object();
                Object name = o.get("name");
                Object unit = o.getOrDefault("unit", "");
                Object integer = o.getOrDefault("integer", Boolean.FALSE);
                Object desc = o.getOrDefault("description", "");
                if (!(name instanceof String n) || !(unit instanceof String u) || !(integer instanceof Boolean b)
                        || !(desc instanceof String d)) {
                    throw new IllegalArgumentException("feature entry needs string name/unit/description and boolean integer: " + o);
                }
                out.add(new Feature(n, u, b, d));
            } while (p.comma());
        }
        p.expect(']');
        p.end();
        return out;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(char c) {
            ws();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            ws();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at character " + i);
            }
            i++;
        }

        boolean comma() {
            if (peek(',')) {
                i++;
                return true;
            }
            return false;
        }

        void end() {
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected text at character " + i);
            }
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            if (!peek('}')) {
                do {
                    String k = string();
                    expect(':');
                    m.put(k, value());
                } while (comma());
            }
            expect('}');
            return m;
        }

        Object value() {
            ws();
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            return string();
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }
    }
}
