package org.anomalysearch.jobs.spark;

import java.util.List;
import org.anomalysearch.search.WindowExecutor;
import org.anomalysearch.search.WindowTask;
import org.anomalysearch.search.WorkerProcesses;
import org.apache.spark.sql.SparkSession;

/**
 * Windows as Spark jobs: each {@link WindowTask} is one task, submitted from a driver pool as wide as the session's
 * default parallelism, so windows run side by side on the executors and each is checkpointed as soon as it finishes.
 */
public final class SparkWindowExecutor {

    private SparkWindowExecutor() {
    }

    /**
     * The executor of {@code spark}: Spark tasks on a cluster; in local mode worker JVMs ({@link WorkerProcesses}), as
     * many as the master's cores, since local tasks share this JVM's one DJL training thread.
     */
    public static WindowExecutor of(SparkSession spark) {
        int threads = Math.max(1, spark.sparkContext().defaultParallelism());
        if (spark.sparkContext().isLocal()) {
            return WorkerProcesses.of(threads);
        }
        return (tasks, listener) -> WindowExecutor.runAll(tasks, threads, task -> {
            spark.sparkContext().setJobDescription(task.name() + " " + task.window().signal());
            return SparkJobs.context(spark).parallelize(List.of(task), 1).map(WindowTask::run).collect().get(0);
        }, listener);
    }
}
