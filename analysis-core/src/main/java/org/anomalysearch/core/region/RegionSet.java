package org.anomalysearch.core.region;

import java.io.Serializable;
import org.anomalysearch.core.InvalidConfigException;

/**
 * A signal region with its two sidebands: lowSideband.hi == signal.lo and signal.hi == highSideband.lo
 * (the sidebands touch the SR; checked in the constructor). All in GeV of mjj.
 */
public record RegionSet(Region lowSideband, Region signal, Region highSideband) implements Serializable {

    /** Relative tolerance for "touching": edges computed by sums may differ by rounding. */
    static final double TOUCH_TOLERANCE = 1e-9;

    public RegionSet {
        if (lowSideband == null || signal == null || highSideband == null) {
            throw new IllegalArgumentException("a region set needs a low sideband, a signal region and a high sideband");
        }
        if (!touches(lowSideband.hi(), signal.lo())) {
            throw new InvalidConfigException("regions.lowSideband",
                    "the low sideband " + lowSideband + " must end where the signal region " + signal + " starts ("
                            + Region.fmt(signal.lo()) + "), but ends at " + Region.fmt(lowSideband.hi()),
                    "make the sideband's upper edge equal to the SR's lower edge");
        }
        if (!touches(signal.hi(), highSideband.lo())) {
            throw new InvalidConfigException("regions.highSideband",
                    "the high sideband " + highSideband + " must start where the signal region " + signal + " ends ("
                            + Region.fmt(signal.hi()) + "), but starts at " + Region.fmt(highSideband.lo()),
                    "make the sideband's lower edge equal to the SR's upper edge");
        }
    }

    private static boolean touches(double a, double b) {
        return Math.abs(a - b) <= TOUCH_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** A signal region [lo, hi) with sidebands of the given widths on each side. */
    public static RegionSet around(double srLo, double srHi, double lowSidebandWidth, double highSidebandWidth) {
        if (!(lowSidebandWidth > 0) || !(highSidebandWidth > 0)) {
            throw new InvalidConfigException("regions", "sideband widths must be positive, got low "
                    + lowSidebandWidth + " and high " + highSidebandWidth, "give widths in GeV, e.g. 200");
        }
        Region sr = new Region(srLo, srHi);
        return new RegionSet(new Region(srLo - lowSidebandWidth, srLo), sr, new Region(srHi, srHi + highSidebandWidth));
    }

    /** From the low sideband's lower edge to the high sideband's upper edge. */
    public Region span() {
        return new Region(lowSideband.lo(), highSideband.hi());
    }

    /** True if x is in either sideband. */
    public boolean inSideband(double x) {
        return lowSideband.contains(x) || highSideband.contains(x);
    }

    public boolean inSignal(double x) {
        return signal.contains(x);
    }

    /**
     * Checks that the signal region lies inside the data's mjj range [dataMin, dataMax] and that the sidebands
     * overlap it; throws {@link InvalidConfigException} naming the values otherwise. Returns this.
     */
    public RegionSet checkWithin(double dataMin, double dataMax) {
        String range = "[" + Region.fmt(dataMin) + ", " + Region.fmt(dataMax) + "] GeV";
        if (signal.lo() < dataMin || signal.hi() > dataMax) {
            throw new InvalidConfigException("regions.signal",
                    "SR outside the data range: the signal region " + signal + " GeV is not inside the data's mjj range "
                            + range,
                    "choose a signal region within the data, or check the units (GeV, not TeV)");
        }
        if (lowSideband.hi() <= dataMin || !(lowSideband.lo() < dataMax)) {
            throw new InvalidConfigException("regions.lowSideband",
                    "the low sideband " + lowSideband + " GeV holds no data: the data's mjj range is " + range,
                    "move the signal region up or shrink the sideband");
        }
        if (highSideband.lo() >= dataMax) {
            throw new InvalidConfigException("regions.highSideband",
                    "the high sideband " + highSideband + " GeV holds no data: the data's mjj range is " + range,
                    "move the signal region down or shrink the sideband");
        }
        return this;
    }

    @Override
    public String toString() {
        return "SB " + lowSideband + " | SR " + signal + " | SB " + highSideband;
    }
}
