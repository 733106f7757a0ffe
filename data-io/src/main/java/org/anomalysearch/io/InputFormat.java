package org.anomalysearch.io;

/** The kinds of input anomaly-search reads. */
public enum InputFormat {
    /** LHCO particle-level HDF5 (pandas 'fixed', {@code df/block0_values} of 3k (+1 label) columns). */
    LHCO_PARTICLES_HDF5("LHCO particle-level HDF5", true),
    /** LHCO jet-feature HDF5 (pandas 'fixed', 15 named columns pxj1 .. tau3j2, label). */
    LHCO_FEATURES_HDF5("LHCO jet-feature HDF5", false),
    /** CATHODE preprocessed {@code .npy}: float64, 6 columns mjj, mj1, dmj, tau21_j1, tau21_j2, label in TeV. */
    CATHODE_NPY("CATHODE npy", false),
    /** Jet-level CSV(.gz) of the dijet_pythia layout (LHCO feature columns plus mjj). */
    DIJET_CSV("dijet CSV", false),
    /**
     * A feature CSV(.gz) with the LHCO/CATHODE column names: mj1, dmj, tau21_j1, tau21_j2, optionally mjj, label and a
     * leading unnamed index column (as pandas' {@code to_csv} writes it).
     */
    FEATURE_CSV("feature CSV", false),
    /** The project's event table as CSV(.gz): event_id,label,weight then one column per feature. */
    EVENT_TABLE_CSV("event-table CSV", false),
    /** The project's event table as Parquet. */
    EVENT_TABLE_PARQUET("event-table Parquet", false);

    private final String description;
    private final boolean particleLevel;

    InputFormat(String description, boolean particleLevel) {
        this.description = description;
        this.particleLevel = particleLevel;
    }

    /** A short human-readable name. */
    public String description() {
        return description;
    }

    /** True if the file holds particles that must be clustered into jets before it gives events. */
    public boolean particleLevel() {
        return particleLevel;
    }
}
