package org.anomalysearch.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FourMomentum;
import org.anomalysearch.io.EventSource;
import org.anomalysearch.io.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} of the LHCO-format particle sample against the FastJet 3.4 reference jets of the same particles:
 * it must select exactly the events whose FastJet jets pass the cuts (>= 2 jets, leading pT > 1200 GeV, leading
 * |eta| < 2.5) and give the same two leading jets: pT, m and tau1..tau3 to 1e-9 relative, eta and phi to 1e-9
 * absolute, equal constituent counts. Both the Parquet and the CSV outputs are checked.
 */
class ConvertLhcoTest {

    private static final double REL = 1e-9;

    @TempDir
    Path dir;

    /** event -> jets (pt, eta, phi, m, n, tau1, tau2, tau3) sorted by pT, from the FastJet CSV. */
    static Map<Long, List<double[]>> reference() throws IOException {
        Path csv = TestData.shared("lhco_format/lhco_format_sample.fastjet.csv.gz");
        Map<Long, List<double[]>> ref = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csv)),
                StandardCharsets.US_ASCII))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                double[] jet = new double[8];
                for (int i = 0; i < 8; i++) {
                    jet[i] = Double.parseDouble(f[i + 2]);
                }
                ref.computeIfAbsent(Long.parseLong(f[0]), k -> new ArrayList<>()).add(jet);
            }
        }
        return ref;
    }

    @Test
    void selectsAndReconstructsExactlyTheFastJetEvents() throws IOException {
        Path h5 = TestData.particles();
        Map<Long, List<double[]>> ref = reference();
        List<Long> expected = new ArrayList<>();
        ref.forEach((ev, jets) -> {
            if (jets.size() >= 2 && jets.get(0)[0] > 1200 && Math.abs(jets.get(0)[1]) < 2.5) {
                expected.add(ev);
            }
        });
        assertTrue(expected.size() > 1000 && expected.size() < 1300, "the sample holds events that fail: " + expected.size());

        for (String name : List.of("events.parquet", "events.csv")) {
            Path out = dir.resolve(name);
            Cli r = Cli.run("convert", h5.toString(), "-o", out.toString(), "--threads", "2", "--chunk-size", "97");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("cut-flow"), r.out());
            EventBatch b;
            try (EventSource src = EventSource.open(out)) {
                b = src.readAll();
            }
            List<Long> got = new ArrayList<>();
            for (long id : b.ids()) {
                got.add(id);
            }
            assertEquals(expected, got, name + ": the selected events, in input order");
            if (name.endsWith(".parquet")) {
                try (var pr = org.anomalysearch.io.parquet.ParquetEventReader.open(out, 1000)) {
                    String prov = pr.metadata().get(Common.PROVENANCE_KEY);
                    assertTrue(prov.contains(org.anomalysearch.core.provenance.Hashing.sha256(h5)),
                            "the provenance records the input's SHA-256: " + prov);
                    assertTrue(pr.metadata().get(Common.CUTFLOW_TABLE_KEY).contains("leading jet pT > 1200 GeV"));
                }
            }
            for (int row = 0; row < b.size(); row++) {
                List<double[]> jets = ref.get(b.ids()[row]);
                for (int j = 0; j < 2; j++) {
                    String p = "jet" + (j + 1) + "_";
                    FourMomentum p4 = new FourMomentum(b.column(p + "px")[row], b.column(p + "py")[row],
                            b.column(p + "pz")[row], b.column(p + "e")[row]);
                    double[] want = jets.get(j);
                    String where = name + " event " + b.ids()[row] + " jet " + j;
                    assertRel(want[0], p4.pt(), where + " pt");
                    assertEquals(want[1], p4.eta(), 1e-9, where + " eta");
                    double dphi = Math.abs(want[2] - p4.phi());
                    assertTrue(Math.min(dphi, 2 * Math.PI - dphi) < 1e-9, where + " phi");
                    assertRel(want[3], b.column(p + "m")[row], where + " m");
                    assertEquals(want[4], b.column(p + "nconst")[row], where + " constituents");
                    for (int t = 0; t < 3; t++) {
                        assertRel(want[5 + t], b.column(p + "tau" + (t + 1))[row], where + " tau" + (t + 1));
                    }
                }
            }
        }
    }

    private static void assertRel(double want, double got, String what) {
        assertTrue(Math.abs(got - want) <= REL * Math.abs(want) + 1e-12, what + ": want " + want + ", got " + got);
    }
}
