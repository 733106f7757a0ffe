package org.anomalysearch.fpga.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.anomalysearch.fpga.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Every line of ../shared/data/fixed_point/ap_fixed_vectors.csv.gz (computed by g++ with the real Xilinx
 * ap_fixed headers) reproduced bit-exactly, by the BigInteger reference (FixedValue) and by the fast long path
 * (Quantizer).
 */
class ApFixedVectorsTest {

    private record Line(int number, String op, String type, String a, String b, String result) {
    }

    @Test
    void everyVectorIsReproducedBitExactly() throws IOException {
        Path file = SharedData.require("data/fixed_point/ap_fixed_vectors.csv.gz");
        List<Line> lines = read(file);
        assertTrue(lines.size() > 100_000, "expected ~106k vectors, read " + lines.size());
        Map<String, FixedType> typeCache = new HashMap<>();
        Map<FixedType, Quantizer> quantizers = new HashMap<>();
        List<String> bad = new ArrayList<>();
        int conv = 0;
        int ops = 0;
        for (Line l : lines) {
            double want = Double.parseDouble(l.result());
            double a = Double.parseDouble(l.a());
            double gotRef;
            double gotFast;
            if (l.op().equals("conv")) {
                FixedType t = typeCache.computeIfAbsent(l.type(), FixedType::parse);
                Quantizer q = quantizers.computeIfAbsent(t, Quantizer::new);
                gotRef = FixedValue.of(a, t).toDouble();
                gotFast = q.toDouble(q.fromDouble(a));
                conv++;
            } else {
                // e.g. ap_fixed<16,6>*ap_fixed<16,6>->ap_fixed<16,6,AP_TRN,AP_WRAP>
                int arrow = l.type().indexOf("->");
                String operands = l.type().substring(0, arrow);
                char opChar = l.op().equals("mul") ? '*' : l.op().equals("add") ? '+' : '-';
                int split = operands.indexOf('>' + String.valueOf(opChar)) + 1;
                FixedType ta = typeCache.computeIfAbsent(operands.substring(0, split), FixedType::parse);
                FixedType tb = typeCache.computeIfAbsent(operands.substring(split + 1), FixedType::parse);
                FixedType tr = typeCache.computeIfAbsent(l.type().substring(arrow + 2), FixedType::parse);
                double b = Double.parseDouble(l.b());
                FixedValue va = FixedValue.of(a, ta);
                FixedValue vb = FixedValue.of(b, tb);
                assertEquals(a, va.toDouble(), "line " + l.number() + ": operand a not representable in " + ta);
                assertEquals(b, vb.toDouble(), "line " + l.number() + ": operand b not representable in " + tb);
                FixedValue full = switch (l.op()) {
                    case "mul" -> va.multiply(vb);
                    case "add" -> va.add(vb);
                    default -> va.subtract(vb);
                };
                gotRef = full.cast(tr).toDouble();
                // fast path: raw long arithmetic, then one quantizer call
                Quantizer qa = quantizers.computeIfAbsent(ta, Quantizer::new);
                Quantizer qb = quantizers.computeIfAbsent(tb, Quantizer::new);
                Quantizer qr = quantizers.computeIfAbsent(tr, Quantizer::new);
                long ra = qa.fromDouble(a);
                long rb = qb.fromDouble(b);
                int fa = ta.fractionalBits();
                int fb = tb.fractionalBits();
                long raw;
                int frac;
                if (l.op().equals("mul")) {
                    raw = ra * rb;
                    frac = fa + fb;
                } else {
                    frac = Math.max(fa, fb);
                    long xa = ra << (frac - fa);
                    long xb = rb << (frac - fb);
                    raw = l.op().equals("add") ? xa + xb : xa - xb;
                }
                gotFast = qr.toDouble(qr.fromRaw(raw, frac));
                ops++;
            }
            if (Double.compare(gotRef, want) != 0 || Double.compare(gotFast, want) != 0) {
                bad.add("line " + l.number() + " " + l.op() + " " + l.type() + " a=" + l.a() + " b=" + l.b()
                        + ": want " + l.result() + ", reference " + gotRef + ", fast " + gotFast);
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + lines.size() + " vectors differ, first: "
                + bad.subList(0, Math.min(20, bad.size())));
        assertEquals(100_800, conv, "conversion vectors");
        assertEquals(5_400, ops, "operation vectors");
    }

    private static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            assertEquals("op,type,a,b,result", header);
            String s;
            int n = 1;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank()) {
                    continue;
                }
                int c1 = s.indexOf(',');
                int gt = s.lastIndexOf('>');
                String[] rest = s.substring(gt + 2).split(",", -1);
                assertEquals(3, rest.length, "line " + n + ": " + s);
                out.add(new Line(n, s.substring(0, c1), s.substring(c1 + 1, gt + 1), rest[0], rest[1], rest[2]));
            }
        }
        return out;
    }
}
