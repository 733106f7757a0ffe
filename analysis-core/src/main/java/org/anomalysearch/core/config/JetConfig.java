package org.anomalysearch.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;

/**
 * Config section {@code jets}: jet clustering of particle-level input.
 *
 * @param algorithm one of {@code anti-kt} (default), {@code kt}, {@code cambridge-aachen}
 * @param radius    jet radius R (default 1.0; in (0, 2])
 * @param ptMin     minimum jet pT kept, GeV (default 20)
 */
public record JetConfig(String algorithm, double radius, double ptMin) {
    static final List<String> KEYS = List.of("algorithm", "radius", "ptMin");
    public static final List<String> ALGORITHMS = List.of("anti-kt", "kt", "cambridge-aachen");

    public JetConfig {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidConfigException("jets.algorithm", "unknown algorithm '" + algorithm + "'",
                    "use one of " + String.join(", ", ALGORITHMS));
        }
        if (!(radius > 0 && radius <= 2)) {
            throw new InvalidConfigException("jets.radius", "must be in (0, 2], got " + radius, "LHCO uses 1.0");
        }
        if (!(ptMin >= 0) || !Double.isFinite(ptMin)) {
            throw new InvalidConfigException("jets.ptMin", "must be >= 0 GeV, got " + ptMin, null);
        }
    }

    public static JetConfig defaults() {
        return new JetConfig("anti-kt", 1.0, 20.0);
    }

    static JetConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        JetConfig d = defaults();
        return new JetConfig(m.getString("algorithm", d.algorithm), m.getDouble("radius", d.radius),
                m.getDouble("ptMin", d.ptMin));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm);
        m.put("radius", radius);
        m.put("ptMin", ptMin);
        return m;
    }
}
