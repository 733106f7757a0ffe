package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.region.Region;
import org.anomalysearch.core.select.EventFilter;
import org.anomalysearch.io.Formats;
import picocli.CommandLine;

/**
 * The input files of a command as users give them: several files and glob patterns ({@code 'qcd_full_*.csv.gz'},
 * quoted so that the program, not the shell, expands them), expanded here in one place for every command that reads
 * events; also the {@code LO,HI} ranges and the label filter of the options.
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * The files named by {@code args}, in order: a plain path as given (it must be a readable file), a pattern (with
     * {@code * ? [ {}) as the files it matches, sorted by name; a file named twice is an error, as is a pattern
     * that matches nothing (the message names the pattern).
     *
     * @param option names the option in messages ("--input", "INPUT")
     */
    public static List<Path> expand(List<String> args, String option) {
        return expand(args, option, null);
    }

    /** As {@link #expand(List, String)}, relative paths resolved against {@code base} (null: the working directory). */
    public static List<Path> expand(List<String> args, String option, Path base) {
        if (args == null || args.isEmpty()) {
            throw new InvalidInputException(option, null, "names no file", "give at least one file or pattern");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String a : args) {
            List<Path> matched = isPattern(a) ? glob(a, base) : List.of(resolve(Path.of(a), base));
            if (matched.isEmpty()) {
                throw new InvalidInputException(a, null, "the pattern given to " + option + " matches no file",
                        "check the directory and the pattern (* matches within one path part, e.g. "
                                + "'data/qcd_full_*.csv.gz')");
            }
            for (Path p : matched) {
                if (!Files.exists(p)) {
                    throw new InvalidInputException(p.toString(), null, "no such file", "check the path given to "
                            + option + " (relative paths are resolved against " + Path.of("").toAbsolutePath() + ")");
                }
                Formats.requireReadableFile(p);
                if (!files.add(p.toAbsolutePath().normalize())) {
                    throw new InvalidInputException(p.toString(), null, "is given twice to " + option,
                            "name each input file once");
                }
            }
        }
        return files.stream().toList();
    }

    private static Path resolve(Path p, Path base) {
        return base == null || p.isAbsolute() ? p : base.resolve(p);
    }

    static boolean isPattern(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The regular files matching {@code pattern}, sorted; the part before the first wildcard is a plain directory. */
    private static List<Path> glob(String pattern, Path base) {
        Path p = Path.of(pattern);
        Path dir = p.isAbsolute() ? p.getRoot() : null;
        int first = 0;
        while (first < p.getNameCount() && !isPattern(p.getName(first).toString())) {
            dir = dir == null ? p.getName(first) : dir.resolve(p.getName(first));
            first++;
        }
        Path rest = p.subpath(first, p.getNameCount());
        Path root = dir == null ? (base == null ? Path.of(".") : base) : resolve(dir, base);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        try (Stream<Path> s = Files.walk(root, rest.getNameCount())) {
            return s.filter(Files::isRegularFile).filter(f -> m.matches(root.relativize(f))).map(Path::normalize)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --mjj-range LO,HI} (null when absent) as a region, with a usage error naming the option. */
    static Region range(CommandLine cmd, String option, double[] v) {
        if (v == null) {
            return null;
        }
        if (v.length != 2 || !Double.isFinite(v[0]) || !Double.isFinite(v[1]) || !(v[0] < v[1]) || v[0] < 0) {
            throw new CommandLine.ParameterException(cmd, option + " needs LO,HI in GeV with 0 <= LO < HI, got "
                    + java.util.Arrays.toString(v));
        }
        return new Region(v[0], v[1]);
    }

    /** The {@code --mjj-range} and {@code --label} options of the commands that convert events. */
    static final class FilterOptions {
        @CommandLine.Option(names = "--mjj-range", split = ",", paramLabel = "LO,HI", hideParamSyntax = true,
                description = "Keep only events with LO <= mjj < HI (GeV), e.g. the signal region 3300,3700.")
        double[] mjjRange;

        @CommandLine.Option(names = "--label", paramLabel = "0|1",
                description = "Keep only events with this truth label (0 background, 1 signal).")
        Integer label;

        EventFilter filter(CommandLine cmd) {
            if (label != null && label < -1) {
                throw new CommandLine.ParameterException(cmd, "--label must be 0 (background), 1 (signal) or -1 "
                        + "(unknown), got " + label);
            }
            return new EventFilter(range(cmd, "--mjj-range", mjjRange), label);
        }
    }
}
