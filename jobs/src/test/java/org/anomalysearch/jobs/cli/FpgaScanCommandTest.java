package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxMlp;
import org.anomalysearch.fpga.onnx.OnnxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anomaly-search fpga scan} on a hand-built MLP whose labels follow its own float output: wide precisions
 * reach relative AUC 1, the chosen precision is printed and stored, the figures are written.
 */
class FpgaScanCommandTest {

    @TempDir
    Path dir;

    /** 3 inputs -> 6 ReLU -> 1 sigmoid, fixed weights; labels: a noisy threshold on the float output. */
    private Path[] toy() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] w1 = new double[3][6];
        for (double[] row : w1) {
            for (int j = 0; j < 6; j++) {
                row[j] = rnd.nextDouble() * 2 - 1;
            }
        }
        double[][] w2 = {{1.2}, {-0.8}, {0.9}, {-1.1}, {0.7}, {1.0}};
        MlpWeights w = new MlpWeights(List.of(w1, w2), List.of(new double[6], new double[] {0.1}),
                List.of(MlpWeights.Activation.RELU, MlpWeights.Activation.SIGMOID), List.of("x", "y", "z"));
        Path model = dir.resolve("toy.onnx");
        OnnxWriter.write(w, Map.of(), model);
        OnnxMlp mlp = w.toOnnxMlp();
        List<String> lines = new ArrayList<>();
        lines.add("x,y,z,label");
        for (int e = 0; e < 1500; e++) {
            float[] x = {(float) (rnd.nextDouble() * 4 - 2), (float) (rnd.nextDouble() * 4 - 2),
                (float) (rnd.nextDouble() * 4 - 2)};
            double p = mlp.forwardFloat32(x)[0];
            int label = p + 0.15 * (rnd.nextDouble() - 0.5) > 0.55 ? 1 : 0;
            lines.add(x[0] + "," + x[1] + "," + x[2] + "," + label);
        }
        return new Path[] {model, Files.write(dir.resolve("data.csv"), lines)};
    }

    @Test
    void scansAndChooses() throws IOException {
        Path[] t = toy();
        Path out = dir.resolve("scan");
        Cli r = Cli.run("fpga", "scan", "--model", t[0].toString(), "--data", t[1].toString(), "-o", out.toString(),
                "--widths", "6:16:2", "--integer-bits", "2,3,4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("chosen: fixed<"), r.out());
        for (String f : FpgaScanCommand.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        java.awt.image.BufferedImage heat = javax.imageio.ImageIO.read(out.resolve("relative_auc_heatmap.png").toFile());
        assertEquals(900, heat.getWidth(), "the heat map in the project's plot style");
        assertEquals(640, heat.getHeight());
        String json = Files.readString(out.resolve("scan.json"));
        assertTrue(json.contains("\"chosen\": \"fixed<") && json.contains("\"relativeAuc\""), json);
        assertTrue(json.contains("\"minSelectionOverlap\": 0.9") && json.contains("\"allowOverflows\": false")
                && json.contains("\"rejections\""), json);
        String wide = r.out().lines().filter(l -> l.startsWith("fixed<16,4>")).findFirst().orElseThrow();
        double rel = Double.parseDouble(wide.trim().split("\\s+")[2]);
        assertEquals(1.0, rel, 0.005, r.out());

        // again without --overwrite: refused before any work
        Cli again = Cli.run("fpga", "scan", "--model", t[0].toString(), "--data", t[1].toString(), "-o",
                out.toString());
        assertEquals(AnomalySearch.EXIT_USER_ERROR, again.exitCode());
        assertTrue(again.errorLines().get(0).contains("already exists"), again.err());
    }

    @Test
    void badOptionsAreOneLine() throws IOException {
        Path[] t = toy();
        for (String[] extra : List.of(new String[] {"--widths", "6-18"}, new String[] {"--modes", "RND,SATURATE"},
                new String[] {"--label-column", "y_true"}, new String[] {"--reuse", "5"},
                new String[] {"--target", "0"}, new String[] {"--target", "1.01"},
                new String[] {"--min-overlap", "1.5"})) {
            List<String> args = new ArrayList<>(List.of("fpga", "scan", "--model", t[0].toString(), "--data",
                    t[1].toString(), "-o", dir.resolve("s").toString()));
            args.addAll(List.of(extra));
            Cli r = Cli.run(args.toArray(new String[0]));
            assertEquals(AnomalySearch.EXIT_USER_ERROR, r.exitCode(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.errorLines().size(), r.err());
            assertFalse(Files.exists(dir.resolve("s")), "no output directory left after " + String.join(" ", extra));
        }
    }
}
