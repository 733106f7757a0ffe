package org.anomalysearch.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.DijetEvent;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.core.select.DijetBuilder;

/**
 * The {@link ParticleProcessor} of {@code convert}: clusters and selects each particle-level event with a
 * {@link DijetBuilder}, on {@code threads} threads. Each chunk is split into contiguous slices, one per thread,
 * and the slices are joined in order, so the output is the same whatever the thread count. The cut-flow of all
 * events seen so far is kept.
 */
public final class ReconstructingProcessor implements ParticleProcessor, AutoCloseable {

    private final DijetBuilder builder;
    private final FeatureSchema schema;
    private final int threads;
    private final ExecutorService pool;
    private final ThreadLocal<DijetBuilder.Worker> workers;
    private final CutFlow flow;
    private long eventsSeen;

    public ReconstructingProcessor(DijetBuilder builder, FeatureSchema schema, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!schema.computable()) {
            throw new IllegalArgumentException("schema " + schema + " cannot be computed from jets");
        }
        this.builder = builder;
        this.schema = schema;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "reconstruct");
            t.setDaemon(true);
            return t;
        });
        this.workers = ThreadLocal.withInitial(builder::worker);
        this.flow = builder.selection().newCutFlow();
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** The cut-flow of every event processed so far. */
    public CutFlow cutFlow() {
        return flow.copy();
    }

    /** Input events processed so far. */
    public long eventsSeen() {
        return eventsSeen;
    }

    @Override
    public EventBatch process(ParticleChunk chunk) {
        int n = chunk.numEvents();
        int slices = Math.min(threads, Math.max(1, n));
        List<Slice> parts = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            parts.add(new Slice(chunk, (int) ((long) n * s / slices), (int) ((long) n * (s + 1) / slices)));
        }
        if (pool == null) {
            parts.forEach(Slice::run);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (Slice p : parts) {
                futures.add(pool.submit(p::run));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AnalysisException("interrupted while clustering", "", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        EventBatch.Builder out = new EventBatch.Builder(schema, n);
        for (Slice p : parts) {
            for (DijetEvent e : p.events) {
                out.add(e);
            }
            flow.merge(p.flow);
        }
        eventsSeen += n;
        return out.build();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private final class Slice {
        final ParticleChunk chunk;
        final int from;
        final int to;
        final List<DijetEvent> events = new ArrayList<>();
        final CutFlow flow = builder.selection().newCutFlow();

        Slice(ParticleChunk chunk, int from, int to) {
            this.chunk = chunk;
            this.from = from;
            this.to = to;
        }

        void run() {
            DijetBuilder.Worker w = workers.get();
            for (int i = from; i < to; i++) {
                DijetEvent e = w.build(chunk.eventId(i), chunk.labels()[i], chunk.pt(), chunk.eta(), chunk.phi(),
                        chunk.offsets()[i], chunk.count(i), flow);
                if (e != null) {
                    events.add(e);
                }
            }
        }
    }
}
