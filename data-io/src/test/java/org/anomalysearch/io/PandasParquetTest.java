package org.anomalysearch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event table as users read it: {@code pandas.read_parquet(path, engine="pyarrow")}, the recipe in the README.
 * Needs /usr/bin/python3 with pandas and pyarrow (Debian 12 packages neither pyarrow nor a pandas with it); without
 * them the test is skipped with a message saying so. Every column, its dtype and every value are compared with the
 * batch that was written (doubles bit for bit: Python's repr of a float reads back to the same double).
 */
class PandasParquetTest {

    static final String PYTHON = "/usr/bin/python3";

    /** Prints one line per column: name, dtype, then the values (repr), tab-separated. */
    static final String SCRIPT = String.join("\n",
            "import sys",
            "import pandas as pd",
            "df = pd.read_parquet(sys.argv[1], engine='pyarrow')",
            "for c in df.columns:",
            "    print('\\t'.join([c, str(df[c].dtype)] + [repr(v) for v in df[c].tolist()]))",
            "");

    @TempDir
    Path tmp;

    static boolean pandasWithPyarrow() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pandas, pyarrow").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void pandasReadsTheEventTableWithPyarrow() throws Exception {
        assumeTrue(pandasWithPyarrow(), "skipped: " + PYTHON + " with pandas and pyarrow is not installed (Debian 12 "
                + "has no pyarrow package; pip install pandas pyarrow to run this check)");
        EventBatch in = batch(257, 7);
        Path file = tmp.resolve("events.parquet");
        try (EventTableWriter w = EventTableWriter.open(file, in.schema(), WriteOptions.DEFAULTS)) {
            w.write(in);
            w.commit();
        }
        Map<String, String[]> read = readWithPandas(file);
        List<String> expectedColumns = new ArrayList<>(List.of("event_id", "label", "weight"));
        expectedColumns.addAll(in.schema().names());
        assertEquals(expectedColumns, new ArrayList<>(read.keySet()), "columns in file order");
        assertEquals("int64", read.get("event_id")[0]);
        assertEquals("int32", read.get("label")[0]);
        assertEquals("float64", read.get("weight")[0]);
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.ids()[i], Long.parseLong(read.get("event_id")[i + 1]), "event_id row " + i);
            assertEquals(in.labels()[i], Integer.parseInt(read.get("label")[i + 1]), "label row " + i);
            assertEquals(in.weights()[i], Double.parseDouble(read.get("weight")[i + 1]), "weight row " + i);
        }
        for (int c = 0; c < in.schema().size(); c++) {
            String name = in.schema().names().get(c);
            String[] col = read.get(name);
            assertEquals("float64", col[0], name);
            for (int i = 0; i < in.size(); i++) {
                assertEquals(Double.doubleToLongBits(in.columns()[c][i]),
                        Double.doubleToLongBits(Double.parseDouble(col[i + 1])), name + " row " + i);
            }
        }
    }

    /** A seeded batch of the standard features with all three labels and non-trivial weights. */
    static EventBatch batch(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FeatureSchema schema = FeatureSchema.STANDARD;
        long[] ids = new long[n];
        int[] labels = new int[n];
        double[] weights = new double[n];
        double[][] cols = new double[schema.size()][n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1_000_000_007L * i + 3;
            labels[i] = r.nextInt(3) - 1;
            weights[i] = 0.5 + r.nextDouble();
            for (int c = 0; c < cols.length; c++) {
                cols[c][i] = c == 0 ? 3000 + 1000 * r.nextDouble() : r.nextDouble() * 500 / (c + 1);
            }
        }
        return new EventBatch(schema, ids, labels, weights, cols);
    }

    /** Column name to {dtype, values...} as pandas reports them. */
    static Map<String, String[]> readWithPandas(Path file) throws IOException, InterruptedException {
        Path script = file.resolveSibling("read.py");
        Files.writeString(script, SCRIPT);
        Process p = new ProcessBuilder(PYTHON, script.toString(), file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "pandas.read_parquet failed: " + err);
        Map<String, String[]> columns = new LinkedHashMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                String[] parts = line.split("\t");
                String[] rest = new String[parts.length - 1];
                System.arraycopy(parts, 1, rest, 0, rest.length);
                columns.put(parts[0], rest);
            }
        }
        return columns;
    }
}
