package org.anomalysearch.density;

/**
 * A daemon thread that calls {@link System#gc()} every millisecond until closed: it frees unreachable Java buffers
 * as early as possible, which makes a tensor that outlives its Java buffer show up as a different result.
 */
public final class GcStress implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private GcStress() {
        thread = new Thread(() -> {
            while (running) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-stress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the thread. */
    public static GcStress start() {
        return new GcStress();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
