package org.anomalysearch.results;

import java.io.Serializable;
import java.util.List;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.region.RegionSet;

/**
 * One computed window of the scan, as the window stage returns it (shipped back from a Spark task, hence
 * serializable), checkpoints it and results.json holds it. Masses in GeV, counts in events. The headline
 * ({@code selectedEvents}, {@code expectedBackground}, {@code localZ}) is the efficiency with the smallest local p.
 *
 * @param lowSideband        [lo, hi] GeV
 * @param signalRegion       [lo, hi] GeV
 * @param highSideband       [lo, hi] GeV
 * @param sidebandEvents     selected events in the sidebands
 * @param signalRegionEvents selected events in the signal region
 * @param selectedEvents     SR events passing the headline efficiency's cut
 * @param expectedBackground background expected among them
 * @param localZ             the headline local significance
 * @param bestEfficiency     the headline efficiency (NaN for a stage without efficiencies)
 * @param sampledEvents      synthetic SR background events sampled from the density model (from all K
 *                           models when cross-fitted, {@code crossFitFolds})
 * @param fitLo              the selected spectra's fit range start [GeV] (NaN without fits)
 * @param fitHi              its end [GeV]
 * @param edges              the fit bins' edges [GeV] (empty without fits)
 * @param labels             truth-label numbers (null when the data carry no labels)
 * @param efficiencies       per efficiency of the search, in the configured order
 */
public record ScanWindow(double[] lowSideband, double[] signalRegion, double[] highSideband, long sidebandEvents,
                         long signalRegionEvents, long selectedEvents, double expectedBackground, double localZ,
                         double bestEfficiency, long sampledEvents, double fitLo, double fitHi, double[] edges,
                         Labels labels, List<Efficiency> efficiencies) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ScanWindow {
        efficiencies = efficiencies == null ? List.of() : List.copyOf(efficiencies);
        edges = edges == null ? new double[0] : edges;
    }

    /** A window of a stage without efficiencies or fits: the counts and the headline only. */
    public static ScanWindow counts(RegionSet w, long sidebandEvents, long signalRegionEvents, long selectedEvents,
                                    double expectedBackground, double localZ) {
        return new ScanWindow(range(w.lowSideband()), range(w.signal()), range(w.highSideband()), sidebandEvents,
                signalRegionEvents, selectedEvents, expectedBackground, localZ, Double.NaN, 0, Double.NaN, Double.NaN,
                new double[0], null, List.of());
    }

    /** [lo, hi] of {@code r}. */
    public static double[] range(Region r) {
        return new double[] {r.lo(), r.hi()};
    }

    /** The window's regions. */
    public RegionSet window() {
        return new RegionSet(new Region(lowSideband[0], lowSideband[1]), new Region(signalRegion[0], signalRegion[1]),
                new Region(highSideband[0], highSideband[1]));
    }

    /** The entry of efficiency {@code e}, or null. */
    public Efficiency at(double e) {
        for (Efficiency x : efficiencies) {
            if (Double.compare(x.efficiency(), e) == 0) {
                return x;
            }
        }
        return null;
    }

    /**
     * With truth labels in the signal region.
     *
     * @param signalInSR signal events in the SR
     * @param sicMax     the classifier's max significance improvement on the SR data (NaN with fewer than 25
     *                   background events)
     * @param sicTpr     its signal efficiency
     * @param sicFpr     its background efficiency
     */
    public record Labels(long signalInSR, double sicMax, double sicTpr, double sicFpr) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The cut at one efficiency and the sideband fit of the spectrum it selects.
     *
     * @param efficiency     the fraction of SR data the cut keeps
     * @param threshold      the classifier score cut
     * @param selected       SR events passing
     * @param selectedInFit  events of the fit range passing
     * @param selectedSignal signal events among {@code selected} (null without labels)
     * @param expected       the masked fit's SR prediction (0 when the fit failed)
     * @param expectedError  its uncertainty
     * @param localZ         local significance (0 when the fit failed or was rejected)
     * @param localP         local p-value (1 when the fit failed or was rejected)
     * @param zSigned        signed local significance
     * @param fitFailed      the fit did not converge ({@code fit} is then null)
     * @param fit            the selected spectrum's masked fit
     * @param template       the template method (diagnostic only)
     * @param counts         the selected events per fit bin
     */
    public record Efficiency(double efficiency, double threshold, long selected, long selectedInFit,
                             Long selectedSignal, double expected, double expectedError, double localZ, double localP,
                             double zSigned, boolean fitFailed, SelectedFit fit, Template template, double[] counts)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param maskWidened the SR mask was widened by half the SR's width on either side (the first fit failed the gate)
     * @param pearsonChi2 Pearson chi2
     * @param deviance    Poisson deviance
     * @param ndf         degrees of freedom
     * @param pValue      goodness-of-fit p-value
     * @param rejected    the fit failed the quality gate: no excess reported (p = 1)
     * @param expected    the fit's expectation per fit bin, SR included (the scan's toys are drawn from it)
     */
    public record SelectedFit(boolean maskWidened, double pearsonChi2, double deviance, int ndf, double pValue,
                              boolean rejected, double[] expected) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param sampledPass   synthetic background events passing the cut
     * @param expected      SR count x the cut's efficiency on the samples
     * @param expectedError its uncertainty
     * @param localZ        the local Z it would give (far too large with density models: diagnostic only)
     */
    public record Template(long sampledPass, double expected, double expectedError, double localZ)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
