package org.anomalysearch.export.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.anomalysearch.export.run.RunDirectory;
import org.anomalysearch.export.run.TestRuns;
import org.anomalysearch.results.ResultsCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook's JSON, parsed back and checked against the nbformat 4.5 schema's required keys. */
class NotebookExporterTest {

    private static final Pattern CELL_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    @TempDir
    Path tmp;

    @Test
    void notebookIsStructurallyValidNbformat45WithTheExpectedCells() throws Exception {
        Path dir = TestRuns.write(tmp.resolve("run"), "demo", 50, null, TestRuns.signalRegion(2.5, 2.4, 0.0082), null);
        RunDirectory run = RunDirectory.load(dir, TestRuns::parse);
        Map<String, Object> nb = ResultsCodec.parseObject(NotebookExporter.build(run, ".").toJson(), "nb");
        List<Map<String, Object>> cells = checkStructure(nb);

        List<String> markdown = sources(cells, "markdown");
        List<String> code = sources(cells, "code");
        assertTrue(markdown.get(0).startsWith("# anomaly-search run: demo\n"), markdown.get(0));
        assertTrue(markdown.get(0).contains("pyarrow, which Debian 12 does not ship"), "says why CSV");
        assertTrue(markdown.stream().anyMatch(s -> s.startsWith("## Summary") && s.contains("*not computed yet*")));
        assertTrue(markdown.stream().anyMatch(s -> s.startsWith("## Significance")
                && s.contains("| Counting, Z0 without background uncertainty | 2.5 |  |")
                && s.contains("| Sideband fit of the configured SR, profile likelihood (local) | 2.4 | 0.0082 |")),
                markdown.toString());
        assertTrue(markdown.stream().anyMatch(s -> s.startsWith("## Config")
                && s.contains("```yaml\n" + TestRuns.CONFIG_YAML + "```")));
        assertTrue(markdown.stream().anyMatch(s -> s.startsWith("## Provenance") && s.contains("| appVersion | 0.1.0-test |")));
        String all = String.join("\n", code);
        assertTrue(all.contains("RUN = pathlib.Path(\".\")"), all);
        assertTrue(all.contains("json.load(open(RUN / \"results.json\""), all);
        assertTrue(all.contains("pd.read_csv(RUN / \"events.csv.gz\")"), all);
        assertTrue(all.contains("FEATURES = [\"mjj\", \"mj1\", \"dmj\", \"tau21_j1\", \"tau21_j2\"]"), all);
        assertTrue(all.contains("SIGNAL_REGION = (3300.0, 3700.0)"), all);
        assertTrue(all.contains("\"mjj\": \"GeV\""), "units from the feature schema");

        // the plot is embedded as a display_data PNG output holding the file's exact bytes
        Map<String, Object> plotCell = cells.stream().filter(c -> "code".equals(c.get("cell_type"))
                && String.valueOf(c.get("source")).contains("plots/mjj.png")).findFirst().orElseThrow();
        List<?> outputs = (List<?>) plotCell.get("outputs");
        assertEquals(1, outputs.size());
        Map<?, ?> out = (Map<?, ?>) outputs.get(0);
        assertEquals("display_data", out.get("output_type"));
        byte[] png = Base64.getDecoder().decode((String) ((Map<?, ?>) out.get("data")).get("image/png"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("plots/mjj.png")), png);
    }

    @Test
    void userStringsAreQuotedInMarkdownAndPython() throws Exception {
        String name = "<script>alert('x')</script> *bold* | r\u00e9sonance \u03bc\u03bc \uD83D\uDE80";
        Path dir = TestRuns.write(tmp.resolve("run"), name, 10, -1, null, null);
        RunDirectory run = RunDirectory.load(dir, null);
        String runPath = "../we\"ird\\ dir/r\u00e9";
        String json = NotebookExporter.build(run, runPath).toJson();
        List<Map<String, Object>> cells = checkStructure(ResultsCodec.parseObject(json, "nb"));
        String title = sources(cells, "markdown").get(0);
        assertFalse(title.contains("<script>"), title);
        assertTrue(title.startsWith("# anomaly-search run: &lt;script&gt;alert('x')&lt;/script&gt; \\*bold\\* \\| "
                + "r\u00e9sonance \u03bc\u03bc \uD83D\uDE80\n"), title);
        String setup = sources(cells, "code").get(0);
        assertTrue(setup.contains("RUN = pathlib.Path(\"../we\\\"ird\\\\ dir/r\u00e9\")"), setup);
        // without a parsed config there is no signal region
        assertTrue(json.contains("SIGNAL_REGION = None"));
    }

    @Test
    void veryLongNamesAndRunsWithoutEventsOrPlotsStillGiveValidNotebooks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bare"));
        String longName = "x".repeat(20_000);
        Files.writeString(dir.resolve("results.json"), TestRuns.bareResults(longName));
        RunDirectory run = RunDirectory.load(dir, null);
        List<Map<String, Object>> cells = checkStructure(ResultsCodec.parseObject(
                NotebookExporter.build(run, ".").toJson(), "nb"));
        List<String> md = sources(cells, "markdown");
        assertTrue(md.get(0).contains(longName));
        assertTrue(md.stream().anyMatch(s -> s.contains("has no `events.csv.gz`")));
        assertTrue(md.stream().anyMatch(s -> s.contains("no config.yaml")));
        assertTrue(md.stream().anyMatch(s -> s.contains("no provenance.json")));
        assertEquals(1, sources(cells, "code").size(), "only the results cell");
    }

    @Test
    void fencesAreLongerThanBackticksInTheText() {
        assertEquals("````yaml\na: ```x```\n````\n", Text.fenced("yaml", "a: ```x```"));
        assertEquals("\"a\\u2028b\\u0001\"", Text.py("a\u2028b\u0001"));
    }

    @Test
    void cellIdsAreCheckedAndUnique() {
        assertThrows(IllegalArgumentException.class, () -> new Notebook.Markdown("bad id", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Notebook.Markdown("x".repeat(65), "x"));
        assertThrows(IllegalArgumentException.class, () -> new Notebook(List.of(new Notebook.Markdown("a", "x"),
                new Notebook.Markdown("a", "y")), Map.of()));
        assertEquals(List.of("a\n", "b\n", "c"), Notebook.lines("a\nb\nc"));
        assertEquals(List.of(), Notebook.lines(""));
    }

    /** Checks the keys and types the nbformat 4.5 schema requires; returns the cells. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> checkStructure(Map<String, Object> nb) {
        assertEquals(Set.of("cells", "metadata", "nbformat", "nbformat_minor"), nb.keySet());
        assertEquals(4L, ((Number) nb.get("nbformat")).longValue());
        assertEquals(5L, ((Number) nb.get("nbformat_minor")).longValue());
        Map<String, Object> meta = (Map<String, Object>) nb.get("metadata");
        Map<String, Object> kernel = (Map<String, Object>) meta.get("kernelspec");
        assertEquals("python3", kernel.get("name"));
        assertTrue(kernel.get("display_name") instanceof String);
        assertEquals("python", ((Map<String, Object>) meta.get("language_info")).get("name"));
        List<Map<String, Object>> cells = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object o : (List<Object>) nb.get("cells")) {
            Map<String, Object> c = (Map<String, Object>) o;
            cells.add(c);
            String id = (String) c.get("id");
            assertTrue(CELL_ID.matcher(id).matches(), id);
            assertTrue(ids.add(id), "unique id " + id);
            assertTrue(c.get("metadata") instanceof Map);
            List<Object> source = (List<Object>) c.get("source");
            for (int i = 0; i < source.size(); i++) {
                String line = (String) source.get(i);
                assertEquals(i < source.size() - 1, line.endsWith("\n"), "only the last line lacks a newline");
            }
            switch ((String) c.get("cell_type")) {
                case "markdown" -> assertEquals(Set.of("cell_type", "id", "metadata", "source"), c.keySet());
                case "code" -> {
                    assertEquals(Set.of("cell_type", "execution_count", "id", "metadata", "outputs", "source"),
                            c.keySet());
                    assertNull(c.get("execution_count"));
                    for (Object out : (List<Object>) c.get("outputs")) {
                        Map<String, Object> m = (Map<String, Object>) out;
                        assertEquals("display_data", m.get("output_type"));
                        assertEquals(Set.of("output_type", "data", "metadata"), m.keySet());
                    }
                }
                default -> throw new AssertionError("cell type " + c.get("cell_type"));
            }
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static List<String> sources(List<Map<String, Object>> cells, String type) {
        return cells.stream().filter(c -> type.equals(c.get("cell_type")))
                .map(c -> String.join("", (List<String>) c.get("source"))).toList();
    }
}
