/**
 * Classifier metrics: ROC curves (weighted, ties handled as scikit-learn does), exact AUC (Mann-Whitney
 * with ties), SIC curves and max SIC with a minimum number of background events passing, background
 * rejection at a fixed signal efficiency, seeded bootstrap uncertainties, and top-x % selections by score,
 * overall and per mjj bin.
 *
 * <p>Pure Java; pinned to scikit-learn's {@code roc_curve}/{@code roc_auc_score} by committed fixtures.
 */
package org.anomalysearch.core.metrics;
