package org.anomalysearch.density;

/** The contract on the conditional WGAN-GP, CI-sized. */
class GanContractTest extends DensityModelContract {

    @Override
    DensityTrainer trainer() {
        return new GanTrainer(GanConfig.defaults().withHidden(32, 32).withEpochs(100).withBatchSize(64)
                .withLearningRate(1e-3));
    }

    @Override
    DensityTrainer tinyTrainer() {
        return new GanTrainer(GanConfig.defaults().withHidden(16).withEpochs(2).withBatchSize(64));
    }

    @Override
    String expectedKind() {
        return GanTrainer.KIND;
    }
}
