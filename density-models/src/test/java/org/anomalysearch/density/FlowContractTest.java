package org.anomalysearch.density;

/** The contract on the conditional MAF, CI-sized. */
class FlowContractTest extends DensityModelContract {

    @Override
    DensityTrainer trainer() {
        return new FlowTrainer(FlowConfig.defaults().withBlocks(4).withHidden(32).withLayers(1).withEpochs(40)
                .withBatchSize(128).withEnsemble(3));
    }

    @Override
    DensityTrainer tinyTrainer() {
        return new FlowTrainer(FlowConfig.defaults().withBlocks(2).withHidden(8).withEpochs(2).withBatchSize(64));
    }

    @Override
    String expectedKind() {
        return FlowTrainer.KIND;
    }
}
