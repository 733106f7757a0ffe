package org.anomalysearch.core.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The pieces the binary weights files of the dense networks share (the CWoLa MLP, the trigger models): the input
 * standardisation as (mean, std) pairs of doubles, and a dense layer as its input and output counts followed by its
 * weights (row-major, out x in) and biases as floats. Counts read back are checked with {@link Counts}.
 */
public final class DenseWeights {

    private DenseWeights() {
    }

    /** Writes {@code mean[c], std[c]} for every feature c. */
    public static void writeStandardisation(DataOutputStream out, double[] mean, double[] std) throws IOException {
        for (int c = 0; c < mean.length; c++) {
            out.writeDouble(mean[c]);
            out.writeDouble(std[c]);
        }
    }

    /** Reads what {@link #writeStandardisation} wrote for {@code n} features: {mean, std}. */
    public static double[][] readStandardisation(DataInputStream in, int n) throws IOException {
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int c = 0; c < n; c++) {
            mean[c] = in.readDouble();
            std[c] = in.readDouble();
        }
        return new double[][] {mean, std};
    }

    /** Writes one layer: its input and output counts, then its weights and biases. */
    public static void writeLayer(DataOutputStream out, int in, int outputs, float[] w, float[] b) throws IOException {
        out.writeInt(in);
        out.writeInt(outputs);
        for (float v : w) {
            out.writeFloat(v);
        }
        for (float v : b) {
            out.writeFloat(v);
        }
    }
}
