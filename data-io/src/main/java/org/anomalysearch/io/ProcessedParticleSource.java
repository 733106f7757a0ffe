package org.anomalysearch.io;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;

import java.nio.file.Path;
import java.util.NoSuchElementException;

/** A particle file seen through a {@link ParticleProcessor}: one (possibly smaller) batch per chunk. */
final class ProcessedParticleSource implements EventSource {
    private final ParticleSource particles;
    private final ParticleProcessor processor;

    ProcessedParticleSource(ParticleSource particles, ParticleProcessor processor) {
        this.particles = particles;
        this.processor = processor;
    }

    @Override
    public Path path() {
        return particles.path();
    }

    @Override
    public InputFormat format() {
        return InputFormat.LHCO_PARTICLES_HDF5;
    }

    @Override
    public long rowCount() {
        return particles.rowCount();
    }

    @Override
    public FeatureSchema schema() {
        return processor.schema();
    }

    @Override
    public boolean hasNext() {
        return particles.hasNext();
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventBatch b = processor.process(particles.next());
        if (!b.schema().equals(processor.schema())) {
            throw new IllegalStateException("particle processor returned " + b.schema() + ", declared " + processor.schema());
        }
        return b;
    }

    @Override
    public void close() {
        particles.close();
    }
}
