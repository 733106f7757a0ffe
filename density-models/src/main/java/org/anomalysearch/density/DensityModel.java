package org.anomalysearch.density;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anomalysearch.core.region.Region;

/**
 * A fitted, immutable density model of background features conditioned on mjj.
 *
 * <p>Implementations sample in plain Java: {@link #sample} needs no native engine, is deterministic for a given
 * seed, and gives the same rows after {@link #save}/{@link DensityModels#load}.
 */
public interface DensityModel {

    /** The model kind written to and checked in saved directories, e.g. {@code "cvae"}, {@code "cgan"}. */
    String kind();

    /** The modelled feature names, in the column order of {@link #sample}'s rows. */
    List<String> features();

    /** The sideband mjj range the model was fitted on; sampling outside it is rejected. */
    Region conditioningRange();

    /**
     * One sample of the features per conditioning value: {@code result[i]} is drawn from p(x | mjj[i]).
     *
     * @throws org.anomalysearch.core.InvalidInputException if an mjj value is not finite or lies outside
     *         {@link #conditioningRange()}
     */
    double[][] sample(double[] mjj, long seed);

    /** Per-epoch training curves. */
    LossHistory lossHistory();

    /** Provenance and training metadata: kind, seed, configuration, data size, versions, early-stopping epoch. */
    Map<String, String> provenance();

    /** Writes the model to {@code dir} (created if needed): metadata first, weights second. */
    void save(Path dir) throws IOException;
}
