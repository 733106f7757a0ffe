package org.anomalysearch.jobs.spark;

import java.util.List;
import org.anomalysearch.core.stats.ToyExecutor;
import org.apache.spark.sql.SparkSession;

/**
 * Pseudo-experiments on Spark: a toy is a pure function of its index ({@link ToyExecutor.Toy}), so the toys are
 * mapped over contiguous index ranges and their numbers collected in index order: the same as any other
 * {@link ToyExecutor}, whatever the number of tasks or executors.
 */
public final class SparkToys {

    private SparkToys() {
    }

    /** Toys on {@code spark} in {@code tasks} tasks (0: 4 per core): the same numbers as any other executor. */
    public static ToyExecutor executor(SparkSession spark, int tasks) {
        return (n, toy) -> map(spark, n, tasks, toy);
    }

    /** {@code toy} of indices {@code 0..nToys-1} mapped over contiguous index ranges, collected in index order. */
    private static double[] map(SparkSession spark, int nToys, int tasks, ToyExecutor.Toy toy) {
        int n = tasks > 0 ? tasks : 4 * spark.sparkContext().defaultParallelism();
        List<long[]> ranges = SparkJobs.ranges(nToys, n);
        List<double[]> parts = SparkJobs.context(spark).parallelize(ranges, ranges.size()).map(r -> {
            double[] t = new double[(int) r[1]];
            for (int i = 0; i < t.length; i++) {
                t[i] = toy.of((int) (r[0] + i));
            }
            return t;
        }).collect();
        double[] all = new double[nToys];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, k, p.length);
            k += p.length;
        }
        return all;
    }
}
