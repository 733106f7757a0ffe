package org.anomalysearch.io.npy;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.EventTableWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Exports events as a CATHODE {@code .npy} array (n, 6): mjj, mj1, dmj [TeV], tau21_j1, tau21_j2, label, the
 * inverse of {@link CathodeNpyReader}. Masses are divided by 1000, so a GeV value read back may differ from the
 * original in the last bit. Unknown labels (-1) are written as -1. Ids and weights are not stored.
 */
public final class CathodeNpyWriter implements EventTableWriter {

    private final NpyWriter npy;
    private final Path target;
    private final FeatureSchema schema;
    private final int[] cols = new int[5];
    private final double[] row = new double[6];

    private CathodeNpyWriter(NpyWriter npy, Path target, FeatureSchema schema) {
        this.npy = npy;
        this.target = target;
        this.schema = schema;
        for (int i = 0; i < 5; i++) {
            cols[i] = schema.indexOf(FeatureSchema.STANDARD.get(i).name());
        }
    }

    /** Needs every feature of {@link FeatureSchema#STANDARD} in {@code schema}. */
    public static CathodeNpyWriter open(Path target, FeatureSchema schema, boolean overwrite) throws IOException {
        for (String n : FeatureSchema.STANDARD.names()) {
            if (!schema.contains(n)) {
                throw new InvalidInputException(target.toString(), n, "a CATHODE npy file needs the features "
                        + FeatureSchema.STANDARD.names() + "; the events have " + schema.names(),
                        "write .parquet or .csv instead");
            }
        }
        return new CathodeNpyWriter(NpyWriter.open(target, 6, overwrite), Paths.get(target.toString()), schema);
    }

    @Override
    public Path target() {
        return target;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch has " + batch.schema() + ", writer expects " + schema);
        }
        double[][] c = batch.columns();
        for (int r = 0; r < batch.size(); r++) {
            for (int i = 0; i < 5; i++) {
                double v = c[cols[i]][r];
                row[i] = i < 3 ? v / CathodeNpyReader.TEV : v;
            }
            row[5] = batch.labels()[r];
            npy.writeRow(row);
        }
    }

    @Override
    public long rowsWritten() {
        return npy.rows();
    }

    @Override
    public void commit() throws IOException {
        npy.commit();
    }

    @Override
    public void close() {
        npy.close();
    }
}
