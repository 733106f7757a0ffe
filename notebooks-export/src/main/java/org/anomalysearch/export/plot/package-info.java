/**
 * The figures of a search, drawn with JFreeChart in one {@link org.anomalysearch.export.plot.PlotStyle}.
 *
 * <p>Each figure is an immutable spec record that validates its data when built (mismatched lengths, NaN,
 * empty input fail with an {@link org.anomalysearch.core.InvalidInputException} naming the series):
 * {@link org.anomalysearch.export.plot.SpectrumPlot} (mjj spectrum, fit, masked window, pulls),
 * {@link org.anomalysearch.export.plot.SignificanceScanPlot} (local Z vs window centre),
 * {@link org.anomalysearch.export.plot.RocPlot} (rejection or SIC vs signal efficiency),
 * {@link org.anomalysearch.export.plot.FeaturePlot} (data vs sampled background with ratios) and
 * {@link org.anomalysearch.export.plot.LossPlot} (training curves). Specs take plain arrays, so any producer
 * of the numbers can use them. {@link org.anomalysearch.export.plot.Plots#write} renders a spec to PNG, SVG
 * or PDF, each file written to a temporary file and renamed. Spec records copy their arrays in and out;
 * their {@code equals} compares arrays by identity.
 */
package org.anomalysearch.export.plot;
