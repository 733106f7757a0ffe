package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.SearchConfig;
import org.anomalysearch.core.provenance.Seeds;
import org.anomalysearch.core.stats.ToyExecutor;
import org.anomalysearch.io.config.ConfigLoader;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.ScanWindow;
import org.anomalysearch.search.ScanSignificance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench scan-null RUN_DIR...}: the scan's global significance of finished runs recomputed from their
 * results.json and config.yaml, with the same toys (seed, plan) and the empirical-null cross-check, one line per run.
 * This is how docs/fit-range.md's empirical-null figures were measured on runs made before the cross-check existed.
 */
@Command(name = "scan-null", mixinStandardHelpOptions = true,
        description = "Recompute the ML scan's global significance (toys) and its empirical-null cross-check for "
                + "finished run directories.")
final class ScanNullCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run directories with results.json and "
            + "config.yaml from a run with the density + CWoLa scan.")
    List<Path> runs;

    @Option(names = "--threads", defaultValue = "2", description = "Toy threads (default ${DEFAULT-VALUE}).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("| run | local Z | global Z (toys) | global p | empirical null: median, spread | local Z | "
                + "global Z | global p |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Path run : runs) {
            AnalysisConfig config = ConfigLoader.load(run.resolve("config.yaml"));
            SearchConfig s = config.search() != null ? config.search() : SearchConfig.defaults();
            RunResults results = ResultsCodec.readResults(run.resolve("results.json"));
            if (results.scan() == null) {
                throw new InvalidInputException(run.resolve("results.json").toString(), "scan", "the run has no "
                        + "density + CWoLa scan", "give run directories of runs with a search section");
            }
            List<ScanWindow> windows = results.scan().windows();
            ScanSignificance.Plan plan = ScanSignificance.plan(windows, s.efficiencies(), s.fitParams(),
                    config.fit().gate(), Seeds.derive(config.seed(), "scan.global"));
            double[] toys = ToyExecutor.threads(threads).map(s.toys(), i -> ScanSignificance.toy(plan, i));
            ScanSignificance.Result g = ScanSignificance.of(windows, s.efficiencies(), toys);
            ScanSignificance.EmpiricalNull e = g.empiricalNull();
            out.printf(Locale.ROOT, "| %s | %.2f | %s%.2f | %.3f | %.2f, %.2f | %.2f | %s%.2f | %.3f |%n", run, g.localZ(),
                    g.global().zIsLowerBound() ? ">= " : "", g.global().z(), g.global().pValue(), e.median(), e.sigma(),
                    e.localZ(), e.global().zIsLowerBound() ? ">= " : "", e.global().z(), e.global().pValue());
            out.flush();
        }
        return 0;
    }
}
