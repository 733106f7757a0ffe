package org.anomalysearch.density;

/** The contract on the conditional WGAN-GP, CI-sized. */
class GanContractTest extends DensityModelContract {

    @Override
    DensityTrainer trainer() {
        return new GanTrainer(GanConfig.defaults().withHidden(32, 32).withEpochs(200).withBatchSize(32)
                .withLearningRate(3e-4).withEmaDecay(0.995));
    }

    @Override
    DensityTrainer tinyTrainer() {
        return new GanTrainer(GanConfig.defaults().withHidden(16).withEpochs(2).withBatchSize(64));
    }

    /** A GAN at CI size is noisier than the VAE: means within 0.25 sd, sds within 25 %, correlations within 0.25. */
    @Override
    double meanTolerance() {
        return 0.25;
    }

    @Override
    double sdRelTolerance() {
        return 0.25;
    }

    @Override
    double corrTolerance() {
        return 0.25;
    }

    @Override
    String expectedKind() {
        return GanTrainer.KIND;
    }
}
