package org.anomalysearch.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/STYLE.md, checked on the sources: only jobs imports Spark, analysis-core imports only the
 * JDK, Commons Math and itself, no library module (search included: the analysis without Spark) imports jobs, and
 * the product (jobs) imports no benchmark.
 */
class ArchitectureTest {

    static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    static List<String> violations(String module, java.util.function.Predicate<String> allowed) throws IOException {
        return violations(ROOT.resolve(module).resolve("src/main/java"), allowed);
    }

    static List<String> violations(Path src, java.util.function.Predicate<String> allowed) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!allowed.test(m.group(2))) {
                        out.add(ROOT.relativize(f) + ": " + m.group(2));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void onlyJobsKnowsSparkAndCoreKnowsOnlyCommonsMath() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String module : List.of("analysis-core", "results", "data-io", "density-models", "cwola",
                "notebooks-export", "fpga-export", "trigger", "search")) {
            bad.addAll(violations(module, i -> !i.startsWith("org.apache.spark") && !i.startsWith("scala.")
                    && !i.startsWith("org.anomalysearch.jobs")));
        }
        bad.addAll(violations("jobs", i -> !i.startsWith("org.anomalysearch.jobs.bench")));
        // results.json and checkpoints through the one codec of module results; the only other JSON format with a
        // Jackson reader and writer of its own is conifer's tree JSON (fpga-export); Jackson nowhere else
        for (String module : List.of("analysis-core", "data-io", "density-models", "cwola", "notebooks-export",
                "trigger", "search", "jobs", "benchmarks")) {
            bad.addAll(violations(module, i -> !i.startsWith("com.fasterxml.jackson")));
        }
        bad.addAll(violations("analysis-core", i -> i.startsWith("java.") || i.startsWith("org.apache.commons.math3")
                || i.startsWith("org.anomalysearch.core")));
        assertTrue(bad.isEmpty(), "imports against the module rules:\n" + String.join("\n", bad));
        assertTrue(violations("jobs", i -> !i.startsWith("org.apache.spark")).size() > 5,
                "the scanner sees jobs' Spark imports (it would see them anywhere else)");
    }
}
