package org.anomalysearch.density;

/** The contract on the conditional VAE with its defaults (posterior bank, empirical residuals), CI-sized. */
class VaeContractTest extends DensityModelContract {

    @Override
    DensityTrainer trainer() {
        return new VaeTrainer(VaeConfig.defaults().withHidden(32, 32).withEpochs(60).withBatchSize(128));
    }

    @Override
    DensityTrainer tinyTrainer() {
        return new VaeTrainer(VaeConfig.defaults().withHidden(16).withEpochs(2).withBatchSize(64));
    }

    @Override
    String expectedKind() {
        return VaeTrainer.KIND;
    }
}
