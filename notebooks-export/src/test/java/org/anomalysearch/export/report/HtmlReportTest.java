package org.anomalysearch.export.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.anomalysearch.export.run.RunDirectory;
import org.anomalysearch.export.run.TestRuns;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The HTML report: self-contained, escaped, Unicode-safe, parsed as XML to check its structure. */
class HtmlReportTest {

    private static final Pattern ATTR = Pattern.compile("\\b(src|href|action|poster|srcset)\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path tmp;

    @Test
    void selfContainedReportWithSummarySignificancePlotsAndLinks() throws Exception {
        Path dir = TestRuns.write(tmp.resolve("run"), "demo", 40, null, TestRuns.signalRegion(3.5, 3.21, 6.6e-4),
                null);
        RunResults r = ResultsCodec.readResults(dir.resolve("results.json"));
        Files.writeString(dir.resolve("results.json"), ResultsCodec.write(new RunResults(r.schemaVersion(), r.run(),
                r.seed(), r.configSha256(), "see https://example.org/paper and http://x.y/z", r.generate(), r.select(),
                r.bumpHunt(), r.bumpHuntSummary(), r.signalRegion(), r.scan(), r.plots(), r.outputs())));
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/cwola.onnx"), "onnx");
        Files.writeString(dir.resolve("http:evil.txt"), "x");
        RunDirectory run = RunDirectory.load(dir, TestRuns::parse);
        String html = HtmlReport.render(run, ".");
        assertNoExternalResources(html);
        Document doc = parse(html);

        assertEquals("anomaly-search run: demo", text(doc, "title").get(0));
        assertEquals("anomaly-search run: demo", text(doc, "h1").get(0));
        assertTrue(html.contains("<meta charset=\"utf-8\" />"));
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("<tr><th>headline: local Z of the configured signal region (sideband fit; no "
                + "look-elsewhere effect)</th><td>3.21, SR [3300, 3700) GeV</td></tr>"), "the one number to quote");
        Element sig = doc.getElementById("significance-table");
        if (sig == null) {
            sig = byId(doc, "table", "significance-table");
        }
        String sigText = sig.getTextContent();
        assertTrue(sigText.contains("Sideband fit of the configured SR, profile likelihood (local)3.216.600e-04window = "
                + "[3300, 3700) GeV"), sigText);
        assertTrue(sigText.contains("Counting, Z0 without background uncertainty3.5window = [3300, 3700) GeV"),
                sigText);
        assertEquals(0, count(sigText, "not computed yet"), "only methods that ran are listed: " + sigText);
        String stages = byClass(doc, "table", "stages").getTextContent();
        assertEquals(1, count(stages, "not computed yet"), "the bump hunt did not run: " + stages);
        assertTrue(stages.contains("40 of 40 events selected") && stages.contains("not run (no search section"),
                stages);

        NodeList imgs = doc.getElementsByTagName("img");
        assertEquals(1, imgs.getLength());
        String src = ((Element) imgs.item(0)).getAttribute("src");
        assertTrue(src.startsWith("data:image/png;base64,"));
        assertEquals(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("plots/mjj.png"))),
                src.substring("data:image/png;base64,".length()));

        List<String> hrefs = hrefs(html);
        assertTrue(hrefs.contains("./models/cwola.onnx"), hrefs.toString());
        assertTrue(hrefs.contains("./events.csv.gz"), hrefs.toString());
        assertTrue(hrefs.contains("./http%3Aevil.txt"), "a file name never becomes a URL scheme: " + hrefs);
        for (String h : hrefs) {
            String path = h.startsWith("#") ? null : java.net.URLDecoder.decode(h.substring(2), "UTF-8");
            assertTrue(path == null || Files.isRegularFile(dir.resolve(path)), "link to an existing file: " + h);
        }
        assertTrue(html.contains("see https://example.org/paper"), "URLs in results stay text");
        assertTrue(html.contains("<pre>" + TestRuns.CONFIG_YAML + "</pre>"));
        assertTrue(text(doc, "th").contains("appVersion"), "provenance table");
    }

    @Test
    void runNamesAreEscapedAndUnicodeSafe() throws Exception {
        String name = "<script>alert(\"x\")</script> & 'q' r\u00e9sonance \u03bc\u03bc\u2192\u6f22\u5b57 \uD83D\uDE80\u0007";
        Path dir = TestRuns.write(tmp.resolve("run"), name, 10, null, null, "<b>key</b> <img src=x onerror=y>");
        String html = HtmlReport.render(RunDirectory.load(dir, null), ".");
        assertFalse(html.contains("<script"), "no script tag at all");
        assertFalse(html.contains("<b>") || html.contains("<img src=x"));
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; "
                + "r\u00e9sonance \u03bc\u03bc\u2192\u6f22\u5b57 \uD83D\uDE80\uFFFD"), "escaped; a control character "
                + "becomes U+FFFD");
        assertNoExternalResources(html);
        Document doc = parse(html);
        String expected = "anomaly-search run: " + name.replace('\u0007', '\uFFFD');
        assertEquals(expected, text(doc, "h1").get(0));
        assertEquals(expected, text(doc, "title").get(0));
        byte[] utf8 = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(html, new String(utf8, java.nio.charset.StandardCharsets.UTF_8), "round-trips through UTF-8");
    }

    @Test
    void veryLongNamesAreShortenedInTheTitleOnly() throws Exception {
        String name = "\u00e9".repeat(5000) + "\uD83D\uDE80";
        Path dir = Files.createDirectories(tmp.resolve("long"));
        Files.writeString(dir.resolve("results.json"), TestRuns.bareResults(name));
        String html = HtmlReport.render(RunDirectory.load(dir, null), ".");
        Document doc = parse(html);
        String title = text(doc, "title").get(0);
        assertEquals(121, title.codePointCount(0, title.length()));
        assertTrue(title.endsWith("\u2026"));
        assertEquals("anomaly-search run: " + name, text(doc, "h1").get(0));
        assertTrue(html.contains("overflow-wrap: anywhere"), "the heading wraps");
        assertTrue(html.contains("This run saved no plots."));
        assertTrue(html.contains("This run has no config.yaml."));
        assertTrue(html.contains("No models exported yet"));
        assertNoExternalResources(html);
    }

    @Test
    void theScanHeadlineIsQuotedOnceAndTheTrialsFactorOnlyAsALabelledCrossCheck() throws Exception {
        Path dir = TestRuns.write(tmp.resolve("scan"), "demo", 30, null, null, null);
        Files.copy(Path.of(getClass().getResource("/runs/demo-results.json").toURI()), dir.resolve("results.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String html = HtmlReport.render(RunDirectory.load(dir, TestRuns::parse), ".");
        assertEquals(1, count(html, "<th>headline: global Z of the density model + CWoLa scan</th>"), html);
        assertTrue(html.contains("<tr><th>cross-check (not for quoting)</th><td>Z = "), "labelled once, in the key");
        assertEquals(0, count(html, "<td>cross-check"), "the label is not repeated in the value");
    }

    @Test
    void runsWithoutTruthLabelsGiveTheSameValidReport() throws Exception {
        Path dir = TestRuns.write(tmp.resolve("unlabelled"), "data", 30, -1, null, null);
        String html = HtmlReport.render(RunDirectory.load(dir, TestRuns::parse), ".");
        Document doc = parse(html);
        assertEquals(1, doc.getElementsByTagName("img").getLength());
        assertNoExternalResources(html);
    }

    @Test
    void linksAreRelativeToWhereTheReportIs() {
        assertEquals("./models/a%20b.onnx", HtmlReport.href(".", "models/a b.onnx"));
        assertEquals("../runs/r%C3%A9/x.csv", HtmlReport.href("../runs/r\u00e9", "x.csv"));
        assertEquals("/abs/run/x.csv", HtmlReport.href("/abs/run", "x.csv"));
        assertEquals("a%3Fb%23c%25", Html.encodePath("a?b#c%"));
    }

    /** No src/href/... attribute points outside the file, nothing in CSS loads, no script runs. */
    static void assertNoExternalResources(String html) {
        Matcher m = ATTR.matcher(html);
        while (m.find()) {
            String v = m.group(2).trim().toLowerCase(java.util.Locale.ROOT);
            boolean local = v.startsWith("#") || v.startsWith("./") || v.startsWith("../") || v.startsWith("/")
                    && !v.startsWith("//") || v.startsWith("data:image/png;base64,");
            assertTrue(local, "external or unexpected " + m.group(1) + ": " + v);
            assertFalse(v.startsWith("http:") || v.startsWith("https:") || v.startsWith("//"), v);
        }
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        for (String bad : new String[] {"<script", "<link", "<iframe", "<object", "<embed", "<base", "@import",
            "@font-face", "url(", "javascript:"}) {
            assertFalse(lower.contains(bad), bad);
        }
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<String> text(Document doc, String tag) {
        List<String> out = new ArrayList<>();
        NodeList l = doc.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            out.add(l.item(i).getTextContent());
        }
        return out;
    }

    private static Element byId(Document doc, String tag, String id) {
        NodeList l = doc.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            if (id.equals(((Element) l.item(i)).getAttribute("id"))) {
                return (Element) l.item(i);
            }
        }
        throw new AssertionError("no " + tag + " with id " + id);
    }

    private static Element byClass(Document doc, String tag, String cls) {
        NodeList l = doc.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            if (cls.equals(((Element) l.item(i)).getAttribute("class"))) {
                return (Element) l.item(i);
            }
        }
        throw new AssertionError("no " + tag + " with class " + cls);
    }

    private static List<String> hrefs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }
}
