package org.anomalysearch.trigger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.fpga.fixed.FixedType;
import org.anomalysearch.fpga.qat.Compression;
import org.anomalysearch.fpga.qat.FakeQuant;
import org.anomalysearch.fpga.qat.MagnitudePruning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantization-aware training and pruning of the trigger models, on the toy of {@link TriggerModelTest}. */
class TriggerCompressionTest {

    static final String QAT = "fixed<8,3,RND,SAT>";

    @TempDir
    Path tmp;

    static TriggerModel fit(TriggerModelKind kind, Compression c, long seed) {
        TriggerConfig config = new TriggerConfig(kind, new int[] {12, 6}, 3, 2, 128, 3e-3, 0.5, seed, c);
        return new TriggerTrainer(config, null).fit(TriggerModelTest.toy(1200, 1, false), TriggerModelTest.FEATURES,
                Map.of("data", "toy"));
    }

    static List<TriggerModel.Layer> layers(TriggerModel m) {
        List<TriggerModel.Layer> all = new ArrayList<>(m.encoder());
        all.addAll(m.decoder());
        return all;
    }

    static boolean allOnGrid(TriggerModel m, FakeQuant fq) {
        for (TriggerModel.Layer l : layers(m)) {
            for (float[] a : new float[][] {l.w(), l.b()}) {
                for (float v : a) {
                    if (!fq.onGrid(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void qatWeightsLieOnTheGridAndTrainingIsDeterministic() {
        FakeQuant fq = FakeQuant.of(FixedType.parse(QAT));
        Compression qat = TriggerConfig.compression(QAT, 0, 0);
        TriggerModel a = fit(TriggerModelKind.AE, qat, 4);
        TriggerModel b = fit(TriggerModelKind.AE, qat, 4);
        assertTrue(allOnGrid(a, fq), "every saved weight and bias is a value of " + QAT);
        assertFalse(allOnGrid(fit(TriggerModelKind.AE, Compression.NONE, 4), fq),
                "float training does not put its weights on that grid (the check can fail)");
        for (int l = 0; l < layers(a).size(); l++) {
            assertArrayEquals(layers(a).get(l).w(), layers(b).get(l).w(), "same seed, same weights, layer " + l);
            assertArrayEquals(layers(a).get(l).b(), layers(b).get(l).b(), "same seed, same biases, layer " + l);
        }
        double[][] x = TriggerModelTest.toy(300, 2, false);
        assertArrayEquals(a.score(x), b.score(x));
        assertEquals("fixed<8,3,RND,SAT>", a.provenance().get("config.qat"));
        TriggerModel vae = fit(TriggerModelKind.VAE, qat, 4);
        assertTrue(allOnGrid(vae, fq), "VAE encoder on the grid too");
    }

    @Test
    void pruningReachesTheSparsityAndZerosSurviveSaving() throws IOException {
        TriggerModel m = fit(TriggerModelKind.AE, TriggerConfig.compression(null, 0.5, 2), 5);
        for (TriggerModel.Layer l : layers(m)) {
            assertEquals(MagnitudePruning.prunedCount(l.w().length, 0.5), MagnitudePruning.zeros(l.w()),
                    l.in() + "x" + l.out());
            assertEquals(0, MagnitudePruning.zeros(l.b()), "biases are not pruned");
        }
        assertTrue(m.provenance().get("weightSparsity.encoder").startsWith("0.5000 (60/120),0.5000 (36/72)"),
                m.provenance().get("weightSparsity.encoder"));
        assertEquals("2", m.provenance().get("config.finetuneEpochs"));
        m.save(tmp);
        TriggerModel back = TriggerModel.load(tmp);
        for (int l = 0; l < layers(m).size(); l++) {
            assertArrayEquals(layers(m).get(l).w(), layers(back).get(l).w(), "layer " + l);
        }
        // together with QAT: at least the pruned zeros (a kept weight may also round to 0), all on the grid
        TriggerModel both = fit(TriggerModelKind.AE, TriggerConfig.compression(QAT, 0.75, 2), 5);
        assertTrue(allOnGrid(both, FakeQuant.of(FixedType.parse(QAT))));
        for (TriggerModel.Layer l : layers(both)) {
            assertTrue(MagnitudePruning.zeros(l.w()) >= MagnitudePruning.prunedCount(l.w().length, 0.75));
        }
        // the VAE's exported mu rows are pruned to the sparsity on their own
        TriggerModel vae = fit(TriggerModelKind.VAE, TriggerConfig.compression(null, 0.5, 1), 5);
        TriggerModel.Layer mu = vae.encoder().get(vae.encoder().size() - 1);
        assertEquals(MagnitudePruning.prunedCount(mu.w().length, 0.5), MagnitudePruning.zeros(mu.w()));
    }

    @Test
    void badOptionsNameTheOption() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TriggerConfig.compression("fixed<4>", 0, 0));
        assertTrue(e.getMessage().startsWith("--qat: 'fixed<4>' is not a fixed-point type"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TriggerConfig.compression(null, 1.5, 3));
        assertTrue(e.getMessage().startsWith("--prune: is 1.5, expected"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> TriggerConfig.compression(null, 0.5, 0));
        assertTrue(e.getMessage().startsWith("--finetune-epochs: is 0"), e.getMessage());
    }
}
