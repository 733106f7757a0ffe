package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;

/**
 * Mixes signal events into a background at a chosen signal strength in an mjj window, as the benchmarks of the
 * field do (S/B or S/sqrt(B) in the signal region): B is the number of background events in the window, the target
 * S = ratio B (or ratio sqrt(B)) rounded to a whole event, and exactly S signal events of the window are drawn without
 * replacement, with the signal outside the window drawn at the same fraction so that the injected signal keeps its mjj
 * shape. Draws use seeds derived by name from the master seed ({@link #SEED_WINDOW}, {@link #SEED_OUTSIDE}): the same
 * seed gives the same mixture.
 *
 * <p>The mixture holds every background event (label 0) and then the drawn signal events (label 1), in file order; its
 * columns are those the two inputs share. Signal event ids are shifted past the background's largest id so that ids
 * stay unique.
 */
public final class SignalInjection {

    /** Component seed of the draw of the signal events inside the window. */
    public static final String SEED_WINDOW = "inject.signal.window";
    /** Component seed of the draw of the signal events outside the window. */
    public static final String SEED_OUTSIDE = "inject.signal.outside";

    private SignalInjection() {
    }

    /** How the signal strength is given. */
    public enum Measure {
        S_OVER_B, S_OVER_SQRT_B;

        /** The target number of signal events in the window for {@code b} background events there. */
        double target(double ratio, long b) {
            return this == S_OVER_B ? ratio * b : ratio * Math.sqrt(b);
        }
    }

    /**
     * What was done.
     *
     * @param mixed             background and injected signal
     * @param background        background events in the window (B)
     * @param signalInWindow    injected signal events in the window (S)
     * @param signalOutside     injected signal events outside the window
     * @param availableInWindow signal events of the input in the window
     * @param availableOutside  signal events of the input outside the window
     * @param target            the requested S before rounding
     * @param signalIdOffset    added to the signal's event ids
     */
    public record Result(EventBatch mixed, long background, long signalInWindow, long signalOutside,
                         long availableInWindow, long availableOutside, double target, long signalIdOffset) {
        public double sOverB() {
            return (double) signalInWindow / background;
        }

        public double sOverSqrtB() {
            return signalInWindow / Math.sqrt(background);
        }
    }

    /**
     * Injects {@code signal} into {@code background} at {@code ratio} (by {@code measure}) in {@code window}.
     *
     * @param bgName  names the background in messages
     * @param sigName names the signal in messages
     */
    public static Result inject(EventBatch background, String bgName, EventBatch signal, String sigName, Region window,
                                Measure measure, double ratio, long seed) {
        if (!(ratio >= 0) || !Double.isFinite(ratio)) {
            throw new IllegalArgumentException("ratio must be finite and >= 0, got " + ratio);
        }
        requireLabels(background, bgName, 1, "background", "0");
        requireLabels(signal, sigName, 0, "signal", "1");
        List<String> columns = new ArrayList<>();
        for (String c : background.schema().names()) {
            if (signal.schema().contains(c)) {
                columns.add(c);
            }
        }
        if (!columns.contains("mjj")) {
            throw new InvalidInputException(background.schema().contains("mjj") ? sigName : bgName, "mjj",
                    "no mjj column", "injection in an mjj window needs mjj in both inputs");
        }
        double[] bgMjj = background.column("mjj");
        long b = Arrays.stream(bgMjj).filter(window::contains).count();
        if (b == 0) {
            throw new InvalidInputException(bgName, "mjj", "no background event in the window " + window + " GeV",
                    "choose a window inside the background's mjj range (GeV)");
        }
        double target = measure.target(ratio, b);
        long s = Math.round(target);
        double[] sigMjj = signal.column("mjj");
        List<Integer> inside = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < sigMjj.length; i++) {
            (window.contains(sigMjj[i]) ? inside : outside).add(i);
        }
        if (s > inside.size()) {
            throw new InvalidInputException(sigName, "mjj", String.format(Locale.ROOT, "the requested signal needs %,d "
                    + "signal events in the window %s GeV (%s %.4g of B = %,d), but the signal holds only %,d there",
                    s, window, measure == Measure.S_OVER_B ? "S/B" : "S/sqrt(B)", ratio, b, inside.size()),
                    "lower the requested ratio, or give more signal files");
        }
        long out = inside.isEmpty() ? 0 : Math.round((double) s * outside.size() / inside.size());
        List<Integer> chosen = new ArrayList<>(draw(inside, (int) s, Seeds.derive(seed, SEED_WINDOW)));
        chosen.addAll(draw(outside, (int) out, Seeds.derive(seed, SEED_OUTSIDE)));
        chosen.sort(null);

        long maxBg = Arrays.stream(background.ids()).max().orElse(-1);
        long minSig = Arrays.stream(signal.ids()).min().orElse(0);
        long offset = maxBg + 1 - minSig;
        EventBatch bg = EventBatches.project(background, columns);
        EventBatch sig = EventBatches.project(signal, columns);
        EventBatch.Builder mixed = new EventBatch.Builder(FeatureSchema.of(columns), bg.size() + chosen.size());
        double[] row = new double[columns.size()];
        for (int i = 0; i < bg.size(); i++) {
            mixed.addRow(bg.ids()[i], 0, bg.weights()[i], values(bg, i, row));
        }
        for (int i : chosen) {
            mixed.addRow(sig.ids()[i] + offset, 1, sig.weights()[i], values(sig, i, row));
        }
        return new Result(mixed.build(), b, s, out, inside.size(), outside.size(), target, offset);
    }

    private static double[] values(EventBatch b, int i, double[] row) {
        for (int c = 0; c < row.length; c++) {
            row[c] = b.columns()[c][i];
        }
        return row;
    }

    /** {@code n} of {@code from}, drawn without replacement (a partial Fisher-Yates shuffle). */
    static List<Integer> draw(List<Integer> from, int n, long seed) {
        int[] a = from.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(a[i]);
        }
        return out;
    }

    private static void requireLabels(EventBatch b, String name, int forbidden, String role, String keep) {
        long n = Arrays.stream(b.labels()).filter(l -> l == forbidden || (forbidden == 1 && l > 1)).count();
        if (n > 0) {
            throw new InvalidInputException(name, "label", String.format(Locale.ROOT, "the %s holds %,d events labelled "
                    + "%s", role, n, forbidden == 1 ? "as signal (label >= 1)" : "as background (label 0)"),
                    "keep only its " + role + " events first: 'anomaly-search convert FILE --label " + keep
                            + " -o OUT.parquet'");
        }
        if (b.size() == 0) {
            throw new InvalidInputException(name, null, "holds no events", "check the " + role + " files");
        }
    }
}
