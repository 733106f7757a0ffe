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

    /**
     * At the edges of the conditioning range the CI-sized GAN is pulled towards the middle, by an amount that depends
     * on the processor's PyTorch kernels: feature 0 at c = 0.1 came out 0.26 sd low on an AMD EPYC and within 0.18 sd
     * on an Intel Xeon (same seed, same code). 0.4 sd still fails a generator that ignores the conditioning: the
     * means at c = 0.1 and 0.5 differ by 0.8 sd in features 0 and 1.
     */
    @Override
    double edgeMeanTolerance() {
        return 0.4;
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
