package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.provenance.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code anomaly-search} command line. User mistakes end in one line on stderr and a non-zero exit code
 * (1: bad input or config, 2: bad command-line usage, 3: an internal error); {@code --debug} adds the stack
 * trace.
 */
@Command(name = "anomaly-search",
        mixinStandardHelpOptions = true,
        versionProvider = AnomalySearch.Version.class,
        description = "Weakly supervised resonance search on dijet events: select, model the background, "
                + "classify (CWoLa), bump hunt, export to FPGA.",
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            ConvertCommand.class,
            SelectCommand.class,
            InjectCommand.class,
            RunCommand.class,
            ConfigCommand.class,
            InspectCommand.class,
            BumpHuntCommand.class,
            ExportCommand.class,
            ClassifyCommand.class,
            FpgaCommand.class,
            TriggerCommand.class,
            DensityCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AnomalySearch implements Runnable {

    /** Exit code of a user error in input files, config or values. */
    public static final int EXIT_USER_ERROR = 1;
    /** Exit code of a command-line usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an unexpected internal error. */
    public static final int EXIT_INTERNAL = 3;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show the libraries' notices too (Spark, Hadoop, DJL), which are off by default.")
    void verbose(boolean on) {
        if (on) {
            Logging.verbose();
        }
    }

    @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "Log only errors (results are still printed).")
    void quiet(boolean on) {
        if (on) {
            Logging.quiet();
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; never calls {@code System.exit}. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /**
     * The benchmarks' command ({@code bench}), in the benchmarks module: present on the launcher's classpath, absent
     * from the spark-submit jar, which ships only the product.
     */
    static final String BENCH_COMMAND = "org.anomalysearch.jobs.cli.BenchCommand";

    /** The configured command line, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new AnomalySearch());
        try {
            cmd.addSubcommand(Class.forName(BENCH_COMMAND).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            // the benchmarks module is not on the classpath (the spark-submit jar): no bench command
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + BENCH_COMMAND, e);
        }
        cleanSynopses(cmd);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--debug");
            return report(ex, commandLine.getErr(), debug);
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            String didYouMean = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                didYouMean = "; did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                        Math.min(3, u.getSuggestions().size()))) + "?";
            }
            e.println("anomaly-search: " + ex.getMessage() + didYouMean
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        return cmd;
    }

    /**
     * Synopses without picocli's repetition of multi-value options, here and in every subcommand: {@code
     * --window=LO,HI [--window=LO,HI]...} and {@code [--mjj-range=LO,HI]...} (a pair or a list given once) read as
     * {@code --window=LO,HI} and {@code [--mjj-range=LO,HI]}; the synopsis is rewrapped at the usage width.
     */
    static void cleanSynopses(CommandLine cmd) {
        String key = CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS;
        CommandLine.IHelpSectionRenderer standard = cmd.getHelpSectionMap().get(key);
        cmd.getHelpSectionMap().put(key, help -> {
            // rendered on one line (picocli wraps inside tokens such as F1,F2), then rewrapped between tokens
            CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
            int width = usage.width();
            String line;
            try {
                usage.width(10_000);
                line = standard.render(help);
            } finally {
                usage.width(width);
            }
            return cleanSynopsis(line, help.synopsisHeadingLength(), help.commandSpec().qualifiedName().length() + 1,
                    width);
        });
        cmd.getSubcommands().values().forEach(AnomalySearch::cleanSynopses);
    }

    /** {@code synopsis} with the repetitions dropped, wrapped at {@code width}, continuation lines indented. */
    static String cleanSynopsis(String synopsis, int headingLength, int nameLength, int width) {
        String flat = synopsis.replaceAll("\\s+", " ").trim();
        flat = flat.replaceAll("(--[\\w-]+=\\S+?) \\[\\1\\]\\.\\.\\.", "$1");
        flat = flat.replaceAll("\\[(--[\\w-]+=[^\\]\\s]+)\\]\\.\\.\\.", "[$1]");
        int indent = Math.min(headingLength + nameLength, width / 2);
        StringBuilder sb = new StringBuilder();
        int col = headingLength;
        boolean first = true;
        for (String w : flat.split(" ")) {
            if (!first && col + 1 + w.length() > width) {
                sb.append(System.lineSeparator()).append(" ".repeat(indent));
                col = indent;
            } else if (!first) {
                sb.append(' ');
                col++;
            }
            sb.append(w);
            col += w.length();
            first = false;
        }
        return sb.append(System.lineSeparator()).toString();
    }

    static int report(Throwable ex, PrintWriter err, boolean debug) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        int code;
        String line;
        if (t instanceof AnalysisException a) {
            line = "error: " + a.userMessage();
            code = EXIT_USER_ERROR;
        } else if (t instanceof NoSuchFileException f) {
            line = "error: " + f.getFile() + ": no such file (hint: check the path)";
            code = EXIT_USER_ERROR;
        } else if (t instanceof FileAlreadyExistsException f) {
            line = "error: " + f.getFile() + ": already exists (hint: choose another output or pass --overwrite)";
            code = EXIT_USER_ERROR;
        } else if (t instanceof AccessDeniedException f) {
            line = "error: " + f.getFile() + ": permission denied";
            code = EXIT_USER_ERROR;
        } else if (t instanceof FileSystemException f) {
            line = "error: " + f.getFile() + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
            code = EXIT_USER_ERROR;
        } else if (t instanceof IOException io) {
            // a reader that lets an IOException through without naming its file: still say what went wrong
            line = "error: I/O failure: " + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
            code = EXIT_USER_ERROR;
        } else {
            line = "internal error: " + t + " (this is a bug; rerun with --debug and report the trace)";
            code = EXIT_INTERNAL;
        }
        err.println("anomaly-search: " + line);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Version from the jar manifest, or the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anomaly-search " + RunInfo.appVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
