package org.anomalysearch.core.synth;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.select.Selection;

/**
 * A fast, seeded generator of LHCO-like dijet events (pure Java): QCD-like background with mjj drawn from
 * the 4-parameter dijet function, and an injectable resonant signal A &rarr; B C. Same settings and seed
 * give bit-identical events, whatever the chunk size.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Background mjj: inverse CDF of {@link GeneratorSettings#dijetFunction()} on [mjjMin, mjjMax].
 *       Signal mjj: Gaussian around mA with relative width {@code signalWidth} (above mB + mC).</li>
 *   <li>Kinematics: |delta y| half-normal (sigma 1.4, QCD; 0.7 signal), boost y_B ~ N(0, 0.45),
 *       pT2/pT1 = 1 - d with d from a two-exponential mixture (3.5 % / 15 %, capped at 0.7),
 *       pi - delta phi from a mixture (0.03 / 0.2 rad), phi1 uniform; pT1 is then solved exactly so that the
 *       two jets' invariant mass is mjj.</li>
 *   <li>QCD jet masses: m/pT log-normal (median 0.12, sigma 0.65, capped at 0.7): mass grows with pT ~ mjj/2.
 *       Signal jet masses: Gaussian around mB and mC with relative resolution {@code massResolution}; which
 *       of the two is the leading jet is random.</li>
 *   <li>Substructure: tau21 logit-normal with a mean falling with rho = m/pT
 *       (0.29 + 0.6 exp(-rho/0.15) for QCD, 0.28 for signal: two-prong), tau1 = rho (0.3 + 0.6 (1 - exp(-rho/0.25)))
 *       times a log-normal factor, tau2 = tau21 tau1, tau3 = tau32 tau2 with tau32 logit-normal (mean 0.75).</li>
 *   <li>Constituents: log-normal, median 65 (pT/1300)^0.3, sigma 0.43, at least 2.</li>
 * </ul>
 * These reproduce ../shared/data/dijet_pythia roughly (see the tests), not in detail.
 *
 * <p>With {@code applySelection} each draw failing the selection is redrawn, so the output holds exactly
 * nBackground background and nSignal signal events; the signal events sit at positions chosen uniformly
 * (from a stream of the same seed). {@link EventStream#backgroundCutFlow()} reports the efficiency.
 */
public final class SyntheticGenerator {

    private final GeneratorSettings settings;
    private final Selection selection;
    private final long seed;
    private final MjjSampler mjjSampler;

    /** A generator applying {@code selection} when {@code settings.applySelection()} is true. */
    public SyntheticGenerator(GeneratorSettings settings, Selection selection, long seed) {
        if (settings == null || selection == null) {
            throw new IllegalArgumentException("settings and selection must not be null");
        }
        this.settings = settings;
        this.selection = selection;
        this.seed = seed;
        this.mjjSampler = new MjjSampler(settings.dijetFunction(), settings.mjjMin(), settings.mjjMax());
    }

    /** A generator with the default selection. */
    public SyntheticGenerator(GeneratorSettings settings, long seed) {
        this(settings, Selection.defaults(), seed);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    public Selection selection() {
        return selection;
    }

    public long seed() {
        return seed;
    }

    /** A fresh event stream from the start (independent of any other stream of this generator). */
    public EventStream events() {
        return new EventStream(settings, selection, mjjSampler, seed);
    }

    /** Batches of {@code settings.chunkSize()} events with the columns of {@code schema}. */
    public Iterator<EventBatch> batches(FeatureSchema schema) {
        return batches(schema, events());
    }

    /** Batches drawn from {@code stream} (so its cut flows can be read afterwards). */
    public Iterator<EventBatch> batches(FeatureSchema schema, EventStream stream) {
        if (!schema.computable()) {
            throw new IllegalArgumentException("schema " + schema + " has columns that cannot be computed from jets");
        }
        int chunk = settings.chunkSize();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public EventBatch next() {
                if (!stream.hasNext()) {
                    throw new NoSuchElementException();
                }
                long left = stream.remaining();
                int n = (int) Math.min(chunk, left);
                EventBatch.Builder b = new EventBatch.Builder(schema, n);
                for (int i = 0; i < n; i++) {
                    b.add(stream.next());
                }
                return b.build();
            }
        };
    }

    /** Every event in one batch (only for modest sizes). */
    public EventBatch generateAll(FeatureSchema schema) {
        if (settings.total() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many events for one batch: " + settings.total());
        }
        EventStream s = events();
        EventBatch.Builder b = new EventBatch.Builder(schema, (int) settings.total());
        while (s.hasNext()) {
            b.add(s.next());
        }
        return b.build();
    }
}
