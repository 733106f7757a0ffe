package org.anomalysearch.export.plot;

import java.util.List;
import org.anomalysearch.core.InvalidInputException;

/**
 * A grid of values over two integer axes (e.g. total bits W against integer bits I of a fixed-point scan), each cell
 * coloured on a common scale [zLow, zHigh] and printed with its value; empty cells (NaN) are left blank, one cell can
 * be outlined as the chosen one, and notes are printed under the plot.
 *
 * @param title     figure title
 * @param xLabel    x-axis label
 * @param yLabel    y-axis label
 * @param zLabel    colour-scale label
 * @param xs        x categories (cell columns), increasing
 * @param ys        y categories (cell rows), increasing
 * @param z         z[ix][iy], NaN for an empty cell
 * @param zLow      value at the bottom of the colour scale
 * @param zHigh     value at its top (&gt; zLow)
 * @param chosen    {ix, iy} of the outlined cell, or null
 * @param notes     lines printed under the plot
 */
public record HeatMapPlot(String title, String xLabel, String yLabel, String zLabel, int[] xs, int[] ys, double[][] z,
                          double zLow, double zHigh, int[] chosen, List<String> notes) implements PlotSpec {

    public HeatMapPlot {
        title = title == null ? "" : title;
        xs = xs.clone();
        ys = ys.clone();
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (xs.length == 0 || ys.length == 0 || z.length != xs.length) {
            throw new InvalidInputException(Check.SOURCE, "heat map", "needs x and y categories and one column of z "
                    + "per x, got " + xs.length + " x, " + ys.length + " y, " + z.length + " columns", null);
        }
        double[][] copy = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != ys.length) {
                throw new InvalidInputException(Check.SOURCE, "heat map", "column " + i + " has " + z[i].length
                        + " values, expected " + ys.length, null);
            }
            copy[i] = z[i].clone();
        }
        z = copy;
        if (!(zLow < zHigh) || !Double.isFinite(zLow) || !Double.isFinite(zHigh)) {
            throw new InvalidInputException(Check.SOURCE, "colour scale", "needs a finite range zLow < zHigh, got ["
                    + zLow + ", " + zHigh + "]", null);
        }
        if (chosen != null && (chosen.length != 2 || chosen[0] < 0 || chosen[0] >= xs.length || chosen[1] < 0
                || chosen[1] >= ys.length)) {
            throw new InvalidInputException(Check.SOURCE, "chosen cell", "expected {ix, iy} inside the grid", null);
        }
        chosen = chosen == null ? null : chosen.clone();
    }

    @Override
    public int[] xs() {
        return xs.clone();
    }

    @Override
    public int[] ys() {
        return ys.clone();
    }

    @Override
    public double[][] z() {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i].clone();
        }
        return c;
    }

    @Override
    public int[] chosen() {
        return chosen == null ? null : chosen.clone();
    }

    @Override
    public int defaultWidth() {
        return 900;
    }

    @Override
    public int defaultHeight() {
        return 660;
    }
}
