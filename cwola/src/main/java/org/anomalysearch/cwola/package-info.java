/**
 * Classifiers for the anomaly search: a {@link org.anomalysearch.cwola.ClassifierTrainer} fits an immutable
 * {@link org.anomalysearch.cwola.Classifier} on a {@link org.anomalysearch.cwola.TrainingSet}, whose
 * {@link org.anomalysearch.cwola.TrainingMode} (CWoLa, idealized, supervised) only decides which events are
 * class 1 and which class 0. {@link org.anomalysearch.cwola.MlpTrainer} is the CATHODE neural network (DJL,
 * PyTorch engine); {@link org.anomalysearch.cwola.KFoldScorer} scores every event with models that never saw
 * it. No DJL type appears in a public signature.
 */
package org.anomalysearch.cwola;
