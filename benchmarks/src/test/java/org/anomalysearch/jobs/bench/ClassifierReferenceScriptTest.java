package org.anomalysearch.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.anomalysearch.cwola.MlpConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The scikit-learn reference of {@link ClassifierBenchmark} ({@code bench/sklearn/classifier_reference.py}): its own
 * checks ({@code test_classifier_reference.py}: the class-weighted MLP equals scikit-learn's with unit weights and
 * its gradient matches finite differences; the CATHODE-recipe ensemble), run when Debian's python3-sklearn is
 * installed; and the benchmark's recipe variants.
 */
class ClassifierReferenceScriptTest {

    private static boolean sklearnPresent() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sklearn").redirectErrorStream(true)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void referenceScriptPassesItsChecks() throws IOException, InterruptedException {
        Assumptions.assumeTrue(sklearnPresent(), "skipped: /usr/bin/python3 with scikit-learn not available");
        Path script = ClassifierBenchmark.locate(Path.of("bench/sklearn/test_classifier_reference.py"));
        Path log = Files.createTempFile("sklearn-ref-test", ".log");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertEquals(true, done, "timed out: " + out);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void recipeVariantsChangeOneSettingEach() {
        MlpConfig c = MlpConfig.cathode().withSeed(3);
        assertEquals(c.withLearningRateSchedule(MlpConfig.LearningRateSchedule.COSINE),
                ClassifierBenchmark.variant(c, "cosine"));
        assertEquals(c.withWeightDecay(1e-5), ClassifierBenchmark.variant(c, "wd1e-5"));
        assertEquals(c.withEpochs(100, 20), ClassifierBenchmark.variant(c, "ens20"));
        assertEquals(c.withBatchSize(512), ClassifierBenchmark.variant(c, "batch512"));
        assertEquals(c.withBalanceClasses(false), ClassifierBenchmark.variant(c, "nobal"));
        assertThrows(IllegalArgumentException.class, () -> ClassifierBenchmark.variant(c, "bigger"));
    }
}
