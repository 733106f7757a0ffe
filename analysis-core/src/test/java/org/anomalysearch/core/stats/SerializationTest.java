package org.anomalysearch.core.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.anomalysearch.core.fit.BinnedSpectrum;
import org.anomalysearch.core.fit.FitOptions;
import org.anomalysearch.core.fit.Fixtures;
import org.anomalysearch.core.region.Region;
import org.junit.jupiter.api.Test;

/** What a Spark job ships to executors and back survives Java serialization. */
class SerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void resultsAndSettingsRoundTrip() throws Exception {
        BinnedSpectrum s = Fixtures.spectrum("bump4");
        SidebandFit.Result r = SidebandFit.evaluate(s, new Region(3250, 3750), 4);
        SidebandFit.Result back = roundTrip(r);
        assertEquals(r.fit(), back.fit());
        assertEquals(r.local(), back.local());
        assertEquals(r.background(), back.background());
        assertEquals(s, roundTrip(s));
        assertEquals(FitOptions.defaults(), roundTrip(FitOptions.defaults()));
        BumpHunter.Config cfg = BumpHunter.Config.widths(4);
        assertEquals(cfg, roundTrip(cfg));
        ToyResult t = BumpHunter.toy(s.counts(), cfg, 1, 2);
        assertEquals(t, roundTrip(t));
        WindowScan.ToyScan ts = WindowScan.toy(s, s.counts(), s.counts(), List.of(new Region(3250, 3750)), 3,
                FitOptions.defaults(), Significance.Constraint.GAUSSIAN, 1, 0);
        assertArrayEquals(ts.zSigned(), roundTrip(ts).zSigned());
        WindowScan.Result scan = WindowScan.scan(s, List.of(new Region(3250, 3750)), 3, FitOptions.defaults(),
                Significance.Constraint.GAUSSIAN);
        assertArrayEquals(scan.z(), roundTrip(scan).z());
    }
}
