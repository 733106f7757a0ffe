package org.anomalysearch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.anomalysearch.core.event.Jet;
import org.anomalysearch.core.jet.ClusteredJet;
import org.anomalysearch.core.jet.JetClusterer;
import org.anomalysearch.core.jet.JetDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jet clustering and N-subjettiness of analysis-core against FastJet 3.4.0 on the 1,300 events of
 * {@code ../shared/data/lhco_format/lhco_format_sample.h5} (reference
 * {@code lhco_format_sample.fastjet.csv.gz}: anti-kT R = 1.0, E-scheme, pT &gt; 20 GeV, sorted by pT;
 * tau1..tau3 for the two leading jets, 0 for the others).
 *
 * <p>Tolerances. The CSV prints 10 significant digits ({@code %.10g}: 1871.054923, 0.4595586912), so a
 * printed value v is within half a unit of its 10th digit, i.e. within 5e-10 |v| of FastJet's double. Hence
 * the 1e-9 targets are already coarser than the printed precision and are used as they are: pT, m and
 * tau1..tau3 to 1e-9 relative (with an absolute floor of 1e-12 for values printed as 0), eta and phi to
 * 1e-9 absolute (|eta|, |phi| &lt; 10, so the print error is at most 5e-10), phi compared modulo 2 pi.
 * The one exception is the mass of (nearly) massless jets, e.g. a single massless particle: m^2 =
 * (E + pz)(E - pz) - pT^2 is then a cancellation of terms ~E^2 and is pure rounding noise of a few ulp of
 * E^2 (FastJet itself prints -9.5e-7 GeV for one such jet and 0 for another, depending on the last bit of
 * sin/cos/sinh of the input). So m passes at 1e-9 relative or, failing that, when the signed m^2 agree
 * within {@link #M2_ULPS} ulp-sized units of E^2 (2.2e-16 E^2 each).
 */
class FastJetReferenceTest {
    private static final double REL = 1e-9;
    private static final double ABS = 1e-9;
    private static final double ZERO_FLOOR = 1e-12;
    static final double M2_ULPS = 16;
    private static final int MAX_PARTICLES = 700;

    private static double[][] events;
    private static List<List<double[]>> reference;

    static Path sharedData() {
        String dir = System.getProperty("anomalysearch.shared.dir", "../../shared");
        return Paths.get(dir, "data", "lhco_format");
    }

    @BeforeAll
    static void load() throws IOException {
        Path h5 = sharedData().resolve("lhco_format_sample.h5");
        Path csv = sharedData().resolve("lhco_format_sample.fastjet.csv.gz");
        assumeTrue(Files.isRegularFile(h5) && Files.isRegularFile(csv),
                "skipping: FastJet reference data not found at " + sharedData().toAbsolutePath()
                        + " (set -Danomalysearch.shared.dir)");
        try (HdfFile hdf = new HdfFile(h5)) {
            Dataset ds = hdf.getDatasetByPath("df/block0_values");
            events = (double[][]) ds.getData();
        }
        reference = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csv)), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            assertEquals("event,jet,pt,eta,phi,m,n_constituents,tau1,tau2,tau3", header);
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                int ev = Integer.parseInt(f[0]);
                int jet = Integer.parseInt(f[1]);
                while (reference.size() <= ev) {
                    reference.add(new ArrayList<>());
                }
                assertEquals(reference.get(ev).size(), jet, "jets of event " + ev + " in order");
                double[] v = new double[f.length - 2];
                for (int i = 2; i < f.length; i++) {
                    v[i - 2] = Double.parseDouble(f[i]);
                }
                reference.get(ev).add(v);
            }
        }
        while (reference.size() < events.length) {
            reference.add(new ArrayList<>()); // events without any jet above threshold
        }
    }

    private static void particles(double[] row, double[] pt, double[] eta, double[] phi) {
        for (int i = 0; i < MAX_PARTICLES; i++) {
            pt[i] = row[3 * i];
            eta[i] = row[3 * i + 1];
            phi[i] = row[3 * i + 2];
        }
    }

    @Test
    void shapeOfTheSample() {
        assertEquals(1300, events.length);
        assertEquals(3 * MAX_PARTICLES + 1, events[0].length);
        assertEquals(1300, reference.size());
    }

    @Test
    void antiKtJetsAndNSubjettinessMatchFastJetOnEveryEvent() {
        JetClusterer clusterer = new JetClusterer(JetDefinition.antiKt(1.0, 20.0));
        double[] pt = new double[MAX_PARTICLES];
        double[] eta = new double[MAX_PARTICLES];
        double[] phi = new double[MAX_PARTICLES];
        double worstRel = 0;
        double worstAngle = 0;
        double worstTau = 0;
        int nJets = 0;
        for (int ev = 0; ev < events.length; ev++) {
            particles(events[ev], pt, eta, phi);
            List<Jet> jets = clusterer.clusterToJets(pt, eta, phi, MAX_PARTICLES);
            List<double[]> ref = reference.get(ev);
            assertEquals(ref.size(), jets.size(), "number of jets in event " + ev);
            for (int j = 0; j < jets.size(); j++) {
                Jet jet = jets.get(j);
                double[] r = ref.get(j);
                String where = "event " + ev + " jet " + j;
                assertEquals((int) r[4], jet.nConstituents(), where + " constituents");
                worstRel = Math.max(worstRel, checkRel(r[0], jet.pt(), where + " pt"));
                checkMass(r[0], r[1], r[3], jet, where);
                double dEta = Math.abs(jet.eta() - r[1]);
                assertTrue(dEta <= ABS, where + " eta " + jet.eta() + " vs " + r[1]);
                double dPhi = Math.abs(Math.IEEEremainder(jet.phi() - r[2], 2 * Math.PI));
                assertTrue(dPhi <= ABS, where + " phi " + jet.phi() + " vs " + r[2]);
                worstAngle = Math.max(worstAngle, Math.max(dEta, dPhi));
                if (j < 2) {
                    worstTau = Math.max(worstTau, checkRel(r[5], jet.tau1(), where + " tau1"));
                    worstTau = Math.max(worstTau, checkRel(r[6], jet.tau2(), where + " tau2"));
                    worstTau = Math.max(worstTau, checkRel(r[7], jet.tau3(), where + " tau3"));
                } else {
                    assertTrue(Double.isNaN(jet.tau1()), where + ": taus only for the two leading jets");
                }
                nJets++;
            }
        }
        System.out.printf("FastJet reference: %d events, %d jets; max rel. dev. pt/m %.2e, eta/phi abs %.2e, "
                + "tau rel %.2e%n", events.length, nJets, worstRel, worstAngle, worstTau);
    }

    @Test
    void constituentIndicesPartitionTheParticlesOfEachJet() {
        JetClusterer clusterer = new JetClusterer(JetDefinition.antiKt(1.0, 0.0));
        double[] pt = new double[MAX_PARTICLES];
        double[] eta = new double[MAX_PARTICLES];
        double[] phi = new double[MAX_PARTICLES];
        for (int ev = 0; ev < events.length; ev += 13) {
            particles(events[ev], pt, eta, phi);
            List<ClusteredJet> jets = clusterer.cluster(pt, eta, phi, MAX_PARTICLES);
            boolean[] seen = new boolean[MAX_PARTICLES];
            int nonZero = 0;
            for (int i = 0; i < MAX_PARTICLES; i++) {
                nonZero += pt[i] > 0 ? 1 : 0;
            }
            int total = 0;
            for (ClusteredJet jet : jets) {
                double px = 0;
                double py = 0;
                for (int c : jet.constituents()) {
                    assertTrue(pt[c] > 0 && !seen[c], "event " + ev + ": constituent " + c + " once, non-zero");
                    seen[c] = true;
                    px += pt[c] * Math.cos(phi[c]);
                    py += pt[c] * Math.sin(phi[c]);
                }
                total += jet.nConstituents();
                assertEquals(jet.p4().px(), px, 1e-9 * jet.p4().e());
                assertEquals(jet.p4().py(), py, 1e-9 * jet.p4().e());
            }
            assertEquals(nonZero, total, "with ptMin = 0 every particle is in exactly one jet, event " + ev);
        }
    }

    private static void checkMass(double ptRef, double etaRef, double mRef, Jet jet, String where) {
        double m = jet.m();
        if (Math.abs(m - mRef) <= REL * Math.abs(mRef)) {
            return;
        }
        double e2 = Math.pow(ptRef * Math.cosh(etaRef), 2) + mRef * mRef;
        double m2Ref = Math.signum(mRef) * mRef * mRef;
        double dev = Math.abs(jet.p4().m2() - m2Ref);
        assertTrue(dev <= M2_ULPS * 0x1p-52 * e2, where + " m: " + m + " vs FastJet " + mRef + " (m2 differs by "
                + dev + ", E^2 = " + e2 + ")");
    }

    private static double checkRel(double ref, double got, String what) {
        double dev = Math.abs(got - ref);
        double tol = Math.max(REL * Math.abs(ref), ZERO_FLOOR);
        assertTrue(dev <= tol, what + ": " + got + " vs FastJet " + ref);
        return ref == 0 ? 0 : dev / Math.abs(ref);
    }
}
