package org.anomalysearch.jobs.bench;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.anomalysearch.core.event.Jet;
import org.anomalysearch.core.jet.JetClusterer;
import org.anomalysearch.core.jet.JetDefinition;

/**
 * Benchmark (not a test) of the jet clustering that {@code convert} runs: anti-kT R = 1.0, pT &gt; 20 GeV,
 * plus tau1..tau3 of the two leading jets, on the 1,300 events of {@code lhco_format_sample.h5}, single
 * threaded. When {@code g++} and Debian's libfastjet-dev are installed it also builds
 * {@code bench/fastjet/fastjet_driver.cc} under {@code jobs/target/fastjet-bench}, hands it the same particles
 * in a plain binary file, times FastJet 3.4 doing the same work, and prints the ratio of the times.
 *
 * <p>Usage: {@code ClusteringBenchmark [path/to/lhco_format_sample.h5] [repeats] [--no-fastjet]}.
 */
public final class ClusteringBenchmark {
    private static final int MAX_PARTICLES = 700;
    private static final int WARMUP_PASSES = 10;

    private ClusteringBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path h5 = Paths.get("../shared/data/lhco_format/lhco_format_sample.h5");
        int repeats = 20;
        boolean withFastJet = true;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--no-fastjet")) {
                withFastJet = false;
            } else {
                positional.add(a);
            }
        }
        if (!positional.isEmpty()) {
            h5 = Paths.get(positional.get(0));
        }
        if (positional.size() > 1) {
            repeats = Integer.parseInt(positional.get(1));
        }
        if (!Files.isRegularFile(h5)) {
            h5 = Paths.get("..").resolve(h5); // run from a module directory
        }
        System.out.println(run(h5, repeats, withFastJet));
    }

    /** Runs the benchmark and returns the report (machine, Java and, if available, FastJet figures). */
    public static String run(Path h5, int repeats, boolean withFastJet) throws IOException, InterruptedException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, found " + repeats);
        }
        double[][] pt;
        double[][] eta;
        double[][] phi;
        try (HdfFile hdf = new HdfFile(h5)) {
            Dataset ds = hdf.getDatasetByPath("df/block0_values");
            double[][] rows = (double[][]) ds.getData();
            pt = new double[rows.length][MAX_PARTICLES];
            eta = new double[rows.length][MAX_PARTICLES];
            phi = new double[rows.length][MAX_PARTICLES];
            for (int ev = 0; ev < rows.length; ev++) {
                for (int i = 0; i < MAX_PARTICLES; i++) {
                    pt[ev][i] = rows[ev][3 * i];
                    eta[ev][i] = rows[ev][3 * i + 1];
                    phi[ev][i] = rows[ev][3 * i + 2];
                }
            }
        }
        int nEvents = pt.length;
        StringBuilder report = new StringBuilder();
        report.append(machine("single-threaded"));
        long nParticles = 0;
        for (double[] p : pt) {
            for (double v : p) {
                nParticles += v > 0 ? 1 : 0;
            }
        }
        report.append(String.format(Locale.ROOT, "events: %d, mean particles/event: %.1f, repeats: %d%n", nEvents,
                nParticles / (double) nEvents, repeats));

        JetClusterer clusterer = new JetClusterer(JetDefinition.antiKt(1.0, 20.0));
        double sink = 0;
        for (int w = 0; w < WARMUP_PASSES; w++) {
            sink += pass(clusterer, pt, eta, phi);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long pc0 = processCpuNanos();
        long t0 = System.nanoTime();
        double bestPass = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            long p0 = System.nanoTime();
            sink += pass(clusterer, pt, eta, phi);
            bestPass = Math.min(bestPass, (System.nanoTime() - p0) * 1e-9);
        }
        double javaSeconds = (System.nanoTime() - t0) * 1e-9;
        double javaThreadCpu = (threads.getCurrentThreadCpuTime() - c0) * 1e-9;
        // process CPU time: the benchmark thread plus GC and JIT threads, the conservative figure for the ratio
        double javaCpu = (processCpuNanos() - pc0) * 1e-9;
        double javaRate = nEvents * (double) repeats / javaSeconds;
        report.append(String.format(Locale.ROOT,
                "Java  (anti-kT R=1.0 pT>20 + tau1..3 of 2 leading jets): %.3f s, %.0f events/s, %.1f us/event "
                        + "(checksum %.6f)%n",
                javaSeconds, javaRate, 1e6 / javaRate, sink / (WARMUP_PASSES + repeats)));
        report.append(String.format(Locale.ROOT, "Java  fastest single pass: %.1f us/event; CPU time %.3f s (process, with "
                + "GC and JIT threads), %.3f s (benchmark thread)%n", 1e6 * bestPass / nEvents, javaCpu, javaThreadCpu));

        if (!withFastJet) {
            return report.toString();
        }
        Path header = Paths.get("/usr/include/fastjet/ClusterSequence.hh");
        Path source = findDriverSource();
        if (!Files.isRegularFile(header) || source == null || !onPath("g++")) {
            report.append("FastJet: skipped (needs g++, /usr/include/fastjet/ClusterSequence.hh from Debian's "
                    + "libfastjet-dev, and bench/fastjet/fastjet_driver.cc)\n");
            return report.toString();
        }
        Path work = source.getParent().getParent().getParent().resolve("jobs/target/fastjet-bench");
        Files.createDirectories(work);
        Path exe = work.resolve("fastjet_driver");
        String build = exec(List.of("g++", "-O2", "-o", exe.toString(), source.toString(), "-lfastjet"));
        Path bin = work.resolve("events.bin");
        writeEvents(bin, pt, eta, phi);
        String out = exec(List.of(exe.toString(), bin.toString(), Integer.toString(repeats)));
        double fjRate = Double.NaN;
        double fjSeconds = Double.NaN;
        double fjCpu = Double.NaN;
        for (String tok : out.trim().split("\\s+")) {
            if (tok.startsWith("cpu_seconds=")) {
                fjCpu = Double.parseDouble(tok.substring("cpu_seconds=".length()));
            }
            if (tok.startsWith("events_per_s=")) {
                fjRate = Double.parseDouble(tok.substring("events_per_s=".length()));
            } else if (tok.startsWith("seconds=")) {
                fjSeconds = Double.parseDouble(tok.substring("seconds=".length()));
            }
        }
        report.append("FastJet driver built with: g++ -O2 ... -lfastjet").append(build.isBlank() ? "" : " (" + build.trim() + ")")
                .append('\n');
        report.append("FastJet output: ").append(out.trim()).append('\n');
        report.append(String.format(Locale.ROOT,
                "FastJet 3.4 (same work, Best strategy): %.3f s, %.0f events/s, %.1f us/event%n", fjSeconds, fjRate,
                1e6 / fjRate));
        report.append(String.format(Locale.ROOT, "ratio Java time / FastJet time: %.2f (wall), %.2f (CPU time; robust to "
                + "other load)%n", javaSeconds / fjSeconds, javaCpu / fjCpu));
        report.append(String.format(Locale.ROOT, "load average at the end: %s%n", BenchMachine.loadAverage()));
        return report.toString();
    }

    private static double pass(JetClusterer clusterer, double[][] pt, double[][] eta, double[][] phi) {
        double sum = 0;
        for (int ev = 0; ev < pt.length; ev++) {
            List<Jet> jets = clusterer.clusterToJets(pt[ev], eta[ev], phi[ev], MAX_PARTICLES);
            for (int j = 0; j < jets.size(); j++) {
                Jet jet = jets.get(j);
                sum += jet.pt();
                if (j < 2) {
                    sum += jet.tau1() + jet.tau2() + jet.tau3();
                }
            }
        }
        return sum;
    }

    /** int32 nEvents, then per event int32 n and n x (pT, eta, phi) float64, little-endian; pT == 0 rows dropped. */
    static void writeEvents(Path file, double[][] pt, double[][] eta, double[][] phi) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                DataOutputStream out = new DataOutputStream(os)) {
            ByteBuffer buf = ByteBuffer.allocate(8 * 3 * MAX_PARTICLES + 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(pt.length);
            out.write(buf.array(), 0, buf.position());
            for (int ev = 0; ev < pt.length; ev++) {
                buf.clear();
                int n = 0;
                for (double v : pt[ev]) {
                    n += v > 0 ? 1 : 0;
                }
                buf.putInt(n);
                for (int i = 0; i < pt[ev].length; i++) {
                    if (pt[ev][i] > 0) {
                        buf.putDouble(pt[ev][i]).putDouble(eta[ev][i]).putDouble(phi[ev][i]);
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
        }
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static Path findDriverSource() {
        String home = System.getProperty("anomalysearch.home");
        if (home != null && Files.isRegularFile(Paths.get(home, "bench/fastjet/fastjet_driver.cc"))) {
            return Paths.get(home, "bench/fastjet/fastjet_driver.cc").toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve("bench/fastjet/fastjet_driver.cc");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Paths.get(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("command failed: " + String.join(" ", cmd) + "\n"
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One line: cores, CPU model, Java, and how the benchmark uses threads ({@code threading}). */
    static String machine(String threading) {
        String cpu = BenchMachine.cpuModel();
        return String.format(Locale.ROOT, "machine: nproc=%d, cpu=%s, java=%s (%s %s), %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), threading);
    }
}
