package org.anomalysearch.io;

import org.anomalysearch.core.InvalidConfigException;

/**
 * How to read an input: rows per {@link org.anomalysearch.core.event.EventBatch} for jet- and feature-level
 * files, events per {@link ParticleChunk} for particle-level files, and the optional processor that turns
 * particles into events.
 */
public record ReadOptions(int chunkSize, int particleChunkSize, ParticleProcessor particleProcessor) {

    /** Rows per batch unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 65_536;
    /** Particle events per chunk unless told otherwise (2101 doubles = 16.8 kB per event). */
    public static final int DEFAULT_PARTICLE_CHUNK_SIZE = 1_000;

    public static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_CHUNK_SIZE, DEFAULT_PARTICLE_CHUNK_SIZE, null);

    public ReadOptions {
        if (chunkSize < 1) {
            throw new InvalidConfigException("io.chunkSize", "must be at least 1, got " + chunkSize, "use e.g. 65536");
        }
        if (particleChunkSize < 1) {
            throw new InvalidConfigException("io.particleChunkSize", "must be at least 1, got " + particleChunkSize,
                    "use e.g. 1000");
        }
    }

    public ReadOptions withChunkSize(int n) {
        return new ReadOptions(n, particleChunkSize, particleProcessor);
    }

    public ReadOptions withParticleChunkSize(int n) {
        return new ReadOptions(chunkSize, n, particleProcessor);
    }

    public ReadOptions withParticleProcessor(ParticleProcessor p) {
        return new ReadOptions(chunkSize, particleChunkSize, p);
    }
}
