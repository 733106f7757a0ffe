package org.anomalysearch.core.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anomalysearch.core.InvalidConfigException;
import org.anomalysearch.core.fit.FitFunction;

/**
 * Config section {@code fit}: the background-fit policy of every bump hunt, the inclusive one of {@code run},
 * {@code bumphunt} and the demo, and the sideband fits of the scan's selected spectra. One range, one quality gate.
 *
 * <pre>
 * fit:
 *   lo: auto            # fit range start [GeV], or auto: found from the data (see below)
 *   hi: 7000.0          # fit range end [GeV]
 *   turnOnMargin: 450.0 # auto: the first start tried lies this far above the spectrum's peak
 *   params: auto        # dijet-function parameters of the inclusive fit: 3, 4, 5 or auto (F-test at 5 %)
 *   binWidth: 100.0     # bin width of the inclusive spectrum [GeV] (bins aligned with the signal region)
 *   gate: 0.01          # a fit whose goodness-of-fit p-value is below this is rejected: no excess reported
 *   function: dijet     # dijet, or dijet-turnon: the dijet function times (1 + erf((m - a) / b)) / 2, a and b fitted
 * </pre>
 *
 * <p>{@code lo: auto} ({@link org.anomalysearch.core.fit.FitRange#resolve}): the peak of the unselected mjj spectrum
 * marks the trigger turn-on; starting {@code turnOnMargin} above it, bin edge by bin edge up to
 * {@link #AUTO_SEARCH} GeV further, the first start from which the inclusive fit passes the gate is taken. The
 * start is the same for every bump hunt of the run; it is printed and recorded with the tried starts. With
 * {@code function: dijet-turnon} the turn-on is part of the model, so the first start tried is the bin edge at or below
 * the spectrum's peak ({@code turnOnMargin} is not used) and the search goes on upwards as before; the Python
 * measurement behind it (bench/turnon_spurious.py) and the Java spurious-signal test are in docs/fit-range.md.
 *
 * @param lo           fit range start [GeV], NaN for auto
 * @param hi           fit range end [GeV]
 * @param turnOnMargin auto: distance of the first start tried above the spectrum's peak [GeV], &gt;= 0
 * @param params       3, 4 or 5, or 0 for auto (the F-test choice)
 * @param binWidth     inclusive-spectrum bin width [GeV], &gt; 0
 * @param gate         goodness-of-fit p-value threshold in [0, 1)
 * @param function     the background function's family (default {@link FitFunction#DIJET}); {@code params} counts
 *                     its dijet part
 */
public record FitConfig(double lo, double hi, double turnOnMargin, int params, double binWidth, double gate,
                        FitFunction function) implements Serializable {

    static final List<String> KEYS = List.of("lo", "hi", "turnOnMargin", "params", "binWidth", "gate", "function");

    /** The value of {@code lo} and {@code params} that lets the data choose. */
    public static final String AUTO = "auto";

    /** auto: how far above the first start the search for a passing start goes [GeV]. */
    public static final double AUTO_SEARCH = 600;

    /** The most bins a spectrum may have below {@code hi} (one bin per 0.13 GeV up to 13 TeV). */
    public static final int MAX_BINS = 100_000;

    public FitConfig {
        if (!(hi > 0 && hi < 13000)) {
            throw new InvalidConfigException("fit.hi", "got " + hi + ", expected a mass in (0, 13000) GeV",
                    "default 7000");
        }
        if (!Double.isNaN(lo) && !(lo > 0 && lo < hi)) {
            throw new InvalidConfigException("fit.lo", "got " + lo + ", expected 'auto' or a mass in (0, fit.hi = "
                    + hi + ") GeV", "auto starts the fit where the spectrum is past the trigger turn-on");
        }
        if (!(turnOnMargin >= 0) || !Double.isFinite(turnOnMargin)) {
            throw new InvalidConfigException("fit.turnOnMargin", "got " + turnOnMargin + ", expected >= 0 GeV",
                    "default 450");
        }
        if (params != 0 && (params < 3 || params > 5)) {
            throw new InvalidConfigException("fit.params", "got " + params + ", the dijet function has 3, 4 or 5 "
                    + "parameters", "or auto (the F-test choice)");
        }
        if (!(binWidth > 0) || !Double.isFinite(binWidth)) {
            throw new InvalidConfigException("fit.binWidth", "got " + binWidth + ", expected > 0 GeV", "default 100");
        }
        if (hi / binWidth > MAX_BINS) {
            throw new InvalidConfigException("fit.binWidth", "got " + binWidth + " GeV, which cuts [0, fit.hi = " + hi
                    + "] into " + (long) Math.ceil(hi / binWidth) + " bins, more than " + MAX_BINS,
                    "use at least " + hi / MAX_BINS + " GeV (default 100)");
        }
        if (!(gate >= 0 && gate < 1)) {
            throw new InvalidConfigException("fit.gate", "got " + gate + ", expected a p-value in [0, 1)",
                    "default 0.01; 0 switches the gate off");
        }
        if (function == null) {
            throw new InvalidConfigException("fit.function", "is null, expected one of " + FitFunction.keys(),
                    "default dijet");
        }
    }

    /**
     * lo auto, hi 7000 GeV, margin 450 GeV, params auto, 100 GeV bins, gate 0.01. The margin comes from the
     * spurious-signal test on the shared Pythia QCD pool (docs/fit-range.md): with the leading-jet pT &gt; 1.2 TeV
     * selection the spectrum peaks at 2.65 TeV and fits that start 150-350 GeV above the peak pass the gate but fake a
     * signal of 1.7-2.6 sigma 200 GeV above their start in both independent halves of the pool; from 450 GeV above it
     * the fake is within the pool's statistical noise.
     */
    public static FitConfig defaults() {
        return new FitConfig(Double.NaN, 7000, 450, 0, 100, 0.01, FitFunction.DIJET);
    }

    /**
     * Key {@code params} of section {@code m}: 3, 4 or 5, or 0 for {@value #AUTO} (the F-test's choice); {@code dflt}
     * when absent.
     */
    static int paramsOf(ConfigMap m, int dflt) {
        if (!m.has("params")) {
            return dflt;
        }
        Object raw = m.raw("params");
        if (raw instanceof String s && s.toLowerCase(Locale.ROOT).equals(AUTO)) {
            return 0;
        }
        if (raw instanceof Number) {
            int params = m.getInt("params", 0);
            if (params == 0) {
                throw new InvalidConfigException(m.key("params"), "got 0, expected 3, 4, 5 or auto", null);
            }
            return params;
        }
        throw new InvalidConfigException(m.key("params"), "expected 3, 4, 5 or auto, got " + ConfigMap.describe(raw),
                null);
    }

    public boolean autoLo() {
        return Double.isNaN(lo);
    }

    public boolean autoParams() {
        return params == 0;
    }

    public FitConfig withRange(double newLo, double newHi) {
        return new FitConfig(newLo, newHi, turnOnMargin, params, binWidth, gate, function);
    }

    public FitConfig withParams(int p) {
        return new FitConfig(lo, hi, turnOnMargin, p, binWidth, gate, function);
    }

    public FitConfig withBinWidth(double w) {
        return new FitConfig(lo, hi, turnOnMargin, params, w, gate, function);
    }

    public FitConfig withGate(double g) {
        return new FitConfig(lo, hi, turnOnMargin, params, binWidth, g, function);
    }

    public FitConfig withFunction(FitFunction f) {
        return new FitConfig(lo, hi, turnOnMargin, params, binWidth, gate, f);
    }

    static FitConfig fromMap(String p, Object v) {
        ConfigMap m = ConfigMap.of(p, v, KEYS);
        FitConfig d = defaults();
        double lo = d.lo;
        if (m.has("lo")) {
            Object raw = m.raw("lo");
            if (raw instanceof String s && s.toLowerCase(Locale.ROOT).equals(AUTO)) {
                lo = Double.NaN;
            } else if (raw instanceof Number) {
                lo = m.getDouble("lo", Double.NaN);
            } else {
                throw new InvalidConfigException(m.key("lo"), "expected 'auto' or a mass in GeV, got "
                        + ConfigMap.describe(raw), "auto starts the fit where the spectrum is past the trigger turn-on");
            }
        }
        int params = paramsOf(m, d.params);
        FitFunction function = d.function;
        if (m.has("function")) {
            Object raw = m.raw("function");
            function = raw instanceof String s ? FitFunction.byKey(s) : null;
            if (function == null) {
                throw new InvalidConfigException(m.key("function"), "got " + ConfigMap.describe(raw) + ", expected one of "
                        + FitFunction.keys(), "dijet (default) fits from the plateau; dijet-turnon multiplies it by an "
                        + "error-function turn-on and fits from the spectrum's peak");
            }
        }
        return new FitConfig(lo, m.getDouble("hi", d.hi), m.getDouble("turnOnMargin", d.turnOnMargin), params,
                m.getDouble("binWidth", d.binWidth), m.getDouble("gate", d.gate), function);
    }

    /** The canonical tree (every key, fixed order). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lo", autoLo() ? AUTO : (Object) lo);
        m.put("hi", hi);
        m.put("turnOnMargin", turnOnMargin);
        m.put("params", autoParams() ? AUTO : (Object) params);
        m.put("binWidth", binWidth);
        m.put("gate", gate);
        m.put("function", function.key());
        return m;
    }
}
