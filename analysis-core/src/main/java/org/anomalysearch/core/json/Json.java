package org.anomalysearch.core.json;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for results, provenance and summaries, so that analysis-core needs no JSON library.
 * Maps keep their iteration order (use a {@code LinkedHashMap} or {@code TreeMap}); numbers are written with
 * the shortest text that reads back to the same double; NaN and infinities become {@code null}, as JSON has
 * no spelling for them.
 */
public final class Json {

    private Json() {
    }

    /** Pretty-printed JSON of a tree of maps, collections, arrays, strings, numbers, booleans and nulls. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append('\n');
        sb.append("  ".repeat(level));
    }

    private static void write(StringBuilder sb, Object v, int level) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append((long) d).append(".0");
            } else {
                sb.append(d);
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                indent(sb, level + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), level + 1);
            }
            indent(sb, level);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            writeArray(sb, c.toArray(), level);
        } else if (v instanceof Object[] a) {
            writeArray(sb, a, level);
        } else if (v instanceof double[] a) {
            Object[] boxed = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                boxed[i] = a[i];
            }
            writeArray(sb, boxed, level);
        } else if (v instanceof long[] a) {
            Object[] boxed = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                boxed[i] = a[i];
            }
            writeArray(sb, boxed, level);
        } else if (v instanceof int[] a) {
            Object[] boxed = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                boxed[i] = a[i];
            }
            writeArray(sb, boxed, level);
        } else if (v instanceof Enum<?> e) {
            quote(sb, e.name());
        } else {
            quote(sb, v.toString());
        }
    }

    private static void writeArray(StringBuilder sb, Object[] a, int level) {
        if (a.length == 0) {
            sb.append("[]");
            return;
        }
        boolean scalars = true;
        for (Object o : a) {
            scalars &= o == null || o instanceof Number || o instanceof Boolean;
        }
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(scalars ? ", " : ",");
            }
            if (!scalars) {
                indent(sb, level + 1);
            }
            write(sb, a[i], level + 1);
        }
        if (!scalars) {
            indent(sb, level);
        }
        sb.append(']');
    }

    /** Appends a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
