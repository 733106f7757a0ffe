package org.anomalysearch.fpga;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (system property anomalysearch.shared.dir); tests skip when a file is absent. */
public final class SharedData {
    private SharedData() {
    }

    /** The file under the shared directory, or a skipped test if it is not there. */
    public static Path require(String relative) {
        String dir = System.getProperty("anomalysearch.shared.dir", "../../shared");
        Path p = Path.of(dir).resolve(relative);
        assumeTrue(Files.isRegularFile(p), "shared reference file not found: " + p
                + " (set -Danomalysearch.shared.dir to the shared directory)");
        return p;
    }
}
