package org.anomalysearch.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput and memory of streaming the particle-level HDF5 reader. Slow (writes a ~0.9 GB file), so only run
 * with {@code ANOMALYSEARCH_BENCH=1} in the environment:
 * {@code ANOMALYSEARCH_BENCH=1 mvn -o -q -pl data-io -am test -Dtest=ParticleStreamingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; the replication factor is {@code ANOMALYSEARCH_BENCH_COPIES} (40).
 */
@EnabledIfEnvironmentVariable(named = "ANOMALYSEARCH_BENCH", matches = "1")
class ParticleStreamingBenchmark {

    @TempDir
    Path tmp;

    static long stream(Path p, int chunk) {
        long events = 0;
        try (ParticleSource s = ParticleSource.open(p, chunk)) {
            while (s.hasNext()) {
                events += s.next().numEvents();
            }
        }
        return events;
    }

    @Test
    void throughputOnTheSample() {
        Path p = TestData.particles();
        for (int chunk : new int[] {100, 1000}) {
            stream(p, chunk); // warm-up
            long t0 = System.nanoTime();
            int reps = 5;
            long events = 0;
            for (int i = 0; i < reps; i++) {
                events += stream(p, chunk);
            }
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("BENCH particle sample, chunk %d: %.0f events/s (%.0f MB/s of float64 values)%n",
                    chunk, events / s, events * 2101 * 8 / s / 1e6);
        }
    }

    @Test
    void memoryIsBoundedByTheChunk() throws Exception {
        int copies = Integer.parseInt(System.getenv().getOrDefault("ANOMALYSEARCH_BENCH_COPIES", "40"));
        Path big = tmp.resolve("replicated.h5");
        double[][] sample;
        try (HdfFile f = new HdfFile(TestData.particles())) {
            sample = (double[][]) f.getDatasetByPath("df/block0_values").getData();
        }
        int n = sample.length * copies;
        double[][] all = new double[n][];
        for (int i = 0; i < n; i++) {
            all[i] = sample[i % sample.length];
        }
        long t0 = System.nanoTime();
        try (WritableHdfFile f = HdfFile.write(big)) {
            WritableGroup df = f.putGroup("df");
            long[] cols = LongStream.range(0, 2101).toArray();
            df.putDataset("axis0", cols);
            df.putDataset("block0_items", cols.clone());
            df.putDataset("axis1", LongStream.range(0, n).toArray());
            df.putDataset("block0_values", all);
        }
        all = null;
        sample = null;
        System.out.printf("BENCH wrote %d events (%.0f MB) with jHDF in %.1f s%n", n, Files.size(big) / 1e6,
                (System.nanoTime() - t0) * 1e-9);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Reader.class.getName(), big.toString(), "1000"));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        int rc = proc.waitFor();
        System.out.print(out);
        assertEquals(0, rc, out);
        assertTrue(out.contains("events " + n), out);
    }

    /** Streams a particle file in a JVM of its own and reports rate and peak heap. */
    public static final class Reader {
        public static void main(String[] args) {
            Path p = Path.of(args[0]);
            int chunk = Integer.parseInt(args[1]);
            long t0 = System.nanoTime();
            long events = stream(p, chunk);
            double s = (System.nanoTime() - t0) * 1e-9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("BENCH child -Xmx%dm: events %d in %.1f s = %.0f events/s, peak heap %.0f MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, events, s, events / s, peak / 1e6);
        }
    }
}
