/**
 * Trigger-level anomaly detection: per-event jet features a Level-1 trigger could see ({@link TriggerFeatures}),
 * an autoencoder and a VAE trained with DJL on background-dominated events ({@link TriggerTrainer}) whose fitted
 * {@link TriggerModel} scores in plain Java, and the trigger figures at a fixed background acceptance
 * ({@link TriggerEfficiency}): thresholds, rates and signal efficiencies, next to plain jet-pT and HT thresholds.
 */
package org.anomalysearch.trigger;
