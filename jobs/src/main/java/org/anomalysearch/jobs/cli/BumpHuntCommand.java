package org.anomalysearch.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
import org.anomalysearch.io.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search bumphunt}: the bump hunt on the mjj spectrum of selected events, with the run's fit policy
 * (the config's {@code fit} section: range found above the trigger turn-on, parameters, quality gate). The inclusive
 * {@link InclusiveBumpHunt} (BumpHunter against the unmasked fit, global significance from refitted toys); then the
 * configured signal region with its bins masked (profile likelihood with the fit uncertainty as a
 * Gaussian-constrained nuisance) and sliding windows the same way. A fit that fails the gate reports no excess.
 */
@Command(name = "bumphunt", mixinStandardHelpOptions = true,
        description = {"Bump hunt on the mjj spectrum of an event table of selected events (Parquet or CSV), or on a "
                + "counts CSV with columns lo,hi,count (GeV).",
            "Writes bumphunt.json and the plots spectrum.png/.svg (fit, masked signal region, pulls) and "
                + "scan.png/.svg (local significance vs window centre) into the output directory."})
final class BumpHuntCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Event tables (mjj column; several files or quoted "
            + "glob patterns are read as one) or one counts CSV (lo,hi,count).")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Option(names = "--range", split = ",", paramLabel = "LO,HI", hideParamSyntax = true,
            description = "Overrides fit.lo,fit.hi: the fit range in GeV (config default: lo auto, the first start "
                    + "above the trigger turn-on whose fit passes the gate; hi 7000). Counts CSVs bring their own bins.")
    double[] range;

    @Option(names = "--bin-width", paramLabel = "GEV",
            description = "Overrides fit.binWidth (config default 100 GeV) for event tables; bins are aligned with the "
                    + "signal region.")
    Double binWidth;

    @Option(names = "--params", paramLabel = "3|4|5|auto",
            description = "Overrides fit.params: dijet function parameters, or 'auto' for the F-test choice (config "
                    + "default auto).")
    String params;

    @Option(names = "--window-bins", defaultValue = "4", paramLabel = "N",
            description = "Width of the scanned windows in bins (default ${DEFAULT-VALUE}).")
    int windowBins;

    @Option(names = "--toys", defaultValue = "1000", paramLabel = "N",
            description = "BumpHunter background-only pseudo-experiments (default ${DEFAULT-VALUE}).")
    int toys;

    @Option(names = "--overwrite", description = "Replace earlier results in the output directory.")
    boolean overwrite;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Spec
    CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = configOptions.load();
        FitConfig fit = config.fit();
        if (range != null) {
            if (range.length != 2 || !(range[0] < range[1])) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--range needs LO,HI with LO < HI in GeV, got " + Arrays.toString(range));
            }
            fit = fit.withRange(range[0], range[1]);
        }
        if (binWidth != null) {
            if (!(binWidth > 0)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bin-width must be > 0, got "
                        + binWidth);
            }
            fit = fit.withBinWidth(binWidth);
        }
        if (params != null) {
            fit = fit.withParams(parseParams(params));
        }
        if (windowBins < 1 || toys < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--window-bins and --toys must be at least 1");
        }
        // every check that needs no events comes before the (long) read of the inputs
        List<Path> input = Inputs.expand(inputs, "INPUT");
        boolean counts = input.size() == 1 && BumpHuntStep.isCountsCsv(input.get(0));
        if (!counts) {
            requireWholeBins(config.regions().signalRegionSet().signal(), fit.binWidth());
            for (Path p : input) {
                Formats.detect(p);
            }
        } else if (binWidth != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bin-width applies to event tables; "
                    + "a counts CSV brings its own bins");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new InvalidInputException(output.toString(), null, "exists and is not a directory",
                    "-o names the output directory");
        }
        try (Common.OutputDir dir = Common.OutputDir.create(output)) {
            BumpHuntStep.run(config.withFit(fit), input, output, windowBins, toys, overwrite,
                    spec.commandLine().getOut());
            dir.commit();
        }
        return 0;
    }

    /** The bins are aligned with the signal region, so its width must be a whole number of them. */
    private void requireWholeBins(Region sr, double width) {
        double n = sr.width() / width;
        if (Math.abs(n - Math.rint(n)) > 1e-6 || Math.rint(n) < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--bin-width %s GeV does not cut the signal region %s GeV (%s GeV wide) into whole bins; choose a "
                    + "width that divides it (e.g. %s GeV) or change regions.signalLo / signalHi",
                    fmt(width), sr, fmt(sr.width()), fmt(divisorBelow(sr.width(), width))));
        }
    }

    /** The largest whole number of GeV at or below {@code width} that divides {@code span} (1 at least). */
    static double divisorBelow(double span, double width) {
        for (long w = (long) Math.floor(width); w > 1; w--) {
            double k = span / w;
            if (Math.abs(k - Math.rint(k)) < 1e-9) {
                return w;
            }
        }
        return 1;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private int parseParams(String p) {
        if (p.equalsIgnoreCase("auto")) {
            return 0;
        }
        return switch (p) {
            case "3" -> 3;
            case "4" -> 4;
            case "5" -> 5;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--params must be 3, 4, 5 or auto, got '" + p + "'");
        };
    }

}
