package org.anomalysearch.search;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.GlobalSignificance;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.results.Scan;
import org.anomalysearch.results.ScanWindow;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The global significance of the ML scan: the test statistic is the smallest local p-value of the selected-spectrum
 * sideband fits over all windows x efficiencies; its distribution under the background-only hypothesis comes from
 * pseudo-experiments drawn from the fitted selected spectra.
 *
 * <p>Toy {@code i}, window {@code w}: the efficiencies' selected spectra are nested (a tighter cut keeps a subset of
 * a looser one's events), so they are drawn nested: from the tightest cut's fit expectation mu_K, n_K ~ Pois(mu_K),
 * then n_{k} = n_{k+1} + Pois(max(0, mu_k - mu_{k+1})) for the looser ones (exactly the law of a Poisson spectrum
 * thinned by the cuts). Each toy spectrum is refitted with the SR masked and its local p taken as for the data; a
 * failed fit, or one that fails the quality gate (with the SR mask and with the widened one), gives p = 1, as it does
 * for the data. Windows are drawn independently of each other: their events
 * overlap and the classifiers are alike, so the real trials factor is smaller and the global p from these toys is
 * conservative (too large). Toy {@code i} depends only on the plan, the master seed and {@code i}
 * ({@code Seeds.derive(seed, "scan.toys", i)}), so it is the same on any executor.
 *
 * <p>When no toy reaches the data's p, the toys' p is a bound; the result also extrapolates with an effective
 * number of independent tests N_eff = ln(1 - F) / ln(1 - 0.05), F being the fraction of toys whose smallest p is
 * below 0.05: p_global ~ 1 - (1 - p_local)^N_eff.
 */
public final class ScanSignificance {

    /** The local p below which the toys' fraction defines the effective number of tests. */
    public static final double TRIALS_REFERENCE_P = 0.05;

    private ScanSignificance() {
    }

    /**
     * What the toys need of one window.
     *
     * @param index     window index
     * @param sr        its signal region
     * @param edges     fit bin edges
     * @param effs      efficiencies with a converged fit that passed the quality gate, tightest first
     * @param expected  per efficiency (same order) the masked fit's expectation per bin
     */
    public record WindowPlan(int index, Region sr, double[] edges, double[] effs, double[][] expected)
            implements Serializable {
    }

    /** The toys' inputs: windows, fit settings (parameters, quality gate) and the master seed. */
    public record Plan(List<WindowPlan> windows, int fitParams, double gate, long seed) implements Serializable {
        public Plan {
            windows = List.copyOf(windows);
        }
    }

    /**
     * The outcome.
     *
     * @param minLocalP          the data's smallest local p (1 if no fit converged)
     * @param window             its window index (-1 if none)
     * @param efficiency         its efficiency
     * @param global             from the toys (t = -ln p)
     * @param trialsFactor       N_eff from the toys (see the class comment)
     * @param globalPTrials      1 - (1 - minLocalP)^N_eff
     * @param globalZTrials      its Z
     */
    public record Result(double minLocalP, int window, double efficiency, GlobalSignificance global,
                         double trialsFactor, double globalPTrials, double globalZTrials, EmpiricalNull empiricalNull)
            implements Serializable {

        public double localZ() {
            return minLocalP >= 0.5 ? 0 : Significance.zFromP(minLocalP);
        }

        /** results.json's {@code scan.global}. */
        public Scan.Global toRecord() {
            Scan.EmpiricalNull e = empiricalNull == null ? null : new Scan.EmpiricalNull(empiricalNull.tests(),
                    empiricalNull.median(), empiricalNull.sigma(), empiricalNull.minLocalP(), empiricalNull.localZ(),
                    empiricalNull.global().pValue(), empiricalNull.global().z(), empiricalNull.global().zIsLowerBound(),
                    "every (window, efficiency) signed local Z standardised by the scan's own median (if > 0) and "
                            + "robust spread (1.4826 MAD, if > 1), then against the same toys");
            return new Scan.Global("smallest local p of the selected-spectrum sideband fits over windows x "
                    + "efficiencies", minLocalP, localZ(), window, efficiency, global.nToys(), global.nAtLeast(),
                    global.pValue(), global.pValueError(), global.z(), global.zIsLowerBound(), trialsFactor,
                    globalPTrials, globalZTrials, "background-only toys from each window's fitted selected spectra, "
                    + "efficiencies nested, windows independent; they contain neither the cuts' sculpting nor the "
                    + "trainings' variance", e);
        }
    }

    /** The plan of the scan's windows (results in window order). */
    public static Plan plan(List<ScanWindow> results, List<Double> efficiencies, int fitParams, double gate,
                            long seed) {
        List<Double> tightFirst = new ArrayList<>(efficiencies);
        tightFirst.sort(null);
        List<WindowPlan> plans = new ArrayList<>();
        for (int w = 0; w < results.size(); w++) {
            ScanWindow r = results.get(w);
            double[] edges = r.edges();
            if (edges.length == 0) {
                throw new AnalysisException("window " + w + " has no fit binning", "rerun the scan with this version");
            }
            List<Double> effs = new ArrayList<>();
            List<double[]> mu = new ArrayList<>();
            for (double e : tightFirst) {
                ScanWindow.Efficiency x = r.at(e);
                // a fit the gate rejected tests nothing in the data, so its (window, efficiency) is no test in the toys
                if (x != null && accepted(x)) {
                    effs.add(e);
                    mu.add(x.fit().expected());
                }
            }
            plans.add(new WindowPlan(w, r.window().signal(), edges, effs.stream().mapToDouble(Double::doubleValue)
                    .toArray(), mu.toArray(new double[0][])));
        }
        return new Plan(plans, fitParams, gate, seed);
    }

    /** Toy {@code index}: the smallest local p over windows x efficiencies. */
    public static double toy(Plan plan, int index) {
        long toySeed = Seeds.derive(plan.seed(), "scan.toys", index);
        double min = 1;
        for (WindowPlan w : plan.windows()) {
            RandomGenerator rng = new Well19937c(Seeds.derive(toySeed, "window", w.index()));
            int nb = w.edges().length - 1;
            double[] counts = new double[nb];
            double[] prev = null;
            for (int e = 0; e < w.effs().length; e++) {
                double[] mu = w.expected()[e];
                for (int b = 0; b < nb; b++) {
                    double add = prev == null ? mu[b] : Math.max(0, mu[b] - prev[b]);
                    counts[b] += poisson(rng, add);
                }
                prev = mu;
                try {
                    SidebandFit.Result r = CwolaWindowStage.gatedFit(new BinnedSpectrum("toy", w.edges(), counts),
                            w.sr(), plan.fitParams(), plan.gate());
                    if (r.fit().devianceProbability() >= plan.gate()) {
                        min = Math.min(min, r.local().pValue());
                    }
                    // a fit that fails the gate reports no excess, as for the data
                } catch (AnalysisException | IllegalArgumentException ex) {
                    // a failed fit tests nothing (p = 1), as for the data
                }
            }
        }
        return min;
    }

    /** The data's smallest local p and its global significance from the toys' smallest p values. */
    public static Result of(List<ScanWindow> results, List<Double> efficiencies, double[] toyMinP) {
        double minP = 1;
        int window = -1;
        double eff = Double.NaN;
        for (int w = 0; w < results.size(); w++) {
            for (double e : efficiencies) {
                ScanWindow.Efficiency x = results.get(w).at(e);
                if (x != null && x.localP() < minP) {
                    minP = x.localP();
                    window = w;
                    eff = e;
                }
            }
        }
        double[] t = new double[toyMinP.length];
        int below = 0;
        for (int i = 0; i < t.length; i++) {
            t[i] = -Math.log(Math.max(toyMinP[i], Double.MIN_NORMAL));
            if (toyMinP[i] <= TRIALS_REFERENCE_P) {
                below++;
            }
        }
        GlobalSignificance g = GlobalSignificance.of(-Math.log(Math.max(minP, Double.MIN_NORMAL)), t);
        double f = Math.min((double) below / t.length, 1 - 0.5 / t.length);
        double nEff = Math.max(1, Math.log1p(-f) / Math.log1p(-TRIALS_REFERENCE_P));
        double pTrials = Math.min(1, -Math.expm1(nEff * Math.log1p(-minP)));
        double zTrials = pTrials >= 0.5 ? 0 : Significance.zFromP(Math.max(pTrials, Double.MIN_NORMAL));
        return new Result(minP, window, eff, g, nEff, pTrials, zTrials, empiricalNull(results, efficiencies, t));
    }

    /** Fewest (window, efficiency) tests for the empirical null. */
    public static final int MIN_NULL_TESTS = 8;

    /**
     * Efron's empirical null, as a cross-check of the toys: the signed local Z of the scan's (window, efficiency)
     * tests should follow N(0, 1) on background, but the cuts' sculpting and the trainings' variance (which the toys
     * do not contain) shift and widen them. The location (median, used only when &gt; 0) and robust spread
     * (1.4826 x MAD, used only when &gt; 1) are taken from the scan itself, so a single signal window barely moves
     * them; each test is standardised with them and the smallest p compared with the same toys.
     *
     * @param tests      the (window, efficiency) tests with an accepted fit
     * @param median     their signed local Z's median
     * @param sigma      their robust spread
     * @param minLocalP  the smallest standardised local p
     * @param localZ     its Z
     * @param global     its global significance from the toys
     */
    public record EmpiricalNull(int tests, double median, double sigma, double minLocalP, double localZ,
                                GlobalSignificance global) implements Serializable {
    }

    static EmpiricalNull empiricalNull(List<ScanWindow> results, List<Double> efficiencies, double[] toyT) {
        List<Double> z = new ArrayList<>();
        for (ScanWindow r : results) {
            for (double e : efficiencies) {
                ScanWindow.Efficiency x = r.at(e);
                if (x != null && accepted(x)) {
                    z.add(x.zSigned());
                }
            }
        }
        if (z.size() < MIN_NULL_TESTS) {
            return null;
        }
        double[] v = z.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = ScanBand.quantile(v, 0.5);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - median);
        }
        Arrays.sort(dev);
        double sigma = 1.4826 * ScanBand.quantile(dev, 0.5);
        double mu = Math.max(0, median);
        double s = Math.max(1, sigma);
        double minP = 1;
        for (double x : v) {
            minP = Math.min(minP, Significance.pFromZ((x - mu) / s));
        }
        minP = Math.max(minP, Double.MIN_NORMAL);
        GlobalSignificance g = GlobalSignificance.of(-Math.log(minP), toyT);
        return new EmpiricalNull(v.length, median, sigma, minP, minP >= 0.5 ? 0 : Significance.zFromP(minP), g);
    }


    /** A (window, efficiency) test: its selected spectrum's fit converged and passed the quality gate. */
    static boolean accepted(ScanWindow.Efficiency e) {
        return !e.fitFailed() && e.fit() != null && !e.fit().rejected();
    }

    static long poisson(RandomGenerator rng, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        return new PoissonDistribution(rng, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }
}
