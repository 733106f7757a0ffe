package org.anomalysearch.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.FitConfig;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.FitQuality;
import org.anomalysearch.core.fit.FitRange;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.stats.InclusiveBumpHunt;
import org.anomalysearch.core.stats.SidebandFit;
import org.anomalysearch.core.stats.Significance;
import org.anomalysearch.core.stats.ToyExecutor;
import org.anomalysearch.core.stats.WindowScan;
import org.anomalysearch.export.formats.SampleLabel;
import org.anomalysearch.export.plot.Plots;
import org.anomalysearch.export.plot.SignificanceScanPlot;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.Formats;
import org.anomalysearch.io.OutputExistsException;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.search.BumpHuntResults;
import org.anomalysearch.search.SearchPlots;

/**
 * The work of {@code bumphunt} as a library step: the command parses its options and calls it, and so does the
 * demo; commands never call each other.
 */
final class BumpHuntStep {

    private BumpHuntStep() {
    }

    static final String JSON = "bumphunt.json";
    static final List<String> OUTPUTS = List.of(JSON, "spectrum.png", "spectrum.svg", "scan.png", "scan.svg");

    /**
     * The bump hunt's numbers, as written to bumphunt.json.
     *
     * @param inclusive    the inclusive bump hunt (BumpHunter, its fit and range)
     * @param signalRegion the configured SR with its bins masked (null when it lies outside the fit range or its
     *                     fit did not converge)
     * @param srQuality    that fit's quality (null with it)
     * @param scan         sliding windows with their bins masked (diagnostic; empty when no window fits)
     */
    record Result(InclusiveBumpHunt.Result inclusive, SidebandFit.Result signalRegion, FitQuality srQuality,
                  WindowScan.Result scan) {

        /** The SR's local Z when its fit passed the gate, else NaN (never reported as an excess). */
        double srLocalZ() {
            return srQuality != null && srQuality.passed() ? signalRegion.local().z() : Double.NaN;
        }
    }

    /**
     * The bump hunt of {@code input} (event table or counts CSV) with the config's fit policy, written to
     * {@code outDir}; toys on the local cores.
     */
    static Result run(AnalysisConfig config, Path input, Path outDir, int windowBins, int toys, boolean overwrite,
                      PrintWriter log) throws IOException {
        return run(config, List.of(input), outDir, windowBins, toys, overwrite, log);
    }

    /** As above for several event tables read as one (or one counts CSV). */
    static Result run(AnalysisConfig config, List<Path> inputs, Path outDir, int windowBins, int toys,
                      boolean overwrite, PrintWriter log) throws IOException {
        inputs.forEach(Formats::requireReadableFile);
        Path input = inputs.get(0);
        String source = inputs.size() == 1 ? input.toString() : String.join(", ", inputs.stream().map(Path::toString)
                .toList());
        Files.createDirectories(outDir);
        for (String f : OUTPUTS) {
            if (Files.exists(outDir.resolve(f)) && !overwrite) {
                throw new OutputExistsException(outDir.resolve(f));
            }
        }
        FitConfig fit = config.fit();
        Region sr = config.regions().signalRegionSet().signal();
        BinnedSpectrum spectrum;
        FitRange range;
        if (inputs.size() == 1 && isCountsCsv(input)) {
            BinnedSpectrum all = readCounts(input);
            requireSignalRegionInData(source, sr, all.lo(), all.hi());
            double lo = fit.autoLo() ? all.lo() : Math.max(all.lo(), fit.lo());
            double hi = Math.min(all.hi(), fit.hi());
            spectrum = restrict(all, lo, hi);
            range = new FitRange(spectrum.lo(), spectrum.hi(), spectrum.highEdge(0) - spectrum.lowEdge(0),
                    spectrum.lo(), Double.NaN, false, List.of());
        } else {
            double[] mjj = readMjj(inputs);
            requireSignalRegionInData(source, sr, Arrays.stream(mjj).min().orElse(Double.NaN),
                    Arrays.stream(mjj).max().orElse(Double.NaN));
            range = FitRange.resolve(source, mjj, fit, sr.lo());
            spectrum = range.histogram(source, mjj);
        }
        log.println(range.describe(fit.function()));
        log.printf("spectrum: %d bins in [%.0f, %.0f) GeV, %,.0f events; signal region %s GeV%n", spectrum.nBins(),
                spectrum.lo(), spectrum.hi(), spectrum.total(), sr);
        log.flush();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        InclusiveBumpHunt.Result inclusive;
        try (Progress p = new Progress("bumphunter toys", toys, "toys")) {
            inclusive = InclusiveBumpHunt.run(spectrum, range, fit, new InclusiveBumpHunt.Settings(windowBins, toys),
                    Seeds.derive(config.seed(), "bumphunt"), ToyExecutor.threads(threads));
            p.stepBy(toys);
        }
        log.println("BumpHunter: " + BumpHuntResults.summary(inclusive));

        SidebandFit.Result srResult = null;
        FitQuality srQuality = null;
        WindowScan.Result scan = new WindowScan.Result(List.of());
        int n = inclusive.background() == null ? (fit.autoParams() ? 4 : fit.params())
                : inclusive.background().fit().nDijetParams();
        FitOptions options = FitOptions.defaults();
        if (sr.lo() >= spectrum.lo() && sr.hi() <= spectrum.hi()) {
            try {
                srResult = SidebandFit.evaluate(spectrum, sr, sr, fit.function(), n, options,
                        Significance.Constraint.GAUSSIAN);
                srQuality = FitQuality.of(srResult.fit(), fit.gate(), List.of());
                if (srQuality.passed()) {
                    log.printf("signal region %s GeV (masked %d-parameter %s fit, %s): observed %,.0f, predicted %,.1f "
                            + "+- %,.1f, local Z = %.2f (p = %.3g)%n", sr, srResult.fit().nParams(),
                            fit.function().key(), srQuality.describe(), srResult.observed(),
                            srResult.background().value(), srResult.background().error(), srResult.local().z(),
                            srResult.local().pValue());
                } else {
                    log.printf("signal region %s GeV: the masked fit is REJECTED (%s): no excess reported%n", sr,
                            srQuality.describe());
                }
            } catch (AnalysisException e) {
                log.println("signal region " + sr + " GeV: the masked fit failed (" + e.getMessage() + ")");
                srResult = null;
            }
        } else {
            log.printf("signal region %s GeV lies outside the fit range [%.0f, %.0f) GeV: not tested%n", sr,
                    spectrum.lo(), spectrum.hi());
        }
        try {
            List<Region> windows = WindowScan.binWindows(spectrum, windowBins, 1, 2);
            scan = WindowScan.scan(spectrum, windows, fit.function(), n, options, Significance.Constraint.GAUSSIAN);
        } catch (AnalysisException e) {
            log.println("sliding-window scan: not run (" + e.getMessage() + ")");
        }
        Result result = new Result(inclusive, srResult, srQuality, scan);
        writeJson(outDir.resolve(JSON), config, source, result, overwrite);
        writePlots(outDir, result, SampleLabel.forInput(input.toString()).text());
        log.printf("wrote %s and the plots to %s%n", JSON, outDir);
        log.flush();
        return result;
    }

    /** The configured signal region must lie inside the data's mjj range: a wrong file or unit, said before any work. */
    private static void requireSignalRegionInData(String input, Region sr, double lo, double hi) {
        if (!(sr.lo() >= lo && sr.hi() <= hi)) {
            throw new InvalidInputException(input, "mjj", String.format(Locale.ROOT, "the data span [%.0f, "
                    + "%.0f] GeV, which does not hold the configured signal region %s GeV", lo, hi, sr),
                    "check the file (mjj in GeV) or set regions.signalLo / signalHi");
        }
    }

    /** The bins of {@code s} inside [lo, hi). */
    private static BinnedSpectrum restrict(BinnedSpectrum s, double lo, double hi) {
        int a = 0;
        while (a < s.nBins() && s.lowEdge(a) < lo - 1e-9) {
            a++;
        }
        int b = s.nBins();
        while (b > a && s.highEdge(b - 1) > hi + 1e-9) {
            b--;
        }
        if (b - a < 1) {
            throw new InvalidInputException(s.source(), "fit range", "no bin of the file lies in [" + lo + ", " + hi
                    + ") GeV", "check fit.lo, fit.hi or --range");
        }
        return new BinnedSpectrum(s.source(), Arrays.copyOfRange(s.edges(), a, b + 1),
                Arrays.copyOfRange(s.counts(), a, b));
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

    /** The mjj column of event tables read as one. */
    static double[] readMjj(List<Path> inputs) {
        try (EventSource src = EventSource.open(inputs)) {
            if (!src.schema().contains("mjj")) {
                throw new InvalidInputException(src.path().toString(), "mjj", "the table has no mjj column",
                        "give an event table with mjj, or a counts CSV lo,hi,count");
            }
            return src.readAll().column("mjj");
        }
    }

    private static void writeJson(Path file, AnalysisConfig config, String input, Result r, boolean overwrite)
            throws IOException {
        List<BumpHunt.MaskedFit> scan = new ArrayList<>();
        for (SidebandFit.Result w : r.scan().windows()) {
            scan.add(BumpHuntResults.masked(w, FitQuality.of(w.fit(), config.fit().gate(), List.of()), false));
        }
        String text = ResultsCodec.write(new BumpHunt.File(input, config.seed(),
                BumpHuntResults.toRecord(r.inclusive()), r.signalRegion() == null ? null
                : BumpHuntResults.masked(r.signalRegion(), r.srQuality(), true), scan));
        AtomicOutput.write(file, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    private static void writePlots(Path dir, Result r, String sample) throws IOException {
        InclusiveBumpHunt.Result inc = r.inclusive();
        SearchPlots.inclusive(dir, "spectrum", inc, sample);
        List<SidebandFit.Result> ws = r.scan().windows();
        if (!ws.isEmpty()) {
            double[] centres = new double[ws.size()];
            double[] z = new double[ws.size()];
            for (int i = 0; i < ws.size(); i++) {
                centres[i] = ws.get(i).signalRegion().center();
                z[i] = ws.get(i).local().zSigned();
            }
            SignificanceScanPlot scanPlot = SignificanceScanPlot.of("Local significance of sliding windows (masked fits)",
                    centres, z);
            if (!inc.rejected()) {
                scanPlot = inc.bumpHunter().global().zIsLowerBound() ? scanPlot.withGlobalZLowerBound(inc.globalZ())
                        : scanPlot.withGlobalZ(inc.globalZ());
            }
            Plots.write(scanPlot, dir.resolve("scan"), Plots.Format.PNG, Plots.Format.SVG);
        }
    }
}
