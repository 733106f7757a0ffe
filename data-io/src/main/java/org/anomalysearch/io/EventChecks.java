package org.anomalysearch.io;

import java.util.Arrays;
import java.util.Set;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.event.Jet;

/**
 * The checks every row of an event table gets where it enters the program: a finite, non-negative weight, finite
 * feature values, masses, momenta, N-subjettiness and distances not below zero, and (for tables that carry their own
 * ids) an event id not seen before in the file. One instance per file; {@link #row} allocates nothing.
 */
public final class EventChecks {

    /**
     * How far below zero a non-negative feature may lie: a jet mass computed from a four-vector whose m^2 rounds
     * below zero comes out as a tiny negative number (FastJet's convention, kept by {@code FourMomentum.m()}).
     */
    public static final double NEGATIVE_TOLERANCE = 1e-3;

    /** Features that may be negative: momentum components and pseudorapidities. */
    private static final Set<String> SIGNED = Set.of("eta_j1", "eta_j2", "jet1_px", "jet1_py", "jet1_pz", "jet2_px",
            "jet2_py", "jet2_pz");

    private final String source;
    private final FeatureSchema schema;
    private final double[] min;
    private final LongHashSet ids;

    /**
     * Checks for rows of {@code schema} read from {@code source}; {@code uniqueIds} when the file carries its own
     * event ids (which then must not repeat).
     */
    public EventChecks(String source, FeatureSchema schema, boolean uniqueIds) {
        this(source, schema, uniqueIds, false);
    }

    /**
     * As above; {@code sampled} for a table of density-model samples, whose features are model outputs: they must be
     * finite, but only mjj (drawn from the data) must be non-negative. Refusing or clipping a slightly negative
     * sampled mass would change the background the classifier is trained against.
     */
    public EventChecks(String source, FeatureSchema schema, boolean uniqueIds, boolean sampled) {
        this.source = source;
        this.schema = schema;
        this.min = new double[schema.size()];
        for (int c = 0; c < min.length; c++) {
            String name = schema.get(c).name();
            min[c] = sampled && !name.equals("mjj") ? Double.NEGATIVE_INFINITY : lowerBound(name);
        }
        this.ids = uniqueIds ? new LongHashSet() : null;
    }

    /** The smallest value a feature may take. */
    public static double lowerBound(String feature) {
        if (SIGNED.contains(feature)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (feature.endsWith("_nconst")) {
            return Jet.UNKNOWN_CONSTITUENTS;
        }
        return -NEGATIVE_TOLERANCE;
    }

    /**
     * Checks one row: {@code values} in schema order. {@code unit} and {@code index} name it in messages ("line",
     * 12 or "row", 11); the text is made only for a message.
     */
    public void row(String unit, long index, long id, double weight, double[] values) {
        if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException(source, unit + " " + index + ", column weight", "weight is " + weight
                    + ", expected a finite number >= 0", "the file is corrupt, or weights were not filled in");
        }
        for (int c = 0; c < min.length; c++) {
            double v = values[c];
            if (!(v >= min[c]) || v == Double.POSITIVE_INFINITY) {
                throw bad(unit + " " + index, c, v);
            }
        }
        if (ids != null && !ids.add(id)) {
            throw new InvalidInputException(source, unit + " " + index + ", column event_id", "event id " + id
                    + " appears more than once", "every event of a table needs its own id; the file was altered or "
                    + "two tables were concatenated");
        }
    }

    private InvalidInputException bad(String where, int c, double v) {
        String name = schema.get(c).name();
        if (!Double.isFinite(v)) {
            return new InvalidInputException(source, where + ", column " + name, "value is " + v
                    + ", expected a finite number", "the file is corrupt");
        }
        String unit = schema.get(c).unit().isEmpty() ? "" : " " + schema.get(c).unit();
        return new InvalidInputException(source, where + ", column " + name, "value is " + v + unit
                + ", expected >= " + (min[c] == -NEGATIVE_TOLERANCE ? "0" : Double.toString(min[c])),
                "masses, momenta, N-subjettiness and distances cannot be negative; the file is corrupt or its "
                        + "columns are mixed up");
    }

    /** Throws naming {@code source} if {@code names} holds a name twice. */
    public static void requireUniqueNames(String source, String field, Iterable<String> names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InvalidInputException(source, field, "column name '" + n + "' appears more than once",
                        "every column needs its own name; rename or drop the duplicate");
            }
        }
    }

    /** An open-addressing set of longs: 8 to 16 bytes an id, no boxing. */
    static final class LongHashSet {
        private static final long EMPTY = Long.MIN_VALUE;
        private long[] slots = filled(1 << 12);
        private boolean hasEmpty;
        private int size;

        private static long[] filled(int n) {
            long[] a = new long[n];
            Arrays.fill(a, EMPTY);
            return a;
        }

        /** True if {@code v} was not in the set. */
        boolean add(long v) {
            if (v == EMPTY) {
                boolean added = !hasEmpty;
                hasEmpty = true;
                return added;
            }
            if (2 * (size + 1) > slots.length) {
                grow();
            }
            if (!insert(slots, v)) {
                return false;
            }
            size++;
            return true;
        }

        private static boolean insert(long[] t, long v) {
            int mask = t.length - 1;
            int i = (int) mix(v) & mask;
            while (t[i] != EMPTY) {
                if (t[i] == v) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            t[i] = v;
            return true;
        }

        private void grow() {
            long[] t = filled(slots.length * 2);
            for (long v : slots) {
                if (v != EMPTY) {
                    insert(t, v);
                }
            }
            slots = t;
        }

        private static long mix(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }
    }
}
