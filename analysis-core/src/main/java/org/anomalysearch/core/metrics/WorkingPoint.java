package org.anomalysearch.core.metrics;

/**
 * One point of a ROC curve.
 *
 * @param threshold         events with score {@code >= threshold} pass
 * @param tpr               signal efficiency
 * @param fpr               background efficiency
 * @param sic               tpr / sqrt(fpr)
 * @param backgroundPassing background events passing (unweighted)
 * @param signalPassing     signal events passing (unweighted)
 */
public record WorkingPoint(double threshold, double tpr, double fpr, double sic, long backgroundPassing,
                           long signalPassing) {
}
