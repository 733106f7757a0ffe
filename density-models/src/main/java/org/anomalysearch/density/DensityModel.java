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

    /**
     * The name papers give a model of kind {@code kind}, for titles and reports (kinds are file-format names such as
     * "cmaf"); an unknown kind is returned as it is.
     */
    static String displayName(String kind) {
        return switch (kind) {
            case VaeTrainer.KIND -> "Conditional VAE";
            case GanTrainer.KIND -> "Conditional WGAN-GP";
            case FlowModel.KIND -> "Normalising flow (MAF)";
            case Refinement.KIND -> "Refined model (density-ratio reweighted)";
            default -> kind;
        };
    }

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

    /**
     * Whether {@link #logDensity} is available: true for models with an exact likelihood (the flow), false for
     * the VAE and GAN, which can only sample.
     */
    default boolean hasDensity() {
        return false;
    }

    /**
     * The log of the model's density p(x | mjj) in the ORIGINAL feature units (the Jacobian of the preprocessing
     * included), one value per row: {@code result[i] = log p(x[i] | mjj[i])}. A row outside the fitted feature
     * box (the sideband range widened by the preprocessing margin), where the model has no support, gets
     * {@code -infinity}.
     *
     * @throws UnsupportedOperationException for models without an exact likelihood ({@link #hasDensity()} false)
     * @throws org.anomalysearch.core.InvalidInputException for a non-finite feature value, a row of the wrong length,
     *         an mjj value that is not finite or outside {@link #conditioningRange()}, or arrays of different lengths
     */
    default double[] logDensity(double[][] x, double[] mjj) {
        throw new UnsupportedOperationException("the " + kind() + " model has no exact likelihood: exact likelihood "
                + "only for flows (kind \"cmaf\"); fit one with FlowTrainer or 'density fit --model flow'");
    }

    /** Per-epoch training curves. */
    LossHistory lossHistory();

    /** Provenance and training metadata: kind, seed, configuration, data size, versions, early-stopping epoch. */
    Map<String, String> provenance();

    /** Writes the model to {@code dir} (created if needed): metadata first, weights second. */
    void save(Path dir) throws IOException;
}
