package org.anomalysearch.core.metrics;

/** Validation and sorting shared by the metrics. */
final class MetricInputs {

    private MetricInputs() {
    }

    static void check(double[] scores, int[] labels, double[] weights) {
        if (scores == null || labels == null) {
            throw new IllegalArgumentException("scores and labels are required");
        }
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
        if (weights != null && weights.length != scores.length) {
            throw new IllegalArgumentException("weights have " + weights.length + " entries, expected "
                    + scores.length);
        }
        boolean sig = false;
        boolean bkg = false;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN; a ROC curve needs ordered scores");
            }
            if (labels[i] == 1) {
                sig = true;
            } else if (labels[i] == 0) {
                bkg = true;
            } else {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
            if (weights != null && !(weights[i] >= 0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]
                        + ", expected a finite value >= 0");
            }
        }
        if (!sig || !bkg) {
            throw new IllegalArgumentException("a ROC curve needs both classes, got " + (sig ? "only signal"
                    : "only background") + " among " + scores.length + " events");
        }
    }

    /**
     * Indices ordered by decreasing score, ties in increasing index order (a stable merge sort on primitive
     * indices; the order within ties does not change any metric).
     */
    static int[] descendingOrder(double[] scores) {
        int n = scores.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // take from the right run only when strictly greater: stable, so ties keep index order
                    b[k++] = Double.compare(scores[a[j]], scores[a[i]]) > 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
