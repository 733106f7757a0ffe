package org.anomalysearch.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anomalysearch.core.InvalidConfigException;

/**
 * Typed, strict access to one section of a config tree: every key must be one of the allowed ones, and each
 * getter checks the value's type. Errors name the dotted key path.
 */
final class ConfigMap {
    private final String path;
    private final Map<?, ?> map;

    private ConfigMap(String path, Map<?, ?> map) {
        this.path = path;
        this.map = map;
    }

    /** Checks that every key of {@code map} is a string in {@code allowed}. */
    static ConfigMap of(String path, Object value, List<String> allowed) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidConfigException(path.isEmpty() ? "(root)" : path, "expected a mapping of keys "
                    + allowed + ", got " + describe(value), null);
        }
        Set<String> ok = new LinkedHashSet<>(allowed);
        for (Object k : m.keySet()) {
            if (!(k instanceof String ks) || !ok.contains(ks)) {
                throw new InvalidConfigException(key(path, String.valueOf(k)), "unknown key",
                        "valid keys" + (path.isEmpty() ? "" : " of " + path) + ": " + String.join(", ", allowed));
            }
        }
        return new ConfigMap(path, m);
    }

    static String key(String path, String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    String key(String k) {
        return key(path, k);
    }

    boolean has(String k) {
        return map.containsKey(k) && map.get(k) != null;
    }

    Object raw(String k) {
        return map.get(k);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing (null)";
        }
        if (v instanceof String s) {
            return "text '" + s + "'";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }

    private InvalidConfigException wrongType(String k, String expected, Object v) {
        String hint = null;
        if (v instanceof String s && s.matches("[-+]?[0-9.]+[eE][-+]?[0-9]+")) {
            hint = "YAML 1.1 reads '" + s + "' as text: write the mantissa with a dot and a signed exponent, e.g. 1.0e+6";
        }
        return new InvalidConfigException(key(k), "expected " + expected + ", got " + describe(v), hint);
    }

    double getDouble(String k, double def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidConfigException(key(k), "expected a finite number, got " + v, null);
            }
            return d;
        }
        throw wrongType(k, "a number", v);
    }

    long getLong(String k, long def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            throw new InvalidConfigException(key(k), "does not fit a 64-bit integer: " + b, null);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            throw new InvalidConfigException(key(k), "expected a whole number, got " + v, null);
        }
        throw wrongType(k, "a whole number", v);
    }

    int getInt(String k, int def) {
        long v = getLong(k, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key(k), "does not fit a 32-bit integer: " + v, null);
        }
        return (int) v;
    }

    boolean getBoolean(String k, boolean def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(k, "true or false", v);
    }

    String getString(String k, String def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(k, "text", v);
    }

    List<String> getStringList(String k, List<String> def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (!(v instanceof List<?> l)) {
            throw wrongType(k, "a list of names", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) {
                throw new InvalidConfigException(key(k) + "[" + i + "]", "expected a name, got " + describe(l.get(i)), null);
            }
            out.add(s);
        }
        return out;
    }

    List<Double> getDoubleList(String k, List<Double> def) {
        if (!has(k)) {
            return def;
        }
        Object v = map.get(k);
        if (!(v instanceof List<?> l)) {
            throw wrongType(k, "a list of numbers", v);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new InvalidConfigException(key(k) + "[" + i + "]", "expected a finite number, got "
                        + describe(l.get(i)), null);
            }
            out.add(n.doubleValue());
        }
        return out;
    }
}
