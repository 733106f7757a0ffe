package org.anomalysearch.io;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;

/**
 * Turns particle-level events into events (jet clustering plus selection): what makes a particle file an
 * {@link EventSource}. Supplied by the caller through {@link ReadOptions#withParticleProcessor}.
 */
public interface ParticleProcessor {

    /** The schema of every batch {@link #process} returns. */
    FeatureSchema schema();

    /** The events of one chunk; may hold fewer rows than the chunk (a selection drops events). */
    EventBatch process(ParticleChunk chunk);
}
