package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.hdf5.LhcoParticleReader;

import java.nio.file.Path;
import java.util.Iterator;

/**
 * A particle-level file streamed as {@link ParticleChunk}s of at most {@code chunkSize} events, never holding
 * more than one chunk of the file in memory. Structure is checked on open; values (NaN/Inf, negative pT, events
 * without particles, bad labels) as chunks are read, with the file, row and column in the message.
 */
public interface ParticleSource extends Iterator<ParticleChunk>, AutoCloseable {

    Path path();

    /** Events in the file. */
    long rowCount();

    /** Particle slots per event (700 in the LHCO files). */
    int maxParticles();

    /** True if the file has a label column. */
    boolean hasLabels();

    @Override
    void close();

    /** Opens a particle-level file; any other format is an {@link InvalidInputException}. */
    static ParticleSource open(Path path, int chunkSize) {
        InputFormat format = Formats.detect(path);
        if (format != InputFormat.LHCO_PARTICLES_HDF5) {
            throw new InvalidInputException(path.toString(), null,
                    "expected a particle-level LHCO HDF5 file, found " + format.description(),
                    "open it with EventSource.open instead");
        }
        return LhcoParticleReader.open(path, chunkSize);
    }
}
