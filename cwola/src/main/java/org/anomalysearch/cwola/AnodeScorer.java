package org.anomalysearch.cwola;

import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.density.DensityModel;
import org.anomalysearch.density.DensityTrainer;
import org.anomalysearch.density.SidebandData;

/**
 * ANODE-style anomaly score (Nachman and Shih, arXiv:2001.04990): the log-likelihood ratio
 * {@code R(x | mjj) = log p_data(x | mjj) - log p_bkg(x | mjj)} of a density model of the signal-region data and
 * the background model interpolated from the sidebands. Both need an exact likelihood
 * ({@link DensityModel#hasDensity()}, e.g. the conditional flow).
 *
 * <p>k-fold, as the CWoLa classifiers: the data model that scores an event was fitted on the other folds (fold =
 * {@link KFoldScorer#fold} of the event id), so no event is scored by a model that saw it. An event outside the
 * data model's fitted feature box gets {@code log p_data = -infinity} and the lowest score; one outside the
 * background model's box but inside the data model's gets {@code +infinity} (the background model gives it no
 * support). The mjj of a held-out event is clamped into the data model's conditioning range (the other folds'
 * mjj span, which can be narrower by a few GeV).
 */
public final class AnodeScorer {

    private AnodeScorer() {
    }

    /**
     * Out-of-fold ANODE scores of the signal-region events.
     *
     * @param dataTrainer the density model fitted to the SR data of the other folds (a flow)
     * @param background  the background model fitted on the sidebands (a flow)
     * @param features    feature names, in the column order of {@code x}
     * @param x           SR events' features
     * @param mjj         SR events' mjj
     * @param ids         SR events' ids (fold assignment)
     * @param k           number of folds (>= 2)
     * @param seed        seed of the fold assignment and of the data models' training
     */
    public static double[] score(DensityTrainer dataTrainer, DensityModel background, List<String> features,
            double[][] x, double[] mjj, long[] ids, int k, long seed) {
        if (!background.hasDensity()) {
            throw new InvalidInputException("background model", "kind", "the " + background.kind()
                    + " model has no exact likelihood", "ANODE needs a flow: fit it with 'density fit --model flow'");
        }
        if (!background.features().equals(features)) {
            throw new InvalidInputException("background model", "features", "models " + background.features()
                    + ", the events have " + features, "fit the background model on the same features");
        }
        if (k < 2 || x.length != mjj.length || x.length != ids.length) {
            throw new IllegalArgumentException("k >= 2 and equal lengths required");
        }
        double[] out = new double[x.length];
        double[] lpb = background.logDensity(x, clamp(mjj, background.conditioningRange()));
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                (KFoldScorer.fold(ids[i], seed, k) == f ? test : train).add(i);
            }
            if (test.isEmpty()) {
                continue;
            }
            double[][] tx = new double[train.size()][];
            double[] tm = new double[train.size()];
            for (int j = 0; j < tx.length; j++) {
                tx[j] = x[train.get(j)];
                tm[j] = mjj[train.get(j)];
            }
            DensityModel data = dataTrainer.fit(SidebandData.of(features, tx, tm), Seeds.derive(seed, "anode.data", f));
            if (!data.hasDensity()) {
                throw new InvalidInputException("data model", "kind", "the " + data.kind()
                        + " model has no exact likelihood", "ANODE needs a flow");
            }
            double[][] ex = new double[test.size()][];
            double[] em = new double[test.size()];
            for (int j = 0; j < ex.length; j++) {
                ex[j] = x[test.get(j)];
                em[j] = mjj[test.get(j)];
            }
            double[] lpd = data.logDensity(ex, clamp(em, data.conditioningRange()));
            for (int j = 0; j < ex.length; j++) {
                int i = test.get(j);
                double r = lpd[j] - lpb[i];
                out[i] = lpd[j] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                        : lpb[i] == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : r;
            }
        }
        return out;
    }

    static double[] clamp(double[] mjj, Region range) {
        double[] c = new double[mjj.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.min(Math.max(mjj[i], range.lo()), range.hi());
        }
        return c;
    }
}
