package org.anomalysearch.jobs.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.fpga.onnx.MlpWeights;
import org.anomalysearch.fpga.onnx.OnnxWriter;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.GraphProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.ModelProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.NodeProto;
import org.anomalysearch.fpga.onnx.proto.OnnxProtos.TensorProto;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.LhcoJetColumns;
import org.anomalysearch.io.WriteOptions;
import org.anomalysearch.io.npy.NpyWriter;
import org.anomalysearch.jobs.cli.AnomalySearch;

/**
 * The hostile-input corpus of issue 18, and the code that makes it (the way jHDF keeps the script beside its
 * fixtures): valid files of every kind the program loads, written with the program's own writers and commands
 * (event tables as Parquet, CSV and CSV.gz, dijet CSV, LHCO feature and particle HDF5, CATHODE npy, YAML configs,
 * ONNX models and emulator inputs, hgb and mlp classifier directories, a density model directory, a run directory
 * with checkpoints), and from each, cases that truncate, flip bytes, empty, inflate declared sizes, change dtypes,
 * put NaN/Inf and negative physical values, duplicate names and ids, bomb gzip, and loop model trees. Each case is
 * one command line of {@code anomaly-search} and what it must end in.
 *
 * <p>{@code main(DIR)} writes the corpus and prints the cases; {@link HostileInputsTest} runs them all through the
 * command line in a JVM with a small heap.
 */
public final class FuzzCorpus {

    /** What a case must end in. */
    public enum Expect {
        /** Exit code 1, one line naming the file. */
        ERROR,
        /** Exit code 0. */
        VALID,
        /** Either of the two: damage the format cannot detect (a flipped byte in unchecked HDF5 data). */
        EITHER,
        /** A command-line usage error (exit code 2), one line. */
        USAGE
    }

    /**
     * One case.
     *
     * @param id     unique name
     * @param expect what it must end in
     * @param names  a text the error line must contain (the hostile file's name)
     * @param args   the command line; outputs go to {@code out/<id>/}
     */
    public record Case(String id, Expect expect, String names, List<String> args) {
    }

    private final Path dir;
    private final List<Case> cases = new ArrayList<>();
    private final Random random = new Random(18);

    private FuzzCorpus(Path dir) {
        this.dir = dir;
    }

    /** Writes the corpus into {@code dir} (which must be empty or absent) and returns its cases. */
    public static List<Case> write(Path dir) throws IOException {
        FuzzCorpus c = new FuzzCorpus(dir);
        Files.createDirectories(dir.resolve("out"));
        c.eventTables();
        c.dijetCsv();
        c.featureHdf5();
        c.particleHdf5();
        c.npy();
        c.configs();
        c.onnx();
        c.classifiers();
        c.densityModel();
        c.runDirectories();
        return List.copyOf(c.cases);
    }

    /** Writes the corpus into {@code args[0]} and lists the cases. */
    public static void main(String[] args) throws IOException {
        for (Case c : write(Path.of(args[0]))) {
            System.out.println(c.id() + "\t" + c.expect() + "\t" + String.join(" ", c.args()));
        }
    }

    // ---------------------------------------------------------------- the program, to make valid files

    /** Runs the command line in this JVM; the corpus's valid files are made by the commands users run. */
    static void cli(String... args) {
        StringWriter out = new StringWriter();
        int code;
        try (PrintWriter p = new PrintWriter(out)) {
            code = AnomalySearch.commandLine(p, p).execute(args);
        }
        if (code != 0) {
            throw new IllegalStateException("making the corpus: " + String.join(" ", args) + " failed: " + out);
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private String out(String id, String name) throws IOException {
        return Files.createDirectories(dir.resolve("out").resolve(id)).resolve(name).toString();
    }

    private void add(String id, Expect expect, String names, String... args) {
        if (cases.stream().anyMatch(c -> c.id().equals(id))) {
            throw new IllegalStateException("duplicate case id " + id);
        }
        cases.add(new Case(id, expect, names, List.of(args)));
    }

    /** {@code inspect} and {@code convert} of one table file. */
    private void readers(String id, Expect expect, String file) throws IOException {
        add(id + "-inspect", expect, file, "inspect", p(file));
        add(id + "-convert", expect, file, "convert", p(file), "-o", out(id + "-convert", "t.parquet"));
    }

    private Path bytes(String name, byte[] b) throws IOException {
        return Files.write(dir.resolve(name), b);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= (byte) 0x5a;
        return c;
    }

    private static byte[] cut(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    /** The usual damage to a file of any format: empty, one byte, truncations, flips, garbage. */
    private void damage(String stem, String ext, byte[] valid, Expect flips, int... flipAt) throws IOException {
        bytes(stem + "-empty" + ext, new byte[0]);
        readers(stem + "-empty", Expect.ERROR, stem + "-empty" + ext);
        bytes(stem + "-garbage" + ext, randomBytes(4096));
        readers(stem + "-garbage", Expect.ERROR, stem + "-garbage" + ext);
        for (double f : new double[] {0.001, 0.1, 0.5, 0.9, 0.999}) {
            int n = Math.max(1, (int) (valid.length * f));
            String name = stem + "-cut" + n + ext;
            bytes(name, cut(valid, n));
            readers(stem + "-cut" + n, Expect.ERROR, name);
        }
        for (int at : flipAt) {
            String name = stem + "-flip" + at + ext;
            bytes(name, flip(valid, at));
            readers(stem + "-flip" + at, flips, name);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    // ---------------------------------------------------------------- event tables

    private EventBatch base;

    private void eventTables() throws IOException {
        cli("generate", "-o", p("table.parquet"), "--background", "1200", "--signal", "60", "--seed", "18");
        cli("convert", p("table.parquet"), "-o", p("table.csv"));
        cli("convert", p("table.parquet"), "-o", p("table.csv.gz"));
        try (EventSource s = EventSource.open(dir.resolve("table.parquet"))) {
            base = s.readAll();
        }
        readers("parquet-valid", Expect.VALID, "table.parquet");
        readers("csv-valid", Expect.VALID, "table.csv");
        readers("csvgz-valid", Expect.VALID, "table.csv.gz");

        byte[] pq = Files.readAllBytes(dir.resolve("table.parquet"));
        // a flipped byte in a data page must fail its CRC; in the footer, the metadata parser or the checks
        int[] inData = {200, 1000, pq.length / 5, pq.length / 3};
        damage("parquet", ".parquet", pq, Expect.ERROR, inData);
        for (int at : new int[] {pq.length - 5, pq.length - 9, pq.length - 200}) {
            bytes("parquet-footer" + at + ".parquet", flip(pq, at));
            readers("parquet-footer" + at, Expect.EITHER, "parquet-footer" + at + ".parquet");
        }
        bytes("parquet-is-csv.parquet", Files.readAllBytes(dir.resolve("table.csv")));
        readers("parquet-is-csv", Expect.ERROR, "parquet-is-csv.parquet");

        byte[] csv = Files.readAllBytes(dir.resolve("table.csv"));
        damage("csv", ".csv", csv, Expect.EITHER, 3, csv.length / 2, csv.length - 3);
        byte[] gz = Files.readAllBytes(dir.resolve("table.csv.gz"));
        damage("csvgz", ".csv.gz", gz, Expect.ERROR, 1, 12, gz.length - 3);
        bytes("csvgz-not-gzip.csv.gz", csv);
        readers("csvgz-not-gzip", Expect.ERROR, "csvgz-not-gzip.csv.gz");

        // values: every kind of table, each bad value
        int mjj = base.schema().indexOf("mjj");
        badValues("nan-mjj", (b, r) -> b.columns()[mjj][r] = Double.NaN);
        badValues("inf-mjj", (b, r) -> b.columns()[mjj][r] = Double.POSITIVE_INFINITY);
        badValues("neg-mjj", (b, r) -> b.columns()[mjj][r] = -3500);
        badValues("neg-mj1", (b, r) -> b.columns()[base.schema().indexOf("mj1")][r] = -50);
        badValues("neg-jetmass", (b, r) -> b.columns()[base.schema().indexOf("jet1_m")][r] = -80);
        badValues("neg-tau", (b, r) -> b.columns()[base.schema().indexOf("jet2_tau2")][r] = -0.2);
        badValues("neg-tau21", (b, r) -> b.columns()[base.schema().indexOf("tau21_j1")][r] = -0.5);
        badValues("neg-pt", (b, r) -> b.columns()[base.schema().indexOf("pt_j1")][r] = -1300);
        badValues("nan-eta", (b, r) -> b.columns()[base.schema().indexOf("eta_j2")][r] = Double.NaN);
        badValues("nan-weight", (b, r) -> b.weights()[r] = Double.NaN);
        badValues("neg-weight", (b, r) -> b.weights()[r] = -1);
        badValues("inf-weight", (b, r) -> b.weights()[r] = Double.POSITIVE_INFINITY);
        badValues("dup-id", (b, r) -> b.ids()[r] = b.ids()[0]);

        // CSV text: header and line damage
        String text = new String(csv, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        String header = lines[0];
        csvText("csv-dup-column", header.replace(",dmj,", ",mjj,"), lines, Expect.ERROR);
        csvText("csv-label-renamed", header.replace("label", "pxj1"), lines, Expect.ERROR);
        csvText("csv-unknown-column", header.replace(",dmj,", ",dmjj,"), lines, Expect.ERROR);
        csvText("csv-no-header", lines[1], lines, Expect.ERROR);
        csvText("csv-bom", "\uFEFF" + header, lines, Expect.VALID);
        csvLines("csv-crlf", text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), Expect.VALID);
        csvLines("csv-header-only", (header + "\n").getBytes(StandardCharsets.UTF_8), Expect.VALID);
        csvLines("csv-extra-field", (header + "\n" + lines[1] + ",7\n").getBytes(StandardCharsets.UTF_8), Expect.ERROR);
        csvLines("csv-missing-field", (header + "\n" + lines[1].substring(0, lines[1].lastIndexOf(',')) + "\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ERROR);
        csvLines("csv-word", (header + "\n" + lines[1].replaceFirst(",[^,]*$", ",abc") + "\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ERROR);
        csvLines("csv-id-float", (header + "\n" + lines[1].replaceFirst("^[0-9]+", "1.5") + "\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ERROR);
        csvLines("csv-label-half", (header + "\n" + lines[1].replaceFirst("^([0-9]+),[-0-9]+,", "$1,0.5,") + "\n")
                .getBytes(StandardCharsets.UTF_8), Expect.ERROR);
        byte[] latin = (header + "\n" + lines[1] + "\n").getBytes(StandardCharsets.UTF_8);
        latin[latin.length - 4] = (byte) 0xe9;
        csvLines("csv-not-utf8", latin, Expect.ERROR);
        byte[] longLine = new byte[3 << 20];
        Arrays.fill(longLine, (byte) '7');
        csvLines("csv-long-line", concat((header + "\n").getBytes(StandardCharsets.UTF_8), longLine), Expect.ERROR);
        // gzip bombs: one line of 64 MB; 256 MB of newlines (blank lines are skipped, so only the size stops it)
        gzBomb("csvgz-bomb-line", header, (byte) '1', 64 << 20);
        gzBomb("csvgz-bomb-newlines", header, (byte) '\n', 256 << 20);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void gzBomb(String id, String header, byte fill, int size) throws IOException {
        Path f = dir.resolve(id + ".csv.gz");
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, fill);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
            o.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < size / block.length; i++) {
                o.write(block);
            }
            o.write('\n');
        }
        readers(id, Expect.ERROR, f.getFileName().toString());
    }

    private void csvText(String id, String header, String[] lines, Expect expect) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 1; i < Math.min(lines.length, 50); i++) {
            sb.append(lines[i]).append('\n');
        }
        csvLines(id, sb.toString().getBytes(StandardCharsets.UTF_8), expect);
    }

    private void csvLines(String id, byte[] content, Expect expect) throws IOException {
        bytes(id + ".csv", content);
        readers(id, expect, id + ".csv");
    }

    /** A change to row r of a copy of the base table. */
    private interface RowEdit {
        void apply(EventBatch b, int r);
    }

    /** The base table with {@code edit} applied to one row in the middle, as Parquet, CSV and CSV.gz. */
    private void badValues(String id, RowEdit edit) throws IOException {
        double[][] cols = new double[base.columns().length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = base.columns()[c].clone();
        }
        EventBatch b = new EventBatch(base.schema(), base.ids().clone(), base.labels().clone(), base.weights().clone(),
                cols);
        edit.apply(b, b.size() / 2);
        for (String ext : new String[] {".parquet", ".csv", ".csv.gz"}) {
            String name = id + ext;
            try (EventTableWriter w = EventTableWriter.open(dir.resolve(name), b.schema(), WriteOptions.DEFAULTS)) {
                w.write(b);
                w.commit();
            }
            readers(id + ext.replace('.', '-'), Expect.ERROR, name);
        }
    }

    // ---------------------------------------------------------------- dijet CSV and LHCO HDF5

    /** Rows of the 14 LHCO jet columns and the label, from the base table's jets (GeV). */
    private double[][] jetRows(int n) {
        String[][] from = {{"jet1_px", "jet1_py", "jet1_pz", "jet1_m", "jet1_tau1", "jet1_tau2", "jet1_tau3"},
            {"jet2_px", "jet2_py", "jet2_pz", "jet2_m", "jet2_tau1", "jet2_tau2", "jet2_tau3"}};
        double[][] rows = new double[n][15];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 7; k++) {
                    rows[r][7 * j + k] = base.column(from[j][k])[r];
                }
            }
            rows[r][14] = Math.max(0, base.labels()[r]);
        }
        return rows;
    }

    private static final List<String> LHCO = concatNames(LhcoJetColumns.JET_COLUMNS, "label");

    private static List<String> concatNames(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b);
        return List.copyOf(l);
    }

    private void dijetCsv() throws IOException {
        double[][] rows = jetRows(100);
        dijet("dijet-valid", LHCO, rows, Expect.VALID);
        dijet("dijet-neg-mass", LHCO, edit(rows, 50, 3, -40), Expect.ERROR);
        dijet("dijet-neg-tau", LHCO, edit(rows, 50, 12, -0.1), Expect.ERROR);
        dijet("dijet-nan", LHCO, edit(rows, 50, 0, Double.NaN), Expect.ERROR);
        dijet("dijet-inf", LHCO, edit(rows, 50, 9, Double.NEGATIVE_INFINITY), Expect.ERROR);
        dijet("dijet-label-half", LHCO, edit(rows, 50, 14, 0.5), Expect.ERROR);
        List<String> renamed = new ArrayList<>(LHCO);
        renamed.set(14, "pxj1");
        dijet("dijet-label-renamed", renamed, rows, Expect.ERROR);
        dijet("dijet-missing-column", LHCO.subList(1, 15), dropColumn(rows, 0), Expect.ERROR);
        List<String> withMjj = new ArrayList<>(LHCO);
        withMjj.add("mjj");
        double[][] wrongMjj = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            wrongMjj[r] = Arrays.copyOf(rows[r], 16);
            wrongMjj[r][15] = r == 50 ? -3000 : base.column("mjj")[r];
        }
        dijet("dijet-neg-mjj", withMjj, wrongMjj, Expect.ERROR);
    }

    private static double[][] edit(double[][] rows, int r, int c, double v) {
        double[][] e = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            e[i] = rows[i].clone();
        }
        e[r][c] = v;
        return e;
    }

    private static double[][] dropColumn(double[][] rows, int c) {
        double[][] e = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = new double[rows[i].length - 1];
            for (int k = 0, j = 0; k < rows[i].length; k++) {
                if (k != c) {
                    row[j++] = rows[i][k];
                }
            }
            e[i] = row;
        }
        return e;
    }

    private void dijet(String id, List<String> names, double[][] rows, Expect expect) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
        for (double[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                sb.append(c == 0 ? "" : ",").append(r[c]);
            }
            sb.append('\n');
        }
        csvLines(id, sb.toString().getBytes(StandardCharsets.UTF_8), expect);
    }

    /** pandas 'fixed' layout; {@code items} may differ from {@code names} (a hostile file). */
    private Path pandas(String name, Object names, Object items, Object values) {
        Path f = dir.resolve(name);
        try (WritableHdfFile h = HdfFile.write(f)) {
            WritableGroup df = h.putGroup("df");
            df.putAttribute("pandas_type", "frame");
            df.putDataset("axis0", names);
            df.putDataset("block0_items", items);
            int rows = values instanceof double[][] d ? d.length : ((float[][]) values).length;
            df.putDataset("axis1", java.util.stream.LongStream.range(0, rows).toArray());
            df.putDataset("block0_values", values);
        }
        return f;
    }

    private void featureHdf5() throws IOException {
        double[][] rows = jetRows(100);
        String[] names = LHCO.toArray(new String[0]);
        pandas("features.h5", names, names.clone(), rows);
        readers("h5features-valid", Expect.VALID, "features.h5");
        String[] swapped = names.clone();
        for (int i = 0; i < 7; i++) {
            swapped[i] = names[i + 7];
            swapped[i + 7] = names[i];
        }
        pandas("h5features-swapped-axis0.h5", swapped, names.clone(), rows);
        readers("h5features-swapped-axis0", Expect.ERROR, "h5features-swapped-axis0.h5");
        String[] dup = names.clone();
        dup[14] = "pxj1";
        pandas("h5features-dup-name.h5", dup, dup.clone(), rows);
        readers("h5features-dup-name", Expect.ERROR, "h5features-dup-name.h5");
        pandas("h5features-neg-mass.h5", names, names.clone(), edit(rows, 10, 10, -30));
        readers("h5features-neg-mass", Expect.ERROR, "h5features-neg-mass.h5");
        pandas("h5features-neg-tau.h5", names, names.clone(), edit(rows, 10, 5, -0.3));
        readers("h5features-neg-tau", Expect.ERROR, "h5features-neg-tau.h5");
        pandas("h5features-nan.h5", names, names.clone(), edit(rows, 10, 1, Double.NaN));
        readers("h5features-nan", Expect.ERROR, "h5features-nan.h5");
        float[][] f32 = new float[rows.length][15];
        pandas("h5features-float32.h5", names, names.clone(), f32);
        readers("h5features-float32", Expect.ERROR, "h5features-float32.h5");
        pandas("h5features-short-axis0.h5", Arrays.copyOf(names, 14), names.clone(), rows);
        readers("h5features-short-axis0", Expect.ERROR, "h5features-short-axis0.h5");
        byte[] h5 = Files.readAllBytes(dir.resolve("features.h5"));
        // no checksums on HDF5 data: a flipped value byte may read as another valid number
        damage("h5features", ".h5", h5, Expect.EITHER, 0, 9, 100, 300, 600, h5.length / 2, h5.length - 100);
        bytes("h5-is-npy.h5", NpyWriter.header(1, 6));
        readers("h5-is-npy", Expect.ERROR, "h5-is-npy.h5");
    }

    private void particleHdf5() throws IOException {
        int k = 20;
        int n = 30;
        double[][] rows = new double[n][3 * k + 1];
        for (int r = 0; r < n; r++) {
            int particles = 5 + r % 10;
            for (int j = 0; j < particles; j++) {
                rows[r][3 * j] = 50 + 400 * random.nextDouble();
                rows[r][3 * j + 1] = random.nextGaussian();
                rows[r][3 * j + 2] = Math.PI * (2 * random.nextDouble() - 1);
            }
            rows[r][3 * k] = r % 2;
        }
        long[] idx = java.util.stream.LongStream.range(0, 3 * k + 1).toArray();
        pandas("particles.h5", idx, idx.clone(), rows);
        readers("h5particles-valid", Expect.VALID, "particles.h5");
        pandas("h5particles-nan.h5", idx, idx.clone(), edit(rows, 3, 4, Double.NaN));
        readers("h5particles-nan", Expect.ERROR, "h5particles-nan.h5");
        pandas("h5particles-neg-pt.h5", idx, idx.clone(), edit(rows, 3, 3, -10));
        readers("h5particles-neg-pt", Expect.ERROR, "h5particles-neg-pt.h5");
        pandas("h5particles-after-padding.h5", idx, idx.clone(), edit(rows, 3, 3 * 18, 25));
        readers("h5particles-after-padding", Expect.ERROR, "h5particles-after-padding.h5");
        pandas("h5particles-label-half.h5", idx, idx.clone(), edit(rows, 3, 3 * k, 0.5));
        readers("h5particles-label-half", Expect.ERROR, "h5particles-label-half.h5");
        double[][] empty = edit(rows, 4, 0, 0);
        for (int c = 0; c < 3 * k; c++) {
            empty[4][c] = 0;
        }
        pandas("h5particles-no-particles.h5", idx, idx.clone(), empty);
        readers("h5particles-no-particles", Expect.ERROR, "h5particles-no-particles.h5");
        long[] shuffled = idx.clone();
        shuffled[0] = 1;
        shuffled[1] = 0;
        pandas("h5particles-items-order.h5", idx, shuffled, rows);
        readers("h5particles-items-order", Expect.ERROR, "h5particles-items-order.h5");
        byte[] h5 = Files.readAllBytes(dir.resolve("particles.h5"));
        damage("h5particles", ".h5", h5, Expect.EITHER, 5, 200, h5.length / 3, h5.length - 50);
    }

    // ---------------------------------------------------------------- CATHODE npy

    private static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    private static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    private static byte[] doubles(double[][] rows) {
        ByteBuffer b = ByteBuffer.allocate(rows.length * rows[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] r : rows) {
            for (double v : r) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    private void npyCase(String id, Expect expect, byte[] content) throws IOException {
        bytes(id + ".npy", content);
        readers(id, expect, id + ".npy");
    }

    private void npy() throws IOException {
        int n = 100;
        double[][] rows = new double[n][6];
        for (int r = 0; r < n; r++) {
            rows[r][0] = base.column("mjj")[r] / 1000;
            rows[r][1] = base.column("mj1")[r] / 1000;
            rows[r][2] = base.column("dmj")[r] / 1000;
            rows[r][3] = base.column("tau21_j1")[r];
            rows[r][4] = base.column("tau21_j2")[r];
            rows[r][5] = Math.max(0, base.labels()[r]);
        }
        byte[] data = doubles(rows);
        String ok = dict("<f8", false, "(" + n + ", 6)");
        npyCase("npy-valid", Expect.VALID, npy(1, ok, data));
        npyCase("npy-v2-valid", Expect.VALID, npy(2, ok, data));
        npyCase("npy-shape-maxlong", Expect.ERROR, npy(1, dict("<f8", false, "(9223372036854775807, 6)"), data));
        npyCase("npy-shape-wraps", Expect.ERROR, npy(1, dict("<f8", false, "(1152921504606909100, 6)"), data));
        npyCase("npy-shape-negative", Expect.ERROR, npy(1, dict("<f8", false, "(-1, 6)"), data));
        npyCase("npy-shape-huge", Expect.ERROR, npy(1, dict("<f8", false, "(100000000000, 6)"), data));
        npyCase("npy-shape-5cols", Expect.ERROR, npy(1, dict("<f8", false, "(120, 5)"), data));
        npyCase("npy-shape-3d", Expect.ERROR, npy(1, dict("<f8", false, "(10, 10, 6)"), data));
        npyCase("npy-shape-text", Expect.ERROR, npy(1, dict("<f8", false, "(abc, 6)"), data));
        npyCase("npy-f4", Expect.ERROR, npy(1, dict("<f4", false, "(" + 2 * n + ", 6)"), data));
        npyCase("npy-big-endian", Expect.ERROR, npy(1, dict(">f8", false, "(" + n + ", 6)"), data));
        npyCase("npy-int64", Expect.ERROR, npy(1, dict("<i8", false, "(" + n + ", 6)"), data));
        npyCase("npy-object", Expect.ERROR, npy(1, dict("|O", false, "(" + n + ", 6)"), data));
        npyCase("npy-fortran", Expect.ERROR, npy(1, dict("<f8", true, "(" + n + ", 6)"), data));
        npyCase("npy-extra-bytes", Expect.ERROR, npy(1, ok, concat(data, new byte[8])));
        npyCase("npy-short-data", Expect.ERROR, npy(1, ok, cut(data, data.length - 8)));
        npyCase("npy-header-garbage", Expect.ERROR, npy(1, "not a dict at all", data));
        npyCase("npy-version9", Expect.ERROR, npy(9, ok, data));
        byte[] hugeHeader = npy(2, ok, data);
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7ffffff0);
        npyCase("npy-header-length-huge", Expect.ERROR, hugeHeader);
        npyCase("npy-nan", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 0, Double.NaN))));
        npyCase("npy-inf", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 3, Double.POSITIVE_INFINITY))));
        npyCase("npy-neg-mjj", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 0, -3.5))));
        npyCase("npy-neg-mj1", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 1, -0.05))));
        npyCase("npy-neg-tau", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 4, -0.4))));
        npyCase("npy-label-half", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 5, 0.5))));
        npyCase("npy-label-neg", Expect.ERROR, npy(1, ok, doubles(edit(rows, 7, 5, -2))));
        byte[] valid = npy(1, ok, data);
        damage("npy", ".npy", valid, Expect.EITHER, 0, 8, 20, valid.length - 3);
    }

    // ---------------------------------------------------------------- YAML configs

    private void configCase(String id, Expect expect, byte[] content) throws IOException {
        bytes(id + ".yaml", content);
        add(id, expect, id + ".yaml", "config", "--check", p(id + ".yaml"));
    }

    private void configCase(String id, Expect expect, String content) throws IOException {
        configCase(id, expect, content.getBytes(StandardCharsets.UTF_8));
    }

    private String example;

    private void configs() throws IOException {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            if (AnomalySearch.commandLine(pw, pw).execute("config", "--example") != 0) {
                throw new IllegalStateException("config --example failed: " + sw);
            }
        }
        example = sw.toString();
        configCase("yaml-valid", Expect.VALID, example);
        configCase("yaml-scan-step-tiny", Expect.ERROR,
                "schemaVersion: 1\nregions:\n  scan:\n    step: 0.000001\n");
        configCase("yaml-scan-bins-huge", Expect.ERROR,
                "schemaVersion: 1\nregions:\n  scan:\n    spacing: log\n    lo: 2000\n    bins: 2000000000\n");
        configCase("yaml-binwidth-tiny", Expect.ERROR, "schemaVersion: 1\nfit:\n  binWidth: 0.00001\n");
        configCase("yaml-scan-nan", Expect.ERROR, "schemaVersion: 1\nregions:\n  scan:\n    step: .nan\n");
        configCase("yaml-scan-inf", Expect.ERROR, "schemaVersion: 1\nregions:\n  scan:\n    hi: .inf\n");
        configCase("yaml-int-overflow", Expect.ERROR,
                "schemaVersion: 1\nregions:\n  scan:\n    spacing: log\n    lo: 2000\n    bins: 99999999999999999999\n");
        configCase("yaml-unknown-key", Expect.ERROR, "schemaVersion: 1\nregoins: {}\n");
        configCase("yaml-duplicate-key", Expect.ERROR, "schemaVersion: 1\nseed: 1\nseed: 2\n");
        configCase("yaml-list", Expect.ERROR, "- 1\n- 2\n");
        configCase("yaml-scalar", Expect.ERROR, "hello\n");
        configCase("yaml-tabs", Expect.ERROR, "schemaVersion: 1\nfit:\n\tbinWidth: 50\n");
        configCase("yaml-empty", Expect.EITHER, "");
        configCase("yaml-version-9", Expect.ERROR, "schemaVersion: 9\n");
        configCase("yaml-java-type", Expect.ERROR, "schemaVersion: 1\nseed: !!java.lang.Runtime {}\n");
        StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            laughs.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                laughs.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            laughs.append("]\n");
        }
        configCase("yaml-billion-laughs", Expect.ERROR, laughs.toString());
        configCase("yaml-deep-nesting", Expect.ERROR, "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        byte[] latin = "schemaVersion: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        configCase("yaml-not-utf8", Expect.ERROR, latin);
        configCase("yaml-binary", Expect.ERROR, randomBytes(2048));
        byte[] big = new byte[5 << 20];
        Arrays.fill(big, (byte) '#');
        configCase("yaml-too-big", Expect.ERROR, big);
        configCase("yaml-cut", Expect.EITHER, example.substring(0, example.length() / 2));
        configCase("yaml-window-inverted", Expect.ERROR, "schemaVersion: 1\nregions:\n  scan:\n    lo: 6000\n    hi: 2000\n");
        add("yaml-missing", Expect.ERROR, "no-such.yaml", "config", "--check", p("no-such.yaml"));
        add("yaml-directory", Expect.ERROR, "out", "config", "--check", p("out"));
    }

    // ---------------------------------------------------------------- ONNX models and emulator inputs

    private void emulate(String id, Expect expect, String names, String model, String input) throws IOException {
        add(id, expect, names, "fpga", "emulate", "--model", p(model), "--precision", "fixed<16,6>", "--input",
                p(input), "--output", out(id, "out.csv"));
    }

    private void onnxCase(String id, ModelProto m) throws IOException {
        bytes(id + ".onnx", m.toByteArray());
        emulate(id, Expect.ERROR, id + ".onnx", id + ".onnx", "emulate-in.csv");
    }

    private static ModelProto withInitializer(ModelProto m, int index, TensorProto t) {
        GraphProto g = m.getGraph().toBuilder().setInitializer(index, t).build();
        return m.toBuilder().setGraph(g).build();
    }

    private void onnx() throws IOException {
        double[][] w0 = new double[4][8];
        double[][] w1 = new double[8][1];
        for (double[] r : w0) {
            for (int j = 0; j < r.length; j++) {
                r[j] = random.nextGaussian() * 0.5;
            }
        }
        for (double[] r : w1) {
            r[0] = random.nextGaussian() * 0.5;
        }
        MlpWeights weights = new MlpWeights(List.of(w0, w1), List.of(new double[8], new double[] {0.1}),
                List.of(MlpWeights.Activation.RELU, MlpWeights.Activation.SIGMOID), List.of());
        ModelProto model = OnnxWriter.toModel(weights, Map.of());
        bytes("model.onnx", model.toByteArray());
        StringBuilder in = new StringBuilder();
        for (int r = 0; r < 200; r++) {
            in.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
        }
        Files.writeString(dir.resolve("emulate-in.csv"), in);
        emulate("onnx-valid", Expect.VALID, "", "model.onnx", "emulate-in.csv");

        int weightIndex = -1;
        int biasIndex = -1;
        GraphProto g = model.getGraph();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (weightIndex < 0 && t.getDimsCount() == 2) {
                weightIndex = i;
            } else if (biasIndex < 0 && t.getDimsCount() == 1) {
                biasIndex = i;
            }
        }
        TensorProto w = g.getInitializer(weightIndex);
        TensorProto b = g.getInitializer(biasIndex);
        onnxCase("onnx-dims-268435455", withInitializer(model, weightIndex,
                w.toBuilder().clearDims().addDims(4).addDims(268435455).build()));
        onnxCase("onnx-dims-2p29", withInitializer(model, weightIndex,
                w.toBuilder().clearDims().addDims(4).addDims(1L << 29).build()));
        onnxCase("onnx-dims-negative", withInitializer(model, weightIndex,
                w.toBuilder().clearDims().addDims(4).addDims(-1).build()));
        onnxCase("onnx-dims-zero", withInitializer(model, weightIndex,
                w.toBuilder().clearDims().addDims(4).addDims(0).build()));
        onnxCase("onnx-dims-overflow", withInitializer(model, biasIndex,
                b.toBuilder().clearDims().addDims(1L << 40).addDims(1L << 40).build()));
        onnxCase("onnx-nan-bias", withInitializer(model, biasIndex, floats(b, Float.NaN)));
        onnxCase("onnx-inf-weight", withInitializer(model, weightIndex, floats(w, Float.POSITIVE_INFINITY)));
        onnxCase("onnx-short-raw", withInitializer(model, weightIndex,
                w.toBuilder().setRawData(w.getRawData().substring(0, 12)).build()));
        onnxCase("onnx-double-type", withInitializer(model, weightIndex,
                w.toBuilder().setDataType(TensorProto.DataType.DOUBLE_VALUE).build()));
        GraphProto conv = g.toBuilder().setNode(0, g.getNode(0).toBuilder().setOpType("Conv")).build();
        onnxCase("onnx-conv", model.toBuilder().setGraph(conv).build());
        GraphProto cycle = g.toBuilder().setNode(0, g.getNode(0).toBuilder().setInput(0, g.getNode(0).getOutput(0)))
                .build();
        onnxCase("onnx-self-input", model.toBuilder().setGraph(cycle).build());
        GraphProto wide = g.toBuilder().setInput(0, g.getInput(0).toBuilder().setType(g.getInput(0).getType()
                .toBuilder().setTensorType(g.getInput(0).getType().getTensorType().toBuilder().setShape(
                        g.getInput(0).getType().getTensorType().getShape().toBuilder().setDim(1,
                                g.getInput(0).getType().getTensorType().getShape().getDim(1).toBuilder()
                                        .setDimValue(1L << 40)))))).build();
        onnxCase("onnx-input-huge", model.toBuilder().setGraph(wide).build());
        GraphProto noNodes = g.toBuilder().clearNode().build();
        onnxCase("onnx-no-nodes", model.toBuilder().setGraph(noNodes).build());
        GraphProto extraNode = g.toBuilder().addNode(NodeProto.newBuilder().setOpType("Relu").addInput("nowhere")
                .addOutput("x")).build();
        onnxCase("onnx-dangling-node", model.toBuilder().setGraph(extraNode).build());
        byte[] valid = model.toByteArray();
        for (int f : new int[] {1, valid.length / 4, valid.length / 2, valid.length - 2}) {
            bytes("onnx-cut" + f + ".onnx", cut(valid, f));
            emulate("onnx-cut" + f, Expect.ERROR, "onnx-cut" + f + ".onnx", "onnx-cut" + f + ".onnx", "emulate-in.csv");
        }
        for (int f : new int[] {3, valid.length / 3, valid.length / 2}) {
            bytes("onnx-flip" + f + ".onnx", flip(valid, f));
            emulate("onnx-flip" + f, Expect.EITHER, "onnx-flip" + f + ".onnx", "onnx-flip" + f + ".onnx",
                    "emulate-in.csv");
        }
        bytes("onnx-empty.onnx", new byte[0]);
        emulate("onnx-empty", Expect.ERROR, "onnx-empty.onnx", "onnx-empty.onnx", "emulate-in.csv");
        bytes("onnx-garbage.onnx", randomBytes(6000));
        emulate("onnx-garbage", Expect.ERROR, "onnx-garbage.onnx", "onnx-garbage.onnx", "emulate-in.csv");

        String rows = Files.readString(dir.resolve("emulate-in.csv"));
        emulateInput("emulate-nan-first", Expect.ERROR, "NaN,0.5,0.1,0.2\n" + rows);
        emulateInput("emulate-inf-first", Expect.ERROR, "Infinity,0.5,0.1,0.2\n" + rows);
        emulateInput("emulate-nan-later", Expect.ERROR, rows + "0.1,NaN,0.1,0.2\n");
        emulateInput("emulate-header", Expect.VALID, "a,b,c,d\n" + rows);
        emulateInput("emulate-second-header", Expect.ERROR, "a,b,c,d\n" + rows + "a,b,c,d\n");
        emulateInput("emulate-columns", Expect.ERROR, rows + "1,2,3\n");
        emulateInput("emulate-word", Expect.ERROR, rows + "1,2,x,4\n");
        emulateInput("emulate-long-line", Expect.ERROR, rows + "1".repeat(3 << 20) + "\n");
        byte[] latin = (rows + "1,2,3,4\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        bytes("emulate-not-utf8.csv", latin);
        emulate("emulate-not-utf8", Expect.ERROR, "emulate-not-utf8.csv", "model.onnx", "emulate-not-utf8.csv");
    }

    private static TensorProto floats(TensorProto t, float bad) {
        ByteBuffer bb = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        bb.putFloat(0, bad);
        return t.toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(bb.array())).build();
    }

    private void emulateInput(String id, Expect expect, String content) throws IOException {
        Files.writeString(dir.resolve(id + ".csv"), content);
        emulate(id, expect, id + ".csv", "model.onnx", id + ".csv");
    }

    // ---------------------------------------------------------------- classifier and density model directories

    private void score(String id, Expect expect, String names, String model) throws IOException {
        add(id, expect, names, "classify", "score", "--model", p(model), "--input", p("table.parquet"), "-o",
                out(id, "scores.csv"));
    }

    /** A copy of model directory {@code from} as {@code id}, with {@code file} replaced by {@code content}. */
    private void modelCase(String id, String from, String file, byte[] content) throws IOException {
        copyTree(dir.resolve(from), dir.resolve(id));
        if (content == null) {
            Files.delete(dir.resolve(id).resolve(file));
        } else {
            Files.write(dir.resolve(id).resolve(file), content);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static byte[] putInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(at, v);
        return c;
    }

    private void classifiers() throws IOException {
        cli("classify", "train", "--mode", "supervised", "--data", p("table.parquet"), "--model", "hgb", "-o",
                p("hgb"), "--seed", "1");
        score("hgb-valid", Expect.VALID, "", "hgb");
        byte[] trees = Files.readAllBytes(dir.resolve("hgb/model/trees.bin"));
        // layout: magic, version, features (ints), baseline (double), tree count (int at 20), then per tree a node
        // count (int) and nodes of feature (int), threshold (double), left, right (ints), value (double)
        int node0 = 28;
        String tb = "model/trees.bin";
        modelCase("hgb-self-loop", "hgb", tb, putInt(putInt(trees, node0 + 12, 0), node0 + 16, 0));
        score("hgb-self-loop", Expect.ERROR, tb, "hgb-self-loop");
        modelCase("hgb-back-edge", "hgb", tb, putInt(trees, node0 + 28 + 28 + 12, 0));
        score("hgb-back-edge", Expect.EITHER, tb, "hgb-back-edge");
        modelCase("hgb-child-range", "hgb", tb, putInt(trees, node0 + 16, 1 << 30));
        score("hgb-child-range", Expect.ERROR, tb, "hgb-child-range");
        modelCase("hgb-child-negative", "hgb", tb, putInt(trees, node0 + 12, -7));
        score("hgb-child-negative", Expect.ERROR, tb, "hgb-child-negative");
        modelCase("hgb-feature-range", "hgb", tb, putInt(trees, node0, 99));
        score("hgb-feature-range", Expect.ERROR, tb, "hgb-feature-range");
        modelCase("hgb-node-count-huge", "hgb", tb, putInt(trees, 24, Integer.MAX_VALUE));
        score("hgb-node-count-huge", Expect.ERROR, tb, "hgb-node-count-huge");
        modelCase("hgb-node-count-negative", "hgb", tb, putInt(trees, 24, -5));
        score("hgb-node-count-negative", Expect.ERROR, tb, "hgb-node-count-negative");
        modelCase("hgb-tree-count-huge", "hgb", tb, putInt(trees, 20, 2_000_000_000));
        score("hgb-tree-count-huge", Expect.ERROR, tb, "hgb-tree-count-huge");
        modelCase("hgb-cut", "hgb", tb, cut(trees, trees.length / 2));
        score("hgb-cut", Expect.ERROR, tb, "hgb-cut");
        modelCase("hgb-extra", "hgb", tb, concat(trees, new byte[12]));
        score("hgb-extra", Expect.ERROR, tb, "hgb-extra");
        modelCase("hgb-empty", "hgb", tb, new byte[0]);
        score("hgb-empty", Expect.ERROR, tb, "hgb-empty");
        modelCase("hgb-missing", "hgb", tb, null);
        score("hgb-missing", Expect.ERROR, "trees.bin", "hgb-missing");
        modelCase("hgb-nan-leaf", "hgb", tb, flipNan(trees, node0 + 20));
        score("hgb-nan-leaf", Expect.ERROR, tb, "hgb-nan-leaf");
        String meta = Files.readString(dir.resolve("hgb/model/classifier.properties"));
        modelCase("hgb-kind", "hgb", "model/classifier.properties",
                meta.replace("kind=hgb", "kind=svm").getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-kind", Expect.ERROR, "hgb-kind", "hgb-kind");
        modelCase("hgb-version", "hgb", "model/classifier.properties",
                meta.replace("formatVersion=1", "formatVersion=7").getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-version", Expect.ERROR, "hgb-version", "hgb-version");
        modelCase("hgb-features", "hgb", "model/classifier.properties",
                meta.replaceAll("features=.*", "features=mjj,nope").getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-features", Expect.ERROR, "hgb-features", "hgb-features");
        modelCase("hgb-no-meta", "hgb", "model/classifier.properties", null);
        score("hgb-no-meta", Expect.ERROR, "hgb-no-meta", "hgb-no-meta");
        modelCase("hgb-meta-binary", "hgb", "model/classifier.properties", randomBytes(500));
        score("hgb-meta-binary", Expect.ERROR, "hgb-meta-binary", "hgb-meta-binary");
        String manifest = Files.readString(dir.resolve("hgb/classify.properties"), StandardCharsets.ISO_8859_1);
        modelCase("hgb-members-escape", "hgb", "classify.properties",
                manifest.replaceAll("members=.*", "members=../mlp/model").getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-members-escape", Expect.ERROR, "classify.properties", "hgb-members-escape");
        modelCase("hgb-members-many", "hgb", "classify.properties", manifest.replaceAll("members=.*",
                "members=" + "model,".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-members-many", Expect.ERROR, "classify.properties", "hgb-members-many");
        modelCase("hgb-members-none", "hgb", "classify.properties",
                manifest.replaceAll("members=.*", "members=").getBytes(StandardCharsets.ISO_8859_1));
        score("hgb-members-none", Expect.ERROR, "classify.properties", "hgb-members-none");

        cli("classify", "train", "--mode", "supervised", "--data", p("table.parquet"), "--model", "mlp", "--epochs",
                "1", "-o", p("mlp"), "--seed", "1");
        score("mlp-valid", Expect.VALID, "", "mlp");
        byte[] w = Files.readAllBytes(dir.resolve("mlp/model/weights.bin"));
        int nf = ByteBuffer.wrap(w).getInt(8);
        int members = 12 + 16 * nf;
        String wb = "model/weights.bin";
        modelCase("mlp-members-huge", "mlp", wb, putInt(w, members, Integer.MAX_VALUE));
        score("mlp-members-huge", Expect.ERROR, wb, "mlp-members-huge");
        modelCase("mlp-layers-huge", "mlp", wb, putInt(w, members + 4, 1 << 30));
        score("mlp-layers-huge", Expect.ERROR, wb, "mlp-layers-huge");
        modelCase("mlp-layer-size-huge", "mlp", wb, putInt(w, members + 12, 1 << 28));
        score("mlp-layer-size-huge", Expect.ERROR, wb, "mlp-layer-size-huge");
        modelCase("mlp-layer-size-negative", "mlp", wb, putInt(w, members + 12, -64));
        score("mlp-layer-size-negative", Expect.ERROR, wb, "mlp-layer-size-negative");
        modelCase("mlp-layer-inputs", "mlp", wb, putInt(w, members + 8, nf + 3));
        score("mlp-layer-inputs", Expect.ERROR, wb, "mlp-layer-inputs");
        modelCase("mlp-features", "mlp", wb, putInt(w, 8, nf + 1));
        score("mlp-features", Expect.ERROR, wb, "mlp-features");
        modelCase("mlp-cut", "mlp", wb, cut(w, w.length - 5));
        score("mlp-cut", Expect.ERROR, wb, "mlp-cut");
        modelCase("mlp-magic", "mlp", wb, putInt(w, 0, 0x12345678));
        score("mlp-magic", Expect.ERROR, wb, "mlp-magic");
    }

    private static byte[] flipNan(byte[] b, int at) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putDouble(at, Double.NaN);
        return c;
    }

    private void densityModel() throws IOException {
        cli("density", "fit", "--input", p("table.parquet"), "--model", "flow", "--sr", "3300,3700", "--sideband-width", "1000", "--epochs", "1",
                "--flow-blocks", "1", "--flow-hidden", "8", "--flow-layers", "1", "--flow-ensemble", "1",
                "--no-refine", "-o", p("flow"));
        byte[] w = Files.readAllBytes(dir.resolve("flow/weights.bin"));
        String wb = "weights.bin";
        for (int f : new int[] {0, 6, 12, 20}) {
            modelCase("flow-flip" + f, "flow", wb, putInt(w, f, 0x7fffff00));
            density("flow-flip" + f, "flow-flip" + f);
        }
        // inside the weights: changed weights, not a damaged structure (the file has no checksum), unless NaN
        modelCase("flow-flip40", "flow", wb, putInt(w, 40, 0x7fffff00));
        add("flow-flip40", Expect.EITHER, "flow-flip40", "density", "sample", "--model", p("flow-flip40"), "--input",
                p("table.parquet"), "-o", out("flow-flip40", "s.parquet"));
        modelCase("flow-nan-weight", "flow", wb, putInt(w, 22, 0x7fc00000));
        density("flow-nan-weight", "flow-nan-weight");
        modelCase("flow-cut", "flow", wb, cut(w, w.length / 2));
        density("flow-cut", "flow-cut");
        modelCase("flow-empty", "flow", wb, new byte[0]);
        density("flow-empty", "flow-empty");
        modelCase("flow-missing", "flow", wb, null);
        density("flow-missing", "flow-missing");
        String meta = Files.readString(dir.resolve("flow/model.properties"), StandardCharsets.ISO_8859_1);
        modelCase("flow-kind", "flow", "model.properties",
                meta.replaceAll("kind=.*", "kind=teleporter").getBytes(StandardCharsets.ISO_8859_1));
        density("flow-kind", "flow-kind");
        modelCase("flow-meta-binary", "flow", "model.properties", randomBytes(700));
        density("flow-meta-binary", "flow-meta-binary");
        modelCase("flow-nan-mean", "flow", "model.properties", meta.replaceAll("pre\\.mean=[^,\n]*", "pre.mean=NaN")
                .getBytes(StandardCharsets.ISO_8859_1));
        density("flow-nan-mean", "flow-nan-mean");
        modelCase("flow-blocks-huge", "flow", "model.properties", meta.replaceAll("flow\\.blocks=.*",
                "flow.blocks=2000000000").getBytes(StandardCharsets.ISO_8859_1));
        density("flow-blocks-huge", "flow-blocks-huge");
    }

    private void density(String id, String model) throws IOException {
        add(id, Expect.ERROR, model, "density", "sample", "--model", p(model), "--input", p("table.parquet"), "-o",
                out(id, "s.parquet"));
    }

    // ---------------------------------------------------------------- run directories and checkpoints

    /** {@code export report} of a copy of the base run whose results.json is {@code results}. */
    private void report(String id, Expect expect, byte[] results) throws IOException {
        Path run = dir.resolve("runs").resolve(id);
        copyTree(dir.resolve("runs/base"), run);
        Files.write(run.resolve("results.json"), results);
        add(id, expect, "results.json", "export", "report", run.toString(), "-o", out(id, "report.html"));
    }

    private void runDirectories() throws IOException {
        String cfg = "schemaVersion: 1\ninput:\n  path: " + p("table.parquet") + "\n";
        Files.writeString(dir.resolve("run.yaml"), cfg);
        String runs = dir.resolve("runs").toString();
        cli("run", "--config", p("run.yaml"), "--name", "base", "--runs", runs, "--stage", "none", "--toys", "5");
        add("run-name-dotdot", Expect.USAGE, "--name", "run", "--config", p("run.yaml"), "--name", "..", "--runs", runs,
                "--stage", "none", "--resume");
        add("run-name-dot", Expect.USAGE, "--name", "run", "--config", p("run.yaml"), "--name", ".", "--runs", runs,
                "--stage", "none");
        add("run-name-slash", Expect.USAGE, "--name", "run", "--config", p("run.yaml"), "--name", "a/../..", "--runs",
                runs, "--stage", "none");
        add("run-exists", Expect.ERROR, "base", "run", "--config", p("run.yaml"), "--name", "base", "--runs", runs,
                "--stage", "none");
        // a live process (the one that wrote the corpus) holds the lock: the run fails at once
        copyTree(dir.resolve("runs/base"), dir.resolve("runs/locked"));
        Files.writeString(dir.resolve("runs/locked/.lock"), ProcessHandle.current().pid() + "\n");
        add("run-locked", Expect.ERROR, "locked", "run", "--config", p("run.yaml"), "--name", "locked", "--runs",
                runs, "--stage", "none", "--resume", "--toys", "5");
        // a flipped byte in the selected events: resume re-reads them for the bump hunt and must see the damage
        copyTree(dir.resolve("runs/base"), dir.resolve("runs/flipped"));
        Path events = dir.resolve("runs/flipped/data/events.parquet");
        Files.write(events, flip(Files.readAllBytes(events), 300));
        Files.delete(dir.resolve("runs/flipped/checkpoints/bumphunt.done"));
        add("run-resume-flipped-events", Expect.ERROR, "events.parquet", "run", "--config", p("run.yaml"), "--name",
                "flipped", "--runs", runs, "--stage", "none", "--resume", "--toys", "5");
        // a checkpoint marker of garbage: not a checkpoint of these inputs, so the stage is run again
        copyTree(dir.resolve("runs/base"), dir.resolve("runs/garbled"));
        Files.write(dir.resolve("runs/garbled/checkpoints/select.done"), randomBytes(300));
        Files.writeString(dir.resolve("runs/garbled/data/.events.parquet.5e1f.tmp"), "half a file from a kill -9");
        add("run-resume-garbled-marker", Expect.VALID, "", "run", "--config", p("run.yaml"), "--name", "garbled",
                "--runs", runs, "--stage", "none", "--resume", "--toys", "5");
        // a checkpointed stage's JSON damaged: resume reads it back and must say which file
        copyTree(dir.resolve("runs/base"), dir.resolve("runs/badjson"));
        Files.write(dir.resolve("runs/badjson/bumphunt.json"), randomBytes(200));
        add("run-resume-garbled-bumphunt", Expect.ERROR, "bumphunt.json", "run", "--config", p("run.yaml"), "--name",
                "badjson", "--runs", runs, "--stage", "none", "--resume", "--toys", "5");
        // the report of a run directory whose results.json is damaged
        byte[] results = Files.readAllBytes(dir.resolve("runs/base/results.json"));
        report("report-valid", Expect.VALID, results);
        report("report-cut", Expect.ERROR, cut(results, results.length / 2));
        report("report-garbage", Expect.ERROR, randomBytes(3000));
        report("report-empty", Expect.ERROR, new byte[0]);
        report("report-deep", Expect.ERROR, ("{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        report("report-not-utf8", Expect.ERROR, concat(cut(results, results.length - 2),
                new byte[] {(byte) 0xff, (byte) 0xfe, '"', '}'}));
        report("report-empty-object", Expect.EITHER, "{}".getBytes(StandardCharsets.UTF_8));
        report("report-wrong-types", Expect.EITHER, new String(results, StandardCharsets.UTF_8)
                .replaceAll("\"localZ\": [-0-9.eE]+", "\"localZ\": \"high\"").getBytes(StandardCharsets.UTF_8));
        add("run-missing-config", Expect.ERROR, "missing.yaml", "run", "--config", p("missing.yaml"), "--name", "m",
                "--runs", runs);
    }
}
