package org.anomalysearch.export.plot;

import java.util.List;
import java.util.OptionalDouble;
import org.anomalysearch.core.InvalidInputException;

/**
 * Local significance Z (in standard deviations) against the centre of the signal-region window, one curve
 * per selection, with optional horizontal reference lines (customarily 3 and 5 sigma) and an optional
 * annotation of the global significance after the look-elsewhere effect.
 *
 * @param title          figure title
 * @param xLabel         x-axis label with unit, e.g. {@code "m_jj [GeV]"}
 * @param scans          one or more curves of (window centre, local Z)
 * @param referenceLines Z values drawn as dashed horizontal lines (may be empty)
 * @param globalZ        the global significance to print on the plot, if known
 * @param globalZIsLowerBound the global Z is a lower bound (no toy reached the data): printed as "Global Z &gt;= ..."
 * @param notComputed    x ranges {lo, hi} of planned windows that were not computed, shaded grey and labelled, so
 *                       a gap in the curves is not read as "no excess there" (may be empty)
 */
public record SignificanceScanPlot(String title, String xLabel, List<Curve> scans, double[] referenceLines,
        OptionalDouble globalZ, boolean globalZIsLowerBound, List<double[]> notComputed) implements PlotSpec {

    /** Without not-computed windows. */
    public SignificanceScanPlot(String title, String xLabel, List<Curve> scans, double[] referenceLines,
                                OptionalDouble globalZ, boolean globalZIsLowerBound) {
        this(title, xLabel, scans, referenceLines, globalZ, globalZIsLowerBound, List.of());
    }

    /** A scan whose global Z, when given, is a value (not a lower bound). */
    public SignificanceScanPlot(String title, String xLabel, List<Curve> scans, double[] referenceLines,
                                OptionalDouble globalZ) {
        this(title, xLabel, scans, referenceLines, globalZ, false);
    }

    public SignificanceScanPlot {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "Window centre m_jj [GeV]" : xLabel;
        scans = Check.nonEmpty("significance scans", scans);
        referenceLines = referenceLines == null ? new double[0] : referenceLines.clone();
        for (double z : referenceLines) {
            if (!Double.isFinite(z)) {
                throw new InvalidInputException(Check.SOURCE, "reference lines", "reference line at " + z
                        + ", expected a finite Z", "pass e.g. {3, 5}");
            }
        }
        globalZ = globalZ == null ? OptionalDouble.empty() : globalZ;
        notComputed = notComputed == null ? List.of() : notComputed.stream().map(double[]::clone).toList();
        for (double[] r : notComputed) {
            if (r.length != 2 || !(r[0] < r[1]) || !Double.isFinite(r[0]) || !Double.isFinite(r[1])) {
                throw new InvalidInputException(Check.SOURCE, "not-computed windows", "range "
                        + java.util.Arrays.toString(r) + ", expected {lo, hi} with lo < hi", "pass the window's x range");
            }
        }
        if (globalZ.isPresent() && !Double.isFinite(globalZ.getAsDouble())) {
            throw new InvalidInputException(Check.SOURCE, "global Z", "global Z is " + globalZ.getAsDouble()
                    + ", expected a finite number", "leave it empty when it is not known");
        }
    }

    /** One scan with reference lines at 3 and 5 sigma and no global Z. */
    public static SignificanceScanPlot of(String title, double[] centres, double[] localZ) {
        return new SignificanceScanPlot(title, null, List.of(Curve.of("Local Z", centres, localZ)),
                new double[] {3, 5}, OptionalDouble.empty());
    }

    /** With the global significance annotated. */
    public SignificanceScanPlot withGlobalZ(double z) {
        return new SignificanceScanPlot(title, xLabel, scans, referenceLines, OptionalDouble.of(z));
    }

    /** With the global significance annotated as a lower bound ("Global Z >= z": no toy reached the data). */
    public SignificanceScanPlot withGlobalZLowerBound(double z) {
        return new SignificanceScanPlot(title, xLabel, scans, referenceLines, OptionalDouble.of(z), true);
    }

    /** With these reference lines instead (none when empty). */
    public SignificanceScanPlot withReferenceLines(double... z) {
        return new SignificanceScanPlot(title, xLabel, scans, z, globalZ, globalZIsLowerBound, notComputed);
    }

    /** With these x ranges {lo, hi} shaded as planned but not computed. */
    public SignificanceScanPlot withNotComputed(List<double[]> ranges) {
        return new SignificanceScanPlot(title, xLabel, scans, referenceLines, globalZ, globalZIsLowerBound, ranges);
    }

    @Override
    public List<double[]> notComputed() {
        return notComputed.stream().map(double[]::clone).toList();
    }

    @Override
    public double[] referenceLines() {
        return referenceLines.clone();
    }
}
