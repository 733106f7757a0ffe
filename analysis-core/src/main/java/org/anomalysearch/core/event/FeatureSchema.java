package org.anomalysearch.core.event;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An ordered list of named feature columns with units, and the value of each for a {@link DijetEvent}.
 *
 * <p>Three sets are predefined:
 * <ul>
 *   <li>{@link #STANDARD}: mjj, mj1, dmj, tau21_j1, tau21_j2 (CATHODE; j1 = lighter jet);</li>
 *   <li>{@link #EXTENDED}: the standard set plus tau32 of both jets, jet pT and eta, dR_jj;</li>
 *   <li>{@link #EVENT_TABLE}: the extended set plus both pT-ordered jets' four-vectors, masses,
 *       tau1..tau3 and constituent counts: the columns of the project's event table.</li>
 * </ul>
 * Schemas may hold any subset: a CATHODE {@code .npy} file gives only the standard features.
 */
public final class FeatureSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Feature> features;
    private final Map<String, Integer> index;

    public FeatureSchema(List<Feature> features) {
        this.features = List.copyOf(features);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.features.size(); i++) {
            if (idx.put(this.features.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate feature " + this.features.get(i).name());
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    private static final Map<String, ToDoubleFunction<DijetEvent>> EXTRACTORS = new HashMap<>();
    private static final List<Feature> ALL = new ArrayList<>();

    private static Feature def(String name, String unit, boolean integer, String description,
                               ToDoubleFunction<DijetEvent> f) {
        Feature feature = new Feature(name, unit, integer, description);
        EXTRACTORS.put(name, f);
        ALL.add(feature);
        return feature;
    }

    private static Feature def(String name, String unit, String description, ToDoubleFunction<DijetEvent> f) {
        return def(name, unit, false, description, f);
    }

    public static final Feature MJJ = def("mjj", "GeV", "dijet invariant mass of the two leading jets", DijetEvent::mjj);
    public static final Feature MJ1 = def("mj1", "GeV", "mass of the lighter jet", e -> e.lighter().m());
    public static final Feature DMJ = def("dmj", "GeV", "mass of the heavier jet minus that of the lighter",
            e -> e.heavier().m() - e.lighter().m());
    public static final Feature TAU21_J1 = def("tau21_j1", "", "tau2/tau1 of the lighter jet", e -> e.lighter().tau21());
    public static final Feature TAU21_J2 = def("tau21_j2", "", "tau2/tau1 of the heavier jet", e -> e.heavier().tau21());
    public static final Feature TAU32_J1 = def("tau32_j1", "", "tau3/tau2 of the lighter jet", e -> e.lighter().tau32());
    public static final Feature TAU32_J2 = def("tau32_j2", "", "tau3/tau2 of the heavier jet", e -> e.heavier().tau32());
    public static final Feature PT_J1 = def("pt_j1", "GeV", "pT of the lighter jet", e -> e.lighter().pt());
    public static final Feature PT_J2 = def("pt_j2", "GeV", "pT of the heavier jet", e -> e.heavier().pt());
    public static final Feature ETA_J1 = def("eta_j1", "", "pseudorapidity of the lighter jet", e -> e.lighter().eta());
    public static final Feature ETA_J2 = def("eta_j2", "", "pseudorapidity of the heavier jet", e -> e.heavier().eta());
    public static final Feature DR_JJ = def("dR_jj", "", "distance of the two jets in rapidity and azimuth",
            DijetEvent::deltaRjj);

    static {
        for (int j = 1; j <= 2; j++) {
            final boolean lead = j == 1;
            String p = "jet" + j + "_";
            String which = lead ? "leading" : "subleading";
            def(p + "px", "GeV", "px of the " + which + " jet (pT order)", e -> jet(e, lead).p4().px());
            def(p + "py", "GeV", "py of the " + which + " jet", e -> jet(e, lead).p4().py());
            def(p + "pz", "GeV", "pz of the " + which + " jet", e -> jet(e, lead).p4().pz());
            def(p + "e", "GeV", "energy of the " + which + " jet", e -> jet(e, lead).p4().e());
            def(p + "m", "GeV", "mass of the " + which + " jet", e -> jet(e, lead).m());
            def(p + "tau1", "", "N-subjettiness tau1 of the " + which + " jet (beta=1, R0=1)", e -> jet(e, lead).tau1());
            def(p + "tau2", "", "N-subjettiness tau2 of the " + which + " jet", e -> jet(e, lead).tau2());
            def(p + "tau3", "", "N-subjettiness tau3 of the " + which + " jet", e -> jet(e, lead).tau3());
            def(p + "nconst", "", true, "number of constituents of the " + which + " jet",
                    e -> jet(e, lead).nConstituents());
        }
    }

    /** Scan features derived from event-table columns (not stored in the table): name -> {numerator, denominator}. */
    private static final Map<String, String[]> RATIOS = new HashMap<>();
    private static final List<Feature> DERIVED = new ArrayList<>();

    private static Feature ratio(String numerator, String denominator, String description) {
        String name = numerator + "_over_" + denominator;
        Feature f = new Feature(name, "", false, description);
        RATIOS.put(name, new String[] {numerator, denominator});
        DERIVED.add(f);
        EXTRACTORS.put(name, e -> EXTRACTORS.get(numerator).applyAsDouble(e)
                / EXTRACTORS.get(denominator).applyAsDouble(e));
        return f;
    }

    /**
     * The lighter jet's mass over mjj: a jet's mass grows with its pT, i.e. with mjj, so mj1 carries mjj into the
     * scan's features; the ratio far less (the scan's sculpting, docs/fit-range.md).
     */
    public static final Feature MJ1_OVER_MJJ = ratio("mj1", "mjj", "mass of the lighter jet over mjj");
    /** The jet mass difference over mjj (see {@link #MJ1_OVER_MJJ}). */
    public static final Feature DMJ_OVER_MJJ = ratio("dmj", "mjj", "jet mass difference over mjj");

    /**
     * For a feature derived from two event-table columns (not stored in the table, computed when a scan's columns are
     * projected), its {numerator, denominator} columns; null for a stored column.
     */
    public static String[] ratioOf(String name) {
        String[] r = RATIOS.get(name);
        return r == null ? null : r.clone();
    }

    /** The names of the derived features ({@link #ratioOf}). */
    public static List<String> derivedNames() {
        return DERIVED.stream().map(Feature::name).toList();
    }

    private static Jet jet(DijetEvent e, boolean leading) {
        return leading ? e.leading() : e.subleading();
    }

    /** The CATHODE feature set: mjj (conditioning variable) and the four classifier inputs. */
    public static final FeatureSchema STANDARD = new FeatureSchema(List.of(MJJ, MJ1, DMJ, TAU21_J1, TAU21_J2));

    /** The standard set plus tau32, pT and eta of both jets and dR_jj. */
    public static final FeatureSchema EXTENDED = new FeatureSchema(
            List.of(MJJ, MJ1, DMJ, TAU21_J1, TAU21_J2, TAU32_J1, TAU32_J2, PT_J1, PT_J2, ETA_J1, ETA_J2, DR_JJ));

    /** Every column the project's event table can hold. */
    public static final FeatureSchema EVENT_TABLE = new FeatureSchema(ALL);

    /** The event table without constituent counts: for jet-level sources (feature HDF5, CSV). */
    public static final FeatureSchema EVENT_TABLE_NO_CONSTITUENTS = EVENT_TABLE.without("jet1_nconst", "jet2_nconst");

    public List<Feature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    public Feature get(int i) {
        return features.get(i);
    }

    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /** Column index of {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** This schema less the named columns. */
    public FeatureSchema without(String... names) {
        List<String> drop = List.of(names);
        return new FeatureSchema(features.stream().filter(f -> !drop.contains(f.name())).toList());
    }

    /** A schema of the named predefined features, in the given order. */
    public static FeatureSchema of(List<String> names) {
        List<Feature> fs = new ArrayList<>();
        for (String n : names) {
            int i = EVENT_TABLE.indexOf(n);
            if (i >= 0) {
                fs.add(EVENT_TABLE.get(i));
                continue;
            }
            Feature d = DERIVED.stream().filter(f -> f.name().equals(n)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown feature '" + n + "'; known: " + EVENT_TABLE.names()
                            + " and the derived " + derivedNames()));
            fs.add(d);
        }
        return new FeatureSchema(fs);
    }

    /** True if every column of this schema can be computed from a {@link DijetEvent}. */
    public boolean computable() {
        return features.stream().allMatch(f -> EXTRACTORS.containsKey(f.name()));
    }

    /** The value of column {@code i} for an event. */
    public double value(int i, DijetEvent e) {
        ToDoubleFunction<DijetEvent> f = EXTRACTORS.get(features.get(i).name());
        if (f == null) {
            throw new IllegalStateException("feature " + features.get(i).name() + " cannot be computed from jets");
        }
        return f.applyAsDouble(e);
    }

    /** All column values of an event, in schema order. */
    public double[] values(DijetEvent e) {
        double[] v = new double[features.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i, e);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && s.features.equals(features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema" + names();
    }
}
