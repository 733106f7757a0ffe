package org.anomalysearch.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a live bar on a terminal, and a plain line every few seconds otherwise
 * (log files and CI keep readable output).
 */
final class Progress implements AutoCloseable {

    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final ProgressBar bar;
    private final PrintStream err;
    private final String task;
    private final String unit;
    private final long max;
    private final long start = System.nanoTime();
    private long current;
    private long lastLine = System.nanoTime();
    private long lastPrinted = -1;

    Progress(String task, long max, String unit) {
        this.task = task;
        this.unit = unit;
        this.max = max;
        this.err = System.err;
        if (System.console() != null && !Boolean.getBoolean("anomalysearch.plainProgress")) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(max)
                    .setUnit(" " + unit, 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        } else {
            bar = null;
        }
    }

    void stepBy(long n) {
        current += n;
        if (bar != null) {
            bar.stepBy(n);
        } else if (System.nanoTime() - lastLine > LINE_INTERVAL_NANOS) {
            lastLine = System.nanoTime();
            line();
        }
    }

    private void line() {
        lastPrinted = current;
        double s = (System.nanoTime() - start) / 1e9;
        String eta = current > 0 && current < max ? ", ETA " + duration(s / current * (max - current)) : "";
        err.printf("%s: %,d / %,d %s (%.1f %s/s%s)%n", task, current, max, unit, current / Math.max(s, 1e-9), unit,
                eta);
    }

    /** Seconds since the start. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format("%.1fs", seconds);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (lastPrinted != current) {
            line();
        }
    }
}
