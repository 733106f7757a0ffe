package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.csv.CsvLayouts;
import org.anomalysearch.io.hdf5.PandasFrame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tells what an input file is, from its magic bytes, its extension and (HDF5, CSV) its layout, without
 * reading its data. Every problem is an {@link InvalidInputException} naming the file.
 */
public final class Formats {

    /** HDF5 format signature. */
    public static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** npy magic: 0x93 then "NUMPY". */
    public static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Parquet magic, at the start and the end of the file. */
    public static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    /** gzip magic. */
    public static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    /** File extensions, lower case, that name a supported input. */
    public static final String SUPPORTED = ".h5, .hdf5, .npy, .csv, .csv.gz, .parquet";

    private Formats() {
    }

    /** The kind of container a file name or its first bytes point to. */
    enum Container { HDF5, NPY, PARQUET, CSV }

    /**
     * Detects the format of {@code path}. Checks that the file exists, is a regular non-empty file, that its
     * magic bytes agree with its extension, and for HDF5 and CSV which layout it has.
     */
    public static InputFormat detect(Path path) {
        requireReadableFile(path);
        byte[] head = head(path, 8);
        Container byName = byExtension(path);
        Container byMagic = byMagic(head);
        if (byName != null && byName != Container.CSV && byMagic != byName) {
            throw new InvalidInputException(path.toString(), null,
                    "is not a valid " + name(byName) + " file: expected it to start with " + hex(magic(byName))
                            + ", found " + hex(head) + (byMagic == null ? "" : " (a " + name(byMagic) + " file?)"),
                    "the file is corrupt, truncated at the start or misnamed");
        }
        Container c = byMagic != null ? byMagic : byName;
        if (c == null) {
            throw new InvalidInputException(path.toString(), null,
                    "unsupported input: neither its name nor its first bytes (" + hex(head) + ") match a supported format",
                    "supported: " + SUPPORTED);
        }
        return switch (c) {
            case HDF5 -> PandasFrame.inspect(path).particleLevel()
                    ? InputFormat.LHCO_PARTICLES_HDF5 : InputFormat.LHCO_FEATURES_HDF5;
            case NPY -> InputFormat.CATHODE_NPY;
            case PARQUET -> InputFormat.EVENT_TABLE_PARQUET;
            case CSV -> CsvLayouts.detect(path);
        };
    }

    /** True if the name ends with .gz (any case). */
    public static boolean gzipped(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** Throws a clear {@link InvalidInputException} if {@code path} is missing, a directory, unreadable or empty. */
    public static void requireReadableFile(Path path) {
        String src = path.toString();
        if (!Files.exists(path)) {
            throw new InvalidInputException(src, null, "file not found",
                    "check the path (relative paths are resolved against " + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(src, null, "is a directory, expected a file", "give the file inside it");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException(src, null, "file is not readable", "check its permissions");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new InvalidInputException(src, null, "cannot read the file size: " + e.getMessage(), "", e);
        }
        if (size == 0) {
            throw new InvalidInputException(src, null, "file is empty (0 bytes)",
                    "the file was not written completely; regenerate or download it again");
        }
    }

    static Container byExtension(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf")) {
            return Container.HDF5;
        }
        if (n.endsWith(".npy")) {
            return Container.NPY;
        }
        if (n.endsWith(".parquet") || n.endsWith(".pq")) {
            return Container.PARQUET;
        }
        if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
            return Container.CSV;
        }
        return null;
    }

    static Container byMagic(byte[] head) {
        if (startsWith(head, HDF5_MAGIC)) {
            return Container.HDF5;
        }
        if (startsWith(head, NPY_MAGIC)) {
            return Container.NPY;
        }
        if (startsWith(head, PARQUET_MAGIC)) {
            return Container.PARQUET;
        }
        return null;
    }

    private static byte[] magic(Container c) {
        return switch (c) {
            case HDF5 -> HDF5_MAGIC;
            case NPY -> NPY_MAGIC;
            case PARQUET -> PARQUET_MAGIC;
            case CSV -> new byte[0];
        };
    }

    private static String name(Container c) {
        return switch (c) {
            case HDF5 -> "HDF5";
            case NPY -> "npy";
            case PARQUET -> "Parquet";
            case CSV -> "CSV";
        };
    }

    static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    /** The first {@code n} bytes of the file (fewer if it is shorter). */
    public static byte[] head(Path path, int n) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), null, "cannot read the file: " + e.getMessage(), "", e);
        }
    }

    /** Bytes as space-separated hex. */
    public static String hex(byte[] b) {
        HexFormat f = HexFormat.ofDelimiter(" ");
        return b.length == 0 ? "(nothing)" : f.formatHex(b);
    }
}
