package org.anomalysearch.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.synth.GeneratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly-search generate}: a seeded synthetic LHCO-like data set, written as an event table. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic LHCO-like dijet data set (a toy: QCD-like background from the dijet "
                + "function plus an optional resonant signal A -> B C) and write it as an event table.",
            "Same seed, same numbers. Settings come from the config's 'generate' section, overridden by the options."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Output event table: .parquet, .csv or .csv.gz.")
    Path output;

    @Option(names = "--background", paramLabel = "N", description = "Background events (default 100000).")
    Long nBackground;

    @Option(names = "--signal", paramLabel = "N", description = "Signal events (default 0).")
    Long nSignal;

    @Option(names = "--masses", split = ",", hideParamSyntax = true, paramLabel = "mA,mB,mC",
            description = "Signal masses in GeV (default 3500,500,100).")
    double[] masses;

    @Option(names = "--no-selection", description = "Keep events that fail the selection (default: only selected).")
    boolean noSelection;

    @Mixin
    Common.ConfigOptions configOptions = new Common.ConfigOptions();

    @Mixin
    Common.OutputOptions outputOptions = new Common.OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = configOptions.load();
        GeneratorSettings s = config.generate() != null ? config.generate() : GeneratorSettings.defaults();
        if (nBackground != null || nSignal != null) {
            s = s.withCounts(nBackground != null ? nBackground : s.nBackground(), nSignal != null ? nSignal : s.nSignal());
        }
        if (masses != null) {
            if (masses.length != 3) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--masses needs three values mA,mB,mC in GeV, got " + masses.length);
            }
            s = s.withMasses(masses[0], masses[1], masses[2]);
        }
        if (noSelection) {
            s = s.withApplySelection(false);
        }
        config = config.withGenerate(s);
        GenerateStep.run(config, output, outputOptions, spec.commandLine().getParseResult().originalArgs().toArray(new String[0]),
                spec.commandLine().getOut());
        return 0;
    }

}
