package org.anomalysearch.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.select.Selection;

/**
 * Config section {@code selection}: the event selection's thresholds.
 *
 * @param nJetsMin            minimum number of jets (default 2, at least 2)
 * @param leadingJetPtMin     leading jet pT must be strictly above this, GeV (default 1200)
 * @param leadingJetAbsEtaMax leading jet |eta| must be strictly below this (default 2.5)
 */
public record SelectionConfig(int nJetsMin, double leadingJetPtMin, double leadingJetAbsEtaMax) {
    static final List<String> KEYS = List.of("nJetsMin", "leadingJetPtMin", "leadingJetAbsEtaMax");

    public SelectionConfig {
        if (nJetsMin < 2) {
            throw new InvalidConfigException("selection.nJetsMin", "must be >= 2 for a dijet analysis, got " + nJetsMin, null);
        }
        if (!(leadingJetPtMin >= 0)) {
            throw new InvalidConfigException("selection.leadingJetPtMin", "must be >= 0 GeV, got " + leadingJetPtMin, null);
        }
        if (!(leadingJetAbsEtaMax > 0)) {
            throw new InvalidConfigException("selection.leadingJetAbsEtaMax", "must be > 0, got " + leadingJetAbsEtaMax,
                    null);
        }
    }

    public static SelectionConfig defaults() {
        return new SelectionConfig(Selection.DEFAULT_N_JETS_MIN, Selection.DEFAULT_LEADING_PT_MIN,
                Selection.DEFAULT_LEADING_ABS_ETA_MAX);
    }

    public Selection toSelection() {
        return Selection.of(nJetsMin, leadingJetPtMin, leadingJetAbsEtaMax);
    }

    static SelectionConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        SelectionConfig d = defaults();
        return new SelectionConfig(m.getInt("nJetsMin", d.nJetsMin), m.getDouble("leadingJetPtMin", d.leadingJetPtMin),
                m.getDouble("leadingJetAbsEtaMax", d.leadingJetAbsEtaMax));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nJetsMin", nJetsMin);
        m.put("leadingJetPtMin", leadingJetPtMin);
        m.put("leadingJetAbsEtaMax", leadingJetAbsEtaMax);
        return m;
    }
}
