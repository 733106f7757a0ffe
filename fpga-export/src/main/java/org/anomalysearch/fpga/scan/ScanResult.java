package org.anomalysearch.fpga.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a {@link PrecisionScan}: the float model's AUC, one {@link ScanPoint} per grid precision (sorted
 * by W, then I) and the chosen precision, if any meets the target.
 *
 * @param config   the scan's grid and criteria
 * @param events   events scanned
 * @param signal   signal events among them
 * @param floatAuc AUC of the float32 model
 * @param points   the grid
 * @param chosen   the cheapest eligible precision ({@link ScanPoint#eligible()}), empty if none is
 * @param closest  when none is eligible, the point that came closest (fewest rejections, then smallest
 *                 |1 - relative AUC|); empty otherwise
 */
public record ScanResult(ScanConfig config, int events, long signal, double floatAuc, List<ScanPoint> points,
        Optional<ScanPoint> chosen, Optional<ScanPoint> closest) {

    public ScanResult {
        points = List.copyOf(points);
    }

    /** The point of (W, I), if scanned. */
    public Optional<ScanPoint> point(int width, int integerBits) {
        return points.stream().filter(p -> p.width() == width && p.integerBits() == integerBits).findFirst();
    }

    /** The relative AUC table as text, followed by the choice. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "precision scan: %,d events (%,d signal), float32 AUC %.5f, %s%n",
                events, signal, floatAuc, config));
        sb.append(String.format(Locale.ROOT, "%-22s %8s %8s %8s %8s %11s %11s %9s %9s%n", "precision", "AUC",
                "rel.AUC", "sel.frac", "overlap", "overflows", "ovf.events", "DSP(hls)", "DSP27x18"));
        for (ScanPoint p : points) {
            String mark = chosen.isPresent() && chosen.get().type().equals(p.type()) ? " <- chosen"
                    : p.eligible() ? " ok" : closest.isPresent() && closest.get().type().equals(p.type())
                            ? " <- closest: " + String.join("; ", p.rejections())
                            : p.withinTarget() ? " (" + String.join("; ", p.rejections()) + ")" : "";
            long params = p.parameterOverflows().values().stream().mapToLong(Long::longValue).sum();
            sb.append(String.format(Locale.ROOT, "%-22s %8.5f %8.5f %8.4f %8.4f %11d %11d %9d %9d%s%s%n",
                    p.type().toHls4mlString(), p.auc(), p.relativeAuc(), p.selectedFraction(), p.selectionOverlap(),
                    p.totalOverflows(), p.eventsWithOverflow(), p.dspHls4ml(), p.dsp27x18(),
                    params > 0 ? " (" + params + " parameters overflow)" : "", mark));
        }
        if (chosen.isPresent()) {
            ScanPoint c = chosen.get();
            sb.append(String.format(Locale.ROOT, "chosen: %s (relative AUC %.5f, |1 - r| = %.5f <= %.5f; selection "
                    + "overlap %.4f; %s; fewest bits, then DSPs (estimate %d at RF %d))%n", c.type().toHls4mlString(),
                    c.relativeAuc(), c.aucDeparture(), config.relativeAucTolerance(), c.selectionOverlap(),
                    c.eventsWithOverflow() == 0 && c.totalParameterOverflows() == 0 ? "no overflows"
                            : c.eventsWithOverflow() + " events overflow (allowed)", c.dsp27x18(),
                    config.reuseFactor()));
        } else {
            sb.append(String.format(Locale.ROOT, "chosen: none; no precision of the grid has |1 - relative AUC| <= "
                    + "%.5f with %s and selection overlap >= %s%n", config.relativeAucTolerance(),
                    config.allowOverflows() ? "overflows allowed" : "no overflows", config.minSelectionOverlap()));
            closest.ifPresent(c -> sb.append(String.format(Locale.ROOT, "closest: %s (relative AUC %.5f, "
                    + "selection overlap %.4f, %d events overflow), not chosen because: %s%n",
                    c.type().toHls4mlString(), c.relativeAuc(), c.selectionOverlap(), c.eventsWithOverflow(),
                    String.join("; ", c.rejections()))));
        }
        sb.append("DSP numbers are estimates before synthesis (-1: none, e.g. for trees); overflows count assignments outside the target type "
                + "(inputs, products, partial sums, results) summed over events and layers.\n");
        return sb.toString();
    }

    /** A JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("signal", signal);
        m.put("floatAuc", floatAuc);
        m.put("relativeAucTarget", config.relativeAucTarget());
        m.put("criterion", "|1 - relativeAuc| <= 1 - relativeAucTarget");
        m.put("minSelectionOverlap", config.minSelectionOverlap());
        m.put("allowOverflows", config.allowOverflows());
        m.put("workingPoint", config.workingPoint());
        m.put("quantization", config.quantization().name());
        m.put("overflow", config.overflow().name());
        m.put("reuseFactor", config.reuseFactor());
        m.put("chosen", chosen.map(p -> p.type().toHls4mlString()).orElse(null));
        m.put("closest", closest.map(p -> p.type().toHls4mlString()).orElse(null));
        List<Object> ps = new ArrayList<>();
        for (ScanPoint p : points) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("precision", p.type().toHls4mlString());
            r.put("W", p.width());
            r.put("I", p.integerBits());
            r.put("auc", p.auc());
            r.put("relativeAuc", p.relativeAuc());
            r.put("withinTarget", p.withinTarget());
            r.put("eligible", p.eligible());
            r.put("rejections", p.rejections());
            r.put("selectedFraction", p.selectedFraction());
            r.put("selectionOverlap", p.selectionOverlap());
            r.put("eventsWithOverflow", p.eventsWithOverflow());
            r.put("overflows", p.overflows());
            r.put("parameterOverflows", p.parameterOverflows());
            r.put("dspHls4mlEstimate", p.dspHls4ml());
            r.put("dsp27x18Estimate", p.dsp27x18());
            ps.add(r);
        }
        m.put("points", ps);
        return m;
    }
}
