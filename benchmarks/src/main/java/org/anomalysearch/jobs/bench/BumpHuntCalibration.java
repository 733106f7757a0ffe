package org.anomalysearch.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFitter;
import org.anomalysearch.core.fit.DijetFunction;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.hist.Binning;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.Toys;
import org.anomalysearch.core.stats.WindowScan;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Benchmark (not a test) of the bump-hunt statistics on pseudo-experiments.
 *
 * <ol>
 *   <li>Background: a 4-parameter dijet function fitted to one spectrum of 5e5 events on 50 bins of 110 GeV over
 *       1.5-7 TeV; its bin integrals are the truth every toy is drawn from.</li>
 *   <li>Background-only toys: each is fitted with a 4-bin signal region masked at four positions (2.05, 3.15, 4.25
 *       and 5.35 TeV); reports the KS p-value of the local p-values (1 - Phi(signed Z)) against uniform per window,
 *       the mean/std of the signed local Z, the mean/std of the SR prediction pull (b_fit - b_true) / sigma_b (a
 *       biased mean would sculpt bumps), the fraction of failed fits and the timing.</li>
 *   <li>Signal toys: a Gaussian bump at 3.5 TeV (sigma 5 % of the mass) sized for an Asimov local Z of about 4 in the
 *       window that holds it; reports where the most significant window of a 4-bin scan lands and the mean/spread
 *       of the recovered local Z in the bump's window against the Asimov Z; and BumpHunter's global Z for the
 *       first signal toy from background-only toys.</li>
 * </ol>
 * Toys run in parallel over toy indices (results do not depend on the scheduling: each toy derives its seed from
 * the master seed and its index).
 *
 * <p>Usage: {@code BumpHuntCalibration [nToys=1000] [seed=20240611] [outFile]}.
 */
public final class BumpHuntCalibration {
    static final int N_BINS = 50;
    static final double LO = 1500;
    static final double HI = 7000;
    static final double N_EVENTS = 5e5;
    static final double BUMP_MASS = 3500;
    static final int SR_BINS = 4;

    private BumpHuntCalibration() {
    }

    public static void main(String[] args) throws IOException {
        int nToys = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20240611L;
        String report = run(nToys, seed);
        System.out.println(report);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), report);
        }
    }

    /** Runs the benchmark and returns its report. */
    public static String run(int nToys, long seed) {
        long t0 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "BumpHuntCalibration: %d toys, master seed %d%n", nToys, seed));
        out.append("machine: ").append(machine()).append('\n');

        // 1. the background truth: a fitted 4-parameter function
        double[] edges = Binning.uniform(N_BINS, LO, HI).edges();
        DijetFunction reference = DijetFunction.fourParam(1, 8.0, 5.5, 0.1);
        double[] ref = normalised(reference, edges, N_EVENTS);
        BinnedSpectrum seedSpectrum = BinnedSpectrum.of(edges, Toys.generate(ref, Seeds.derive(seed, "bench.reference"), 0));
        FitResult fitted = DijetFitter.fit(seedSpectrum, 4);
        double[] truth = fitted.expected();
        out.append(String.format(Locale.ROOT, "background: 4-parameter fit to %.0f events, %d bins of %.0f GeV on "
                + "[%.0f, %.0f] GeV: p = %s, chi2/ndf = %.1f/%d%n", seedSpectrum.total(), N_BINS, (HI - LO) / N_BINS, LO,
                HI, Arrays.toString(round(fitted.params())), fitted.pearsonChi2(), fitted.ndf()));

        List<Region> windows = new ArrayList<>();
        for (double centre : new double[] {2050, 3150, 4250, 5350}) {
            int a = (int) Math.round((centre - LO) / ((HI - LO) / N_BINS)) - SR_BINS / 2;
            windows.add(new Region(edges[a], edges[a + SR_BINS]));
        }
        FitOptions options = FitOptions.defaults();
        Significance.Constraint gauss = Significance.Constraint.GAUSSIAN;

        // 2. background-only toys
        long tb = System.nanoTime();
        WindowScan.ToyScan[] bkg = IntStream.range(0, nToys).parallel()
                .mapToObj(i -> WindowScan.toy(seedSpectrum, truth, truth, windows, 4, options, gauss, seed, i))
                .toArray(WindowScan.ToyScan[]::new);
        double bkgSeconds = (System.nanoTime() - tb) * 1e-9;
        out.append(String.format(Locale.ROOT, "%nbackground-only toys (%d x %d windows, %.1f s, %.1f ms per fit, %d threads)%n",
                nToys, windows.size(), bkgSeconds, 1e3 * bkgSeconds / (nToys * windows.size()),
                Runtime.getRuntime().availableProcessors()));
        out.append("window [GeV]        b_true   KS p(unif)  mean Z   std Z   mean pull  std pull  failed\n");
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        int totalFailed = 0;
        List<Double> pooled = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            List<Double> p = new ArrayList<>();
            double[] z = new double[nToys];
            double[] pull = new double[nToys];
            int ok = 0;
            int failed = 0;
            for (WindowScan.ToyScan t : bkg) {
                if (t.failed()[w]) {
                    failed++;
                    continue;
                }
                p.add(t.pSigned(w));
                z[ok] = t.zSigned()[w];
                pull[ok] = t.predictionPull()[w];
                ok++;
            }
            totalFailed += failed;
            pooled.addAll(p);
            double ksP = ks.kolmogorovSmirnovTest(new UniformRealDistribution(0, 1),
                    p.stream().mapToDouble(Double::doubleValue).toArray());
            int[] ab = seedSpectrum.binsOf(windows.get(w));
            double bTrue = 0;
            for (int i = ab[0]; i <= ab[1]; i++) {
                bTrue += truth[i];
            }
            out.append(String.format(Locale.ROOT, "%-18s %8.1f   %8.3f   %+6.3f   %6.3f   %+7.3f    %6.3f   %d%n",
                    windows.get(w), bTrue, ksP, mean(z, ok), std(z, ok), mean(pull, ok), std(pull, ok), failed));
        }
        out.append(String.format(Locale.ROOT, "failed fits: %d of %d (%.3f %%); mean-pull standard error %.3f%n",
                totalFailed, nToys * windows.size(), 100.0 * totalFailed / (nToys * windows.size()), 1 / Math.sqrt(nToys)));

        // 3. an injected Gaussian bump sized for an Asimov Z of about 4 in its window
        List<Region> scan = WindowScan.binWindows(seedSpectrum, SR_BINS, 1, 3);
        Region bumpWindow = windowHolding(seedSpectrum, BUMP_MASS);
        double sigma = 0.05 * BUMP_MASS;
        double[] shape = new double[N_BINS];
        NormalDistribution g = new NormalDistribution(null, BUMP_MASS, sigma);
        for (int i = 0; i < N_BINS; i++) {
            shape[i] = g.cumulativeProbability(edges[i + 1]) - g.cumulativeProbability(edges[i]);
        }
        double nSig = signalForAsimovZ(seedSpectrum, truth, shape, bumpWindow, 4.0, options);
        double[] withBump = new double[N_BINS];
        for (int i = 0; i < N_BINS; i++) {
            withBump[i] = truth[i] + nSig * shape[i];
        }
        double zAsimov = SidebandFit.evaluate(seedSpectrum.withCounts(withBump), bumpWindow, 4, options, gauss).local().z();
        int nSigToys = Math.max(100, nToys / 2);
        long ts = System.nanoTime();
        long sigSeed = Seeds.derive(seed, "bench.signal");
        double[][] sig = IntStream.range(0, nSigToys).parallel().mapToObj(i -> {
            BinnedSpectrum s = seedSpectrum.withCounts(Toys.generate(withBump, sigSeed, i));
            double zBump = Double.NaN;
            double bestZ = -1;
            double bestCentre = Double.NaN;
            try {
                zBump = SidebandFit.evaluate(s, bumpWindow, 4, options, gauss).local().zSigned();
                WindowScan.Result r = WindowScan.scan(s, scan, 4, options, gauss);
                SidebandFit.Result best = r.mostSignificant();
                bestZ = best.local().z();
                bestCentre = best.signalRegion().center();
            } catch (AnalysisException e) {
                // counted as a failure below
            }
            return new double[] {zBump, bestZ, bestCentre};
        }).toArray(double[][]::new);
        double sigSeconds = (System.nanoTime() - ts) * 1e-9;
        double[] zRec = Arrays.stream(sig).filter(v -> !Double.isNaN(v[0])).mapToDouble(v -> v[0]).toArray();
        long atMass = Arrays.stream(sig).filter(v -> Math.abs(v[2] - BUMP_MASS) <= SR_BINS * (HI - LO) / N_BINS / 2).count();
        double meanCentre = Arrays.stream(sig).filter(v -> !Double.isNaN(v[2])).mapToDouble(v -> v[2]).average().orElse(Double.NaN);
        double meanBest = Arrays.stream(sig).filter(v -> v[1] >= 0).mapToDouble(v -> v[1]).average().orElse(Double.NaN);
        out.append(String.format(Locale.ROOT, "%nsignal toys: Gaussian bump at %.0f GeV (sigma %.0f GeV), %.0f events "
                + "(%.2f %% of the background in %s GeV); %d toys, %d-window scan of %d-bin windows, %.1f s%n",
                BUMP_MASS, sigma, nSig, 100 * nSig / windowSum(seedSpectrum, truth, bumpWindow), bumpWindow, nSigToys,
                scan.size(), SR_BINS, sigSeconds));
        out.append(String.format(Locale.ROOT, "  Asimov local Z in %s: %.3f%n", bumpWindow, zAsimov));
        out.append(String.format(Locale.ROOT, "  recovered local Z in that window: mean %.3f, std %.3f (expected spread "
                + "~1; mean - Asimov = %+.3f +- %.3f)%n", mean(zRec, zRec.length), std(zRec, zRec.length),
                mean(zRec, zRec.length) - zAsimov, std(zRec, zRec.length) / Math.sqrt(zRec.length)));
        out.append(String.format(Locale.ROOT, "  most significant window within +-%d bins of the mass in %d of %d toys "
                + "(%.1f %%); mean centre %.0f GeV; mean max-window Z %.3f%n", SR_BINS / 2, atMass, nSigToys,
                100.0 * atMass / nSigToys, meanCentre, meanBest));

        // BumpHunter on the first signal toy against the true background, global p from background-only toys
        double[] firstSignal = Toys.generate(withBump, sigSeed, 0);
        long tbh = System.nanoTime();
        BumpHunter.Result bh = BumpHunter.run(firstSignal, truth, BumpHunter.Config.widths(8), nToys,
                Seeds.derive(seed, "bench.bumphunter"));
        out.append(String.format(Locale.ROOT, "  BumpHunter (widths 1..8 bins) on signal toy 0: window %.0f-%.0f GeV, "
                + "t = %.2f, local p = %.3g; global p = %.4f +- %.4f (%d/%d toys), global Z %s%.2f (%.1f s)%n",
                edges[bh.data().firstBin()], edges[bh.data().lastBin() + 1], bh.data().tStatistic(), bh.data().minPValue(),
                bh.global().pValue(), bh.global().pValueError(), bh.global().nAtLeast(), bh.global().nToys(),
                bh.global().zIsLowerBound() ? ">= " : "", bh.global().z(), (System.nanoTime() - tbh) * 1e-9));

        out.append(String.format(Locale.ROOT, "%ntotal time %.1f s%n", (System.nanoTime() - t0) * 1e-9));
        return out.toString();
    }

    /** The signal size giving the target Asimov Z in the window (bisection on the Asimov spectrum). */
    static double signalForAsimovZ(BinnedSpectrum binning, double[] truth, double[] shape, Region window, double target,
                                   FitOptions options) {
        double lo = 0;
        double hi = 10 * target * Math.sqrt(windowSum(binning, truth, window)) + 100;
        for (int it = 0; it < 40; it++) {
            double mid = 0.5 * (lo + hi);
            double[] a = new double[truth.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = truth[i] + mid * shape[i];
            }
            double z = SidebandFit.evaluate(binning.withCounts(a), window, 4, options, Significance.Constraint.GAUSSIAN)
                    .local().z();
            if (z < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static Region windowHolding(BinnedSpectrum s, double mass) {
        int centre = (int) Math.round((mass - s.lo()) / (s.highEdge(0) - s.lowEdge(0)));
        int a = centre - SR_BINS / 2;
        return new Region(s.lowEdge(a), s.highEdge(a + SR_BINS - 1));
    }

    static double windowSum(BinnedSpectrum s, double[] v, Region w) {
        int[] ab = s.binsOf(w);
        double t = 0;
        for (int i = ab[0]; i <= ab[1]; i++) {
            t += v[i];
        }
        return t;
    }

    static double[] normalised(DijetFunction f, double[] edges, double total) {
        double[] mu = new double[edges.length - 1];
        double s = 0;
        for (int i = 0; i < mu.length; i++) {
            mu[i] = f.integral(edges[i], edges[i + 1]);
            s += mu[i];
        }
        for (int i = 0; i < mu.length; i++) {
            mu[i] *= total / s;
        }
        return mu;
    }

    static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s / n;
    }

    static double std(double[] v, int n) {
        double m = mean(v, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / (n - 1));
    }

    static double[] round(double[] p) {
        double[] r = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = Math.round(p[i] * 1e4) / 1e4;
        }
        return r;
    }

    static String machine() {
        String cpu = BenchMachine.cpuModel();
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")";
    }
}
