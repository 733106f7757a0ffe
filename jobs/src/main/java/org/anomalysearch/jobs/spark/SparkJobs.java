package org.anomalysearch.jobs.spark;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of the jobs: one factory for the {@link SparkSession} and the contract every job follows.
 *
 * <p>Contract: a job is a final class with
 * <ul>
 *   <li>{@code public static void main(String[] args)} for {@code spark-submit --class ...}: it parses the arguments
 *       (through the {@code anomaly-search} command line, so options and error messages are the same), and is the
 *       only place that calls {@code System.exit};</li>
 *   <li>a static {@code prepare(config, options)} that validates the config and inputs <em>without</em> Spark, so a
 *       bad config or input ends in one line before any Spark work;</li>
 *   <li>a static {@code run(..., SparkSession spark)} that does the work and returns a result record. It never
 *       stops the session and never exits.</li>
 * </ul>
 *
 * <p>The master is, in order: an explicit {@code --master}, the {@code spark.master} system property (set by
 * {@code spark-submit}), or {@code local[*]}. Java serialization is used for the closures and records shipped to
 * executors (the project's records are {@link java.io.Serializable}; the payloads are large primitive arrays, which
 * Java serialization writes compactly).
 */
public final class SparkJobs {

    /** The embedded default master. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkJobs() {
    }

    /** The master to use: {@code explicit} if given, else {@code spark.master}, else {@link #DEFAULT_MASTER}. */
    public static String master(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String p = System.getProperty("spark.master");
        return p != null && !p.isBlank() ? p : DEFAULT_MASTER;
    }

    /**
     * Gets or creates the session for {@code appName} on {@link #master(String) master(master)}, with Spark's
     * logging at WARN and, in local mode, without the web UI.
     */
    public static SparkSession session(String master, String appName) {
        quietLogging();
        String m = master(master);
        SparkConf conf = new SparkConf(true)
                .setMaster(m)
                .setAppName(appName)
                .setIfMissing("spark.serializer", "org.apache.spark.serializer.JavaSerializer")
                .setIfMissing("spark.sql.session.timeZone", "UTC");
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            // The driver's RPC and block-transfer ports listen on 127.0.0.1 even in local mode: any local user
            // could connect to them. A per-session random secret closes them to everyone but this process.
            if (!conf.contains("spark.authenticate.secret")) {
                conf.set("spark.authenticate", "true");
                conf.set("spark.authenticate.secret", secret());
            }
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /**
     * A session for one command: {@link #session} on entry; on close, stops the session only if this handle
     * created it (a session that already existed, e.g. a test's, is left running).
     */
    public static Handle open(String master, String appName) {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        return new Handle(session(master, appName), !existed);
    }

    /** See {@link #open}. */
    public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    /** 32 random bytes as hex, from the system's strong source: the secret of one local session. */
    static String secret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The Java API context of a session. */
    public static JavaSparkContext context(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /** Splits {@code [0, n)} into {@code parts} contiguous ranges {first, count} of nearly equal size, in order. */
    public static List<long[]> ranges(long n, int parts) {
        int p = (int) Math.max(1, Math.min(parts, n));
        List<long[]> out = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            long a = n * i / p;
            long b = n * (i + 1) / p;
            out.add(new long[] {a, b - a});
        }
        return out;
    }

    /** Sets Log4j 2's root level to WARN before Spark starts (Spark's default prints every INFO line). */
    static void quietLogging() {
        if (Boolean.getBoolean("anomalysearch.spark.verbose")) {
            return;
        }
        try {
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("org.apache.spark", Level.WARN);
            Configurator.setLevel("org.sparkproject", Level.WARN);
        } catch (LinkageError e) {
            // Log4j core is not on the classpath (a cluster with another logging backend): keep its settings.
        }
    }
}
