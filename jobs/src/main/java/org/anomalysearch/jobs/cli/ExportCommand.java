package org.anomalysearch.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anomalysearch.export.formats.FieldFormats;
import org.anomalysearch.export.notebook.NotebookExporter;
import org.anomalysearch.export.report.HtmlReport;
import org.anomalysearch.export.run.RunDirectory;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.io.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code anomaly-search export notebook|report|pyhf|hepdata RUN_DIR}: a Jupyter notebook, a self-contained HTML
 * report, pyhf workspaces or a HEPData submission of a run directory. The content is built by notebooks-export; this
 * class reads the config with data-io and writes each file atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run directory as a Jupyter notebook, a self-contained HTML report, pyhf workspaces or "
                + "a HEPData submission.",
        subcommands = {ExportCommand.NotebookCommand.class, ExportCommand.ReportCommand.class,
            ExportCommand.PyhfCommand.class, ExportCommand.HepDataCommand.class})
final class ExportCommand implements Runnable {

    /** Default file name of the notebook, in the run directory. */
    static final String NOTEBOOK = "report.ipynb";
    /** Default file name of the HTML report, in the run directory. */
    static final String REPORT = "report.html";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by both subcommands. */
    abstract static class Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory (e.g. runs/demo).")
        Path runDir;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where to write (default: a file in RUN_DIR, see the description).")
        Path output;

        @Option(names = "--overwrite", description = "Replace an existing output file (never done without it).")
        boolean overwrite;

        @Spec
        CommandLine.Model.CommandSpec spec;

        /** The folder of a many-file export: --output, or {@code RUN_DIR/name}. */
        Path folder(RunDirectory run, String name) {
            return output != null ? output : run.dir().resolve(name);
        }
    }

    @Command(name = "notebook", mixinStandardHelpOptions = true,
            description = {"Write a Jupyter notebook (nbformat 4.5) of the run: its results, config, provenance and "
                    + "plots, and code that reloads events.csv.gz and results.json with pandas and redraws the plots.",
                "Default output: RUN_DIR/" + NOTEBOOK + "."})
    static final class NotebookCommand extends Base {
        @Override
        public Integer call() throws Exception {
            Path out = writeNotebook(load(runDir), output, overwrite);
            spec.commandLine().getOut().printf("notebook: %s%n", out);
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write one self-contained HTML file about the run (summary, significance, plots inline, "
                    + "config, provenance, links to its files); it loads nothing from the network.",
                "Default output: RUN_DIR/" + REPORT + "."})
    static final class ReportCommand extends Base {
        @Override
        public Integer call() throws Exception {
            Path out = writeReport(load(runDir), output, overwrite);
            spec.commandLine().getOut().printf("report: %s%n", out);
            return 0;
        }
    }

    @Command(name = "pyhf", mixinStandardHelpOptions = true,
            description = {"Write a pyhf JSON workspace (schema 1.0.0) per window the run tested with an accepted "
                    + "fit: signal_region.json (the configured SR on the inclusive spectrum) and scan_window.json "
                    + "(the ML scan's most significant window at its efficiency). One bin each: the observed count, "
                    + "the fitted background with its fit uncertainty (shapesys), a one-event signal scaled by mu.",
                "Default output: RUN_DIR/" + FieldFormats.PYHF + "/."})
    static final class PyhfCommand extends Base {
        @Override
        public Integer call() throws Exception {
            RunDirectory run = load(runDir);
            Map<String, String> files = FieldFormats.pyhf(run.results());
            if (files.isEmpty()) {
                throw new org.anomalysearch.core.InvalidInputException(run.dir().resolve(RunDirectory.RESULTS)
                        .toString(), "signalRegion, scan", "no window with an accepted background fit to write a "
                        + "workspace of", "run the bump hunt with a signal region, or the scan");
            }
            writeFiles(folder(run, FieldFormats.PYHF), files, overwrite, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "hepdata", mixinStandardHelpOptions = true,
            description = {"Write a HEPData submission (schema 1.1.1): submission.yaml and a table file each for the "
                    + "m_jj spectrum with its fit, the selected spectrum of the ML scan's most significant window, "
                    + "the scan's windows and the significances, those the run computed.",
                "Default output: RUN_DIR/" + FieldFormats.HEPDATA + "/."})
    static final class HepDataCommand extends Base {
        @Override
        public Integer call() throws Exception {
            RunDirectory run = load(runDir);
            writeFiles(folder(run, FieldFormats.HEPDATA), FieldFormats.hepData(run.results()), overwrite,
                    spec.commandLine().getOut());
            return 0;
        }
    }

    /** Writes each file into {@code dir} atomically (none is replaced without {@code overwrite}); prints each. */
    static void writeFiles(Path dir, Map<String, String> files, boolean overwrite, PrintWriter out)
            throws IOException {
        for (String f : files.keySet()) {
            if (!overwrite && Files.exists(dir.resolve(f))) {
                throw new org.anomalysearch.io.OutputExistsException(dir.resolve(f));
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            write(target, overwrite, e.getValue());
            out.printf("wrote %s%n", target);
        }
    }

    /** Reads a run directory, parsing its config.yaml with data-io. */
    static RunDirectory load(Path runDir) throws IOException {
        Path config = runDir.resolve("config.yaml");
        return RunDirectory.load(runDir, text -> ConfigLoader.parse(text, config.toString()));
    }

    /** Writes the notebook to {@code output} (null: RUN_DIR/report.ipynb); returns the path written. */
    static Path writeNotebook(RunDirectory run, Path output, boolean overwrite) throws IOException {
        Path target = output != null ? output : run.dir().resolve(NOTEBOOK);
        String json = NotebookExporter.build(run, relativeRunPath(run.dir(), target)).toJson();
        write(target, overwrite, json);
        return target;
    }

    /** Writes the HTML report to {@code output} (null: RUN_DIR/report.html); returns the path written. */
    static Path writeReport(RunDirectory run, Path output, boolean overwrite) throws IOException {
        Path target = output != null ? output : run.dir().resolve(REPORT);
        String html = HtmlReport.render(run, relativeRunPath(run.dir(), target));
        write(target, overwrite, html);
        return target;
    }

    /** Writes both into the run directory (the end of the demo); prints what it wrote. */
    static void writeBoth(Path runDir, PrintWriter out) throws IOException {
        RunDirectory run = load(runDir);
        out.printf("notebook: %s%n", writeNotebook(run, null, false));
        out.printf("report:   %s%n", writeReport(run, null, false));
    }

    /** The run directory seen from the output file's directory, '/'-separated ("." when they are the same). */
    static String relativeRunPath(Path runDir, Path target) {
        Path from = target.toAbsolutePath().normalize().getParent();
        Path to = runDir.toAbsolutePath().normalize();
        try {
            String rel = from.relativize(to).toString().replace(File.separatorChar, '/');
            return rel.isEmpty() ? "." : rel;
        } catch (IllegalArgumentException differentRoots) {
            return to.toString().replace(File.separatorChar, '/');
        }
    }

    private static void write(Path target, boolean overwrite, String text) throws IOException {
        AtomicOutput.write(target, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
