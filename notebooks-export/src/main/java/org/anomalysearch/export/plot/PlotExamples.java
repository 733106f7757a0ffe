package org.anomalysearch.export.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Renders one example of each plot type from synthetic, seeded numbers (the figures of the README):
 *
 * <pre>
 * java -cp ... org.anomalysearch.export.plot.PlotExamples docs/plots [png,svg,pdf]
 * </pre>
 *
 * The numbers are illustrations, not results: a dijet-function spectrum with a Gaussian bump, Poisson
 * fluctuated; ROC curves of two Gaussian score distributions; etc. Same output on every run.
 */
public final class PlotExamples {

    static final long SEED = 20240531L;
    static final double SQRT_S = 13000;
    static final double LO = 1800;
    static final double HI = 7000;
    static final int BINS = 52;
    static final double BUMP_MASS = 3500;
    static final double BUMP_WIDTH = 150;
    static final double BUMP_EVENTS = 600;

    private PlotExamples() {
    }

    /** {@code args[0]}: output directory; {@code args[1]} (optional): formats, e.g. {@code png,svg,pdf}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PlotExamples <outDir> [png,svg,pdf]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Plots.Format[] formats = args.length > 1 ? Arrays.stream(args[1].split(","))
                .map(s -> Plots.Format.valueOf(s.trim().toUpperCase(Locale.ROOT))).toArray(Plots.Format[]::new)
                : new Plots.Format[] {Plots.Format.PNG};
        for (Example e : all()) {
            for (Path p : Plots.write(e.spec(), out.resolve(e.name()), formats)) {
                System.out.println(p);
            }
        }
    }

    /** A named example. */
    record Example(String name, PlotSpec spec) {
    }

    static List<Example> all() {
        return List.of(
                new Example("mjj_spectrum", spectrum()),
                new Example("significance_scan", scan()),
                new Example("roc_rejection", RocPlot.rejection("ROC curves", rocCurves())),
                new Example("roc_sic", RocPlot.sic("Significance improvement", rocCurves())),
                new Example("sic_vs_rejection", RocPlot.sicVsRejection("Significance improvement against rejection",
                        rocCurves())),
                new Example("features_data_vs_background", features()),
                new Example("training_loss", loss()));
    }

    /** The four-parameter dijet function dN/dm (arbitrary normalisation), x = m / sqrt(s). */
    static double dijet(double m) {
        double x = m / SQRT_S;
        return Math.pow(1 - x, 10.0) / Math.pow(x, 4.5 + 0.3 * Math.log(x));
    }

    static double[] edges() {
        double[] e = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            e[i] = LO + (HI - LO) * i / BINS;
        }
        return e;
    }

    /** Expected background per bin (Simpson integral of the dijet function), scaled to {@code total}. */
    static double[] background(double[] e, double total) {
        double[] b = new double[BINS];
        double sum = 0;
        for (int i = 0; i < BINS; i++) {
            double a = e[i];
            double c = e[i + 1];
            b[i] = (c - a) / 6 * (dijet(a) + 4 * dijet(0.5 * (a + c)) + dijet(c));
            sum += b[i];
        }
        for (int i = 0; i < BINS; i++) {
            b[i] *= total / sum;
        }
        return b;
    }

    static double[] bump(double[] e, double events) {
        NormalDistribution g = new NormalDistribution(null, BUMP_MASS, BUMP_WIDTH);
        double[] s = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            s[i] = events * (g.cumulativeProbability(e[i + 1]) - g.cumulativeProbability(e[i]));
        }
        return s;
    }

    static double[] poisson(double[] mean, long seed) {
        Well19937c rng = new Well19937c(seed);
        double[] n = new double[mean.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = new PoissonDistribution(rng, mean[i], PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
        }
        return n;
    }

    static SpectrumPlot spectrum() {
        double[] e = edges();
        double[] b = background(e, 120_000);
        double[] s = bump(e, BUMP_EVENTS);
        double[] mean = new double[BINS];
        double[] lo = new double[BINS];
        double[] hi = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            mean[i] = b[i] + s[i];
            // an illustrative fit uncertainty growing towards the tail
            double rel = 0.01 + 0.06 * (e[i] - LO) / (HI - LO);
            lo[i] = b[i] * (1 - rel);
            hi[i] = b[i] * (1 + rel);
        }
        return SpectrumPlot.of("Signal-region spectrum after the cut", e, poisson(mean, SEED), b)
                .withSampleLabel("Toy dijet spectrum, √s = 13 TeV")
                .withFitBand(lo, hi).withMaskedWindow(3300, 3700);
    }

    /** Local Z from counting in a +-200 GeV window around each centre, Z0 = sqrt(2(n ln(n/b) - (n - b))). */
    static Curve localZ(String label, double[] n, double[] b, double[] e) {
        List<double[]> pts = new ArrayList<>();
        for (int c = 2; c < BINS - 2; c++) {
            double nn = 0;
            double bb = 0;
            for (int i = c - 2; i <= c + 1; i++) {
                nn += n[i];
                bb += b[i];
            }
            double z = nn > bb ? Math.sqrt(2 * (nn * Math.log(nn / bb) - (nn - bb))) : 0;
            pts.add(new double[] {e[c], z});
        }
        return Curve.of(label, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray());
    }

    static SignificanceScanPlot scan() {
        double[] e = edges();
        double[] b0 = background(e, 120_000);
        double[] s0 = bump(e, BUMP_EVENTS);
        double[] b1 = b0.clone();
        double[] s1 = s0.clone();
        double[] m0 = new double[BINS];
        double[] m1 = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            b1[i] *= 0.01;
            s1[i] *= 0.05;
            s0[i] *= 0.2;
            m0[i] = b0[i] + s0[i];
            m1[i] = b1[i] + s1[i];
        }
        Curve noCut = localZ("No selection", poisson(m0, SEED + 1), b0, e);
        Curve cut = localZ("Classifier cut (1% of background)", poisson(m1, SEED + 2), b1, e);
        double zMax = Arrays.stream(cut.y()).max().orElse(0);
        // crude look-elsewhere correction for illustration: ~ (HI - LO) / 400 GeV independent windows
        NormalDistribution unit = new NormalDistribution();
        double pLocal = unit.cumulativeProbability(-zMax);
        double trials = (HI - LO) / 400;
        double pGlobal = -Math.expm1(trials * Math.log1p(-pLocal));
        double zGlobal = -unit.inverseCumulativeProbability(pGlobal);
        return new SignificanceScanPlot("Bump hunt: local significance", null, List.of(noCut, cut),
                new double[] {3, 5}, OptionalDouble.of(zGlobal));
    }

    /** ROC curves of N(mu, 1) signal scores against N(0, 1) background scores, binomial bands on eps_B. */
    static List<RocCurve> rocCurves() {
        SplittableRandom rng = new SplittableRandom(SEED);
        List<RocCurve> curves = new ArrayList<>();
        String[] labels = {"Weak classifier (Δμ = 1.5)", "Strong classifier (Δμ = 2.5)"};
        double[] shifts = {1.5, 2.5};
        int nS = 5_000;
        int nB = 50_000;
        for (int c = 0; c < shifts.length; c++) {
            double[] sig = new double[nS];
            double[] bkg = new double[nB];
            for (int i = 0; i < nS; i++) {
                sig[i] = gauss(rng) + shifts[c];
            }
            for (int i = 0; i < nB; i++) {
                bkg[i] = gauss(rng);
            }
            Arrays.sort(sig);
            Arrays.sort(bkg);
            int points = 100;
            double[] es = new double[points];
            double[] eb = new double[points];
            double[] lo = new double[points];
            double[] hi = new double[points];
            for (int k = 0; k < points; k++) {
                int nPass = (int) Math.round((k + 1) * (double) nS / points);
                double cut = sig[nS - nPass];
                int pos = Arrays.binarySearch(bkg, cut);
                int above = nB - (pos >= 0 ? pos : -pos - 1);
                es[k] = nPass / (double) nS;
                eb[k] = above / (double) nB;
                double err = Math.sqrt(Math.max(eb[k] * (1 - eb[k]), 1.0 / nB) / nB);
                lo[k] = Math.max(0, eb[k] - err);
                hi[k] = Math.min(1, eb[k] + err);
            }
            curves.add(new RocCurve(labels[c], es, eb, lo, hi));
        }
        return curves;
    }

    static double gauss(SplittableRandom rng) {
        // Box-Muller, one of the pair
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static FeaturePlot features() {
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        int nData = 20_000;
        int nBkg = 80_000;
        int nSig = 400;
        String[] labels = {"m_J1 [GeV]", "Δm_J [GeV]", "τ_21 (J1)", "τ_21 (J2)"};
        double[][] data = new double[4][nData + nSig];
        double[][] bkg = new double[4][nBkg];
        for (int i = 0; i < nData + nSig + nBkg; i++) {
            boolean signal = i >= nData && i < nData + nSig;
            double[] f = signal
                    ? new double[] {500 + 30 * gauss(rng), 400 + 30 * gauss(rng),
                        0.25 + 0.08 * gauss(rng), 0.3 + 0.08 * gauss(rng)}
                    : new double[] {Math.abs(60 + 120 * Math.abs(gauss(rng))), Math.abs(180 * gauss(rng)),
                        0.62 + 0.14 * gauss(rng), 0.65 + 0.13 * gauss(rng)};
            for (int k = 0; k < 4; k++) {
                if (i < nData + nSig) {
                    data[k][i] = f[k];
                } else {
                    bkg[k][i - nData - nSig] = f[k];
                }
            }
        }
        List<FeaturePanel> panels = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            panels.add(FeaturePanel.fromSamples(labels[k], data[k], bkg[k], 40));
        }
        return new FeaturePlot("Signal region: data vs sampled background", "Data (SR)", "Sampled background",
                panels, 2);
    }

    static LossPlot loss() {
        SplittableRandom rng = new SplittableRandom(SEED + 11);
        List<LossCurve> runs = new ArrayList<>();
        String[] labels = {"Fold 1", "Fold 2"};
        for (int r = 0; r < 2; r++) {
            int epochs = 60;
            double[] train = new double[epochs];
            double[] val = new double[epochs];
            for (int i = 0; i < epochs; i++) {
                double t = i + 1;
                train[i] = 0.62 + 0.07 * Math.exp(-t / (8 + 4 * r)) - 0.0006 * t + 0.002 * gauss(rng);
                val[i] = 0.63 + 0.07 * Math.exp(-t / (8 + 4 * r)) + 0.000012 * (t - 25) * (t - 25) * (t > 25 ? 1 : 0)
                        + 0.003 * gauss(rng);
            }
            runs.add(new LossCurve(labels[r], train, val));
        }
        return new LossPlot("Classifier training", "Binary cross-entropy", runs, false);
    }
}
