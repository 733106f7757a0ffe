package org.anomalysearch.io;

import org.anomalysearch.core.event.DijetEvent;

/**
 * A block of consecutive particle-level events: for event {@code i} (file row {@code firstEvent + i}),
 * {@code counts[i]} massless particles stored at {@code offsets[i] .. offsets[i+1]-1} of the flat
 * {@code pt} [GeV], {@code eta} and {@code phi} arrays, and its truth label ({@link DijetEvent#NO_LABEL} when
 * the file has none). The arrays are owned by the chunk and must not be changed.
 */
public record ParticleChunk(long firstEvent, int[] counts, int[] offsets, double[] pt, double[] eta, double[] phi,
                            int[] labels) {

    public ParticleChunk {
        int n = counts.length;
        if (offsets.length != n + 1 || labels.length != n) {
            throw new IllegalArgumentException("offsets must have " + (n + 1) + " and labels " + n + " entries");
        }
        if (offsets[0] != 0) {
            throw new IllegalArgumentException("offsets[0] must be 0");
        }
        for (int i = 0; i < n; i++) {
            if (counts[i] < 0 || offsets[i + 1] != offsets[i] + counts[i]) {
                throw new IllegalArgumentException("offsets do not match counts at event " + i);
            }
        }
        int total = offsets[n];
        if (pt.length != total || eta.length != total || phi.length != total) {
            throw new IllegalArgumentException("pt, eta and phi must hold " + total + " particles");
        }
    }

    /** Builds a chunk, computing the offsets from the counts. */
    public static ParticleChunk of(long firstEvent, int[] counts, double[] pt, double[] eta, double[] phi, int[] labels) {
        int[] offsets = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            offsets[i + 1] = offsets[i] + counts[i];
        }
        return new ParticleChunk(firstEvent, counts, offsets, pt, eta, phi, labels);
    }

    /** Number of events in the chunk. */
    public int numEvents() {
        return counts.length;
    }

    /** Total number of particles in the chunk. */
    public int numParticles() {
        return offsets[counts.length];
    }

    /** The id (0-based file row) of event {@code i} of this chunk. */
    public long eventId(int i) {
        return firstEvent + i;
    }

    public int count(int i) {
        return counts[i];
    }

    /** Index in the flat arrays of particle {@code j} of event {@code i}. */
    public int index(int i, int j) {
        return offsets[i] + j;
    }
}
