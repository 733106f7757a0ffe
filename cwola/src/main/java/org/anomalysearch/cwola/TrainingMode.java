package org.anomalysearch.cwola;

/**
 * What the two classes of a training set are. The mode only decides which events get label 1 and which 0;
 * training is the same code path for all three.
 */
public enum TrainingMode {
    /** Classification without labels: signal-region data (1) vs background sampled from a density model (0). */
    CWOLA,
    /** Idealized anomaly detector: signal-region data (1) vs a true background sample (0); simulation only. */
    IDEALIZED,
    /** Fully supervised: truth-labelled signal (1) vs background (0); the absolute ceiling. */
    SUPERVISED
}
