package org.anomalysearch.jobs.bench;

import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.density.FlowConfig;

/**
 * Runs the density benchmarks from the command line (until a {@code bench density} subcommand exists).
 *
 * <p>Usage: {@code DensityBenchmarkMain quality <dijet_pythia dir> <out dir> [files=2] [sidebandWidth=0.5]
 * [vaeEpochs=100] [ganEpochs=150] [splits=5] [seed=1]} or
 * {@code DensityBenchmarkMain speed <dijet_pythia dir> <script.py> [events=30000] [epochs=10] [repeats=3] [seed=1]} or
 * {@code DensityBenchmarkMain scale <dijet_pythia dir> [events=500000] [epochs=50] [targetEpochs=50] [seed=1]}.
 */
public final class DensityBenchmarkMain {

    private DensityBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: quality <dir> <out> [files sidebandWidth vaeEpochs ganEpochs splits seed] | "
                    + "speed <dir> <script.py> [events epochs repeats seed]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        if (args[0].equals("quality")) {
            System.out.print(DensityBenchmark.quality(dir, Path.of(args[2]), arg(args, 3, 2), dbl(args, 4, 0.5),
                    arg(args, 5, 100), arg(args, 6, 150), FlowConfig.defaults(),
                    List.of("vae", "gan"), arg(args, 7, 5), arg(args, 8, 1)));
        } else if (args[0].equals("scale")) {
            System.out.print(DensityBenchmark.scale(dir, arg(args, 2, 500000), arg(args, 3, 50), arg(args, 4, 50),
                    arg(args, 5, 1)));
        } else {
            System.out.print(DensityBenchmark.speed(dir, Path.of(args[2]), arg(args, 3, 30000), arg(args, 4, 10),
                    arg(args, 5, 3), arg(args, 6, 1)));
        }
    }

    private static int arg(String[] a, int i, int def) {
        return a.length > i ? Integer.parseInt(a[i]) : def;
    }

    private static double dbl(String[] a, int i, double def) {
        return a.length > i ? Double.parseDouble(a[i]) : def;
    }
}
