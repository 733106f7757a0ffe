package org.anomalysearch.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its output, as a user would see it. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = AnomalySearch.commandLine(o, e).execute(args);
        }
        return new Cli(code, out.toString(), err.toString());
    }

    /** The lines written to stderr, without blank lines and progress lines. */
    java.util.List<String> errorLines() {
        return err.lines().filter(l -> !l.isBlank()).filter(l -> !l.matches("^\\w+: [\\d,]+ / [\\d,]+ .*")).toList();
    }
}
