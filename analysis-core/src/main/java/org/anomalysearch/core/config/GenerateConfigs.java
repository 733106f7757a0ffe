package org.anomalysearch.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.synth.GeneratorSettings;

/** Reads and writes the {@code generate} section as {@link GeneratorSettings}. */
final class GenerateConfigs {
    static final List<String> KEYS = List.of("nBackground", "nSignal", "mA", "mB", "mC", "signalWidth",
            "massResolution", "mjjMin", "mjjMax", "dijetParams", "applySelection", "chunkSize");

    private GenerateConfigs() {
    }

    static GeneratorSettings fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        GeneratorSettings d = GeneratorSettings.defaults();
        return new GeneratorSettings(m.getLong("nBackground", d.nBackground()), m.getLong("nSignal", d.nSignal()),
                m.getDouble("mA", d.mA()), m.getDouble("mB", d.mB()), m.getDouble("mC", d.mC()),
                m.getDouble("signalWidth", d.signalWidth()), m.getDouble("massResolution", d.massResolution()),
                m.getDouble("mjjMin", d.mjjMin()), m.getDouble("mjjMax", d.mjjMax()),
                m.getDoubleList("dijetParams", d.dijetParams()), m.getBoolean("applySelection", d.applySelection()),
                m.getInt("chunkSize", d.chunkSize()));
    }

    static Map<String, Object> toMap(GeneratorSettings g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nBackground", g.nBackground());
        m.put("nSignal", g.nSignal());
        m.put("mA", g.mA());
        m.put("mB", g.mB());
        m.put("mC", g.mC());
        m.put("signalWidth", g.signalWidth());
        m.put("massResolution", g.massResolution());
        m.put("mjjMin", g.mjjMin());
        m.put("mjjMax", g.mjjMax());
        m.put("dijetParams", new ArrayList<>(g.dijetParams()));
        m.put("applySelection", g.applySelection());
        m.put("chunkSize", g.chunkSize());
        return m;
    }
}
