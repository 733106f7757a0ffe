package org.anomalysearch.core.synth;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.select.Selection;

/**
 * A fast, seeded <em>toy</em> generator of LHCO-like dijet events (pure Java): QCD-like background and an
 * injectable resonant signal A &rarr; B C. It is not a physics simulation: there are no partons, showers or
 * clustering, only a chain of parametrised draws tuned by eye and by KS distances to the Pythia 8 sample
 * ../shared/data/dijet_pythia/qcd_full_*.csv.gz. Same settings and seed give bit-identical events, whatever
 * the chunk size. About 1M selected background events in ~3-4 s on one core.
 *
 * <h2>Background model (what is drawn from what)</h2>
 * <ol>
 *   <li>mjj: inverse CDF of {@link GeneratorSettings#dijetFunction()} on [mjjMin, mjjMax] (this is the spectrum
 *       <em>before</em> the selection; the default parameters are a fit of f(mjj) x acceptance(mjj) to the
 *       selected qcd_full spectrum).</li>
 *   <li>|delta y| given mjj: chi = exp|delta y| uniform on [1, chiMax(mjj)], as QCD t-channel scattering gives,
 *       where chiMax is set by a partonic pT floor pT0 = mjj / (2 cosh(dy/2)) &ge; 1100 GeV (mjj below 2200
 *       GeV gets dy = 0). The selection then makes the rising delta-eta-vs-mjj correlation of the data.</li>
 *   <li>Boost y_B given mjj: N(0, 0.31 ln(sqrt(s)/mjj)).</li>
 *   <li>Jet masses: for two "partons" a and b, rho = m/pT0 log-normal (median 0.13 (pT0/1300)^-0.33, sigma of
 *       ln 0.7, cap 0.8); m = rho pT0.</li>
 *   <li>Recoil: a fraction q of pT from an exponential mixture (60 % mean 0.05, 40 % mean 0.15) at an angle
 *       theta uniform in [0, pi/2]: q cos(theta) is lost by one parton at random, q sin(theta) x 1.2 is the
 *       acollinearity pi - delta phi. Each parton also loses 0.04 rho (heavier jets radiate more). The parton
 *       with the smaller loss is the leading jet; pT2/pT1 = (1 - loss2) / (1 - loss1).</li>
 *   <li>pT1 is then solved exactly so that the two massive jets' invariant mass is the drawn mjj; y1,2 = y_B
 *       &plusmn; dy/2 (random sign), phi1 uniform.</li>
 *   <li>Substructure of each jet given its own rho = m/pT: three correlated normals (correlations tau21-tau32
 *       -0.3, tau21-tau1 -0.5, tau32-tau1 -0.05) mapped to tau21 = 1.2 sigmoid(a + b z), tau32 = 1.1 sigmoid(..),
 *       tau1 = rho sigmoid(..), with (a, b) interpolated in ln rho from tables measured on qcd_full
 *       ({@code QcdModel}); tau2 = tau21 tau1, tau3 = tau32 tau2.</li>
 *   <li>Constituents (no reference available): log-normal, median 65 (pT/1300)^0.3, sigma 0.43, at least 2.</li>
 * </ol>
 * Residual differences to qcd_full (see {@code SyntheticComparison} in module jobs and
 * docs/synthetic_vs_pythia.png): tau32 is somewhat too broad, the lightest-jet tau21 a little too high, the
 * mjj-jet-mass correlation slightly too strong (Spearman 0.14 vs 0.09), and the turn-on below 2.3 TeV is
 * only approximate.
 *
 * <h2>Signal model</h2>
 * Signal mjj: Gaussian around mA with relative width {@code signalWidth} (above mB + mC); |delta y| half-normal
 * (sigma 0.7), y_B ~ N(0, 0.45), pT2/pT1 = 1 - d with d from a two-exponential mixture, jet masses Gaussian
 * around mB and mC with relative resolution {@code massResolution} (which one leads is random), tau21
 * logit-normal with mean 0.28 (two-prong), tau32 logit-normal (mean 0.7).
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
