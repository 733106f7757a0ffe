package org.anomalysearch.export.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.event.Feature;
import org.anomalysearch.core.event.FeatureSchema;
import org.anomalysearch.export.run.Headline;
import org.anomalysearch.export.run.RunDirectory;
import org.anomalysearch.export.run.RunSummary;

/**
 * Builds the Jupyter notebook of a run: markdown cells for the run, its stages and significance, its config and
 * provenance; code cells showing the run's PNG plots (with the images stored as outputs, so the notebook shows
 * them before it is run); and code cells that reload results.json and the event table with pandas and redraw
 * the feature distributions and the mjj spectrum with matplotlib.
 *
 * <p>The notebook needs python3 with pandas, numpy, matplotlib and IPython; it reads the event table from
 * {@code events.csv.gz} because Parquet would need pyarrow, which Debian 12 does not ship.
 */
public final class NotebookExporter {

    private NotebookExporter() {
    }

    /**
     * The notebook of a run.
     *
     * @param run     the run directory
     * @param runPath the run directory as the notebook's code should reach it: relative to the directory the
     *                notebook is written to ("." when it is written into the run directory), or absolute
     */
    public static Notebook build(RunDirectory run, String runPath) throws IOException {
        RunSummary summary = new RunSummary(run.results());
        Notebook.Builder nb = new Notebook.Builder(Notebook.python3Metadata());

        nb.markdown("title", "# anomaly-search run: " + Text.md(run.name()) + "\n\n"
                + "This notebook was written by `anomaly-search export notebook`. It shows the run's results "
                + "and plots, then reloads the run's outputs with pandas and redraws the main plots with "
                + "matplotlib. Run it with the notebook next to the run's files (or change `RUN` below).\n\n"
                + "**Data format.** The event table is read from `" + RunDirectory.EVENTS_CSV + "` (CSV, gzip: "
                + "pandas reads it with no extra library; Parquet event tables need pyarrow, which Debian 12 does "
                + "not ship). "
                + "Columns: `event_id`, `label` (1 signal, 0 background, -1 no truth label), `weight`, then the "
                + "features (masses and momenta in GeV).\n\n"
                + "Python packages used: pandas, numpy, matplotlib, IPython (Debian: python3-pandas, "
                + "python3-matplotlib, python3-ipykernel).\n");

        StringBuilder stages = new StringBuilder("## Summary\n\n");
        Headline headline = Headline.of(run.results());
        if (headline != null) {
            stages.append("**Headline: ").append(Text.md(headline.statement()))
                    .append("**").append(headline.where().isEmpty() ? "" : ", " + Text.md(headline.where()))
                    .append(headline.crossCheck().isEmpty() ? "" : "  \n(" + Headline.CROSS_CHECK + ": "
                            + Text.md(headline.crossCheck()) + ")")
                    .append("\n\n");
        }
        stages.append("| stage | status |\n|---|---|\n");
        for (RunSummary.StageRow r : summary.stages()) {
            stages.append("| ").append(Text.md(r.title())).append(" | ")
                    .append(r.done() ? Text.md(r.status()) : "*" + Text.md(r.status()) + "*").append(" |\n");
        }
        nb.markdown("summary", stages.toString());

        StringBuilder sig = new StringBuilder("## Significance\n\n"
                + "| method | local Z | local p-value | global Z | global p-value | details |\n"
                + "|---|---|---|---|---|---|\n");
        for (RunSummary.SignificanceRow r : summary.significance()) {
            sig.append("| ").append(Text.md(r.title())).append(" | ");
            if (!r.computed()) {
                sig.append("*").append(r.details().isEmpty() ? RunSummary.NOT_COMPUTED
                        : Text.md(String.join(", ", r.details().values()))).append("* | | | | |\n");
                continue;
            }
            sig.append(num(r.z())).append(" | ").append(num(r.p())).append(" | ").append(num(r.globalZ()))
                    .append(" | ").append(num(r.globalP())).append(" | ");
            StringBuilder d = new StringBuilder();
            r.details().forEach((k, v) -> d.append(d.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
            sig.append(Text.md(d.toString())).append(" |\n");
        }
        nb.markdown("significance", sig.toString());

        List<RunSummary.WindowRow> windows = summary.scanWindows();
        if (!windows.isEmpty()) {
            StringBuilder scan = new StringBuilder("## Density model + CWoLa scan: every planned window\n\n"
                    + "| signal region [GeV] | local Z | efficiency | selected | expected | note |\n"
                    + "|---|---|---|---|---|---|\n");
            for (RunSummary.WindowRow w : windows) {
                scan.append("| ").append(num(w.signalLo())).append("-").append(num(w.signalHi())).append(" | ")
                        .append(num(w.localZ())).append(" | ").append(num(w.efficiency())).append(" | ")
                        .append(num(w.selected())).append(" | ").append(w.expected() == null ? "" : num(w.expected())
                                + " +- " + num(w.expectedError())).append(" | ")
                        .append(w.computed() ? Text.md(w.note()) : "not computed: " + Text.md(w.note())).append(" |\n");
            }
            nb.markdown("scan", scan.toString());
        }

        StringBuilder res = new StringBuilder("## Results (results.json)\n\n| key | value |\n|---|---|\n");
        summary.flatResults().forEach((k, v) -> res.append("| ").append(Text.md(k)).append(" | ")
                .append(Text.md(v)).append(" |\n"));
        nb.markdown("results", res.toString());

        nb.code("setup", "%matplotlib inline\n"
                + "import json\n"
                + "import math\n"
                + "import pathlib\n"
                + "\n"
                + "import matplotlib.pyplot as plt\n"
                + "import numpy as np\n"
                + "import pandas as pd\n"
                + "from IPython.display import Image, display\n"
                + "\n"
                + "RUN = pathlib.Path(" + Text.py(runPath) + ")  # the run directory\n"
                + "results = json.load(open(RUN / \"results.json\", encoding=\"utf-8\"))\n"
                + "pd.json_normalize(results, sep=\".\").T.rename(columns={0: \"value\"})\n");

        if (!run.plots().isEmpty()) {
            nb.markdown("plots", "## Plots saved by the run\n\nEach cell below shows a PNG of the run's `plots/` "
                    + "directory; the image is stored in the notebook, so it shows before the notebook is run.\n");
            for (String plot : run.plots()) {
                byte[] png = Files.readAllBytes(run.dir().resolve(plot));
                nb.code("plot", "display(Image(filename=str(RUN / " + Text.py(plot) + ")))\n",
                        Notebook.DisplayData.png(png, "<IPython.core.display.Image object> " + plot));
            }
        }

        if (run.hasEvents()) {
            nb.markdown("reload", "## Reload the event table and redraw\n\n"
                    + "The cells below read `" + RunDirectory.EVENTS_CSV + "` with pandas and draw the feature "
                    + "distributions by truth label (unit area) and the mjj spectrum.\n");
            StringBuilder units = new StringBuilder("{");
            java.util.LinkedHashSet<String> unitColumns = new java.util.LinkedHashSet<>(run.plotFeatures());
            unitColumns.add("mjj");
            for (String c : unitColumns) {
                if (run.eventColumns().contains(c) && FeatureSchema.EVENT_TABLE.contains(c)) {
                    Feature f = FeatureSchema.EVENT_TABLE.features().get(FeatureSchema.EVENT_TABLE.indexOf(c));
                    if (!f.unit().isEmpty()) {
                        units.append(units.length() > 1 ? ", " : "").append(Text.py(c)).append(": ")
                                .append(Text.py(f.unit()));
                    }
                }
            }
            units.append('}');
            nb.code("load", "events = pd.read_csv(RUN / " + Text.py(RunDirectory.EVENTS_CSV) + ")\n"
                    + "LABELS = {1: \"signal\", 0: \"background\", -1: \"no truth label\"}\n"
                    + "UNITS = " + units + "\n"
                    + "groups = [(LABELS.get(k, f\"label {k}\"), g) for k, g in events.groupby(\"label\")]\n"
                    + "print(f\"{len(events)} events; \" + \", \".join(f\"{name}: {len(g)}\" for name, g in groups))\n"
                    + "events.describe().T\n");
            nb.code("features", "FEATURES = [" + String.join(", ", run.plotFeatures().stream().map(Text::py).toList())
                    + "]\n"
                    + "features = [f for f in FEATURES if f in events.columns]\n"
                    + "if len(events) == 0 or not features:\n"
                    + "    print(\"no events or no features to draw\")\n"
                    + "else:\n"
                    + "    ncol = min(3, len(features))\n"
                    + "    nrow = math.ceil(len(features) / ncol)\n"
                    + "    fig, axes = plt.subplots(nrow, ncol, figsize=(4.5 * ncol, 3.4 * nrow), squeeze=False)\n"
                    + "    for ax, f in zip(axes.flat, features):\n"
                    + "        lo, hi = events[f].quantile([0.005, 0.995])\n"
                    + "        if not hi > lo:\n"
                    + "            hi = lo + 1.0\n"
                    + "        bins = np.linspace(lo, hi, 41)\n"
                    + "        for name, g in groups:\n"
                    + "            ax.hist(g[f], bins=bins, density=True, histtype=\"step\", label=name)\n"
                    + "        unit = UNITS.get(f, \"\")\n"
                    + "        ax.set_xlabel(f\"{f} [{unit}]\" if unit else f)\n"
                    + "        ax.set_ylabel(\"density\")\n"
                    + "        ax.legend(fontsize=8)\n"
                    + "    for ax in list(axes.flat)[len(features):]:\n"
                    + "        ax.axis(\"off\")\n"
                    + "    fig.suptitle(\"Feature distributions by truth label\")\n"
                    + "    fig.tight_layout()\n"
                    + "    plt.show()\n");
            if (run.eventColumns().contains("mjj")) {
                double[] sr = run.signalRegion();
                nb.code("mjj", "SIGNAL_REGION = " + (sr == null ? "None" : "(" + py(sr[0]) + ", " + py(sr[1]) + ")")
                        + "  # GeV, from config.yaml\n"
                        + "if len(events) == 0:\n"
                        + "    print(\"no events\")\n"
                        + "else:\n"
                        + "    lo, hi = events[\"mjj\"].min(), events[\"mjj\"].max()\n"
                        + "    bins = np.linspace(lo, hi if hi > lo else lo + 1.0, 61)\n"
                        + "    fig, ax = plt.subplots(figsize=(8, 4.5))\n"
                        + "    ax.hist(events[\"mjj\"], bins=bins, weights=events[\"weight\"], histtype=\"step\",\n"
                        + "            color=\"black\", label=\"all events\")\n"
                        + "    if len(groups) > 1:\n"
                        + "        for name, g in groups:\n"
                        + "            ax.hist(g[\"mjj\"], bins=bins, weights=g[\"weight\"], histtype=\"step\", label=name)\n"
                        + "    if SIGNAL_REGION is not None:\n"
                        + "        ax.axvspan(*SIGNAL_REGION, color=\"tab:orange\", alpha=0.2, label=\"signal region\")\n"
                        + "    ax.set_yscale(\"log\")\n"
                        + "    ax.set_xlabel(\"mjj [GeV]\")\n"
                        + "    ax.set_ylabel(\"events / bin\")\n"
                        + "    ax.set_title(\"Dijet invariant mass\")\n"
                        + "    ax.legend()\n"
                        + "    plt.show()\n");
            }
        } else {
            nb.markdown("no-events", "## Event table\n\nThis run has no `" + RunDirectory.EVENTS_CSV
                    + "`, so there is nothing to reload and redraw here.\n");
        }

        nb.markdown("config", "## Config\n\n"
                + (run.configYaml() == null ? "*This run has no config.yaml.*\n"
                : "The canonical config of the run (`config.yaml`):\n\n" + Text.fenced("yaml", run.configYaml())));
        nb.markdown("provenance", "## Provenance\n\n" + provenance(run.provenance()));
        return nb.build();
    }

    private static String provenance(Map<String, Object> prov) {
        if (prov == null) {
            return "*This run has no provenance.json.*\n";
        }
        StringBuilder sb = new StringBuilder("From `provenance.json`:\n\n| key | value |\n|---|---|\n");
        RunSummary.flatten(prov).forEach((k, v) ->
                sb.append("| ").append(Text.md(k)).append(" | ").append(Text.md(v)).append(" |\n"));
        return sb.toString();
    }

    private static String num(Double d) {
        return d == null ? "" : RunSummary.formatNumber(d);
    }

    private static String py(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "float(\"nan\")";
    }

    /** The Python packages the notebook imports. */
    public static final List<String> PYTHON_MODULES = List.of("json", "pandas", "numpy", "matplotlib", "IPython");
}
