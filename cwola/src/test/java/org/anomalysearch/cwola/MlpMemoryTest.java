package org.anomalysearch.cwola;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.density.GcStress;
import org.junit.jupiter.api.Test;

/**
 * The same MLP training with the same seed gives the same scores while the garbage collector runs all the time. With
 * tensors on Java buffers (batches, the weights, the zero in max(z, 0) of the loss) the collector could free memory
 * that autograd still read in the backward pass. Run against the MlpTrainer of commit e6065ea this test failed at
 * the first repeat.
 */
class MlpMemoryTest {

    @Test
    void trainingIsRepeatableUnderGarbageCollection() throws InterruptedException {
        EventBatch bkg = Toys.events(3000, 0, 0, 1);
        EventBatch sig = Toys.events(2000, 1000, 10_000, 2);
        TrainingSet set = TrainingSet.of(TrainingMode.IDEALIZED, sig, bkg, Toys.FEATURES);
        double[][] x = TrainingSet.rows(sig, Toys.FEATURES, "test events");
        try (GcStress stress = GcStress.start()) {
            MlpConfig config = MlpConfig.cathode().withHidden(16, 16).withEpochs(4, 2);
            double[] first = new MlpTrainer(config).fit(set, 9).score(x);
            for (int rep = 1; rep < 4; rep++) {
                assertArrayEquals(first, new MlpTrainer(config).fit(set, 9).score(x), 0.0, "training " + (rep + 1));
            }
        }
    }
}
