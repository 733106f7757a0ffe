package org.anomalysearch.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.DijetFitter;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitResult;
import org.anomalysearch.core.fit.ModelSelection;
import org.anomalysearch.core.hist.Binning;
import org.anomalysearch.core.hist.HistogramAccumulator;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.WindowScan;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.SignificanceScanPlot;
import org.anomalysearch.export.plot.SpectrumPlot;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anomaly-search bumphunt}: the bump hunt on the mjj spectrum of selected events. Fits the dijet function
 * with the configured signal region masked and gives its local significance (profile likelihood with the fit
 * uncertainty as a Gaussian-constrained nuisance); scans sliding windows the same way; and runs BumpHunter against
 * the unmasked fit with background-only pseudo-experiments for the global significance.
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

    @Option(names = "--range", split = ",", paramLabel = "LO,HI", defaultValue = "2600,7000",
            description = "mjj range of the fit in GeV for event tables (default ${DEFAULT-VALUE}); counts CSVs bring "
                    + "their own bins.")
    double[] range;

    @Option(names = "--bin-width", defaultValue = "100", paramLabel = "GEV",
            description = "Bin width in GeV for event tables (default ${DEFAULT-VALUE}); the signal region must lie on "
                    + "bin edges.")
    double binWidth;

    @Option(names = "--params", defaultValue = "4", paramLabel = "3|4|5|auto",
            description = "Dijet function parameters, or 'auto' for the F-test choice (default ${DEFAULT-VALUE}).")
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

    static final String JSON = "bumphunt.json";
    static final List<String> OUTPUTS = List.of(JSON, "spectrum.png", "spectrum.svg", "scan.png", "scan.svg");

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = configOptions.load();
        if (range.length != 2 || !(range[0] < range[1])) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--range needs LO,HI with LO < HI in GeV, got " + java.util.Arrays.toString(range));
        }
        if (!(binWidth > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bin-width must be > 0, got " + binWidth);
        }
        int nParams = parseParams(params);
        if (windowBins < 1 || toys < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--window-bins and --toys must be at least 1");
        }
        run(config, input, output, range[0], range[1], binWidth, nParams, windowBins, toys, overwrite,
                spec.commandLine().getOut());
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

    /** The bump hunt's numbers, as written to bumphunt.json. */
    record Result(FitResult fit, SidebandFit.Result signalRegion, WindowScan.Result scan, BumpHunter.Result bumpHunter) {
    }

    static Result run(AnalysisConfig config, Path input, Path outDir, double lo, double hi, double width, int nParams,
                      int windowBins, int toys, boolean overwrite, PrintWriter log) throws IOException {
        Formats.requireReadableFile(input);
        Files.createDirectories(outDir);
        for (String f : OUTPUTS) {
            if (Files.exists(outDir.resolve(f)) && !overwrite) {
                throw new org.anomalysearch.io.OutputExistsException(outDir.resolve(f));
            }
        }
        Region sr = config.regions().signalRegionSet().signal();
        BinnedSpectrum spectrum = isCountsCsv(input) ? readCounts(input) : histogram(input, lo, hi, width, sr);
        log.printf("spectrum: %d bins in [%.0f, %.0f) GeV, %,.0f events; signal region %s GeV%n", spectrum.nBins(),
                spectrum.lo(), spectrum.hi(), spectrum.total(), sr);

        FitOptions options = FitOptions.defaults();
        int n = nParams;
        if (n == 0) {
            ModelSelection.Choice choice = ModelSelection.choose(spectrum, spectrum.mask(sr), options, 0.05);
            n = choice.chosen().nParams();
            log.printf("F-test chose the %d-parameter dijet function%n", n);
        }
        SidebandFit.Result srResult = SidebandFit.evaluate(spectrum, sr, n, options, Significance.Constraint.GAUSSIAN);
        FitResult fit = srResult.fit();
        log.printf("fit (%d parameters, SR masked): chi2/ndf = %.1f/%d, deviance/ndf = %.1f/%d%n", n, fit.pearsonChi2(),
                fit.ndf(), fit.deviance(), fit.ndf());
        log.printf("signal region: observed %,.0f, predicted %,.1f +- %,.1f, local Z = %.2f (p = %.3g)%n",
                srResult.observed(), srResult.background().value(), srResult.background().error(), srResult.local().z(),
                srResult.local().pValue());

        List<Region> windows = WindowScan.binWindows(spectrum, windowBins, 1, 2);
        WindowScan.Result scan = WindowScan.scan(spectrum, windows, n, options, Significance.Constraint.GAUSSIAN);

        FitResult global = DijetFitter.fit(spectrum, n, new boolean[spectrum.nBins()], options);
        BumpHunter.Config bhConfig = BumpHunter.Config.widths(windowBins);
        BumpHunter.Result bh;
        try (Progress p = new Progress("bumphunter toys", toys, "toys")) {
            bh = BumpHunter.run(spectrum.counts(), global.expected(), bhConfig, toys,
                    org.anomalysearch.core.provenance.Seeds.derive(config.seed(), "bumphunt"));
            p.stepBy(toys);
        }
        BumpHunter.Scan best = bh.data();
        log.printf("BumpHunter: most significant window [%.0f, %.0f) GeV, local p = %.3g, global p = %.3g +- %.2g, "
                        + "global Z = %s%.2f (%d toys)%n", spectrum.lowEdge(best.firstBin()),
                spectrum.highEdge(best.lastBin()), best.minPValue(), bh.global().pValue(), bh.global().pValueError(),
                bh.global().zIsLowerBound() ? ">= " : "", bh.global().z(), toys);

        Result result = new Result(fit, srResult, scan, bh);
        writeJson(outDir.resolve(JSON), config, input, spectrum, result, overwrite);
        writePlots(outDir, spectrum, srResult, scan, bh);
        log.printf("wrote %s and the plots to %s%n", JSON, outDir);
        log.flush();
        return result;
    }

    static boolean isCountsCsv(Path input) throws IOException {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv")) {
            return false;
        }
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            return header != null && header.replace(" ", "").equalsIgnoreCase("lo,hi,count");
        }
    }

    /** A counts CSV: lo,hi,count per line, contiguous bins in GeV. */
    static BinnedSpectrum readCounts(Path input) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 3) {
                    throw new InvalidInputException(input.toString(), "line " + lineNo,
                            "expected 3 values lo,hi,count, found " + f.length, "one bin per line, in GeV");
                }
                double[] v = new double[3];
                for (int i = 0; i < 3; i++) {
                    try {
                        v[i] = Double.parseDouble(f[i].trim());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(input.toString(), "line " + lineNo,
                                "'" + f[i].trim() + "' is not a number", "");
                    }
                }
                if (!rows.isEmpty() && v[0] != rows.get(rows.size() - 1)[1]) {
                    throw new InvalidInputException(input.toString(), "line " + lineNo, "bin starts at " + v[0]
                            + " but the previous one ends at " + rows.get(rows.size() - 1)[1], "bins must be contiguous");
                }
                rows.add(v);
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(input.toString(), null, "has no bins", "one line lo,hi,count per bin");
        }
        double[] edges = new double[rows.size() + 1];
        double[] counts = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            edges[i] = rows.get(i)[0];
            counts[i] = rows.get(i)[2];
        }
        edges[rows.size()] = rows.get(rows.size() - 1)[1];
        return new BinnedSpectrum(input.toString(), edges, counts);
    }

    /** Histograms the mjj column of an event table on bins of {@code width} aligned with the signal region. */
    static BinnedSpectrum histogram(Path input, double lo, double hi, double width, Region sr) {
        double first = sr.lo() - Math.floor((sr.lo() - lo) / width) * width;
        int nBins = (int) Math.floor((hi - first) / width + 1e-9);
        if (nBins < 1) {
            throw new InvalidInputException(input.toString(), "--range", "the range [" + lo + ", " + hi
                    + ") GeV holds no bin of width " + width, "widen --range");
        }
        Binning binning = Binning.uniform(nBins, first, first + nBins * width);
        HistogramAccumulator acc = HistogramAccumulator.identity(binning);
        try (EventSource src = EventSource.open(input)) {
            if (!src.schema().contains("mjj")) {
                throw new InvalidInputException(input.toString(), "mjj", "the table has no mjj column",
                        "give an event table with mjj, or a counts CSV lo,hi,count");
            }
            while (src.hasNext()) {
                EventBatch b = src.next();
                for (double m : b.column("mjj")) {
                    acc.add(m);
                }
            }
        }
        return new BinnedSpectrum(input.toString(), binning.edges(), acc.toHistogram().contents());
    }

    private static void writeJson(Path file, AnalysisConfig config, Path input, BinnedSpectrum s, Result r,
                                  boolean overwrite) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input.toString());
        m.put("seed", config.seed());
        m.put("binEdges", s.edges());
        m.put("counts", s.counts());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("nParams", r.fit().nParams());
        fit.put("params", r.fit().params());
        fit.put("paramErrors", r.fit().parameterErrors());
        fit.put("pearsonChi2", r.fit().pearsonChi2());
        fit.put("deviance", r.fit().deviance());
        fit.put("ndf", r.fit().ndf());
        fit.put("expected", r.fit().expected());
        fit.put("masked", r.signalRegion().signalRegion().toString());
        m.put("fit", fit);
        m.put("signalRegion", window(r.signalRegion()));
        List<Object> scan = new ArrayList<>();
        for (SidebandFit.Result w : r.scan().windows()) {
            scan.add(window(w));
        }
        m.put("scan", scan);
        Map<String, Object> bh = new LinkedHashMap<>();
        bh.put("windowLo", s.lowEdge(r.bumpHunter().data().firstBin()));
        bh.put("windowHi", s.highEdge(r.bumpHunter().data().lastBin()));
        bh.put("t", r.bumpHunter().data().tStatistic());
        bh.put("localP", r.bumpHunter().data().minPValue());
        bh.put("toys", r.bumpHunter().global().nToys());
        bh.put("globalP", r.bumpHunter().global().pValue());
        bh.put("globalPError", r.bumpHunter().global().pValueError());
        bh.put("globalZ", r.bumpHunter().global().z());
        bh.put("globalZIsLowerBound", r.bumpHunter().global().zIsLowerBound());
        bh.put("reference", "the dijet fit without a mask");
        m.put("bumpHunter", bh);
        String text = Json.write(m);
        AtomicOutput.write(file, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> window(SidebandFit.Result w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lo", w.signalRegion().lo());
        m.put("hi", w.signalRegion().hi());
        m.put("observed", w.observed());
        m.put("predicted", w.background().value());
        m.put("predictedError", w.background().error());
        m.put("localZ", w.local().z());
        m.put("localZSigned", w.local().zSigned());
        m.put("localP", w.local().pValue());
        m.put("z0", w.local().z0());
        return m;
    }

    private static void writePlots(Path dir, BinnedSpectrum s, SidebandFit.Result sr, WindowScan.Result scan,
                                   BumpHunter.Result bh) throws IOException {
        double[] expected = sr.fit().expected();
        double[] err = sr.fit().expectedErrors();
        double[] low = new double[expected.length];
        double[] high = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            low[i] = Math.max(expected[i] - err[i], expected[i] * 1e-3);
            high[i] = expected[i] + err[i];
        }
        SpectrumPlot spectrum = SpectrumPlot.of("m_jj spectrum with the " + sr.fit().nParams()
                        + "-parameter dijet fit (signal region masked)", s.edges(), s.counts(), expected)
                .withFitBand(low, high)
                .withMaskedWindow(sr.signalRegion().lo(), sr.signalRegion().hi());
        Plots.write(spectrum, dir.resolve("spectrum"), Plots.Format.PNG, Plots.Format.SVG);
        List<SidebandFit.Result> ws = scan.windows();
        double[] centres = new double[ws.size()];
        double[] z = new double[ws.size()];
        for (int i = 0; i < ws.size(); i++) {
            centres[i] = ws.get(i).signalRegion().center();
            z[i] = ws.get(i).local().zSigned();
        }
        SignificanceScanPlot scanPlot = SignificanceScanPlot.of("Local significance of sliding windows", centres, z)
                .withGlobalZ(bh.global().z());
        Plots.write(scanPlot, dir.resolve("scan"), Plots.Format.PNG, Plots.Format.SVG);
    }
}
