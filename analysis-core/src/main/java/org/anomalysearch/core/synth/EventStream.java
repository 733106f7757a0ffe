package org.anomalysearch.core.synth;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.core.event.Jet;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.Selection;

/**
 * The events of a {@link SyntheticGenerator}, one at a time (ids 0, 1, ...). Keeps a cut flow of every draw,
 * for background and signal separately, so the selection efficiency can be reported.
 */
public final class EventStream implements Iterator<DijetEvent> {

    /** Consecutive rejected draws after which the generator gives up. */
    static final int MAX_CONSECUTIVE_REJECTS = 1_000_000;

    private final GeneratorSettings s;
    private final Selection selection;
    private final MjjSampler mjj;
    private final SplittableRandom rng;
    private final long[] signalPositions;
    private final long total;
    private final CutFlow bgFlow;
    private final CutFlow sigFlow;
    private long next;
    private int nextSignal;

    EventStream(GeneratorSettings settings, Selection selection, MjjSampler mjj, long seed) {
        this.s = settings;
        this.selection = selection;
        this.mjj = mjj;
        this.rng = new SplittableRandom(Seeds.derive(seed, "synth.events"));
        this.total = settings.total();
        this.signalPositions = choosePositions(settings.nSignal(), total,
                new SplittableRandom(Seeds.derive(seed, "synth.signalPositions")));
        this.bgFlow = selection.newCutFlow();
        this.sigFlow = selection.newCutFlow();
    }

    /** Floyd's algorithm: k distinct positions in [0, n), sorted. */
    static long[] choosePositions(long k, long n, SplittableRandom r) {
        Set<Long> chosen = new HashSet<>();
        for (long j = n - k; j < n; j++) {
            long t = r.nextLong(j + 1);
            if (!chosen.add(t)) {
                chosen.add(j);
            }
        }
        long[] out = new long[chosen.size()];
        int i = 0;
        for (Long v : chosen) {
            out[i++] = v;
        }
        Arrays.sort(out);
        return out;
    }

    @Override
    public boolean hasNext() {
        return next < total;
    }

    /** Events not yet drawn. */
    public long remaining() {
        return total - next;
    }

    @Override
    public DijetEvent next() {
        if (next >= total) {
            throw new NoSuchElementException();
        }
        boolean signal = nextSignal < signalPositions.length && signalPositions[nextSignal] == next;
        if (signal) {
            nextSignal++;
        }
        long id = next++;
        CutFlow flow = signal ? sigFlow : bgFlow;
        for (int attempt = 0; attempt < MAX_CONSECUTIVE_REJECTS; attempt++) {
            DijetEvent e = signal ? drawSignal(id) : drawBackground(id);
            if (e == null) {
                continue; // kinematically impossible draw: redraw (not a selection failure)
            }
            if (!s.applySelection()) {
                selection.apply(e, flow);
                return e;
            }
            if (selection.apply(e, flow)) {
                return e;
            }
        }
        throw new AnalysisException("the synthetic generator drew " + MAX_CONSECUTIVE_REJECTS + " "
                + (signal ? "signal" : "background") + " events in a row that all failed the selection "
                + selection.names(), signal ? "the signal mass mA = " + s.mA() + " GeV is too low for the selection"
                : "raise generate.mjjMin / mjjMax or loosen the selection");
    }

    /** Cut flow of every background draw (including redrawn ones). */
    public CutFlow backgroundCutFlow() {
        return bgFlow.copy();
    }

    /** Cut flow of every signal draw (including redrawn ones). */
    public CutFlow signalCutFlow() {
        return sigFlow.copy();
    }

    // ----------------------------------------------------------------------------------------------------------

    private double gauss() {
        // Marsaglia polar method on nextDouble: stable across JDK versions
        if (haveSpare) {
            haveSpare = false;
            return spare;
        }
        double u;
        double v;
        double q;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = Math.sqrt(-2 * Math.log(q) / q);
        spare = v * f;
        haveSpare = true;
        return u * f;
    }

    private boolean haveSpare;
    private double spare;

    private double exponential(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A logit-normal value on (0, scale) with approximate mean {@code mean}. */
    private double logitNormal(double mean, double spread, double scale) {
        double m = Math.min(Math.max(mean / scale, 1e-3), 1 - 1e-3);
        return scale * sigmoid(logit(m) + spread * gauss());
    }

    private DijetEvent drawBackground(long id) {
        double m = mjj.sample(rng);
        // angular distribution: flat in chi = exp(|dy|) up to the partonic pT floor pT0 >= PT_HAT_MIN
        double chiMax = QcdModel.chiMax(m);
        double dy = Math.log(1 + rng.nextDouble() * (chiMax - 1));
        double boostSigma = QcdModel.boostSigma(m);
        // jet masses relative to the partonic pT, m/pT log-normal
        double pt0 = m / (2 * Math.cosh(dy / 2));
        double rhoA = qcdRho(pt0);
        double rhoB = qcdRho(pt0);
        // recoil against extra radiation: a fraction q of pT, split into an imbalance and an azimuthal kick
        double q = rng.nextDouble() < QcdModel.RECOIL_F1 ? exponential(QcdModel.RECOIL_MEAN1)
                : exponential(QcdModel.RECOIL_MEAN2);
        double theta = 0.5 * Math.PI * rng.nextDouble();
        double imbalance = q * Math.cos(theta);
        boolean onA = rng.nextDouble() < 0.5;
        double lossA = QcdModel.MASS_LOSS * rhoA + (onA ? imbalance : 0);
        double lossB = QcdModel.MASS_LOSS * rhoB + (onA ? 0 : imbalance);
        boolean aLeads = lossA <= lossB;
        double lossLead = aLeads ? lossA : lossB;
        double lossSub = aLeads ? lossB : lossA;
        double r = Math.min(1, Math.max(QcdModel.MIN_PT_RATIO, (1 - lossSub) / (1 - lossLead)));
        double dphi = Math.PI - Math.min(QcdModel.PHI_KICK * q * Math.sin(theta), Math.PI / 2);
        double m1 = (aLeads ? rhoA : rhoB) * pt0;
        double m2 = (aLeads ? rhoB : rhoA) * pt0;
        return build(id, 0, m, dy, boostSigma, r, dphi, m1, m2, false);
    }

    private double qcdRho(double pt0) {
        double median = QcdModel.RHO_MEDIAN * Math.pow(pt0 / QcdModel.RHO_PT_REF, QcdModel.RHO_PT_SLOPE);
        return Math.min(QcdModel.RHO_MAX, median * Math.exp(QcdModel.RHO_SIGMA * gauss()));
    }

    private double cappedMixture(double f1, double mean1, double mean2, double cap) {
        double x;
        do {
            x = rng.nextDouble() < f1 ? exponential(mean1) : exponential(mean2);
        } while (x > cap);
        return x;
    }

    private DijetEvent drawSignal(long id) {
        double mB;
        double mC;
        do {
            mB = s.mB() * (1 + s.massResolution() * gauss());
            mC = s.mC() * (1 + s.massResolution() * gauss());
        } while (mB <= 1 || mC <= 1);
        double m;
        do {
            m = s.mA() * (1 + s.signalWidth() * gauss());
        } while (m <= mB + mC || m >= 0.99 * org.anomalysearch.core.fit.DijetFunction.SQRT_S);
        double dy = Math.abs(gauss()) * 0.7;
        double r = 1 - cappedMixture(0.8, 0.025, 0.1, 0.6);
        double dphi = Math.PI - cappedMixture(0.8, 0.02, 0.15, Math.PI / 2);
        boolean bLeads = rng.nextDouble() < 0.5;
        return build(id, 1, m, dy, 0.45, r, dphi, bLeads ? mB : mC, bLeads ? mC : mB, true);
    }

    /**
     * Solves pT1 (pT2 = r pT1) so that the pair with masses m1, m2, rapidity difference dy and azimuth
     * difference dphi has invariant mass mjj; returns null if impossible.
     */
    private DijetEvent build(long id, int label, double mjj, double dy, double boostSigma, double r, double dphi,
                             double m1, double m2, boolean signal) {
        double c = Math.cosh(dy);
        double k = Math.cos(dphi);
        double a1 = m1 * m1;
        double a2 = m2 * m2;
        double big = mjj * mjj - a1 - a2;
        double qa = 4 * r * r * (k * k - c * c);
        double qb = 4 * big * r * k - 4 * c * c * (a1 * r * r + a2);
        double qc = big * big - 4 * c * c * a1 * a2;
        if (!(qc > 0) || !(big > 0)) {
            return null;
        }
        double u;
        if (Math.abs(qa) < 1e-12 * Math.abs(qb)) {
            u = -qc / qb;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) {
                return null;
            }
            u = (-qb - Math.sqrt(disc)) / (2 * qa);
        }
        if (!(u > 0) || big + 2 * r * k * u < 0) {
            return null;
        }
        double pt1 = Math.sqrt(u);
        double pt2 = r * pt1;
        double yb = boostSigma * gauss();
        double sign = rng.nextDouble() < 0.5 ? 1 : -1;
        double y1 = yb + sign * dy / 2;
        double y2 = yb - sign * dy / 2;
        double phi1 = 2 * Math.PI * rng.nextDouble() - Math.PI;
        double phi2 = phi1 + (rng.nextDouble() < 0.5 ? dphi : -dphi);
        FourMomentum p1 = fromPtYPhiM(pt1, y1, phi1, m1);
        FourMomentum p2 = fromPtYPhiM(pt2, y2, phi2, m2);
        Jet j1 = jet(p1, pt1, m1, signal);
        Jet j2 = jet(p2, pt2, m2, signal);
        return new DijetEvent(id, j1, j2, label, 1.0);
    }

    private static FourMomentum fromPtYPhiM(double pt, double y, double phi, double m) {
        double mt = Math.sqrt(pt * pt + m * m);
        return new FourMomentum(pt * Math.cos(phi), pt * Math.sin(phi), mt * Math.sinh(y), mt * Math.cosh(y));
    }

    private Jet jet(FourMomentum p4, double pt, double m, boolean signal) {
        double rho = m / pt;
        double tau1;
        double tau2;
        double tau3;
        if (signal) {
            double tau21 = logitNormal(0.28, 0.8, 1.0);
            tau1 = rho * (0.3 + 0.6 * (1 - Math.exp(-rho / 0.25))) * Math.exp(0.25 * gauss());
            double tau32 = logitNormal(0.7, 0.7, 1.1);
            tau2 = tau21 * tau1;
            tau3 = tau32 * tau2;
        } else {
            double z1 = gauss();
            double z2 = gauss();
            double z3 = gauss();
            double[] c = QcdModel.substructure(rho);
            double g21 = z1;
            double g32 = QcdModel.L21 * z1 + QcdModel.L22 * z2;
            double g1 = QcdModel.L31 * z1 + QcdModel.L32 * z2 + QcdModel.L33 * z3;
            double tau21 = QcdModel.TAU21_SCALE * sigmoid(c[0] + c[1] * g21);
            double tau32 = QcdModel.TAU32_SCALE * sigmoid(c[2] + c[3] * g32);
            tau1 = rho * sigmoid(c[4] + c[5] * g1);
            tau2 = tau21 * tau1;
            tau3 = tau32 * tau2;
        }
        int n = (int) Math.round(65 * Math.pow(pt / 1300, 0.3) * Math.exp(0.43 * gauss()));
        return new Jet(p4, Math.max(2, n), tau1, tau2, tau3);
    }
}
