package org.anomalysearch.jobs.spark;

import java.util.List;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.stats.BumpHunter;
import org.anomalysearch.core.stats.GlobalSignificance;
import org.anomalysearch.core.stats.ToyExecutor;
import org.apache.spark.sql.SparkSession;

/**
 * Pseudo-experiments on Spark: {@link BumpHunter#toy} is pure (toy {@code i} depends only on the background, the
 * scan settings, the master seed and {@code i}), so the toys are mapped over contiguous index ranges and their test
 * statistics collected in index order. The result equals {@link BumpHunter#run} with the same arguments, whatever
 * the number of tasks or executors.
 */
public final class SparkToys {

    private SparkToys() {
    }

    /**
     * The data's BumpHunter scan against {@code background} with its global significance from toys
     * {@code 0..nToys-1} run on {@code spark} in {@code tasks} tasks (0: 4 per core).
     */
    public static BumpHunter.Result bumpHunter(SparkSession spark, double[] observed, double[] background,
                                               BumpHunter.Config config, int nToys, long masterSeed, int tasks) {
        if (nToys < 1) {
            throw new InvalidInputException("bumphunter", "toys", "needs at least 1 pseudo-experiment, got " + nToys, null);
        }
        BumpHunter.Scan data = BumpHunter.scan(observed, background, config);
        double[] t = toyStatistics(spark, background, config, nToys, masterSeed, tasks);
        return new BumpHunter.Result(data, GlobalSignificance.of(data.tStatistic(), t));
    }

    /** The test statistic of toys {@code 0..nToys-1}, in index order. */
    public static double[] toyStatistics(SparkSession spark, double[] background, BumpHunter.Config config, int nToys,
                                         long masterSeed, int tasks) {
        double[] bg = background.clone();
        return map(spark, nToys, tasks, i -> BumpHunter.toy(bg, config, masterSeed, i).tStatistic());
    }

    /**
     * The smallest local p of toys {@code 0..nToys-1} of the ML scan ({@link ScanSignificance#toy}), run on
     * {@code spark} in {@code tasks} tasks (0: 4 per core), in index order: the same numbers as
     * {@link ScanSignificance#toys} on any number of tasks.
     */
    public static double[] scanToys(SparkSession spark, ScanSignificance.Plan plan, int nToys, int tasks) {
        return map(spark, nToys, tasks, i -> ScanSignificance.toy(plan, i));
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
