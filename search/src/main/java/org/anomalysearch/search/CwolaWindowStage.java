package org.anomalysearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitFunction;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.fit.ModelSelection;
import org.anomalysearch.core.fit.Prediction;
import org.anomalysearch.core.metrics.ClassifierMetrics;
import org.anomalysearch.core.metrics.TopSelection;
import org.anomalysearch.core.metrics.WorkingPoint;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;
import org.anomalysearch.core.stats.LocalSignificance;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.TemplateMethod;
import org.anomalysearch.cwola.ClassifierTrainer;
import org.anomalysearch.cwola.HgbConfig;
import org.anomalysearch.cwola.HgbTrainer;
import org.anomalysearch.cwola.KFoldScorer;
import org.anomalysearch.cwola.MlpConfig;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.cwola.MlpTrainer;
import org.anomalysearch.cwola.TrainingMode;
import org.anomalysearch.cwola.TrainingSet;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.density.FlowTrainer;
import org.anomalysearch.density.GanConfig;
import org.anomalysearch.density.GanTrainer;
import org.anomalysearch.density.RefineConfig;
import org.anomalysearch.density.Refinement;
import org.anomalysearch.density.SidebandData;
import org.anomalysearch.density.SignalRegionSampler;
import org.anomalysearch.density.TrainingDivergedException;
import org.anomalysearch.density.VaeConfig;
import org.anomalysearch.density.VaeTrainer;
import org.anomalysearch.results.ScanWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The density-model + CWoLa window stage (CATHODE sampling, CWoLa-hunting significance), configured by the
 * {@code search} section ({@link SearchConfig}):
 * <ol>
 *   <li>fit a conditional density model of the features on the window's sideband events and sample a synthetic
 *       signal-region background (mjj from a KDE of the SR data, {@code oversampling} x the SR count);</li>
 *   <li>train a k-fold classifier of SR data (label 1) against the samples (label 0) and score every SR data event
 *       and every sample out of fold;</li>
 *   <li>score every other event of the fit range with the same classifier: an event outside the SR was in no
 *       training set, and it is scored by the models of the fold its id hashes to (as an SR event is), not by the
 *       mean of all folds: a mean of k models has a narrower score distribution than one model, so its efficiency
 *       at the SR data's threshold would differ from the SR's and step at the SR edges;</li>
 *   <li>for each efficiency, cut at the score that keeps that fraction of the SR data, histogram the selected
 *       events' mjj over the fit range, fit the dijet function with the SR bins masked ({@link SidebandFit}), and
 *       take the local p-value of the SR count from the profile likelihood with the fit's uncertainty as a
 *       Gaussian-constrained nuisance parameter. A classifier that learns the density model's mismodelling
 *       selects events smoothly in mjj, which the fit absorbs.</li>
 * </ol>
 * The template-method background (SR count x the cut's efficiency on the samples) is kept as a diagnostic only
 * ({@code template}): with density models the classifier can tell from real background it is far too small.
 *
 * <p>Fit range: the run's, from the top-level {@code fit} section ({@link FitRange}: resolved once on the inclusive
 * spectrum and handed to {@link #prepare}), up to {@code fit.hi}, in bins of SR width / {@code search.fit.signalBins}
 * aligned with the SR's lower edge. A selected-spectrum fit whose goodness of fit fails {@code fit.gate} is
 * rejected like a failed fit: p = 1, no excess ({@code fitRejected}). The density model is trained on both sidebands
 * even where the low one reaches below the fit range's start (the trigger turn-on): it is conditioned on mjj and
 * interpolates into the SR, which it cannot do from one side; only the selected spectrum's fit must start on the
 * plateau, and the SR with it. A window whose SR starts below the fit range, leaves too few fit bins or
 * holds too few events is not computed: {@link #skipReason} says why, and the run records it.
 *
 * <p>The result is a {@link ScanWindow}: per window the counts, the fit bins ({@code edges}), the number of samples and,
 * with truth labels, the max SIC; per efficiency ({@link ScanWindow.Efficiency}) the cut, the selected counts per fit
 * bin, the masked fit (chi2, deviance, ndf, p, whether it was rejected or its mask widened, its expectation per bin,
 * which the scan's global significance draws its toys from), the SR prediction and local significance, and the
 * template method. The headline (selected, expected, local Z) is the efficiency with the smallest local p (the first
 * one on ties).
 *
 * <p>Deterministic for a seed: every random component draws from a seed derived by name from the window's seed.
 */
public final class CwolaWindowStage implements WindowStage {

    private static final long serialVersionUID = 2L;

    private static final Logger LOG = LoggerFactory.getLogger(CwolaWindowStage.class);

    /**
     * The one thread every DJL training of this JVM runs on. DJL's PyTorch engine allows one gradient collector per
     * process at a time, so trainings that use it (the density models, the MLP) run one after another within a JVM;
     * the rest of a window (sampling, HGB, selection) runs concurrently with other windows' tasks. Running the
     * trainings on the same native thread as well keeps the native side (allocator arenas, per-thread library state) the same
     * whichever window's task asks first, which the same seed needs to give the same numbers when windows run
     * concurrently (measured: the demo's scan gave three different backgrounds in three runs without it; the
     * differences left after that came from tensors on Java buffers that the garbage collector freed during a
     * backward pass, fixed in the trainers, see the density module's {@code Djl.tensor}).
     */
    private static final ExecutorService DJL_THREAD =
            Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "anomaly-search-djl");
                t.setDaemon(true);
                return t;
            });

    /** Runs {@code work} on {@link #DJL_THREAD} and waits; its exceptions are rethrown as they are. */
    static <T> T onDjlThread(Callable<T> work) {
        try {
            return DJL_THREAD.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisException("interrupted while training", "rerun; --resume continues from the checkpoints");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new AnalysisException("training failed: " + c, "rerun with --debug for the trace");
        }
    }

    /** Density-model trainings tried (other seeds) before a window fails on a diverged training. */
    static final int DENSITY_ATTEMPTS = 3;

    private final SearchConfig settings;
    private final FitConfig fit;
    private final double fitLo;

    /** A stage whose fit range start is set by {@link #prepare} (the run's resolved {@link FitRange}). */
    public CwolaWindowStage(SearchConfig settings, FitConfig fit) {
        this(settings, fit, Double.NaN);
    }

    private CwolaWindowStage(SearchConfig settings, FitConfig fit, double fitLo) {
        this.settings = settings;
        this.fit = fit;
        this.fitLo = fitLo;
        classifierTrainer(); // search.classifier.qat / prune / finetuneEpochs checked before anything runs
    }

    public SearchConfig settings() {
        return settings;
    }

    /** The fit policy (range end, quality gate). */
    public FitConfig fit() {
        return fit;
    }

    /** The start of the fit range [GeV], NaN until {@link #prepare}d. */
    public double fitLo() {
        return fitLo;
    }

    @Override
    public String name() {
        SearchConfig s = settings;
        return "cwola(features=" + String.join(",", s.features()) + ";density=" + s.densityKind() + ":"
                + s.densityEpochs() + (s.densityInFitRange() ? ";inFitRange" : "") + ";oversampling=" + s.oversampling() + (s.crossFit() ? ";crossFit" + (s.crossFitFolds() == 2 ? ""
                : "=" + s.crossFitFolds()) : "") + ";classifier=" + s.classifierKind() + ":"
                + s.classifierEpochs() + (s.classifierQat().equalsIgnoreCase("none") ? "" : ";qat=" + s.classifierQat())
                + (s.classifierPrune() == 0 ? "" : ";prune=" + s.classifierPrune() + ":" + s.classifierFinetuneEpochs())
                + ";k=" + s.folds() + "x" + s.repeats() + ";eff=" + s.efficiencies()
                + ";fit=" + fit.function().key() + (s.fitParams() == 0 ? FitConfig.AUTO : s.fitParams()) + ":" + s.signalBins() + "/SR:[" + (Double.isNaN(fitLo) ? "unset" : fitLo)
                + "," + fit.hi() + ");gate=" + fit.gate() + ")";
    }

    @Override
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        c.add("mjj");
        c.addAll(settings.features());
        return c;
    }

    /** The stage with the run's fit range start {@code fitLo} (resolved on the inclusive spectrum). */
    @Override
    public CwolaWindowStage prepare(EventBatch all, List<RegionSet> windows, double fitLo) {
        if (!(fitLo > 0 && fitLo < fit.hi())) {
            throw new AnalysisException("the fit range start " + fitLo + " GeV is not inside (0, fit.hi = " + fit.hi()
                    + ")", "check the fit section of the config");
        }
        return new CwolaWindowStage(settings, fit, fitLo);
    }

    /**
     * Why {@code window} cannot be computed, or null when it can: its SR must lie inside the fit range with enough
     * fit bins outside it, and the events of {@code spectrum} (all selected events, projected) must give the density
     * model enough sideband events and the k-fold classifier enough SR events.
     */
    @Override
    public String skipReason(RegionSet window, EventBatch spectrum) {
        if (Double.isNaN(fitLo)) {
            throw new IllegalStateException("the fit range start is unset: call prepare(...) first");
        }
        Region sr = window.signal();
        if (sr.lo() < fitLo - 1e-6) {
            return String.format(Locale.ROOT, "the SR starts below the fit range start %.0f GeV (the trigger turn-on "
                    + "ends near the spectrum's peak): its selected spectrum cannot be fitted; set fit.lo lower only "
                    + "where the fit function describes the spectrum%s", fitLo, fit.function().turnOn() ? ""
                    : ", or model the turn-on with fit.function: dijet-turnon");
        }
        double bin = sr.width() / settings.signalBins();
        if (sr.lo() < fitLo + MIN_SIDE_BINS * bin - 1e-6) {
            return String.format(Locale.ROOT, "the SR leaves fewer than %d fit bins (%.0f GeV) between the fit range "
                    + "start %.0f GeV and itself: the masked fit would extrapolate downwards, which background-only "
                    + "toys show to be unstable", MIN_SIDE_BINS, MIN_SIDE_BINS * bin, fitLo);
        }
        try {
            binning(window);
        } catch (InvalidConfigException e) {
            return e.getMessage();
        }
        long sb = 0;
        long in = 0;
        for (double m : spectrum.column("mjj")) {
            if (window.inSideband(m) && trainsDensity(m)) {
                sb++;
            } else if (window.inSignal(m)) {
                in++;
            }
        }
        long need = settings.crossFit() ? CROSS_FIT_MIN_SIDEBAND : SidebandData.MIN_EVENTS;
        if (sb < need) {
            return sb + " sideband events, the density model needs at least " + need
                    + (settings.crossFit() ? " (cross-fitted models, each on part of them: search.density.crossFit)"
                    : "");
        }
        if (in < 2L * settings.folds() || in < MIN_SR_EVENTS) {
            return in + " signal-region events, too few for " + settings.folds() + "-fold CWoLa and a selected "
                    + "spectrum (needs " + Math.max(2L * settings.folds(), MIN_SR_EVENTS) + ")";
        }
        return null;
    }

    /**
     * The fit range's start plus {@link #MIN_SIDE_BINS} fit bins (SR width / {@code search.fit.signalBins}): the
     * lowest SR start {@link #skipReason} accepts.
     */
    @Override
    public double lowestSignalStart(double signalWidth) {
        if (Double.isNaN(fitLo)) {
            throw new IllegalStateException("the fit range start is unset: call prepare(...) first");
        }
        return fitLo + MIN_SIDE_BINS * signalWidth / settings.signalBins();
    }

    /**
     * The selected spectrum's fit with the SR masked; when it fails the quality gate, once more with the mask widened
     * by half the SR's width on either side (where a resonance's tails leak out of the SR), as the inclusive bump
     * hunt excludes the window around its most discrepant one, provided two fit bins stay on either side of it. A background that the function does not describe
     * (sculpting) fails with either mask; the caller judges the returned fit against the gate.
     */
    public static SidebandFit.Result gatedFit(BinnedSpectrum spec, Region sr, int params, double gate) {
        return gatedFit(spec, sr, FitFunction.DIJET, params, gate);
    }

    /**
     * As above with the background function {@code function} ({@code params} counts its dijet part; 0: the F-test's
     * choice among 3, 4 and 5 at {@link FitQuality#CHOICE_LEVEL} on the spectrum with the SR masked, as the inclusive
     * fit's {@code fit.params: auto}).
     */
    public static SidebandFit.Result gatedFit(BinnedSpectrum spec, Region sr, FitFunction function, int params,
                                              double gate) {
        if (params == 0) {
            FitResult chosen = ModelSelection.choose(spec, function, spec.mask(sr), FitOptions.defaults(),
                    FitQuality.CHOICE_LEVEL).chosen();
            return gatedFit(spec, sr, function, chosen.nDijetParams(), gate);
        }
        SidebandFit.Result f = SidebandFit.evaluate(spec, sr, sr, function, params, FitOptions.defaults(),
                Significance.Constraint.GAUSSIAN);
        if (f.fit().devianceProbability() >= gate) {
            return f;
        }
        double half = 0.5 * sr.width();
        double bin = spec.highEdge(0) - spec.lowEdge(0);
        if (sr.lo() - half < spec.lo() + 2 * bin - 1e-6 || sr.hi() + half > spec.hi() - 2 * bin + 1e-6) {
            return f; // the widened mask would leave the fit no bins on one side: an extrapolation, not a test
        }
        Region wide = new Region(sr.lo() - half, sr.hi() + half);
        try {
            SidebandFit.Result w = SidebandFit.evaluate(spec, sr, wide, function, params, FitOptions.defaults(),
                    Significance.Constraint.GAUSSIAN);
            return w.fit().devianceProbability() >= gate ? w : f;
        } catch (AnalysisException | IllegalArgumentException e) {
            return f;
        }
    }

    /** Fewest sideband events with cross-fitting: each half (random by id) keeps the density model's minimum. */
    static final long CROSS_FIT_MIN_SIDEBAND = 2L * SidebandData.MIN_EVENTS + 200;

    /** Fewest fit bins below the SR: with none the SR's prediction is an extrapolation. */
    static final int MIN_SIDE_BINS = 2;

    /** Fewest SR events for which a window is computed: at 1 % efficiency, one selected event. */
    static final long MIN_SR_EVENTS = 100;

    /** The fit bins of a window: SR width / signalBins, aligned with the SR's lower edge, inside the fit range. */
    double[] binning(RegionSet window) {
        if (Double.isNaN(fitLo)) {
            throw new IllegalStateException("the fit range start is unset: call prepare(...) first");
        }
        Region sr = window.signal();
        double w = (sr.hi() - sr.lo()) / settings.signalBins();
        int below = (int) Math.floor((sr.lo() - fitLo) / w + 1e-9);
        int above = (int) Math.floor((fit.hi() - sr.hi()) / w + 1e-9);
        int outside = below + above;
        int nParams = (settings.fitParams() == 0 ? 5 : settings.fitParams()) + fit.function().extraParams();
        if (below < 0 || above < 0 || outside < nParams + 1) {
            throw new InvalidConfigException("search.fit", "the window SR " + sr + " GeV leaves " + Math.max(0, below)
                    + " + " + Math.max(0, above) + " fit bins of " + w + " GeV in the fit range [" + fitLo + ", "
                    + fit.hi() + ") GeV; the " + nParams + "-parameter fit needs the SR inside and "
                    + "at least " + (nParams + 1) + " bins outside",
                    "start the scan above the fit range's lower end (the trigger turn-on), or use more "
                            + "search.fit.signalBins");
        }
        double[] edges = new double[below + settings.signalBins() + above + 1];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = sr.lo() + (i - below) * w;
        }
        return edges;
    }

    @Override
    public ScanWindow run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed) {
        List<EventBatch> both = List.of(sidebands, signalRegion);
        return run(window, sidebands, signalRegion, EventBatch.concat(sidebands.schema(), both), seed);
    }

    /** {@link #detail}'s result: the window's models are dropped. */
    @Override
    public ScanWindow run(RegionSet window, EventBatch sidebands, EventBatch signalRegion, EventBatch spectrum,
                            long seed) {
        return detail(window, sidebands, signalRegion, spectrum, seed).result();
    }

    /**
     * The sideband events the density models train on: all of them, or with {@code search.density.inFitRange} those at
     * or above the fit range's start (a wide low sideband otherwise reaches into the trigger turn-on, where the
     * features' dependence on mjj changes quickly).
     */
    EventBatch densityTraining(EventBatch sidebands) {
        return settings.densityInFitRange() ? EventBatches.subset(sidebands, this::trainsDensity) : sidebands;
    }

    /** Whether a sideband event at {@code mjj} is one the density models may train on ({@link #densityTraining}). */
    private boolean trainsDensity(double mjj) {
        return !settings.densityInFitRange() || mjj >= fitLo;
    }

    /**
     * The cross-fitting fold (0 .. k-1) that event {@code id} belongs to: a function of the id and the window's seed
     * only, so an event's fold is the same wherever it lies. For k = 2 the halves.
     */
    static int fold(long id, long seed, int k) {
        return folds(new long[] {id}, seed, k)[0];
    }

    /** {@link #fold} of every event of {@code ids}, the fold seed derived once. */
    static int[] folds(long[] ids, long seed, int k) {
        long foldSeed = Seeds.derive(seed, "scan.crossfit");
        int[] f = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            f[i] = KFoldScorer.fold(ids[i], foldSeed, k);
        }
        return f;
    }

    /** {@link #fold} for k = 2. */
    static int half(long id, long seed) {
        return fold(id, seed, 2);
    }

    /** The fold that cross-fitted model {@code h} leaves out of its training. */
    static int leftOutBy(int h, int k) {
        return (h + 1) % k;
    }

    /**
     * The cross-fitted model that leaves fold {@code f} out of its training ({@link #leftOutBy}'s inverse), and whose
     * classifier scores fold f.
     */
    static int scorerOf(int f, int k) {
        return (f + k - 1) % k;
    }

    /**
     * Cross-fitting ({@code search.density.crossFit}, K = {@code crossFitFolds}): density model h is trained on the
     * sideband events of every fold ({@link #fold}) but {@link #leftOutBy} (for K = 2, on half h) and sampled into the
     * SR; classifier h is the k-fold CWoLa of the SR data against those samples. Every event of the fit range, in the
     * SR or outside it, is scored by the classifier whose model left the event's fold out ({@link #scorerOf}; SR events
     * out of fold), so no event is judged by a classifier whose samples came from a model that trained on it.
     *
     * <p>Why: a density model reproduces its own training events a little too well (it is fitted to them, their
     * fluctuations included), so its samples resemble the sideband events it saw more than the SR events it did not;
     * a classifier of SR data against those samples then scores the sideband events lower than SR background, the
     * cut keeps a larger fraction of SR background than of sideband background, and the sideband fit of the selected
     * spectrum sees an excess in every window. On the Pythia QCD pool the signed local Z of the scan's 36 tests
     * averaged +0.7 to +1.1 without cross-fitting (docs/fit-range.md).
     *
     * <p>The kept models ({@link Detail}) are model 0's: its density model, samples and classifier.
     */
    Detail crossFitted(RegionSet window, EventBatch sidebands, EventBatch signalRegion, EventBatch spectrum,
                       long seed) {
        int k = settings.crossFitFolds();
        DensityModel[] model = new DensityModel[k];
        double[][][] samples = new double[k][][];
        KFoldScorer.Result[] scored = new KFoldScorer.Result[k];
        int[] sbFold = folds(sidebands.ids(), seed, k);
        for (int h = 0; h < k; h++) {
            int left = leftOutBy(h, k);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < sbFold.length; i++) {
                if (sbFold[i] != left) {
                    rows.add(i);
                }
            }
            long s = Seeds.derive(seed, "scan.crossfit.half", h);
            model[h] = densityModel(window, EventBatches.rows(sidebands, rows), s);
            samples[h] = sample(window, model[h], signalRegion, s);
            scored[h] = classify(window, signalRegion, samples[h], s);
        }
        int n = signalRegion.size();
        int[] srFold = folds(signalRegion.ids(), seed, k);
        double[] dataScores = new double[n];
        for (int i = 0; i < n; i++) {
            dataScores[i] = scored[scorerOf(srFold[i], k)].scores()[i];
        }
        int m = 0;
        for (double[][] x : samples) {
            m += x.length;
        }
        double[] sampleScores = new double[m];
        for (int h = 0, at = 0; h < k; h++) {
            System.arraycopy(scored[h].scores(), n, sampleScores, at, samples[h].length);
            at += samples[h].length;
        }
        Scorer outside = (x, oids) -> {
            double[] out = new double[x.length];
            int[] outFold = folds(oids, seed, k);
            List<List<Integer>> byScorer = new ArrayList<>();
            for (int h = 0; h < k; h++) {
                byScorer.add(new ArrayList<>());
            }
            for (int i = 0; i < oids.length; i++) {
                byScorer.get(scorerOf(outFold[i], k)).add(i);
            }
            for (int h = 0; h < k; h++) {
                List<Integer> rows = byScorer.get(h);
                double[][] xs = new double[rows.size()][];
                long[] is = new long[rows.size()];
                for (int j = 0; j < xs.length; j++) {
                    xs[j] = x[rows.get(j)];
                    is[j] = oids[rows.get(j)];
                }
                double[] v = scoreByFold(scored[h], xs, is);
                for (int j = 0; j < xs.length; j++) {
                    out[rows.get(j)] = v[j];
                }
            }
            return out;
        };
        ScanWindow r = evaluate(window, signalRegion, spectrum, m, dataScores, sampleScores, outside);
        return new Detail(r, model[0], samples[0], TrainingSet.rows(signalRegion, settings.features(),
                "signal-region data"), signalRegion.labels(), scored[0]);
    }

    /** Scores rows {@code x} of events {@code ids} that no classifier trained on. */
    @FunctionalInterface
    interface Scorer {
        double[] score(double[][] x, long[] ids);
    }

    /** Steps 1: the density model fitted on the sidebands and its synthetic SR background (feature rows). */
    public double[][] sample(RegionSet window, EventBatch sidebands, EventBatch signalRegion, long seed) {
        return sample(window, densityModel(window, sidebands, seed), signalRegion, seed);
    }

    private double[][] sample(RegionSet window, DensityModel model, EventBatch signalRegion, long seed) {
        return SignalRegionSampler.sample(model, signalRegion.column("mjj"), window.signal(), settings.oversampling(),
                Seeds.derive(seed, "scan.sample")).x();
    }

    /** The density model fitted on the window's sidebands (a diverged training retried with derived seeds). */
    DensityModel densityModel(RegionSet window, EventBatch sidebands, long seed) {
        String where = "window SR " + window.signal();
        if (sidebands.size() < SidebandData.MIN_EVENTS) {
            throw new AnalysisException(where + ": " + sidebands.size() + " sideband events, the density model needs "
                    + "at least " + SidebandData.MIN_EVENTS, "widen the sidebands or use more events");
        }
        SidebandData sb = SidebandData.fromBatch(sidebands, settings.features(), "mjj", window);
        DensityModel model = null;
        for (int attempt = 0; model == null; attempt++) {
            long s = attempt == 0 ? Seeds.derive(seed, "scan.density") : Seeds.derive(seed, "scan.density.retry", attempt);
            try {
                model = onDjlThread(() -> densityTrainer().fit(sb, s));
            } catch (TrainingDivergedException e) {
                // a diverged training is retried from other initial weights (seeds derived by name: reproducible)
                if (attempt + 1 >= DENSITY_ATTEMPTS) {
                    throw new AnalysisException(where + ": the density model diverged in " + DENSITY_ATTEMPTS
                            + " trainings (last: " + e.getMessage() + ")", e.hint(), e);
                }
                LOG.warn("{}: {}; retrying with another seed ({} of {})", where, e.getMessage(), attempt + 2,
                        DENSITY_ATTEMPTS);
            }
        }
        return model;
    }

    /**
     * A window's trained models and inputs beside its result: what {@link #run} computes for it with the same seed
     * (the same numbers), kept instead of dropped, for the run's models/ and plots of its chosen windows.
     *
     * @param density the density model fitted on the sidebands
     * @param samples its sampled SR background (feature rows)
     * @param data    the SR data (feature rows), labels in {@code labels} (-1 when unknown)
     * @param scored  the k-fold classifier: out-of-fold scores of data then samples, and the fold models
     */
    public record Detail(ScanWindow result, DensityModel density, double[][] samples, double[][] data, int[] labels,
                         KFoldScorer.Result scored) {
    }

    /** {@link #run}'s computation for one window, keeping its models ({@link Detail}). */
    public Detail detail(RegionSet window, EventBatch sidebands, EventBatch signalRegion, EventBatch spectrum,
                         long seed) {
        EventBatch training = densityTraining(sidebands);
        if (settings.crossFit()) {
            return crossFitted(window, training, signalRegion, spectrum, seed);
        }
        DensityModel model = densityModel(window, training, seed);
        double[][] samples = sample(window, model, signalRegion, seed);
        KFoldScorer.Result scored = classify(window, signalRegion, samples, seed);
        return new Detail(evaluate(window, signalRegion, spectrum, samples, scored), model, samples,
                TrainingSet.rows(signalRegion, settings.features(), "signal-region data"), signalRegion.labels(),
                scored);
    }

    /** Step 2: k-fold CWoLa of SR data (1) against {@code background} (0), out-of-fold scores for both. */
    KFoldScorer.Result classify(RegionSet window, EventBatch signalRegion, double[][] background, long seed) {
        if (signalRegion.size() < 2 * settings.folds()) {
            throw new AnalysisException("window SR " + window.signal() + ": " + signalRegion.size()
                    + " signal-region events, too few for " + settings.folds() + "-fold CWoLa",
                    "widen the windows or use more events");
        }
        List<String> features = settings.features();
        double[][] data = TrainingSet.rows(signalRegion, features, "signal-region data");
        int n = data.length;
        int m = background.length;
        // template ids 0..m-1, as always (they only pick the template events' folds)
        TrainingSet set = TrainingSet.of(TrainingMode.CWOLA, features, data, Arrays.copyOf(signalRegion.ids(), n),
                background, LongStream.range(0, m).toArray());
        KFoldScorer scorer = new KFoldScorer(classifierTrainer(), settings.folds(), Seeds.derive(seed, "scan.kfold"),
                settings.repeats());
        if (settings.classifierKind().equals("mlp")) {
            return onDjlThread(() -> scorer.score(set));
        }
        return scorer.score(set);
    }

    /**
     * Steps 2-4 with given background rows (the feature columns of the settings) as the template: k-fold CWoLa,
     * scoring of the fit range, cuts, selected-spectrum fits and local significances. With the true SR background as
     * {@code background} this is the idealized anomaly detector (benchmarks).
     *
     * @param spectrum the events of the whole mjj range (at least the fit range; SR events included)
     */
    public ScanWindow evaluate(RegionSet window, EventBatch signalRegion, EventBatch spectrum, double[][] background,
                                 long seed) {
        return evaluate(window, signalRegion, spectrum, background, classify(window, signalRegion, background, seed));
    }

    /** Steps 3-4 with the k-fold classifier {@code scored} of {@link #classify}. */
    private ScanWindow evaluate(RegionSet window, EventBatch signalRegion, EventBatch spectrum,
                                  double[][] background, KFoldScorer.Result scored) {
        int n = signalRegion.size();
        int m = background.length;
        return evaluate(window, signalRegion, spectrum, m, Arrays.copyOfRange(scored.scores(), 0, n),
                Arrays.copyOfRange(scored.scores(), n, n + m), (x, ids) -> scoreByFold(scored, x, ids));
    }

    /**
     * Steps 3-4: the SR data's out-of-fold scores {@code dataScores}, the {@code m} samples' {@code sampleScores}, and
     * the scorer of the fit range's events outside the SR.
     */
    private ScanWindow evaluate(RegionSet window, EventBatch signalRegion, EventBatch spectrum, int m,
                                double[] dataScores, double[] sampleScores, Scorer scorer) {
        String where = "window SR " + window.signal();
        List<String> features = settings.features();
        double[] edges = binning(window);
        Region sr = window.signal();
        int n = signalRegion.size();

        // 3. the events of the fit range outside the SR, each scored by the models of its id's fold
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        double[] specMjj = spectrum.column("mjj");
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < specMjj.length; i++) {
            if (specMjj[i] >= lo && specMjj[i] < hi && !sr.contains(specMjj[i])) {
                outside.add(i);
            }
        }
        EventBatch out = EventBatches.rows(spectrum, outside);
        double[] outMjj = out.column("mjj");
        double[] outScores = scorer.score(TrainingSet.rows(out, features, "fit-range data"), out.ids());
        double[] srMjj = signalRegion.column("mjj");

        // 4. cuts, selected spectra, sideband fits
        int[] truth = signalRegion.labels();
        boolean labelled = Arrays.stream(truth).anyMatch(l -> l == 1) && Arrays.stream(truth).anyMatch(l -> l == 0)
                && Arrays.stream(truth).allMatch(l -> l == 0 || l == 1);
        ScanWindow.Labels labels = null;
        if (labelled) {
            long signal = Arrays.stream(truth).filter(l -> l == 1).count();
            long bkg = Arrays.stream(truth).filter(l -> l == 0).count();
            WorkingPoint wp = bkg >= ClassifierMetrics.DEFAULT_MIN_BACKGROUND
                    ? ClassifierMetrics.maxSic(dataScores, truth, ClassifierMetrics.DEFAULT_MIN_BACKGROUND) : null;
            labels = new ScanWindow.Labels(signal, wp == null ? Double.NaN : wp.sic(), wp == null ? Double.NaN
                    : wp.tpr(), wp == null ? Double.NaN : wp.fpr());
        }
        Prediction before = TemplateMethod.observedCount(n);
        List<ScanWindow.Efficiency> effs = new ArrayList<>();
        ScanWindow.Efficiency best = null;
        for (double eff : settings.efficiencies()) {
            double threshold = TopSelection.top(dataScores, eff).thresholds()[0];
            double[] counts = new double[edges.length - 1];
            long selected = 0;
            long selectedSignal = 0;
            for (int i = 0; i < n; i++) {
                if (dataScores[i] >= threshold) {
                    selected++;
                    if (truth[i] == 1) {
                        selectedSignal++;
                    }
                    counts[bin(edges, srMjj[i])]++;
                }
            }
            for (int i = 0; i < outScores.length; i++) {
                if (outScores[i] >= threshold) {
                    counts[bin(edges, outMjj[i])]++;
                }
            }

            // the selected spectrum's sideband fit (primary)
            BinnedSpectrum spec = new BinnedSpectrum(where + " selected at " + eff, edges, counts);
            double b = 0;
            double db = 0;
            double z = 0;
            double p = 1;
            double zSigned = 0;
            ScanWindow.SelectedFit selectedFit = null;
            try {
                SidebandFit.Result f = gatedFit(spec, sr, fit.function(), settings.fitParams(), fit.gate());
                FitQuality q = FitQuality.of(f.fit(), fit.gate(), List.of());
                b = f.background().value();
                db = f.background().error();
                selectedFit = new ScanWindow.SelectedFit(f.fit().nFittedBins() < edges.length - 1
                        - settings.signalBins(), f.fit().pearsonChi2(), f.fit().deviance(), f.fit().ndf(), q.pValue(),
                        !q.passed(), f.fit().expected());
                if (q.passed()) {
                    z = f.local().z();
                    p = f.local().pValue();
                    zSigned = f.local().zSigned();
                } else {
                    // a fit that fails the gate tests nothing: p = 1, Z = 0, flagged
                    LOG.warn("{}: the fit of the spectrum selected at efficiency {} fails the quality gate ({}): "
                            + "no excess reported", where, eff, q.describe());
                }
            } catch (AnalysisException | IllegalArgumentException e) {
                // a failed fit (no convergence, or a covariance without a finite SR uncertainty) tests nothing:
                // p = 1, Z = 0, flagged
                LOG.warn("{}: the fit of the spectrum selected at efficiency {} failed ({}): p = 1", where, eff,
                        e.getMessage());
            }

            // the template method (diagnostic)
            long pass = Arrays.stream(sampleScores).filter(v -> v >= threshold).count();
            // No sample passing would give b = 0 +- 0; 1 of m is a conservative stand-in.
            Prediction t = TemplateMethod.background(before, Math.max(pass, 1), m);
            LocalSignificance tz = Significance.local(selected, t.value(), t.error(), Significance.Constraint.GAUSSIAN);
            ScanWindow.Efficiency e = new ScanWindow.Efficiency(eff, threshold, selected,
                    (long) Arrays.stream(counts).sum(), labelled ? selectedSignal : null, b, db, z, p, zSigned,
                    selectedFit == null, selectedFit, new ScanWindow.Template(pass, t.value(), t.error(), tz.z()),
                    counts);
            effs.add(e);
            if (best == null || p < best.localP()) {
                best = e;
            }
        }
        long sidebandEvents = Arrays.stream(specMjj).filter(window::inSideband).count();
        return new ScanWindow(ScanWindow.range(window.lowSideband()), ScanWindow.range(sr),
                ScanWindow.range(window.highSideband()), sidebandEvents, n, best.selected(), best.expected(),
                best.localZ(), best.efficiency(), m, lo, hi, edges, labels, effs);
    }

    /** Each row scored by the fold models of the fold its id falls in (mean over repeats). */
    static double[] scoreByFold(KFoldScorer.Result scored, double[][] x, long[] ids) {
        int k = scored.k();
        List<List<Integer>> byFold = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            byFold.add(new ArrayList<>());
        }
        for (int i = 0; i < x.length; i++) {
            byFold.get(KFoldScorer.fold(ids[i], scored.seed(), k)).add(i);
        }
        int[] perFold = new int[k];
        for (KFoldScorer.FoldModel fm : scored.models()) {
            perFold[fm.fold()]++;
        }
        double[] out = new double[x.length];
        for (KFoldScorer.FoldModel fm : scored.models()) {
            List<Integer> rows = byFold.get(fm.fold());
            if (rows.isEmpty()) {
                continue;
            }
            double[][] xs = new double[rows.size()][];
            for (int j = 0; j < xs.length; j++) {
                xs[j] = x[rows.get(j)];
            }
            double[] v = fm.classifier().score(xs);
            for (int j = 0; j < xs.length; j++) {
                out[rows.get(j)] += v[j] / perFold[fm.fold()];
            }
        }
        return out;
    }

    static int bin(double[] edges, double v) {
        int i = Arrays.binarySearch(edges, v);
        int b = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(edges.length - 2, b));
    }

    private DensityTrainer densityTrainer() {
        return densityTrainer(settings.densityKind(), settings.densityEpochs());
    }

    /**
     * The trainer of a {@link SearchConfig#DENSITY_KINDS} kind with its defaults, capped at {@code epochs} epochs when
     * positive (0: the model's default).
     */
    public static DensityTrainer densityTrainer(String kind, int epochs) {
        if (kind.endsWith(SearchConfig.REFINED)) {
            return Refinement.trainer(
                    densityTrainer(kind.substring(0, kind.length() - SearchConfig.REFINED.length()), epochs),
                    RefineConfig.defaults());
        }
        switch (kind) {
            case "gan": {
                GanConfig c = GanConfig.defaults();
                return new GanTrainer(epochs > 0 ? c.withEpochs(epochs) : c);
            }
            case "vae": {
                VaeConfig c = VaeConfig.defaults();
                return new VaeTrainer(epochs > 0 ? c.withEpochs(epochs) : c);
            }
            case "vae-classic": {
                VaeConfig c = VaeConfig.classic();
                return new VaeTrainer(epochs > 0 ? c.withEpochs(epochs) : c);
            }
            case "flow": {
                FlowConfig c = FlowConfig.defaults();
                return new FlowTrainer(epochs > 0 ? c.withEpochs(epochs) : c);
            }
            default:
                throw new InvalidConfigException("search.density.kind", "'" + kind
                        + "' has no trainer in the window stage", "valid kinds: " + SearchConfig.DENSITY_KINDS);
        }
    }

    private ClassifierTrainer classifierTrainer() {
        int e = settings.classifierEpochs();
        if (settings.classifierKind().equals("mlp")) {
            MlpConfig c = MlpConfig.defaults();
            c = e > 0 ? c.withEpochs(e, Math.min(c.ensembleSize(), e)) : c;
            Compression q = Compression.of(settings.classifierQat(), settings.classifierPrune(),
                    settings.classifierFinetuneEpochs(), "search.classifier.qat", "search.classifier.prune",
                    "search.classifier.finetuneEpochs");
            if (q.pruned()) { // the ensemble is chosen among the fine-tuning epochs
                c = c.withEpochs(c.epochs(), Math.min(c.ensembleSize(), q.finetuneEpochs()));
            }
            return new MlpTrainer(c.withCompression(q));
        }
        HgbConfig c = HgbConfig.defaults();
        return new HgbTrainer(e > 0 ? c.withMaxIterations(e) : c);
    }

    @Override
    public String toString() {
        return name();
    }
}
