package org.anomalysearch.fpga.scan;

import java.util.Arrays;

import org.anomalysearch.core.InvalidInputException;

/**
 * The exact area under the ROC curve by the Mann-Whitney U statistic with ties counted one half:
 * {@code AUC = P(s_signal > s_background) + P(s_signal == s_background) / 2}, from midranks in O(n log n). Ties
 * matter here: quantized outputs take few distinct values.
 */
public final class Auc {
    private Auc() {
    }

    /**
     * The AUC of scores against labels (1 signal, 0 background).
     *
     * @throws InvalidInputException if the lengths differ, a label is not 0 or 1, a score is NaN, or a class is empty
     */
    public static double of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new InvalidInputException("AUC", null, scores.length + " scores and " + labels.length + " labels",
                    "give one label per score");
        }
        int n = scores.length;
        long pos = 0;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidInputException("AUC", "event " + i, "label " + labels[i], "labels are 0 or 1");
            }
            if (Double.isNaN(scores[i])) {
                throw new InvalidInputException("AUC", "event " + i, "score is NaN", "check the model output");
            }
            pos += labels[i];
            order[i] = i;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new InvalidInputException("AUC", null, "needs both classes, found " + pos + " signal and " + neg
                    + " background events", "use a labelled sample with both classes");
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // sum of midranks (1-based) of the signal events, twice, as an exact integer
        long twiceRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            long twiceMidrank = (long) (i + 1) + (j + 1);
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    twiceRankSum += twiceMidrank;
                }
            }
            i = j + 1;
        }
        // U = R - pos (pos + 1) / 2
        double twiceU = twiceRankSum - (double) pos * (pos + 1);
        return twiceU / 2.0 / ((double) pos * neg);
    }
}
