package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
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

    @Parameters(index = "0", paramLabel = "INPUT", description = "Event table (mjj column) or counts CSV (lo,hi,count).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Option(names = "--range", split = ",", paramLabel = "LO,HI",
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
        BumpHuntStep.run(config.withFit(fit), input, output, windowBins, toys, overwrite, spec.commandLine().getOut());
        return 0;
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
