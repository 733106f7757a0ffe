package org.anomalysearch.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import org.anomalysearch.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
        } catch (HdfException | IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException e) {
            throw new InvalidInputException(src, null, "not a readable HDF5 file: " + rootMessage(e),
                    "the file is corrupt or truncated; regenerate or download it again", e);
        }
        try {
            return validate(path, file);
        } catch (RuntimeException e) {
            file.close();
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(src, null, "not a readable HDF5 file: " + rootMessage(e),
                    "the file is corrupt or truncated; regenerate or download it again", e);
        }
    }

    private static PandasFrame validate(Path path, HdfFile file) {
        String src = path.toString();
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
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw new InvalidInputException(src, null, "cannot read the file size: " + e.getMessage(), "", e);
            }
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
            if (a.getDimensions().length != 1 || a.getDimensions()[0] != columns) {
                throw new InvalidInputException(src, COLUMNS, "expected " + columns + " column names, found shape "
                        + Arrays.toString(a.getDimensions()), "");
            }
            if (a.getJavaType() == String.class) {
                names = (String[]) a.getData();
            }
        }
        return new PandasFrame(path, file, values, rows, columns, names);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
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
                    "cannot read the values: " + rootMessage(e), "the file is corrupt or truncated", e);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
