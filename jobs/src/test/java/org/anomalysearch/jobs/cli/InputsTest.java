package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expansion of input files and glob patterns that every command shares. */
class InputsTest {

    @TempDir
    Path dir;

    private Path touch(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void patternsExpandSortedAndPlainFilesKeepTheirPlace() throws IOException {
        Path b = touch("qcd_full_002.csv.gz");
        Path a = touch("qcd_full_001.csv.gz");
        Path c = touch("qcd_full_010.csv.gz");
        touch("signal.csv.gz");
        Path sig = dir.resolve("signal.csv.gz");
        assertEquals(List.of(sig, a, b, c), Inputs.expand(List.of(sig.toString(),
                dir.resolve("qcd_full_*.csv.gz").toString()), "INPUT"));
        assertEquals(List.of(a, b), Inputs.expand(List.of(dir.resolve("qcd_full_00[12].csv.gz").toString()), "INPUT"));
    }

    @Test
    void aPatternMayNameDirectoriesAndBeRelativeToABase() throws IOException {
        Path one = touch("runs/a/events.parquet");
        Path two = touch("runs/b/events.parquet");
        touch("runs/b/other.parquet");
        assertEquals(List.of(one, two), Inputs.expand(List.of(dir.resolve("runs/*/events.parquet").toString()), "X"));
        assertEquals(List.of(one, two), Inputs.expand(List.of("runs/*/events.parquet"), "X", dir));
    }

    @Test
    void noMatchAMissingFileAndARepeatAreNamed() throws IOException {
        Path a = touch("a.csv");
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> Inputs.expand(List.of(dir.resolve("b*.csv").toString()), "--data"));
        assertTrue(none.userMessage().contains("b*.csv: the pattern given to --data matches no file"),
                none.userMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Inputs.expand(List.of(dir.resolve("missing.csv").toString()), "--data"));
        assertTrue(missing.userMessage().contains("missing.csv: no such file (hint: check the path given to --data"),
                missing.userMessage());
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> Inputs.expand(List.of(a.toString(), dir.resolve("*.csv").toString()), "--data"));
        assertTrue(twice.userMessage().contains("a.csv: is given twice to --data"), twice.userMessage());
    }
}
