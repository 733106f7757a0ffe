package org.anomalysearch.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates ../shared/data and writes small fixtures. */
public final class TestData {

    private TestData() {
    }

    /** A file under ../shared/data; skips the test with a message when it is absent. */
    public static Path shared(String relative) {
        String dir = System.getProperty("anomalysearch.shared.dir", "../../shared");
        Path p = Paths.get(dir, "data", relative);
        assumeTrue(Files.isRegularFile(p), "reference file " + p + " is absent (set -Danomalysearch.shared.dir)");
        return p;
    }

    public static final Path PARTICLES = Paths.get("lhco_format", "lhco_format_sample.h5");
    public static final Path FEATURES = Paths.get("lhco_format", "lhco_features_sample.h5");

    public static Path particles() {
        return shared(PARTICLES.toString());
    }

    public static Path features() {
        return shared(FEATURES.toString());
    }

    /**
     * Writes a DataFrame in the pandas 'fixed' layout with jHDF's writer (not pandas): df/axis0 (column names:
     * strings, or 0..n-1 when {@code names} is null), df/axis1 (0..rows-1), df/block0_items, df/block0_values.
     */
    public static Path writePandas(Path file, String[] names, double[][] values) {
        int cols = values.length == 0 ? (names == null ? 0 : names.length) : values[0].length;
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup df = f.putGroup("df");
            df.putAttribute("pandas_type", "frame");
            if (names == null) {
                long[] idx = LongStream.range(0, cols).toArray();
                df.putDataset("axis0", idx);
                df.putDataset("block0_items", idx.clone());
            } else {
                df.putDataset("axis0", names);
                df.putDataset("block0_items", names.clone());
            }
            df.putDataset("axis1", LongStream.range(0, values.length).toArray());
            df.putDataset("block0_values", values);
        }
        return file;
    }

    /** The first {@code n} bytes of {@code src} written to {@code dst}. */
    public static Path truncate(Path src, Path dst, long n) throws IOException {
        byte[] all = Files.readAllBytes(src);
        Files.write(dst, java.util.Arrays.copyOf(all, (int) n));
        return dst;
    }
}
