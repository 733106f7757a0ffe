package org.anomalysearch.export.plot;

import org.anomalysearch.core.InvalidInputException;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * The binned mjj spectrum with its background fit: data points with Poisson error bars, the fit as a line
 * (optionally with an uncertainty band), the masked signal-region window shaded, on a log y axis, and a pull
 * panel below sharing the x axis.
 *
 * <p>Build with {@link #of} and the {@code with...} methods. All arrays are per bin; {@code fit} is the
 * expected count in each bin (the fit function integrated over the bin), so pulls compare like with like.
 *
 * @param title     figure title
 * @param xLabel    x-axis label with unit, e.g. {@code "m_jj [GeV]"}
 * @param yLabel    y-axis label, e.g. {@code "Events / bin"}
 * @param edges     n + 1 strictly increasing bin edges
 * @param counts    n observed counts, >= 0
 * @param fit       n expected counts from the background fit, > 0
 * @param fitLow    lower edge of the fit uncertainty band per bin, or null
 * @param fitHigh   upper edge of the fit uncertainty band per bin, or null
 * @param masked    the signal-region window excluded from the fit, or null
 * @param errorBars how the data error bars are computed
 * @param pullMode  how the pull denominator is computed
 * @param label     the sample label printed above the plot (e.g. "Pythia 8, √s = 13 TeV"); empty: none
 */
public record SpectrumPlot(String title, String xLabel, String yLabel, double[] edges, double[] counts,
        double[] fit, double[] fitLow, double[] fitHigh, Window masked, ErrorBars errorBars, PullMode pullMode,
        String label) implements PlotSpec {

    /** Default x-axis label. */
    public static final String MJJ_LABEL = "m_jj [GeV]";
    /** Coverage of a one-sigma central interval. */
    static final double ONE_SIGMA = 0.6826894921370859;

    /** A closed mjj window [low, high], e.g. the masked signal region. */
    public record Window(double low, double high) {
        public Window {
            if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
                throw new InvalidInputException(Check.SOURCE, "masked window", "expected finite low < high, found ["
                        + low + ", " + high + "]", "give the signal region as [low, high] in the units of the x axis");
            }
        }
    }

    /** Data error bars. */
    public enum ErrorBars {
        /** Symmetric sqrt(n); no bar for an empty bin. */
        SQRT_N,
        /** Garwood's exact 68.27 % central Poisson interval (upper bar 1.84 for n = 0), the default. */
        GARWOOD
    }

    /** The denominator sigma of the pull (data - fit) / sigma. */
    public enum PullMode {
        /** sigma = sqrt(fit): the Pearson residual, defined for every bin, the default. */
        FIT,
        /** sigma = the data error bar on the side of the fit (upper bar if data < fit); sqrt(fit) when it is 0. */
        DATA
    }

    public SpectrumPlot {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? MJJ_LABEL : xLabel;
        label = label == null ? "" : label;
        counts = Check.finite("data", "counts", counts);
        Check.nonNegative("data", "counts", counts);
        edges = Check.edges("data", edges, counts.length);
        yLabel = yLabel == null ? eventsPerBin(edges, xLabel) : yLabel;
        fit = Check.finite("fit", "fit", fit);
        Check.sameLength("fit", "fit", fit, "counts", counts.length);
        for (int i = 0; i < fit.length; i++) {
            if (!(fit[i] > 0)) {
                throw Check.bad("fit", "fit[" + i + "] = " + fit[i] + ", expected a positive expected count",
                        "evaluate the background fit as expected events per bin; a dijet function is positive");
            }
        }
        fitLow = Check.optionalFinite("fit band", "lower", fitLow);
        fitHigh = Check.optionalFinite("fit band", "upper", fitHigh);
        Check.sameLength("fit band", "lower", fitLow, "counts", counts.length);
        Check.sameLength("fit band", "upper", fitHigh, "counts", counts.length);
        Check.bandOrdered("fit band", fitLow, fit, fitHigh);
        if (masked != null && (masked.high() <= edges[0] || masked.low() >= edges[edges.length - 1])) {
            throw new InvalidInputException(Check.SOURCE, "masked window", "window [" + masked.low() + ", "
                    + masked.high() + "] lies outside the histogram range [" + edges[0] + ", "
                    + edges[edges.length - 1] + "]", "check that the window and the bins use the same units");
        }
        errorBars = errorBars == null ? ErrorBars.GARWOOD : errorBars;
        pullMode = pullMode == null ? PullMode.FIT : pullMode;
    }

    /** A spectrum with Garwood error bars, Pearson pulls, no band and no masked window. */
    public static SpectrumPlot of(String title, double[] edges, double[] counts, double[] fit) {
        return new SpectrumPlot(title, MJJ_LABEL, null, edges, counts, fit, null, null, null, null, null, null);
    }

    /** With a fit uncertainty band [low, high] per bin. */
    public SpectrumPlot withFitBand(double[] low, double[] high) {
        return new SpectrumPlot(title, xLabel, yLabel, edges, counts, fit, low, high, masked, errorBars, pullMode,
                label);
    }

    /** With the masked signal-region window [low, high] shaded. */
    public SpectrumPlot withMaskedWindow(double low, double high) {
        return new SpectrumPlot(title, xLabel, yLabel, edges, counts, fit, fitLow, fitHigh, new Window(low, high),
                errorBars, pullMode, label);
    }

    /** With other axis labels (a null y label: "Events / bin width unit", or "Events / bin" for uneven bins). */
    public SpectrumPlot withLabels(String x, String y) {
        return new SpectrumPlot(title, x, y, edges, counts, fit, fitLow, fitHigh, masked, errorBars, pullMode, label);
    }

    /** With the sample label printed above the plot, e.g. "Pythia 8, √s = 13 TeV". */
    public SpectrumPlot withSampleLabel(String sample) {
        return new SpectrumPlot(title, xLabel, yLabel, edges, counts, fit, fitLow, fitHigh, masked, errorBars,
                pullMode, sample);
    }

    /**
     * The y label of counts per bin: "Events / 100 GeV" for bins of one width (the unit from the x label's
     * brackets), "Events / bin" for bins of several widths.
     */
    static String eventsPerBin(double[] edges, String xLabel) {
        double w = edges[1] - edges[0];
        for (int i = 1; i + 1 < edges.length; i++) {
            if (Math.abs(edges[i + 1] - edges[i] - w) > 1e-6 * Math.abs(w)) {
                return "Events / bin";
            }
        }
        int open = xLabel.lastIndexOf('[');
        int close = xLabel.lastIndexOf(']');
        String unit = open >= 0 && close > open ? " " + xLabel.substring(open + 1, close) : "";
        String width = w == Math.rint(w) ? Long.toString((long) w) : new java.text.DecimalFormat("0.###").format(w);
        return "Events / " + width + unit;
    }

    /** With another error-bar and pull convention. */
    public SpectrumPlot withErrors(ErrorBars bars, PullMode pullMode) {
        return new SpectrumPlot(title, xLabel, yLabel, edges, counts, fit, fitLow, fitHigh, masked, bars,
                pullMode, label);
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** Whether a fit band is drawn. */
    public boolean hasFitBand() {
        return fitLow != null;
    }

    /** The lower end of the data error bar of each bin (a count, not a length). */
    public double[] dataLow() {
        double[] lo = new double[counts.length];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = errorBars == ErrorBars.GARWOOD ? garwood(counts[i])[0]
                    : counts[i] - Math.sqrt(counts[i]);
        }
        return lo;
    }

    /** The upper end of the data error bar of each bin. */
    public double[] dataHigh() {
        double[] hi = new double[counts.length];
        for (int i = 0; i < hi.length; i++) {
            hi[i] = errorBars == ErrorBars.GARWOOD ? garwood(counts[i])[1]
                    : counts[i] + Math.sqrt(counts[i]);
        }
        return hi;
    }

    /** (data - fit) / sigma per bin, sigma as chosen by {@link #pullMode()}. */
    public double[] pullValues() {
        double[] lo = dataLow();
        double[] hi = dataHigh();
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) {
            double sigma = Math.sqrt(fit[i]);
            if (pullMode == PullMode.DATA) {
                double s = counts[i] < fit[i] ? hi[i] - counts[i] : counts[i] - lo[i];
                if (s > 0) {
                    sigma = s;
                }
            }
            p[i] = (counts[i] - fit[i]) / sigma;
        }
        return p;
    }

    /**
     * Garwood's central interval [low, high] for an observed Poisson count n with 68.27 % coverage: the
     * Gamma(n, 1) quantile at (1 - CL) / 2 and the Gamma(n + 1, 1) quantile at (1 + CL) / 2.
     */
    public static double[] garwood(double n) {
        double alpha = 1 - ONE_SIGMA;
        double low = n <= 0 ? 0 : new GammaDistribution(null, n, 1).inverseCumulativeProbability(alpha / 2);
        double high = new GammaDistribution(null, n + 1, 1).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {low, high};
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    @Override
    public double[] fit() {
        return fit.clone();
    }

    @Override
    public double[] fitLow() {
        return Check.copy(fitLow);
    }

    @Override
    public double[] fitHigh() {
        return Check.copy(fitHigh);
    }

    @Override
    public int defaultHeight() {
        return 700;
    }
}
