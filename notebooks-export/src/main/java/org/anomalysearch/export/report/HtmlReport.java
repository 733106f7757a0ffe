package org.anomalysearch.export.report;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.export.run.Headline;
import org.anomalysearch.export.run.RunDirectory;
import org.anomalysearch.export.run.RunSummary;
import org.anomalysearch.results.RunResults;

/**
 * The self-contained HTML report of a run: one UTF-8 file with inline CSS and the run's PNG plots inline as
 * {@code data:} URIs; no scripts, fonts or other external resources (a Content-Security-Policy meta tag makes
 * browsers refuse any), so it opens offline anywhere. Sections: summary (key numbers and pipeline stages),
 * significance, plots, results.json, config, provenance, and relative links to the run's files (models first).
 * Every string from the run is HTML-escaped. The markup is also well-formed XML (void elements closed with
 * {@code />}), so tests can parse it with an XML parser.
 */
public final class HtmlReport {

    /** The policy in the report's meta tag: nothing may load but inline styles and data: images. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private static final int TITLE_MAX = 120;

    private HtmlReport() {
    }

    /**
     * The report of a run.
     *
     * @param run     the run directory
     * @param runHref the run directory as a URL path relative to where the report is written ("." when it is
     *                written into the run directory), '/'-separated; used for the file links
     */
    public static String render(RunDirectory run, String runHref) throws IOException {
        RunSummary summary = new RunSummary(run.results());
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "anomaly-search run: " + run.name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(Html.escape(CONTENT_SECURITY_POLICY)).append("\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<meta name=\"generator\" content=\"anomaly-search export report\" />\n")
                .append("<title>").append(Html.escape(shorten(title))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header>\n<h1>anomaly-search run: <span class=\"name\">").append(Html.escape(run.name()))
                .append("</span></h1>\n<p class=\"sub\">Weakly supervised dijet resonance search. ")
                .append("This page is self-contained: it needs no network and runs no scripts.</p>\n")
                .append("<nav><a href=\"#summary\">Summary</a> <a href=\"#significance\">Significance</a> ")
                .append("<a href=\"#plots\">Plots</a> <a href=\"#results\">Results</a> ")
                .append("<a href=\"#config\">Config</a> <a href=\"#provenance\">Provenance</a> ")
                .append("<a href=\"#files\">Files</a></nav>\n</header>\n<main>\n");

        // Summary
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"kv\">\n");
        for (Map.Entry<String, String> e : keyNumbers(run).entrySet()) {
            h.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(Html.escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Pipeline stages</h3>\n<table class=\"stages\">\n<thead><tr><th>stage</th>")
                .append("<th>status</th></tr></thead>\n<tbody>\n");
        for (RunSummary.StageRow r : summary.stages()) {
            h.append("<tr class=\"").append(r.done() ? "done" : "todo").append("\"><td>").append(Html.escape(r.title()))
                    .append("</td><td>").append(r.done() ? Html.escape(r.status())
                            : "<span class=\"todo\">" + Html.escape(r.status()) + "</span>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");

        // Significance
        h.append("<section id=\"significance\">\n<h2>Significance</h2>\n<table class=\"sig\" id=\"significance-table\">\n")
                .append("<thead><tr><th>method</th><th>local Z</th><th>local p-value</th><th>global Z</th>")
                .append("<th>global p-value</th><th>details</th></tr></thead>\n<tbody>\n");
        for (RunSummary.SignificanceRow r : summary.significance()) {
            h.append("<tr><td>").append(Html.escape(r.title())).append("</td>");
            if (!r.computed()) {
                h.append("<td colspan=\"5\" class=\"todo\">").append(r.details().isEmpty() ? RunSummary.NOT_COMPUTED
                        : Html.escape(String.join(", ", r.details().values()))).append("</td></tr>\n");
                continue;
            }
            h.append(numCell(r.z())).append(numCell(r.p())).append(numCell(r.globalZ())).append(numCell(r.globalP()));
            List<String> d = new ArrayList<>();
            r.details().forEach((k, v) -> d.add(k + " = " + v));
            h.append("<td>").append(Html.escape(String.join(", ", d))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");

        // Scan
        List<RunSummary.WindowRow> windows = summary.scanWindows();
        if (!windows.isEmpty()) {
            h.append("<section id=\"scan\">\n<h2>Density model + CWoLa scan</h2>\n<table class=\"sig\" "
                    + "id=\"scan-table\">\n<thead><tr><th>signal region [GeV]</th><th>local Z</th><th>efficiency</th>"
                    + "<th>selected</th><th>expected</th><th>note</th></tr></thead>\n<tbody>\n");
            for (RunSummary.WindowRow w : windows) {
                h.append("<tr").append(w.computed() ? "" : " class=\"todo\"").append("><td>")
                        .append(Html.escape(fmt(w.signalLo()) + "-" + fmt(w.signalHi()))).append("</td>")
                        .append(numCell(w.localZ())).append(numCell(w.efficiency())).append(numCell(w.selected()))
                        .append("<td>").append(w.expected() == null ? "" : Html.escape(fmt(w.expected()) + " +- "
                                + fmt(w.expectedError()))).append("</td><td>")
                        .append(Html.escape(w.computed() ? w.note() : "not computed: " + w.note()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }

        // Plots
        h.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        if (run.plots().isEmpty()) {
            h.append("<p class=\"todo\">This run saved no plots.</p>\n");
        }
        for (String plot : run.plots()) {
            byte[] png = Files.readAllBytes(run.dir().resolve(plot));
            h.append("<figure>\n<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\" alt=\"").append(Html.escape(plot)).append("\" />\n<figcaption>")
                    .append(Html.escape(plot)).append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");

        // Results
        h.append("<section id=\"results\">\n<h2>Results <small>(results.json)</small></h2>\n<table class=\"kv\">\n");
        summary.flatResults().forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(Html.escape(v)).append("</td></tr>\n"));
        h.append("</table>\n</section>\n");

        // Config
        h.append("<section id=\"config\">\n<h2>Config <small>(config.yaml)</small></h2>\n");
        if (run.configYaml() == null) {
            h.append("<p class=\"todo\">This run has no config.yaml.</p>\n");
        } else {
            h.append("<pre>").append(Html.escape(run.configYaml())).append("</pre>\n");
        }
        h.append("</section>\n");

        // Provenance
        h.append("<section id=\"provenance\">\n<h2>Provenance <small>(provenance.json)</small></h2>\n");
        if (run.provenance() == null) {
            h.append("<p class=\"todo\">This run has no provenance.json.</p>\n");
        } else {
            h.append("<table class=\"kv\">\n");
            RunSummary.flatten(run.provenance()).forEach((k, v) -> h.append("<tr><th>")
                    .append(Html.escape(k)).append("</th><td>").append(Html.escape(v)).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("</section>\n");

        // Files
        h.append("<section id=\"files\">\n<h2>Files</h2>\n");
        List<RunDirectory.RunFile> models = run.files().stream().filter(f -> f.path().startsWith("models/")).toList();
        h.append("<h3>Exported models</h3>\n");
        if (models.isEmpty()) {
            h.append("<p class=\"todo\">No models exported yet: this run kept none in models/.</p>\n");
        } else {
            fileTable(h, models, runHref);
        }
        h.append("<h3>All files of the run</h3>\n");
        fileTable(h, run.files(), runHref);
        h.append("</section>\n</main>\n<footer>Written by <code>anomaly-search export report</code> from ")
                .append("<code>").append(Html.escape(run.dir().getFileName() == null ? run.dir().toString()
                        : run.dir().getFileName().toString())).append("</code>.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void fileTable(StringBuilder h, List<RunDirectory.RunFile> files, String runHref) {
        h.append("<table class=\"files\">\n<thead><tr><th>file</th><th>size</th></tr></thead>\n<tbody>\n");
        for (RunDirectory.RunFile f : files) {
            h.append("<tr><td><a href=\"").append(Html.escape(href(runHref, f.path()))).append("\">")
                    .append(Html.escape(f.path())).append("</a></td><td class=\"num\">")
                    .append(Html.escape(size(f.size()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** A relative link to a file of the run, from where the report is. */
    static String href(String runHref, String path) {
        String base = runHref == null || runHref.isEmpty() || runHref.equals(".") ? "" : Html.encodePath(runHref);
        String p = Html.encodePath(path);
        String s = base.isEmpty() ? p : base.endsWith("/") ? base + p : base + "/" + p;
        return s.startsWith("/") || s.startsWith("./") || s.startsWith("../") ? s : "./" + s;
    }

    private static Map<String, String> keyNumbers(RunDirectory run) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", run.name());
        RunResults r = run.results();
        Headline headline = Headline.of(r);
        if (headline != null) {
            m.put("headline: " + headline.name(), headline.value() + (headline.where().isEmpty() ? ""
                    : ", " + headline.where()));
            if (!headline.crossCheck().isEmpty()) {
                m.put("cross-check (not for quoting)", headline.crossCheck());
            }
        }
        Map<String, Object> p = run.provenance() == null ? Map.of() : run.provenance();
        put(m, "seed", r.seed());
        put(m, "generated events", r.generate() == null ? null : r.generate().events());
        put(m, "selected events", r.select() == null ? null : r.select().eventsOut());
        put(m, "config SHA-256", r.configSha256() != null ? r.configSha256() : p.get("configSha256"));
        put(m, "started", p.get("startTime"));
        put(m, "anomaly-search version", p.get("appVersion"));
        put(m, "device", p.get("device"));
        if (run.config() != null) {
            m.put("signal region", RunSummary.formatNumber(run.config().regions().signalLo()) + " – "
                    + RunSummary.formatNumber(run.config().regions().signalHi()) + " GeV (mjj)");
            m.put("features", String.join(", ", run.config().features()));
        }
        return m;
    }

    private static void put(Map<String, String> m, String key, Object v) {
        if (v != null) {
            m.put(key, RunSummary.format(v));
        }
    }

    private static String fmt(Double d) {
        return d == null ? "" : RunSummary.formatNumber(d);
    }

    private static String numCell(Double d) {
        return "<td class=\"num\">" + (d == null ? "" : Html.escape(RunSummary.formatNumber(d))) + "</td>";
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", kb);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", kb / 1024);
    }

    private static String shorten(String s) {
        return s.codePointCount(0, s.length()) <= TITLE_MAX ? s
                : s.substring(0, s.offsetByCodePoints(0, TITLE_MAX)) + "…";
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0;
                   color: #1b1f24; background: #fff; line-height: 1.45; }
            header { background: #12324f; color: #fff; padding: 18px 28px 12px; }
            header h1 { margin: 0 0 4px; font-size: 1.6em; overflow-wrap: anywhere; word-break: break-word; }
            header .sub { margin: 0 0 8px; color: #c9d8e6; }
            nav a { color: #fff; margin-right: 14px; text-decoration: none; border-bottom: 1px dotted #c9d8e6; }
            main { padding: 8px 28px 24px; max-width: 1200px; }
            section { margin: 18px 0 26px; }
            h2 { border-bottom: 2px solid #12324f; padding-bottom: 3px; font-size: 1.3em; }
            h2 small { font-weight: normal; color: #555; font-size: 0.7em; }
            h3 { font-size: 1.05em; margin: 16px 0 6px; }
            table { border-collapse: collapse; margin: 6px 0; }
            th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top;
                     overflow-wrap: anywhere; }
            thead th { background: #eef2f6; }
            table.kv th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
            thead th { white-space: nowrap; overflow-wrap: normal; }
            .todo { color: #8a6d00; font-style: italic; }
            tr.done td:first-child::before { content: "\\2713  "; color: #1a7f37; }
            table.sig { min-width: 60%; }
            figure { margin: 12px 0 20px; }
            figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
            figcaption { color: #555; font-size: 0.9em; }
            pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 10px; overflow-x: auto;
                  white-space: pre-wrap; overflow-wrap: anywhere; }
            footer { color: #666; font-size: 0.85em; padding: 10px 28px 24px; border-top: 1px solid #d0d7de; }
            """;
}
