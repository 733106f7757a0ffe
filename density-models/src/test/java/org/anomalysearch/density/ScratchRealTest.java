package org.anomalysearch.density;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.io.EventSource;
import org.junit.jupiter.api.Test;

class ScratchRealTest {
    @Test
    void real() {
        Path f = Path.of(System.getProperty("anomalysearch.shared.dir"), "data/dijet_pythia/qcd_full_000.csv.gz");
        List<double[]> rows = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        try (EventSource src = EventSource.open(f)) {
            while (src.hasNext()) {
                EventBatch b = src.next();
                double[] mjj = b.column("mjj");
                double[] mj1 = b.column("mj1");
                double[] dmj = b.column("dmj");
                double[] t1 = b.column("tau21_j1");
                double[] t2 = b.column("tau21_j2");
                for (int i = 0; i < b.size(); i++) {
                    double m = mjj[i] / 1000;
                    if (m < 3.3 || m > 3.7) {
                        rows.add(new double[] {mj1[i] / 1000, dmj[i] / 1000, t1[i], t2[i]});
                        ms.add(m);
                    }
                }
            }
        }
        SidebandData data = SidebandData.of(List.of("mj1", "dmj", "tau21_j1", "tau21_j2"), rows.toArray(new double[0][]),
                ms.stream().mapToDouble(Double::doubleValue).toArray());
        Prepared p = new Prepared(data, 0.01, 0.2, new java.util.SplittableRandom(1));
        double[] mx = new double[5];
        for (int i = 0; i < p.c.length; i++) {
            for (int k = 0; k < 4; k++) mx[k] = Math.max(mx[k], Math.abs(p.x[i * 4 + k]));
            mx[4] = Math.max(mx[4], Math.abs(p.c[i]));
        }
        System.out.println("events " + data.size() + " max |s| " + java.util.Arrays.toString(mx));
        new FlowTrainer(FlowConfig.defaults().withEpochs(3)).fit(data, 1L, (e, m, t, v) -> System.out.println("epoch " + e + " " + t + " " + v));
    }
}
