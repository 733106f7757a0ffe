package org.anomalysearch.density;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.anomalysearch.core.provenance.RunInfo;

import ai.djl.engine.Engine;

/**
 * Sideband data after preprocessing, as packed floats, with a seeded train/validation split and batch
 * assembly. Package-private.
 */
final class Prepared {

    final Preprocessor pre;
    final int d;
    final float[] x;   // n x d
    final float[] c;   // n
    final int[] train;
    final int[] val;

    Prepared(SidebandData data, double margin, double validationFraction, SplittableRandom splitRng) {
        this.pre = Preprocessor.fit(data, margin);
        this.d = data.dimension();
        int n = data.size();
        x = new float[n * d];
        c = new float[n];
        for (int i = 0; i < n; i++) {
            double[] s = pre.forward(data.x()[i]);
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) s[k];
            }
            c[i] = (float) pre.forwardMjj(data.mjj()[i]);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        shuffle(idx, splitRng);
        int nVal = Math.max(1, (int) Math.round(validationFraction * n));
        val = Arrays.copyOfRange(idx, 0, nVal);
        train = Arrays.copyOfRange(idx, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
    }

    /** Packs rows {@code rows[from..from+b)} into {@code xb} (b x d) and {@code cb} (b). */
    void gather(int[] rows, int from, int b, float[] xb, float[] cb) {
        for (int k = 0; k < b; k++) {
            int i = rows[from + k];
            System.arraycopy(x, i * d, xb, k * d, d);
            cb[k] = c[i];
        }
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static float[] gaussians(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    /** Provenance common to both trainers. */
    static Map<String, String> provenance(String kind, long seed, SidebandData data, Prepared p, Engine engine,
            String device) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("seed", Long.toString(seed));
        m.put("features", String.join(",", data.features()));
        m.put("sidebandEvents", Integer.toString(data.size()));
        m.put("trainEvents", Integer.toString(p.train.length));
        m.put("validationEvents", Integer.toString(p.val.length));
        m.put("mjjRange", p.pre.mjjMin() + "," + p.pre.mjjMax());
        m.put("appVersion", RunInfo.appVersion());
        m.put("java", RunInfo.javaVersion());
        m.put("os", RunInfo.os());
        m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        m.put("djlVersion", Engine.getDjlVersion());
        m.put("device", device);
        return m;
    }
}
