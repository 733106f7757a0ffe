package org.anomalysearch.search;

import java.io.Serializable;
import org.anomalysearch.core.fit.FitFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
import org.apache.commons.math3.special.Gamma;

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

    /**
     * The toys' inputs: windows, fit settings (function family, its dijet parameters, quality gate) and the master
     * seed.
     */
    public record Plan(List<WindowPlan> windows, FitFunction function, int fitParams, double gate, long seed)
            implements Serializable {
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
            return toRecord("smallest local p of the selected-spectrum sideband fits over windows x efficiencies",
                    "background-only toys from each window's fitted selected spectra, efficiencies nested, windows "
                            + "independent; they contain neither the cuts' sculpting nor the trainings' variance");
        }

        /** results.json's {@code scan.global}, its statistic and toys described by {@code statistic}, {@code method}. */
        public Scan.Global toRecord(String statistic, String method) {
            Scan.EmpiricalNull e = empiricalNull == null ? null : new Scan.EmpiricalNull(empiricalNull.tests(),
                    empiricalNull.median(), empiricalNull.sigma(), empiricalNull.minLocalP(), empiricalNull.localZ(),
                    empiricalNull.global().pValue(), empiricalNull.global().z(), empiricalNull.global().zIsLowerBound(),
                    "every (window, efficiency) signed local Z standardised by the scan's own median (if > 0) and "
                            + "robust spread (1.4826 MAD, if > 1), then against the same toys");
            return new Scan.Global(statistic, minLocalP, localZ(), window, efficiency, global.nToys(),
                    global.nAtLeast(), global.pValue(), global.pValueError(), global.z(), global.zIsLowerBound(),
                    trialsFactor, globalPTrials, globalZTrials, method, e);
        }
    }

    /** The plan of the scan's windows (results in window order). */
    public static Plan plan(List<ScanWindow> results, List<Double> efficiencies, int fitParams, double gate,
                            long seed) {
        return plan(results, efficiencies, FitFunction.DIJET, fitParams, gate, seed);
    }

    /** As above for the background function {@code function} ({@code fitParams} counts its dijet part). */
    public static Plan plan(List<ScanWindow> results, List<Double> efficiencies, FitFunction function, int fitParams,
                            double gate, long seed) {
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
        return new Plan(plans, function, fitParams, gate, seed);
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
                            w.sr(), plan.function(), plan.fitParams(), plan.gate());
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

    /**
     * What the toys of several trainings need ({@link ScanCombination}): per window ({@code windows[w]}) and training
     * ({@code [w][r]}) the fitted expectation of every efficiency.
     *
     * @param windows      {@code [window][training]}
     * @param efficiencies all efficiencies, tightest first
     */
    public record CombinedPlan(List<List<TrainingWindow>> windows, double[] efficiencies, FitFunction function,
                               int fitParams, double gate, long seed) implements Serializable {
        public CombinedPlan {
            windows = windows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * One training's window for {@link CombinedPlan}.
     *
     * @param sr       the signal region
     * @param edges    fit bin edges
     * @param expected per efficiency (tightest first) the masked fit's expectation per bin; null when the fit failed
     * @param tested   per efficiency: the data's fit converged and passed the quality gate (else no test, p = 1)
     */
    public record TrainingWindow(Region sr, double[] edges, double[][] expected, boolean[] tested)
            implements Serializable {
    }

    /** The toys' plan of {@code passes} (trainings; windows in the same order in each) of the same data. */
    public static CombinedPlan combinedPlan(List<List<ScanWindow>> passes, List<Double> efficiencies, int fitParams,
                                            double gate, long seed) {
        return combinedPlan(passes, efficiencies, FitFunction.DIJET, fitParams, gate, seed);
    }

    /** As above for the background function {@code function} ({@code fitParams} counts its dijet part). */
    public static CombinedPlan combinedPlan(List<List<ScanWindow>> passes, List<Double> efficiencies,
                                            FitFunction function, int fitParams, double gate, long seed) {
        double[] tightFirst = efficiencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<List<TrainingWindow>> windows = new ArrayList<>();
        int nw = passes.get(0).size();
        for (int w = 0; w < nw; w++) {
            List<TrainingWindow> perPass = new ArrayList<>();
            for (List<ScanWindow> pass : passes) {
                ScanWindow r = pass.get(w);
                if (r.edges().length == 0) {
                    throw new AnalysisException("window " + w + " has no fit binning", "rerun the scan with this version");
                }
                double[][] mu = new double[tightFirst.length][];
                boolean[] tested = new boolean[tightFirst.length];
                for (int e = 0; e < tightFirst.length; e++) {
                    ScanWindow.Efficiency x = r.at(tightFirst[e]);
                    if (x != null && !x.fitFailed() && x.fit() != null) {
                        mu[e] = x.fit().expected();
                        tested[e] = accepted(x);
                    }
                }
                perPass.add(new TrainingWindow(r.window().signal(), r.edges(), mu, tested));
            }
            windows.add(perPass);
        }
        return new CombinedPlan(windows, tightFirst, function, fitParams, gate, seed);
    }

    /**
     * Toy {@code index} of the scan over several trainings: the smallest, over windows x efficiencies, of the local p
     * of the median training ({@link ScanCombination#medianRank}, by signed local Z). The trainings' toy spectra share
     * their fluctuations: every bin's count is the Poisson quantile of one uniform number common to all trainings
     * (drawn per toy, window, efficiency and bin), at each training's own expectation, so two trainings with the same
     * fit get the same toy. Real trainings select partly different events, whose fluctuations are less than fully
     * shared, so the median varies less than in these toys: the global p from them is conservative on that count.
     * What the toys still lack is the part of the trainings' variance that the median leaves in the data.
     */
    public static double combinedToy(CombinedPlan plan, int index) {
        long toySeed = Seeds.derive(plan.seed(), "scan.toys.trainings", index);
        double min = 1;
        int ne = plan.efficiencies().length;
        for (int w = 0; w < plan.windows().size(); w++) {
            List<TrainingWindow> passes = plan.windows().get(w);
            RandomGenerator rng = new Well19937c(Seeds.derive(toySeed, "window", w));
            int nb = passes.get(0).edges().length - 1;
            double[][] u = new double[ne][nb];
            for (double[] row : u) {
                for (int b = 0; b < nb; b++) {
                    row[b] = rng.nextDouble();
                }
            }
            double[][] z = new double[ne][passes.size()];
            double[][] p = new double[ne][passes.size()];
            for (int r = 0; r < passes.size(); r++) {
                TrainingWindow tw = passes.get(r);
                double[] counts = new double[nb];
                double[] prev = null;
                for (int e = 0; e < ne; e++) {
                    p[e][r] = 1;
                    double[] mu = tw.expected()[e];
                    if (mu == null) {
                        continue;
                    }
                    for (int b = 0; b < nb; b++) {
                        double add = prev == null ? mu[b] : Math.max(0, mu[b] - prev[b]);
                        counts[b] += poissonQuantile(u[e][b], add);
                    }
                    prev = mu;
                    if (!tw.tested()[e]) {
                        continue;
                    }
                    try {
                        SidebandFit.Result f = CwolaWindowStage.gatedFit(new BinnedSpectrum("toy", tw.edges(),
                                counts.clone()), tw.sr(), plan.function(), plan.fitParams(), plan.gate());
                        if (f.fit().devianceProbability() >= plan.gate()) {
                            z[e][r] = f.local().zSigned();
                            p[e][r] = f.local().pValue();
                        }
                    } catch (AnalysisException | IllegalArgumentException ex) {
                        // a failed fit tests nothing (Z = 0, p = 1), as for the data
                    }
                }
            }
            for (int e = 0; e < ne; e++) {
                double[] ze = z[e];
                Integer[] order = new Integer[ze.length];
                for (int r = 0; r < order.length; r++) {
                    order[r] = r;
                }
                Arrays.sort(order, Comparator.comparingDouble(r -> ze[r]));
                min = Math.min(min, p[e][order[ScanCombination.medianRank(ze.length)]]);
            }
        }
        return min;
    }

    /**
     * The {@code u}-quantile of Poisson({@code mean}): the smallest k with P(X &lt;= k) &gt;= u, walked from the
     * mode with the probability recurrence (monotone in {@code mean} for a fixed {@code u}).
     */
    static long poissonQuantile(double u, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        long k = (long) Math.floor(mean);
        double cdf = Gamma.regularizedGammaQ(k + 1.0, mean);
        double pmf = Math.exp(k * Math.log(mean) - mean - Gamma.logGamma(k + 1.0));
        if (u <= cdf) {
            while (k > 0) {
                double below = cdf - pmf;
                if (u > below) {
                    break;
                }
                cdf = below;
                pmf = pmf * k / mean;
                k--;
            }
            return k;
        }
        while (u > cdf && pmf > 0) {
            k++;
            pmf = pmf * mean / k;
            cdf += pmf;
        }
        return k;
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
