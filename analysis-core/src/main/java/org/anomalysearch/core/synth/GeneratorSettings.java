package org.anomalysearch.core.synth;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.fit.DijetFunction;

/**
 * What the synthetic LHCO-like generator makes (config section {@code generate}). Masses in GeV.
 *
 * @param nBackground    QCD-like background events to output (default 100,000)
 * @param nSignal        resonant signal events to output, exactly (default 0)
 * @param mA             resonance mass: mjj peaks here (default 3500)
 * @param mB             mass of the first daughter jet (default 500)
 * @param mC             mass of the second daughter jet (default 100)
 * @param signalWidth    relative Gaussian width of the signal mjj peak (default 0.05)
 * @param massResolution relative Gaussian resolution of the signal jet masses (default 0.07)
 * @param mjjMin         lower end of the background mjj range before selection (default 2000; below that hardly any event passes the default selection)
 * @param mjjMax         upper end of the background mjj range (default 8000)
 * @param dijetParams    parameters p1.. of the background's 4-parameter dijet function (p0 = 1 is implied;
 *                       default [-2.45, 19.13, 4.93]: the spectrum before the selection, fitted
 *                       so that after the default selection it matches ../shared/data/dijet_pythia qcd_full)
 * @param applySelection if true (default), only events passing the analysis selection are output; rejected
 *                       draws are redrawn, so the counts stay exact and the mjj spectrum shows the turn-on
 * @param chunkSize      events per {@link org.anomalysearch.core.event.EventBatch} (default 100,000)
 */
public record GeneratorSettings(long nBackground, long nSignal, double mA, double mB, double mC, double signalWidth,
                                double massResolution, double mjjMin, double mjjMax, List<Double> dijetParams,
                                boolean applySelection, int chunkSize) implements Serializable {

    public static final List<Double> DEFAULT_DIJET_PARAMS = List.of(-2.45, 19.13, 4.93);

    public GeneratorSettings {
        dijetParams = List.copyOf(dijetParams);
        if (nBackground < 0) {
            throw new InvalidConfigException("generate.nBackground", "must be >= 0, got " + nBackground, null);
        }
        if (nSignal < 0) {
            throw new InvalidConfigException("generate.nSignal", "must be >= 0, got " + nSignal, null);
        }
        if (nSignal > Integer.MAX_VALUE / 4) {
            throw new InvalidConfigException("generate.nSignal", "must be <= " + Integer.MAX_VALUE / 4 + ", got " + nSignal,
                    null);
        }
        positive("generate.mB", mB);
        positive("generate.mC", mC);
        positive("generate.mA", mA);
        if (!(mA > mB + mC)) {
            throw new InvalidConfigException("generate.mA", "must exceed mB + mC = " + (mB + mC) + " GeV, got " + mA,
                    "A decays to B and C");
        }
        if (!(mA < DijetFunction.SQRT_S)) {
            throw new InvalidConfigException("generate.mA", "must be below 13000 GeV, got " + mA, null);
        }
        if (!(signalWidth > 0 && signalWidth < 0.5)) {
            throw new InvalidConfigException("generate.signalWidth", "relative width must be in (0, 0.5), got " + signalWidth,
                    "e.g. 0.05 for 5 %");
        }
        if (!(massResolution > 0 && massResolution < 0.5)) {
            throw new InvalidConfigException("generate.massResolution", "relative resolution must be in (0, 0.5), got "
                    + massResolution, "e.g. 0.07 for 7 %");
        }
        if (!(mjjMin > 0) || !(mjjMax > mjjMin) || !(mjjMax < DijetFunction.SQRT_S)) {
            throw new InvalidConfigException("generate.mjjMin", "need 0 < mjjMin < mjjMax < 13000 GeV, got mjjMin "
                    + mjjMin + " and mjjMax " + mjjMax, null);
        }
        if (dijetParams.size() < 2 || dijetParams.size() > 4) {
            throw new InvalidConfigException("generate.dijetParams", "needs 2 to 4 numbers p1.. (p0 = 1 is implied), got "
                    + dijetParams.size(), "e.g. " + DEFAULT_DIJET_PARAMS);
        }
        for (Double v : dijetParams) {
            if (v == null || !Double.isFinite(v)) {
                throw new InvalidConfigException("generate.dijetParams", "must be finite numbers, got " + dijetParams, null);
            }
        }
        if (chunkSize < 1) {
            throw new InvalidConfigException("generate.chunkSize", "must be >= 1, got " + chunkSize, null);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidConfigException(key, "must be a positive mass in GeV, got " + v, null);
        }
    }

    /** The defaults listed above. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(100_000, 0, 3500, 500, 100, 0.05, 0.07, 2000, 8000, DEFAULT_DIJET_PARAMS, true,
                100_000);
    }

    public GeneratorSettings withCounts(long nBackground, long nSignal) {
        return new GeneratorSettings(nBackground, nSignal, mA, mB, mC, signalWidth, massResolution, mjjMin, mjjMax,
                dijetParams, applySelection, chunkSize);
    }

    public GeneratorSettings withMasses(double mA, double mB, double mC) {
        return new GeneratorSettings(nBackground, nSignal, mA, mB, mC, signalWidth, massResolution, mjjMin, mjjMax,
                dijetParams, applySelection, chunkSize);
    }

    public GeneratorSettings withMjjRange(double mjjMin, double mjjMax) {
        return new GeneratorSettings(nBackground, nSignal, mA, mB, mC, signalWidth, massResolution, mjjMin, mjjMax,
                dijetParams, applySelection, chunkSize);
    }

    public GeneratorSettings withApplySelection(boolean applySelection) {
        return new GeneratorSettings(nBackground, nSignal, mA, mB, mC, signalWidth, massResolution, mjjMin, mjjMax,
                dijetParams, applySelection, chunkSize);
    }

    public GeneratorSettings withChunkSize(int chunkSize) {
        return new GeneratorSettings(nBackground, nSignal, mA, mB, mC, signalWidth, massResolution, mjjMin, mjjMax,
                dijetParams, applySelection, chunkSize);
    }

    /** The background's dijet function, p0 = 1 followed by {@link #dijetParams()}. */
    public DijetFunction dijetFunction() {
        double[] p = new double[dijetParams.size() + 1];
        p[0] = 1.0;
        for (int i = 0; i < dijetParams.size(); i++) {
            p[i + 1] = dijetParams.get(i);
        }
        return DijetFunction.of(p);
    }

    public long total() {
        return nBackground + nSignal;
    }
}
