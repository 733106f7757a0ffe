package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help (issue 20, CLI polish): option values are named by a label a user reads (FILE, N, LO,HI),
 * never by picocli's field-name placeholder ({@code --background-label=<backgroundLabel>}), and split options show
 * their label once ({@code --features=F1,F2,...}, not {@code --features=F1,F2,...[,F1,F2,......]}), and an option
 * given once is not shown as repeatable ({@code [--mjj-range=LO,HI]...}).
 */
class HelpSynopsisTest {

    /** picocli's default label: the field name in angle brackets, e.g. {@code <backgroundLabel>}. */
    private static final Pattern FIELD_LABEL = Pattern.compile("<[a-z][A-Za-z0-9]*>");
    /** The repetition picocli appends to split options. */
    private static final Pattern SPLIT_REPEAT = Pattern.compile("\\[,[^\\]]*\\.\\.\\.\\]");
    /** An option given once shown as repeatable: {@code [--mjj-range=LO,HI]...}. */
    private static final Pattern OPTION_REPEAT = Pattern.compile("\\[--[\\w-]+=[^\\]\\s]+\\]\\.\\.\\.");

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }

    @Test
    void everyHelpNamesItsValuesCleanly() {
        CommandLine root = AnomalySearch.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertTrue(all.size() > 20, "commands found: " + all.size());
        List<String> problems = new ArrayList<>();
        for (CommandLine c : all) {
            String name = c.getCommandSpec().qualifiedName();
            String[] args = (name.replaceFirst("^anomaly-search ?", "") + " --help").trim().split(" ");
            Cli r = Cli.run(args);
            assertEquals(0, r.exitCode(), name + ": " + r.err());
            String help = r.out();
            for (Pattern p : List.of(SPLIT_REPEAT, OPTION_REPEAT)) {
                Matcher m = p.matcher(help);
                while (m.find()) {
                    problems.add(name + ": " + m.group());
                }
            }
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                if (o.arity().max() > 0 && FIELD_LABEL.matcher(o.paramLabel()).matches()) {
                    problems.add(name + " " + o.longestName() + "=" + o.paramLabel());
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
                if (FIELD_LABEL.matcher(p.paramLabel()).matches()) {
                    problems.add(name + " " + p.paramLabel());
                }
            }
        }
        assertEquals("", String.join("\n", problems), "picocli artefacts in --help");
    }
}
