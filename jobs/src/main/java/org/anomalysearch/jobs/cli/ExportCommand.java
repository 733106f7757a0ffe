package org.anomalysearch.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
 * {@code anomaly-search export notebook|report RUN_DIR}: a Jupyter notebook or a self-contained HTML report of a
 * run directory. The content is built by notebooks-export; this class reads the config with data-io and writes
 * the file atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run directory as a Jupyter notebook or a self-contained HTML report.",
        subcommands = {ExportCommand.NotebookCommand.class, ExportCommand.ReportCommand.class})
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
