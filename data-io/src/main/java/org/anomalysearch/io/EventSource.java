package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.io.csv.DijetCsvReader;
import org.anomalysearch.io.csv.EventTableCsvReader;
import org.anomalysearch.io.csv.FeatureCsvReader;
import org.anomalysearch.io.hdf5.LhcoFeatureReader;
import org.anomalysearch.io.npy.CathodeNpyReader;
import org.anomalysearch.io.parquet.ParquetEventReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A validated input file streamed as {@link EventBatch}es of at most {@link ReadOptions#chunkSize()} rows.
 *
 * <p>{@link #open} checks the file's structure (format, columns, types, sizes) before returning, so a wrong file
 * fails before any expensive work; values (NaN, infinities, bad labels) are checked as the batches are read and
 * reported with the file, row and column. Event ids are 0-based file rows, except for event tables, which
 * carry their own. Problems are {@link InvalidInputException}s; I/O failures while streaming are reported the
 * same way, with the cause attached.
 */
public interface EventSource extends Iterator<EventBatch>, AutoCloseable {

    /** The file read. */
    Path path();

    /** Its format. */
    InputFormat format();

    /** Rows in the file (for a particle file, input events, before any selection). */
    long rowCount();

    /** The schema of every batch. */
    FeatureSchema schema();

    /** Releases the file; never throws a checked exception. */
    @Override
    void close();

    /** Reads the remaining batches into one. Meant for small inputs and tests. */
    default EventBatch readAll() {
        List<EventBatch> all = new ArrayList<>();
        while (hasNext()) {
            all.add(next());
        }
        return EventBatch.concat(schema(), all);
    }

    /** What the file holds. */
    default InputInfo info() {
        return new InputInfo(path(), format(), rowCount(), schema());
    }

    /** Opens any supported file with the default options. */
    static EventSource open(Path path) {
        return open(path, ReadOptions.DEFAULTS);
    }

    /**
     * Detects the format of {@code path} ({@link Formats#detect}), validates its structure and opens it. A
     * particle-level file needs {@link ReadOptions#particleProcessor()}.
     */
    static EventSource open(Path path, ReadOptions options) {
        InputFormat format = Formats.detect(path);
        return switch (format) {
            case LHCO_FEATURES_HDF5 -> LhcoFeatureReader.open(path, options.chunkSize());
            case CATHODE_NPY -> CathodeNpyReader.open(path, options.chunkSize());
            case DIJET_CSV -> DijetCsvReader.open(path, options.chunkSize());
            case FEATURE_CSV -> FeatureCsvReader.open(path, options.chunkSize());
            case EVENT_TABLE_CSV -> EventTableCsvReader.open(path, options.chunkSize());
            case EVENT_TABLE_PARQUET -> ParquetEventReader.open(path, options.chunkSize());
            case LHCO_PARTICLES_HDF5 -> {
                if (options.particleProcessor() == null) {
                    throw new InvalidInputException(path.toString(), null,
                            "is a particle-level LHCO file: it gives events only after jet clustering",
                            "read it with ParticleSource.open, or pass a ParticleProcessor in ReadOptions");
                }
                yield new ProcessedParticleSource(ParticleSource.open(path, options.particleChunkSize()),
                        options.particleProcessor());
            }
        };
    }

    /**
     * Opens several files as one source, read in the order given; one file is opened as by
     * {@link #open(Path, ReadOptions)}. All must have the same columns. Files that number their events by row continue
     * the numbering from one file to the next (the ids of the second start after the first's rows); event tables keep
     * their own ids, which must be unique across the files.
     */
    static EventSource open(List<Path> paths, ReadOptions options) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input file");
        }
        return paths.size() == 1 ? open(paths.get(0), options) : MultiEventSource.open(paths, options);
    }

    /** {@link #open(List, ReadOptions)} with the default options. */
    static EventSource open(List<Path> paths) {
        return open(paths, ReadOptions.DEFAULTS);
    }

    /** Detects and opens {@code path} only to report what it holds. */
    static InputInfo inspect(Path path) {
        InputFormat format = Formats.detect(path);
        if (format.particleLevel()) {
            try (ParticleSource s = ParticleSource.open(path, 1)) {
                return new InputInfo(path, format, s.rowCount(), null);
            }
        }
        try (EventSource s = open(path, ReadOptions.DEFAULTS.withChunkSize(1))) {
            return s.info();
        }
    }
}
