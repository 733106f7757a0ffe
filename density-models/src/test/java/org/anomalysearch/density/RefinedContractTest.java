package org.anomalysearch.density;

/**
 * The contract on a refined model ({@link Refinement}): the CI-sized VAE of {@link VaeContractTest}, refined by
 * two small density-ratio classifiers. The refined model must keep everything the contract asks of a model
 * (interpolation into the unseen c, exact save/load of base and classifiers, determinism, clear errors).
 */
class RefinedContractTest extends DensityModelContract {

    static RefineConfig small() {
        return new RefineConfig(new int[] {32, 32}, 20, 3, 128, 1e-3, 0.2, 2, 0.995);
    }

    @Override
    DensityTrainer trainer() {
        return Refinement.trainer(new VaeTrainer(VaeConfig.defaults().withHidden(32, 32).withEpochs(60)
                .withBatchSize(128)), small());
    }

    @Override
    DensityTrainer tinyTrainer() {
        return Refinement.trainer(new VaeTrainer(VaeConfig.defaults().withHidden(16).withEpochs(2).withBatchSize(64)),
                new RefineConfig(new int[] {8}, 2, 1, 64, 1e-3, 0.2, 2, 0.995));
    }

    @Override
    String expectedKind() {
        return Refinement.KIND;
    }
}
