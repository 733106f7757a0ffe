/**
 * Reading every supported input and writing the project's event table.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link org.anomalysearch.io.Formats#detect} tells what a file is (by magic bytes, extension and,
 *       for HDF5 and CSV, by its layout) without reading its data;</li>
 *   <li>{@link org.anomalysearch.io.EventSource#open} validates a file up front and streams
 *       {@link org.anomalysearch.core.event.EventBatch}es in chunks;</li>
 *   <li>{@link org.anomalysearch.io.ParticleSource#open} streams particle-level LHCO events as
 *       {@link org.anomalysearch.io.ParticleChunk}s, for jet clustering;</li>
 *   <li>{@link org.anomalysearch.io.EventTableWriter#open} writes the event table as Parquet, CSV(.gz) or
 *       CATHODE {@code .npy}, atomically (through {@link org.anomalysearch.io.AtomicOutput}).</li>
 * </ul>
 * Format-specific readers and writers live in the sub-packages {@code hdf5}, {@code npy}, {@code csv} and
 * {@code parquet}.
 */
package org.anomalysearch.io;
