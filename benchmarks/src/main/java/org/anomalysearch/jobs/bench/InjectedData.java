package org.anomalysearch.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.anomalysearch.core.AnalysisException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.region.Region;

/**
 * dijet_pythia QCD ({@code qcd_full_000..}) with the 3.5 TeV signal injected: signal events in a seeded random
 * order until those inside {@code sr} reach {@code sOverB} x the QCD there. One table with fresh unique ids (QCD
 * 0..n-1, then the signal), label 0 for QCD and 1 for signal.
 *
 * @param events       the combined table
 * @param qcdInSr      QCD events in the SR
 * @param signalInSr   injected signal events in the SR
 * @param injected     injected signal events in all
 * @param summary      one line describing the data
 */
record InjectedData(EventBatch events, long qcdInSr, long signalInSr, int injected, String summary) {

    static InjectedData load(Path dataDir, int files, double sOverB, Region sr, long seed) {
        long t0 = System.nanoTime();
        List<EventBatch> parts = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            parts.add(ScanBenchmark.read(dataDir.resolve(String.format(Locale.ROOT, "qcd_full_%03d.csv.gz", i))));
        }
        EventBatch qcd = EventBatch.concat(parts.get(0).schema(), parts);
        long qcdSr = ScanBenchmark.count(qcd.column("mjj"), sr.lo(), sr.hi());
        EventBatch sig = ScanBenchmark.read(dataDir.resolve("signal_3500_500_100_000.csv.gz"));
        int[] order = ScanBenchmark.permutation(sig.size(), seed);
        long wanted = Math.round(sOverB * qcdSr);
        List<Integer> inject = new ArrayList<>();
        long inSr = 0;
        double[] sm = sig.column("mjj");
        for (int k = 0; k < order.length && inSr < wanted; k++) {
            inject.add(order[k]);
            if (sr.contains(sm[order[k]])) {
                inSr++;
            }
        }
        if (inSr < wanted) {
            throw new AnalysisException("the signal file holds only " + inSr + " events in " + sr + ", " + wanted
                    + " wanted", "lower the S/B");
        }
        EventBatch.Builder b = new EventBatch.Builder(qcd.schema(), qcd.size() + inject.size());
        double[] row = new double[qcd.columns().length];
        long id = 0;
        for (int r = 0; r < qcd.size(); r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = qcd.columns()[c][r];
            }
            b.addRow(id++, 0, 1.0, row);
        }
        for (int r : inject) {
            for (int c = 0; c < row.length; c++) {
                row[c] = sig.columns()[c][r];
            }
            b.addRow(id++, 1, 1.0, row);
        }
        String summary = String.format(Locale.ROOT, "data: %,d QCD events (%d files), %,d in %s; %,d signal injected, "
                + "%,d in the SR (S/B %.4f, S/sqrt(B) %.2f); read in %.1f s%n", qcd.size(), files, qcdSr, sr,
                inject.size(), inSr, (double) inSr / qcdSr, inSr / Math.sqrt(qcdSr), (System.nanoTime() - t0) / 1e9);
        return new InjectedData(b.build(), qcdSr, inSr, inject.size(), summary);
    }
}
