package org.anomalysearch.density;

/** The contract on the conditional VAE in the seed talk's configuration ({@link VaeConfig#classic()}), CI-sized. */
class VaeClassicContractTest extends DensityModelContract {

    @Override
    DensityTrainer trainer() {
        return new VaeTrainer(VaeConfig.classic().withHidden(32, 32).withEpochs(60).withBatchSize(128));
    }

    @Override
    DensityTrainer tinyTrainer() {
        return new VaeTrainer(VaeConfig.classic().withHidden(16).withEpochs(2).withBatchSize(64));
    }

    @Override
    String expectedKind() {
        return VaeTrainer.KIND;
    }
}
