package org.anomalysearch.export.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.anomalysearch.core.json.Json;

/**
 * A Jupyter notebook in nbformat 4.5 (cells carry ids): markdown cells and code cells with optional
 * outputs, written as the JSON a Jupyter front end, {@code nbformat.validate} and {@code nbconvert} read.
 * Immutable; build it with {@link Builder}.
 *
 * @param cells    the cells in order
 * @param metadata the notebook's metadata (kernelspec, language_info, ...)
 */
public record Notebook(List<Cell> cells, Map<String, Object> metadata) {

    /** The format version written. */
    public static final int NBFORMAT = 4;
    /** The minor format version written (4.5 is the first with cell ids). */
    public static final int NBFORMAT_MINOR = 5;

    private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public Notebook {
        cells = List.copyOf(cells);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Cell c : cells) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate cell id " + c.id());
            }
        }
    }

    /** A cell: markdown or code. */
    public sealed interface Cell permits Markdown, Code {
        /** The cell id: 1 to 64 letters, digits, '-' or '_', unique in the notebook. */
        String id();

        /** The cell's text. */
        String source();
    }

    /** A markdown cell. */
    public record Markdown(String id, String source) implements Cell {
        public Markdown {
            checkId(id);
        }
    }

    /** A code cell with its outputs (empty for a cell that was not run). */
    public record Code(String id, String source, List<Output> outputs) implements Cell {
        public Code {
            checkId(id);
            outputs = List.copyOf(outputs);
        }
    }

    /** An output of a code cell. */
    public sealed interface Output permits DisplayData, Stream {
    }

    /**
     * A {@code display_data} output: a MIME bundle such as {@code image/png} (base64 text) with a
     * {@code text/plain} fallback.
     */
    public record DisplayData(Map<String, String> data) implements Output {
        public DisplayData {
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        /** A PNG image (bytes base64-encoded), with alternative text. */
        public static DisplayData png(byte[] png, String altText) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("image/png", java.util.Base64.getEncoder().encodeToString(png));
            d.put("text/plain", altText);
            return new DisplayData(d);
        }
    }

    /** A {@code stream} output ({@code stdout} or {@code stderr}). */
    public record Stream(String name, String text) implements Output {
        public Stream {
            if (!name.equals("stdout") && !name.equals("stderr")) {
                throw new IllegalArgumentException("stream name must be stdout or stderr, got " + name);
            }
        }
    }

    private static void checkId(String id) {
        if (id == null || !CELL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a cell id is 1 to 64 of [a-zA-Z0-9_-], got '" + id + "'");
        }
    }

    /** The metadata of a Python 3 notebook run by ipykernel. */
    public static Map<String, Object> python3Metadata() {
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("display_name", "Python 3 (ipykernel)");
        kernel.put("language", "python");
        kernel.put("name", "python3");
        Map<String, Object> lang = new LinkedHashMap<>();
        lang.put("name", "python");
        lang.put("file_extension", ".py");
        lang.put("mimetype", "text/x-python");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernelspec", kernel);
        m.put("language_info", lang);
        return m;
    }

    /** The notebook as nbformat 4.5 JSON (UTF-8 text, pretty-printed, ending in a newline). */
    public String toJson() {
        return Json.write(toMap());
    }

    /** The JSON tree of the notebook. */
    public Map<String, Object> toMap() {
        List<Object> cellList = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (c instanceof Markdown md) {
                m.put("cell_type", "markdown");
                m.put("id", md.id());
                m.put("metadata", Map.of());
                m.put("source", sourceLines(md.source()));
            } else if (c instanceof Code code) {
                m.put("cell_type", "code");
                m.put("execution_count", null);
                m.put("id", code.id());
                m.put("metadata", Map.of());
                List<Object> outs = new ArrayList<>();
                for (Output o : code.outputs()) {
                    outs.add(output(o));
                }
                m.put("outputs", outs);
                m.put("source", sourceLines(code.source()));
            }
            cellList.add(m);
        }
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", cellList);
        nb.put("metadata", metadata);
        nb.put("nbformat", NBFORMAT);
        nb.put("nbformat_minor", NBFORMAT_MINOR);
        return nb;
    }

    private static Map<String, Object> output(Output o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o instanceof DisplayData d) {
            m.put("output_type", "display_data");
            Map<String, Object> data = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : d.data().entrySet()) {
                // base64 payloads stay one string; text is split in lines as Jupyter writes it
                data.put(e.getKey(), e.getKey().startsWith("image/") && !e.getKey().contains("svg")
                        ? e.getValue() : lines(e.getValue()));
            }
            m.put("data", data);
            m.put("metadata", Map.of());
        } else if (o instanceof Stream s) {
            m.put("output_type", "stream");
            m.put("name", s.name());
            m.put("text", lines(s.text()));
        }
        return m;
    }

    /** A cell's source as Jupyter stores it: lines keeping their '\n', the last one without. */
    static List<String> sourceLines(String source) {
        return lines(source.endsWith("\n") ? source.substring(0, source.length() - 1) : source);
    }

    /** Splits text into lines that keep their '\n', as Jupyter stores multi-line strings. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Builds a notebook cell by cell, numbering the cell ids. */
    public static final class Builder {
        private final List<Cell> cells = new ArrayList<>();
        private final Map<String, Object> metadata;

        public Builder(Map<String, Object> metadata) {
            this.metadata = new LinkedHashMap<>(metadata);
        }

        private String nextId(String tag) {
            return String.format(java.util.Locale.ROOT, "cell-%02d-%s", cells.size() + 1, tag);
        }

        /** Adds a markdown cell; {@code tag} (letters, digits, '-') names it in the cell id. */
        public Builder markdown(String tag, String source) {
            cells.add(new Markdown(nextId(tag), source));
            return this;
        }

        /** Adds a code cell with outputs. */
        public Builder code(String tag, String source, Output... outputs) {
            cells.add(new Code(nextId(tag), source, List.of(outputs)));
            return this;
        }

        public Notebook build() {
            return new Notebook(cells, metadata);
        }
    }
}
