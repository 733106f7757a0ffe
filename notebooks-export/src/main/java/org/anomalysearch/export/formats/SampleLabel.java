package org.anomalysearch.export.formats;

import java.util.Locale;

/**
 * The sample a run looked at, as figures and HEPData records name it: a generator/data-set name and the
 * centre-of-mass energy, e.g. {@code "Pythia 8, √s = 13 TeV"}. Derived from the input's file name for the data sets
 * the project knows; the dijet fit function (x = m_jj / √s) assumes √s = 13 TeV throughout, so that is the energy
 * of every label. The system property {@value #PROPERTY}, else the environment variable {@value #ENV}, replaces
 * the derived label (an empty value: no label).
 *
 * @param text      what the figures print (may be empty: no label)
 * @param sqrtSGeV  the centre-of-mass energy [GeV]
 */
public record SampleLabel(String text, double sqrtSGeV) {

    /** The system property that overrides the derived label ({@code -Danomalysearch.sample.label=...}). */
    public static final String PROPERTY = "anomalysearch.sample.label";
    /** The environment variable that overrides the derived label when the system property is not set. */
    public static final String ENV = "ANOMALY_SEARCH_SAMPLE_LABEL";
    /** The energy the dijet function is written for [GeV]. */
    public static final double SQRT_S_GEV = 13_000;

    /** The label of a run that read {@code input} (a path or file name; null or empty: the demo's synthetic data). */
    public static SampleLabel forInput(String input) {
        String override = System.getProperty(PROPERTY, System.getenv(ENV));
        if (override != null) {
            return new SampleLabel(override.strip(), SQRT_S_GEV);
        }
        return new SampleLabel(derived(input) + ", √s = 13 TeV", SQRT_S_GEV);
    }

    /** The data set a file name belongs to, without the energy. */
    static String derived(String input) {
        if (input == null || input.isBlank()) {
            return "Synthetic dijets (tuned to Pythia 8)";
        }
        String name = input.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String path = input.toLowerCase(Locale.ROOT);
        if (name.startsWith("innerdata") || name.startsWith("outerdata") || path.contains("cathode")) {
            return "LHCO R&D (CATHODE features), Pythia 8 + Delphes";
        }
        if (name.startsWith("events_anomalydetection") || path.contains("lhco")) {
            return "LHCO R&D, Pythia 8 + Delphes";
        }
        if (name.startsWith("qcd_") || path.contains("pythia")) {
            return "Pythia 8";
        }
        if (name.startsWith("generated") || name.startsWith("synthetic")) {
            return "Synthetic dijets (tuned to Pythia 8)";
        }
        return "Dijet events";
    }

    /** The energy in TeV as printed ("13"). */
    public String sqrtSTeV() {
        double tev = sqrtSGeV / 1000;
        return tev == Math.rint(tev) ? Long.toString((long) tev) : Double.toString(tev);
    }
}
