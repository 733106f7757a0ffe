package org.anomalysearch.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.EventChecks;
import org.anomalysearch.io.LibraryErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A pandas DataFrame written with {@code to_hdf(key="df", format="fixed")} and a single float64 block:
 * datasets {@code df/axis0} (column names), {@code df/axis1} (row index), {@code df/block0_items} and
 * {@code df/block0_values} (rows x columns). Opening validates the layout and that the data lies inside the
 * file; rows are then read in slices, never the whole dataset.
 */
public final class PandasFrame implements AutoCloseable {

    /** The HDF5 group pandas writes to with {@code key="df"}. */
    public static final String GROUP = "df";
    public static final String VALUES = GROUP + "/block0_values";
    public static final String COLUMNS = GROUP + "/axis0";
    public static final String ITEMS = GROUP + "/block0_items";

    private final Path path;
    private final HdfFile file;
    private final Dataset values;
    private final long rows;
    private final int columns;
    private final String[] columnNames;

    private PandasFrame(Path path, HdfFile file, Dataset values, long rows, int columns, String[] columnNames) {
        this.path = path;
        this.file = file;
        this.values = values;
        this.rows = rows;
        this.columns = columns;
        this.columnNames = columnNames;
    }

    /** What {@link #inspect} finds: the shape and whether the column names are integers (a particle file). */
    public record Layout(long rows, int columns, String[] columnNames, boolean particleLevel) {
    }

    /** Opens and validates the pandas layout, to learn its shape and kind. */
    public static Layout inspect(Path path) {
        try (PandasFrame f = open(path)) {
            return new Layout(f.rows, f.columns, f.columnNames, f.columnNames == null);
        }
    }

    /**
     * Opens {@code path}, checks the pandas 'fixed' layout (group {@code df}, a 2-d float64 {@code
     * df/block0_values}, matching {@code df/axis0}) and that the values lie inside the file.
     */
    public static PandasFrame open(Path path) {
        String src = path.toString();
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new InvalidInputException(src, null, "not a readable HDF5 file: " + LibraryErrors.describe(e),
                    "the file is corrupt or truncated; regenerate or download it again", e);
        }
        try {
            return validate(path, file);
        } catch (RuntimeException e) {
            file.close();
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(src, null, "not a readable HDF5 file: " + LibraryErrors.describe(e),
                    "the file is corrupt or truncated; regenerate or download it again", e);
        }
    }

    private static PandasFrame validate(Path path, HdfFile file) {
        String src = path.toString();
        long size = fileSize(path);
        long eof = file.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        long base = file.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
        if (eof > 0 && eof != -1 && eof <= Long.MAX_VALUE - base && base + eof > size) {
            throw new InvalidInputException(src, null, "file is truncated: its superblock says it ends at byte "
                    + (base + eof) + " but the file has " + size + " bytes",
                    "the file was not copied or written completely; download or regenerate it");
        }
        Node group = file.getChildren().get(GROUP);
        if (!(group instanceof Group g)) {
            throw new InvalidInputException(src, GROUP,
                    "expected a pandas DataFrame under key 'df' (group /df), found top-level entries "
                            + file.getChildren().keySet(),
                    "write the file with pandas to_hdf(path, key='df', format='fixed')");
        }
        Node v = g.getChildren().get("block0_values");
        if (!(v instanceof Dataset values)) {
            throw new InvalidInputException(src, VALUES,
                    "expected the pandas 'fixed' layout (df/axis0, df/axis1, df/block0_items, df/block0_values), found "
                            + g.getChildren().keySet(),
                    "write the DataFrame with format='fixed' and one dtype (float64) for all columns");
        }
        if (g.getChildren().containsKey("block1_values")) {
            throw new InvalidInputException(src, GROUP + "/block1_values",
                    "the DataFrame has more than one dtype block; expected all columns in one float64 block",
                    "cast every column to float64 before to_hdf");
        }
        int[] dims = values.getDimensions();
        if (dims.length != 2) {
            throw new InvalidInputException(src, VALUES, "expected a 2-d dataset, found shape " + Arrays.toString(dims), "");
        }
        if (values.getJavaType() != double.class) {
            throw new InvalidInputException(src, VALUES, "expected float64 values, found " + values.getJavaType(),
                    "cast the DataFrame to float64 before to_hdf");
        }
        long[] shape = values.getDimensionsAsLong();
        long rows = shape[0];
        int columns = (int) shape[1];
        if (values instanceof ContiguousDataset c) {
            long end = c.getDataAddress() + values.getSizeInBytes();
            if (c.getDataAddress() >= 0 && end > size) {
                throw new InvalidInputException(src, VALUES,
                        "file is truncated: the " + rows + " x " + columns + " values end at byte " + end
                                + " but the file has " + size + " bytes",
                        "the file was not copied or written completely; download or regenerate it");
            }
        }
        String[] names = null;
        Node axis0 = g.getChildren().get("axis0");
        if (axis0 instanceof Dataset a) {
            Object axis = columnLabels(src, COLUMNS, a, columns);
            Node items = g.getChildren().get("block0_items");
            if (!(items instanceof Dataset b)) {
                throw new InvalidInputException(src, ITEMS, "missing: the pandas 'fixed' layout names the columns of "
                        + "block0_values in df/block0_items", "write the DataFrame with pandas to_hdf(format='fixed')");
            }
            Object blockItems = columnLabels(src, ITEMS, b, columns);
            if (!Objects.deepEquals(axis, blockItems)) {
                throw new InvalidInputException(src, ITEMS, "the columns of block0_values, " + preview(blockItems)
                        + ", are not those of df/axis0, " + preview(axis) + ", in the same order",
                        "the file was altered; pandas writes one float64 block in column order");
            }
            if (axis instanceof String[] s) {
                names = s;
                EventChecks.requireUniqueNames(src, COLUMNS, Arrays.asList(s));
            }
        } else {
            throw new InvalidInputException(src, COLUMNS, "missing: the pandas 'fixed' layout names the columns in "
                    + "df/axis0", "write the DataFrame with pandas to_hdf(format='fixed')");
        }
        return new PandasFrame(path, file, values, rows, columns, names);
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), null, "cannot read the file size: " + e.getMessage(), "", e);
        }
    }

    /** The labels of a 1-d axis dataset of {@code columns} entries: String[] or an integer array. */
    private static Object columnLabels(String src, String field, Dataset a, int columns) {
        if (a.getDimensions().length != 1 || a.getDimensions()[0] != columns) {
            throw new InvalidInputException(src, field, "expected " + columns + " column labels, found shape "
                    + Arrays.toString(a.getDimensions()), "the file is corrupt or not a pandas 'fixed' DataFrame");
        }
        Class<?> t = a.getJavaType();
        if (t != String.class && t != long.class && t != int.class) {
            throw new InvalidInputException(src, field, "expected column labels as strings or integers, found "
                    + t.getSimpleName() + " values", "the file is corrupt or not a pandas 'fixed' DataFrame");
        }
        return a.getData();
    }

    private static String preview(Object labels) {
        String s = labels instanceof String[] a ? Arrays.toString(a) : labels instanceof long[] l
                ? Arrays.toString(l) : Arrays.toString((int[]) labels);
        return s.length() > 200 ? s.substring(0, 200) + "...]" : s;
    }

    public Path path() {
        return path;
    }

    public long rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Column names from {@code df/axis0}, or null if they are integers (as in the particle files). */
    public String[] columnNames() {
        return columnNames == null ? null : columnNames.clone();
    }

    /** Rows {@code first .. first+n-1}, all columns. */
    public double[][] readRows(long first, int n) {
        try {
            return (double[][]) values.getData(new long[] {first, 0}, new int[] {n, columns});
        } catch (RuntimeException e) {
            throw new InvalidInputException(path.toString(), VALUES + " rows " + first + ".." + (first + n - 1),
                    "cannot read the values: " + LibraryErrors.describe(e), "the file is corrupt or truncated", e);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
