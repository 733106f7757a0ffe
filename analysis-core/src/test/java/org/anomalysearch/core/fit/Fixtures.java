package org.anomalysearch.core.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads fit_fixtures.csv (made by make_fixtures.py with SciPy): case,key,space-separated values. */
public final class Fixtures {
    private static Map<String, double[]> cache;

    private Fixtures() {
    }

    public static synchronized double[] get(String caseName, String key) {
        if (cache == null) {
            cache = load();
        }
        double[] v = cache.get(caseName + "," + key);
        if (v == null) {
            throw new IllegalArgumentException("no fixture " + caseName + "," + key);
        }
        return v.clone();
    }

    public static double scalar(String caseName, String key) {
        return get(caseName, key)[0];
    }

    public static Map<String, double[]> all() {
        get("smooth3", "params");
        return Map.copyOf(cache);
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> m = new HashMap<>();
        try (InputStream in = Fixtures.class.getResourceAsStream("fit_fixtures.csv")) {
            if (in == null) {
                throw new IllegalStateException("fit_fixtures.csv is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", 3);
                String[] vals = parts[2].trim().split(" ");
                double[] d = new double[vals.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = parse(vals[i]);
                }
                m.put(parts[0] + "," + parts[1], d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static double parse(String v) {
        return switch (v) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    public static BinnedSpectrum spectrum(String caseName) {
        return BinnedSpectrum.of(get(caseName, "edges"), get(caseName, "counts"));
    }

    public static boolean[] mask(String caseName) {
        double[] m = get(caseName, "mask");
        boolean[] b = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            b[i] = m[i] != 0;
        }
        return b;
    }
}
